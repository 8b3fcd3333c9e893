"""Hypothesis: broken files raise only the content error and never change the database."""

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convener.authoring.importer import ContentError, import_content
from convener.courses.models import Lesson
from convener.test import SAMPLE_CONTENT

pytestmark = pytest.mark.django_db

FILES = sorted(
    str(p.relative_to(SAMPLE_CONTENT)) for p in SAMPLE_CONTENT.rglob("*") if p.suffix in {".md", ".yaml"}
)


def snapshot():
    return list(
        Lesson.objects.order_by("pk").values_list("slug", "title", "minutes", "body", "data", "retired")
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(FILES),
    cut=st.integers(min_value=0, max_value=2000),
    junk=st.one_of(
        st.text(max_size=40),
        st.sampled_from(
            [
                "\n---\n",
                ": : :",
                "- [",
                "{",
                "\t",
                "minutes: -3\n",
                "type: 7\n",
                "\x00",
                "&a *a",
                "!!python/object:os.system ''",
            ]
        ),
    ),
)
def test_broken_files_raise_only_content_errors_and_change_nothing(name, cut, junk):
    import_content(SAMPLE_CONTENT)
    before = snapshot()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        shutil.copytree(SAMPLE_CONTENT, root)
        path = root / name
        text = path.read_text()
        position = min(cut, len(text))
        path.write_text(text[:position] + junk + text[position:])
        try:
            import_content(root)
        except ContentError:
            assert snapshot() == before
