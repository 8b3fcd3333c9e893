"""The course and lesson pages run the same number of queries for 5 lessons or 200."""

import shutil

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convener.authoring.importer import import_content
from convener.test import PASSWORD, make_person

pytestmark = pytest.mark.django_db


def build_course(root, lessons):
    course = root / "courses" / "big"
    course.mkdir(parents=True)
    (course / "course.yaml").write_text(
        "title: Big\nsummary: Many lessons.\nestimated_hours: 9\nstatus: published\n"
    )
    per_module = 5
    for m in range(lessons // per_module):
        module = course / f"{m + 1:02d}-module-{m}"
        module.mkdir()
        (module / "module.yaml").write_text(f"title: Module {m}\nobjectives: [Learn]\n")
        for n in range(per_module):
            (module / f"{n + 1:02d}-lesson-{n}.md").write_text(
                f"---\ntitle: Lesson {m}.{n}\ntype: reading\nminutes: 3\n---\nText.\n"
            )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/learn/big/", "/learn/big/module-0/lesson-1/", "/learn/"])
def test_query_count_does_not_grow_with_lessons(client, tmp_path, path):
    make_person("q@example.org", "Q")
    client.login(username="q@example.org", password=PASSWORD)
    counts = []
    for size in (5, 200):
        root = tmp_path / str(size)
        build_course(root, size)
        import_content(root)
        count_queries(client, path)  # warm up the session and caches
        counts.append(count_queries(client, path))
        shutil.rmtree(root)
    assert counts[0] == counts[1], f"{path}: {counts[0]} queries at 5 lessons, {counts[1]} at 200"
