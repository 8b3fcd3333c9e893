"""Media (lesson images, videos, captions, the guide PDF) in the configured storage: local disk or S3."""

import os
import secrets
import shutil
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import reverse
from django.views.decorators.http import condition, require_safe

CHUNK = 1024 * 1024


def url(name: str) -> str:
    """Where browsers fetch the file: /media/… on local disk, the bucket's public address on S3."""
    return default_storage.url(name)


def url_on_this_site(name: str) -> str:
    """This site's own address for the file, for what browsers load only from the page's origin (captions)."""
    return reverse("media", kwargs={"path": name})


def store(name: str, source: Path | bytes) -> bool:
    """Put the content at `name`, replacing any older file in one step; False when it was there already."""
    if _same_content(name, source):
        return False
    try:
        target = Path(default_storage.path(name))
    except NotImplementedError:
        # Remote storage: an object is replaced by a single PUT, which readers see whole or not at all.
        with _opened(source) as content:
            saved = default_storage.save(name, content)
        if saved != name:
            default_storage.delete(saved)
            raise ImproperlyConfigured("The media storage must overwrite files (file_overwrite).") from None
    else:
        _replace_file(target, source)
    return True


def fetch(name: str, target: Path) -> bool:
    """Copy a stored file out to `target`; False when the storage has no such file."""
    if not default_storage.exists(name):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    with default_storage.open(name, "rb") as stored, target.open("wb") as out:
        shutil.copyfileobj(stored, out, CHUNK)
    return True


def _opened(source: Path | bytes) -> File:
    return ContentFile(source) if isinstance(source, bytes) else File(source.open("rb"))


def _same_content(name: str, source: Path | bytes) -> bool:
    size = len(source) if isinstance(source, bytes) else source.stat().st_size
    try:
        if default_storage.size(name) != size:
            return False
    except FileNotFoundError:
        return False
    with default_storage.open(name, "rb") as stored, _opened(source) as local:
        while chunk := local.read(CHUNK):
            if stored.read(len(chunk)) != chunk:
                return False
    return True


def _replace_file(target: Path, source: Path | bytes) -> None:
    """Write beside the target, then rename over it: a reader gets the old file or the new one, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.{secrets.token_hex(8)}.part")
    # Created with the usual permissions (0666 less the umask) so a reverse proxy can serve it as before.
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as out, _opened(source) as content:
            shutil.copyfileobj(content, out, CHUNK)
            out.flush()
            os.fsync(out.fileno())
        if (mode := getattr(default_storage, "file_permissions_mode", None)) is not None:
            os.chmod(part, mode)
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _modified(request, path):
    try:
        return default_storage.get_modified_time(path) if default_storage.exists(path) else None
    except SuspiciousFileOperation:
        return None


@require_safe
@condition(last_modified_func=_modified)
def serve(request, path):
    """A stored file: all media on local disk; on S3, captions (a <track> loads only from its own site)."""
    try:
        return FileResponse(default_storage.open(path, "rb"))
    except (FileNotFoundError, IsADirectoryError, SuspiciousFileOperation):
        raise Http404("No such file") from None
