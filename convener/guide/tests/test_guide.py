"""The companion guide: HTML pages and a tagged PDF built from content/guide/."""

import re
from pathlib import Path

import pytest

from convener.authoring.importer import DEFAULT_ROOT, import_content, load
from convener.guide.models import GuideSection
from convener.lib.markdown import plain_text
from convener.search.index import search
from convener.test import is_tagged, read_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    import_content(DEFAULT_ROOT)
    return load(DEFAULT_ROOT)["guide"]


def words(text):
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def test_the_guide_has_its_sections_in_order(guide):
    assert [s.slug for s in GuideSection.objects.all()] == [s["slug"] for s in guide["sections"]]
    assert len(guide["sections"]) == 13


def test_the_contents_page_lists_sections_and_the_pdf(client, guide):
    r = client.get("/guide/")
    assert r.status_code == 200
    body = r.content.decode()
    assert "Leading Conversations in Your Library" in body
    assert 'href="/guide/leading-conversations.pdf"' in body
    for section in guide["sections"]:
        assert f'href="/guide/{section["slug"]}/"' in body


def test_a_section_page_renders_its_markdown(client, guide):
    r = client.get("/guide/ground-rules/")
    assert r.status_code == 200
    assert "<h1>Ground rules</h1>" in r.content.decode()
    assert 'rel="next" href="/guide/building-an-agenda/"' in r.content.decode()


def test_unknown_section_and_wrong_method(client, guide):
    assert client.get("/guide/nope/").status_code == 404
    assert client.post("/guide/").status_code == 405


def test_the_guide_is_searchable(guide):
    assert any(r.kind == "guide" for r in search("ground rules"))


def test_the_pdf_is_tagged_with_an_outline_and_the_source_text(client, guide):
    r = client.get("/guide/leading-conversations.pdf")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    pdf = read_pdf(b"".join(r.streaming_content))
    assert is_tagged(pdf)
    assert pdf.trailer["/Root"]["/Lang"] == "en"
    assert pdf.metadata.title == "Leading Conversations in Your Library"
    assert len(pdf.pages) >= 25
    outline_titles = {item.title for item in pdf.outline if not isinstance(item, list)}
    assert {s["title"] for s in guide["sections"]} <= outline_titles
    text = words(" ".join(page.extract_text() for page in pdf.pages))
    for section in guide["sections"]:
        # The first full sentence of every section is in the PDF as real text.
        first = next(line for line in plain_text(section["body"]).splitlines() if len(line.split()) > 6)
        sentence = words(first.split(". ")[0])
        assert sentence in text, f"{section['slug']}: {sentence!r} not found in the PDF text"


def test_the_pdf_is_cached_and_rebuilt_when_the_text_changes(client, guide, tmp_path):
    import shutil

    from django.core.files.storage import default_storage

    from convener.guide.models import GuideEdition
    from convener.guide.pdf import pdf_name

    client.get("/guide/leading-conversations.pdf")
    first = pdf_name(GuideEdition.objects.get())
    built_at = Path(default_storage.path(first)).stat().st_mtime_ns
    client.get("/guide/leading-conversations.pdf")
    assert Path(default_storage.path(first)).stat().st_mtime_ns == built_at

    root = tmp_path / "content"
    shutil.copytree(DEFAULT_ROOT, root)
    section = root / "guide" / "04-ground-rules.md"
    section.write_text(section.read_text() + "\nOne more line for the test.\n")
    import_content(root)
    second = pdf_name(GuideEdition.objects.get())
    assert second != first
    client.get("/guide/leading-conversations.pdf")
    assert default_storage.exists(second) and not default_storage.exists(first)
