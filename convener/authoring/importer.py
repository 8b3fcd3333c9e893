"""Import all content: read and check every file first, then apply everything in one transaction."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import transaction

from convener.courses.search import reindex_courses
from convener.guide.search import reindex_guide

from .courses import apply_courses, export_courses, load_courses
from .guide import apply_guide, export_guide, load_guide
from .models import ContentImport
from .reader import ContentError, Reader

SEARCH_INDEXERS = [reindex_courses, reindex_guide]
DEFAULT_ROOT = Path(settings.BASE_DIR) / "content"


def digest(root: Path) -> str:
    """A fingerprint of every file under the content folder: names and bytes."""
    sha = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        sha.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


def load(root: Path) -> dict:
    """Read and check everything; raise ContentError listing every problem."""
    reader = Reader()
    if not root.is_dir():
        reader.problem(root, None, "content folder does not exist")
    bundle = {"courses": [], "guide": None}
    if root.is_dir():
        bundle = {"courses": load_courses(reader, root), "guide": load_guide(reader, root)}
    reader.raise_if_problems()
    return bundle


def import_content(root: Path = DEFAULT_ROOT, only_if_changed: bool = False) -> list[str] | None:
    """Apply the files under `root`. Returns the changes, or None when skipped as unchanged."""
    fingerprint = digest(root) if root.is_dir() else ""
    if only_if_changed and ContentImport.objects.filter(digest=fingerprint).exists():
        return None
    bundle = load(root)
    with transaction.atomic():
        changes = apply_courses(bundle["courses"]) + apply_guide(bundle["guide"])
        for reindex in SEARCH_INDEXERS:
            reindex()
        ContentImport.objects.create(digest=fingerprint, summary="\n".join(changes))
    return changes


def export_content(root: Path) -> list[Path]:
    return export_courses(root) + export_guide(root)


__all__ = ["ContentError", "export_content", "import_content", "load"]
