"""The bundled method records: complete, consistent with the course and recordings, and loadable."""

import shutil

from convener.authoring.importer import DEFAULT_ROOT
from convener.authoring.methods import load_methods
from convener.authoring.reader import Reader


def bundled():
    reader = Reader()
    methods = load_methods(reader, DEFAULT_ROOT)
    assert reader.problems == []
    return methods


def test_there_are_at_least_twelve_methods_including_the_six_of_the_recordings():
    slugs = {m["slug"] for m in bundled()}
    assert len(slugs) >= 12
    assert {
        "world-cafe",
        "conversation-cafe",
        "dialogue-to-change",
        "future-search",
        "reflective-structured-dialogue",
        "national-issues-forums",
    } <= slugs


def test_each_default_agenda_fits_its_own_meeting_length():
    for method in bundled():
        total = sum(step["minutes"] for step in method["steps"])
        assert method["meeting_minutes_min"] <= total <= method["meeting_minutes_max"], method["slug"]


def test_links_point_at_modules_and_recordings_that_exist():
    modules = {path.parent.name.split("-", 1)[1] for path in DEFAULT_ROOT.glob("courses/*/*/module.yaml")}
    recordings = {path.stem for path in DEFAULT_ROOT.glob("recordings/*.yaml")}
    for method in bundled():
        assert set(method["related"].get("modules", [])) <= modules, method["slug"]
        assert set(method["related"].get("recordings", [])) <= recordings, method["slug"]


def test_a_method_may_not_take_the_address_of_a_page(tmp_path):
    (tmp_path / "methods").mkdir()
    shutil.copy(DEFAULT_ROOT / "methods" / "fishbowl.yaml", tmp_path / "methods" / "compare.yaml")
    reader = Reader()
    assert load_methods(reader, tmp_path) == []
    assert "'compare' is the address of a page" in reader.problems[0].message
