"""Media on S3-compatible storage: a real S3 server (moto) on loopback, configured through our settings."""

import filecmp
import shutil
import urllib.request

import pytest

from convener.authoring.importer import export_content, import_content
from convener.authoring.tests.test_round_trip import all_files
from convener.test import SAMPLE_CONTENT, import_sample
from convener.tests.s3 import media_bucket, s3_server

pytest.importorskip("moto.server", reason="moto is not installed (requirements-dev.txt has it)")

pytestmark = pytest.mark.django_db

MODULE = "courses/sample-course/01-first-steps"
IMAGE = f"{MODULE}/images/circle.svg"


@pytest.fixture(scope="module")
def s3_endpoint():
    with s3_server() as endpoint:
        yield endpoint


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    return media_bucket(s3_endpoint, settings, monkeypatch)


def anonymous_get(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310 (a loopback test server)
        return r.read(), r.headers["Content-Type"]


def test_lesson_images_go_to_the_bucket_and_pages_link_them_there(client, bucket):
    import_sample()
    source = (SAMPLE_CONTENT / IMAGE).read_bytes()
    assert bucket.read(IMAGE) == source
    page = client.get("/learn/sample-course/first-steps/welcome/").content.decode()
    assert f'src="{bucket.public}/{IMAGE}"' in page
    # What the browser will fetch, without credentials, is the file.
    assert anonymous_get(f"{bucket.public}/{IMAGE}") == (source, "image/svg+xml")


def test_the_video_comes_from_the_bucket_and_its_captions_through_the_site(client, bucket):
    import_sample()
    page = client.get("/learn/sample-course/first-steps/a-short-film/").content.decode()
    assert f'<source src="{bucket.public}/{MODULE}/media/listening.mp4">' in page
    captions = f"/media/{MODULE}/media/listening.en.vtt"
    assert f'src="{captions}"' in page
    r = client.get(captions)
    assert r.status_code == 200
    assert r["Content-Type"] == "text/vtt"
    assert b"".join(r.streaming_content) == (SAMPLE_CONTENT / MODULE / "media/listening.en.vtt").read_bytes()
    assert client.get(f"/media/{MODULE}/media/nothing.vtt").status_code == 404


def test_reimporting_unchanged_content_writes_nothing_and_a_change_writes_once(bucket, tmp_path):
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    import_content(root)
    first = bucket.versions()
    assert {key for key, _ in first} == bucket.objects() >= {IMAGE, f"{MODULE}/media/listening.mp4"}
    assert import_content(root) == []
    assert bucket.versions() == first  # not one object written again

    (root / IMAGE).write_bytes((root / IMAGE).read_bytes().replace(b"</svg>", b"<!-- v2 --></svg>"))
    import_content(root)
    assert [key for key, version in bucket.versions() if (key, version) not in first] == [IMAGE]
    assert bucket.read(IMAGE) == (root / IMAGE).read_bytes()


def test_export_reads_media_back_from_the_bucket_byte_for_byte(bucket, tmp_path):
    import_content(SAMPLE_CONTENT)
    export_content(tmp_path)
    assert all_files(tmp_path) == all_files(SAMPLE_CONTENT)
    for name in all_files(SAMPLE_CONTENT):
        assert filecmp.cmp(SAMPLE_CONTENT / name, tmp_path / name, shallow=False), f"{name} differs"


def test_the_worker_builds_the_guide_pdf_into_the_bucket_and_the_site_serves_it(client, bucket):
    from convener.guide.models import GuideEdition, GuideSection
    from convener.guide.tasks import build_guide_pdf

    edition = GuideEdition.objects.create(title="A short guide", digest="a" * 64)
    GuideSection.objects.create(slug="one", position=1, title="One", body="Hello.", body_html="<p>Hello.</p>")
    name = build_guide_pdf.call()
    assert name in bucket.objects()
    stored = bucket.read(name)
    assert stored.startswith(b"%PDF-")

    r = client.get("/guide/leading-conversations.pdf")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == 'attachment; filename="leading-conversations-guide.pdf"'
    assert b"".join(r.streaming_content) == stored

    edition.digest = "b" * 64  # the text changed: a new PDF, and the old one goes
    edition.save(update_fields=["digest"])
    assert client.get("/guide/leading-conversations.pdf").status_code == 200
    assert bucket.objects() == {build_guide_pdf.call()} != {name}
