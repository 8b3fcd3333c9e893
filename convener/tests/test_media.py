"""Media in the storage: one-step replacement on local disk, the /media/ view, and the S3 settings."""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.utils.http import http_date

from convener.lib import media
from convener.settings import media_storage
from convener.tests.test_security import run_django

NAME = "courses/c/01-m/images/seat plan.svg"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


def test_replacing_a_file_keeps_an_open_reader_on_the_whole_old_file(media_root):
    old, new = b"<svg>old</svg>" * 50_000, b"<svg>new</svg>" * 40_000
    assert media.store(NAME, old)
    with default_storage.open(NAME, "rb") as reader:
        assert reader.read(10) == old[:10]
        assert media.store(NAME, new)
        # A rename over the file, not a rewrite in place: the reader still gets every byte it started on.
        assert reader.read() == old[10:]
    with default_storage.open(NAME, "rb") as f:
        assert f.read() == new
    assert leftovers(media_root / "courses/c/01-m/images") == []


def test_storing_the_same_bytes_again_writes_nothing(media_root, tmp_path):
    source = tmp_path / "seat plan.svg"
    source.write_bytes(b"<svg>seats</svg>")
    assert media.store(NAME, source)
    before = (media_root / NAME).stat()
    assert not media.store(NAME, source)
    after = (media_root / NAME).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    source.write_bytes(b"<svg>sofas</svg>")  # the same size is not enough: the bytes are compared
    assert media.store(NAME, source)
    assert (media_root / NAME).read_bytes() == b"<svg>sofas</svg>"


def test_a_failed_write_leaves_the_old_file_and_no_part_file(media_root, tmp_path):
    media.store(NAME, b"<svg>kept</svg>")
    unreadable = tmp_path / "folder.svg"
    unreadable.mkdir()
    with pytest.raises(IsADirectoryError):
        media.store(NAME, unreadable)
    assert (media_root / NAME).read_bytes() == b"<svg>kept</svg>"
    assert leftovers(media_root / "courses/c/01-m/images") == []


def test_stored_files_are_readable_by_a_reverse_proxy_like_any_new_file(media_root):
    media.store(NAME, b"<svg/>")
    umask = os.umask(0)
    os.umask(umask)
    assert (media_root / NAME).stat().st_mode & 0o777 == 0o666 & ~umask


def test_fetch_copies_a_stored_file_out_and_reports_a_missing_one(media_root, tmp_path):
    media.store(NAME, b"<svg>out</svg>")
    assert media.fetch(NAME, tmp_path / "out" / "a.svg")
    assert (tmp_path / "out" / "a.svg").read_bytes() == b"<svg>out</svg>"
    assert not media.fetch("courses/none.svg", tmp_path / "out" / "b.svg")
    assert not (tmp_path / "out" / "b.svg").exists()


@pytest.mark.django_db
def test_the_media_view_serves_stored_files_with_their_type(client, media_root):
    media.store(NAME, b"<svg>served</svg>")
    assert media.url(NAME) == "/media/courses/c/01-m/images/seat%20plan.svg"
    r = client.get(media.url(NAME))
    assert r.status_code == 200
    assert b"".join(r.streaming_content) == b"<svg>served</svg>"
    assert r["Content-Type"] == "image/svg+xml"
    assert client.head(media.url(NAME)).status_code == 200
    again = client.get(media.url(NAME), headers={"If-Modified-Since": r["Last-Modified"]})
    assert again.status_code == 304
    stale = client.get(media.url(NAME), headers={"If-Modified-Since": http_date(0)})
    assert stale.status_code == 200


@pytest.mark.django_db
def test_the_media_view_refuses_what_is_not_a_stored_file(client, media_root):
    media.store(NAME, b"<svg/>")
    assert client.post(media.url(NAME)).status_code == 405
    assert client.get("/media/courses/none.svg").status_code == 404
    assert client.get("/media/courses/c").status_code == 404  # a folder
    assert client.get("/media/../secret_key").status_code == 404
    assert client.get("/media/%2E%2E/secret_key").status_code == 404


def s3_url(env: dict, name: str = NAME) -> tuple[str, list[str]]:
    """The address a page would link for a stored file with these settings, and the origins the CSP allows."""
    from storages.backends.s3 import S3Storage

    storage, origins = media_storage(env)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    url = S3Storage(**storage["OPTIONS"]).url(name)
    scheme, host, *_ = urlsplit(url)
    assert f"{scheme}://{host}" in origins, f"{url} is not allowed by the policy: {origins}"
    return url, origins


def test_local_disk_is_the_default():
    assert media_storage({}) == ({"BACKEND": "django.core.files.storage.FileSystemStorage"}, [])


def test_an_s3_compatible_service_is_reached_at_its_endpoint():
    url, origins = s3_url(
        {"CONVENER_MEDIA_S3_BUCKET": "convener", "CONVENER_MEDIA_S3_ENDPOINT_URL": "https://s3.example.net/"}
    )
    assert url == "https://s3.example.net/convener/courses/c/01-m/images/seat%20plan.svg"
    assert origins == ["https://s3.example.net"]


def test_an_aws_bucket_is_reached_at_its_regional_address():
    url, _ = s3_url({"CONVENER_MEDIA_S3_BUCKET": "convener", "CONVENER_MEDIA_S3_REGION": "eu-west-1"})
    assert url == "https://convener.s3.eu-west-1.amazonaws.com/courses/c/01-m/images/seat%20plan.svg"


def test_a_public_address_such_as_a_cdn_wins():
    url, origins = s3_url(
        {
            "CONVENER_MEDIA_S3_BUCKET": "convener",
            "CONVENER_MEDIA_S3_ENDPOINT_URL": "https://s3.example.net",
            "CONVENER_MEDIA_S3_PUBLIC_URL": "https://media.example.org/convener/",
        }
    )
    assert url == "https://media.example.org/convener/courses/c/01-m/images/seat%20plan.svg"
    assert origins == ["https://media.example.org"]


def test_a_public_address_without_a_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="must start with https://"):
        media_storage(
            {"CONVENER_MEDIA_S3_BUCKET": "convener", "CONVENER_MEDIA_S3_PUBLIC_URL": "media.example.org"}
        )


def test_with_s3_on_pages_may_load_images_and_videos_from_the_bucket_and_nowhere_else():
    script = (
        "from django.core.files.storage import default_storage\n"
        "from django.test import Client\n"
        "print(Client().get('/healthz', headers={'host': 'localhost'})['Content-Security-Policy'])\n"
        "print(default_storage.url('guide/a.pdf'))\n"
    )
    env = {"CONVENER_MEDIA_S3_BUCKET": "convener", "CONVENER_MEDIA_S3_ENDPOINT_URL": "https://s3.example.net"}
    with tempfile.TemporaryDirectory() as data_dir:
        result = run_django("shell", "-c", script, env=env, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    policy, url = result.stdout.strip().splitlines()[-2:]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["img-src"] == "'self' https://s3.example.net"
    assert directives["media-src"] == "'self' https://s3.example.net"
    assert url == "https://s3.example.net/convener/guide/a.pdf"
