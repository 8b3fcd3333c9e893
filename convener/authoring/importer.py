"""Import all content: read and check every file first, then apply everything in one transaction.

Each kind of content (courses, the guide, methods, recordings, the self-assessment) has a loader
that checks its files, an applier that brings the database in line, an exporter that writes the
files back, and a search indexer. Add a kind by adding a line to KINDS.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .models import ContentImport
from .reader import ContentError, Reader

DEFAULT_ROOT = Path(settings.BASE_DIR) / "content"


@dataclass(frozen=True)
class ContentKind:
    name: str
    load: Callable[[Reader, Path], object]
    apply: Callable[[object], list[str]]
    export: Callable[[Path], list[Path]]
    reindex: Callable[[], None] | None = None


def _kinds() -> list[ContentKind]:
    # Imported here: each kind's models belong to an app that must be loaded first.
    from convener.assessment.search import reindex_assessment
    from convener.courses.search import reindex_courses
    from convener.guide.search import reindex_guide
    from convener.methods.search import reindex_methods
    from convener.recordings.search import reindex_recordings

    from .assessment import apply_assessment, export_assessment, load_assessment
    from .courses import apply_courses, export_courses, load_courses
    from .guide import apply_guide, export_guide, load_guide
    from .methods import apply_methods, export_methods, load_methods
    from .recordings import apply_recordings, export_recordings, load_recordings

    return [
        # Methods before courses: lessons and modules link to them.
        ContentKind("methods", load_methods, apply_methods, export_methods, reindex_methods),
        ContentKind("recordings", load_recordings, apply_recordings, export_recordings, reindex_recordings),
        ContentKind("courses", load_courses, apply_courses, export_courses, reindex_courses),
        ContentKind("guide", load_guide, apply_guide, export_guide, reindex_guide),
        ContentKind("assessment", load_assessment, apply_assessment, export_assessment, reindex_assessment),
    ]


def digest(root: Path) -> str:
    """A fingerprint of every file under the content folder (names and bytes) and of where media goes.

    Media storage is part of it: after moving media to a bucket (or another address) the next
    `importcontent --if-changed` copies the files there and rewrites the links in lessons.
    """
    sha = hashlib.sha256()
    sha.update(repr((settings.STORAGES["default"], settings.MEDIA_URL)).encode() + b"\0")
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        sha.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


def load(root: Path) -> dict:
    """Read and check everything; raise ContentError listing every problem."""
    reader = Reader()
    if not root.is_dir():
        reader.problem(root, None, "content folder does not exist")
        reader.raise_if_problems()
    bundle = {kind.name: kind.load(reader, root) for kind in _kinds()}
    reader.raise_if_problems()
    return bundle


def import_content(root: Path = DEFAULT_ROOT, only_if_changed: bool = False) -> list[str] | None:
    """Apply the files under `root`. Returns the changes, or None when skipped as unchanged."""
    fingerprint = digest(root) if root.is_dir() else ""
    if only_if_changed and ContentImport.objects.filter(digest=fingerprint).exists():
        return None
    bundle = load(root)
    with transaction.atomic():
        changes = []
        for kind in _kinds():
            changes += kind.apply(bundle[kind.name])
        for kind in _kinds():
            if kind.reindex:
                kind.reindex()
        ContentImport.objects.create(digest=fingerprint, summary="\n".join(changes))
        if any("guide" in change for change in changes):
            from convener.guide.tasks import build_guide_pdf

            transaction.on_commit(build_guide_pdf.enqueue)
    return changes


def export_content(root: Path) -> list[Path]:
    written = []
    for kind in _kinds():
        written += kind.export(root)
    return written


__all__ = ["ContentError", "export_content", "import_content", "load"]
