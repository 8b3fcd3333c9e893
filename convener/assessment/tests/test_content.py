"""The self-assessment file: every mistake is reported with file and line; import, export, re-import."""

import shutil

import pytest

from convener.assessment.models import Assessment, Attempt, Item, Skill
from convener.assessment.search import reindex_assessment
from convener.authoring.assessment import apply_assessment, export_assessment, load_assessment
from convener.authoring.importer import DEFAULT_ROOT
from convener.authoring.reader import ContentError, Reader
from convener.search.index import search
from convener.test import make_person

FILE = "assessment/assessment.yaml"


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    for part in ("assessment", "methods", "recordings", "courses"):
        shutil.copytree(DEFAULT_ROOT / part, root / part)
    return root


def edit(root, old, new, count=1):
    path = root / FILE
    text = path.read_text()
    assert old in text, f"{old!r} not in the file"
    path.write_text(text.replace(old, new, count))


def line_of(root, text):
    lines = (root / FILE).read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def problems(root):
    reader = Reader()
    load_assessment(reader, root)
    with pytest.raises(ContentError) as caught:
        reader.raise_if_problems()
    return [str(p) for p in caught.value.problems]


def load_clean(root):
    reader = Reader()
    spec = load_assessment(reader, root)
    reader.raise_if_problems()
    return spec


def test_the_bundled_file_is_clean_and_has_the_promised_shape():
    spec = load_clean(DEFAULT_ROOT)
    assert 12 <= len(spec["items"]) <= 16
    assert len(spec["rating_scale"]) == 4
    asked = {item["skill"] for item in spec["items"]}
    assert asked == {skill["slug"] for skill in spec["skills"]}
    situations = [item for item in spec["items"] if item["kind"] == "situation"]
    assert situations, "a few short situations, not only self-ratings"
    # The strongest option is not always in the same place, or the quiz would teach "pick the first".
    best_places = {max(range(len(i["options"])), key=lambda n: i["options"][n]["points"]) for i in situations}
    assert len(best_places) > 1
    modules = {m for skill in spec["skills"] for m in skill["modules"]}
    assert modules == {
        "getting-started",
        "planning",
        "setting-up",
        "in-the-moment",
        "closing-and-next-steps",
        "online-and-by-phone",
    }


def test_no_file_means_no_assessment(tmp_path):
    reader = Reader()
    assert load_assessment(reader, tmp_path) is None
    assert reader.problems == []


def test_an_unknown_field_names_file_and_line(content):
    edit(content, "title: What skills do I need?", "title: What skills do I need?\nblurb: hello")
    [problem] = problems(content)
    assert problem.endswith(
        f"{FILE}:{line_of(content, 'blurb')}: unknown field 'blurb' — expected one of: "
        "title, intro, rating_scale, skills, items"
    )


def test_the_rating_scale_needs_four_labels(content):
    edit(content, "rating_scale: [Not yet, Somewhat, Mostly, Confidently]", "rating_scale: [No, Yes, Maybe]")
    [problem] = problems(content)
    assert problem.endswith(":6: 'rating_scale' needs exactly 4 labels (scored 0 to 3), not 3")


def test_links_to_modules_methods_and_recordings_must_exist(content):
    edit(content, "modules: [planning]", "modules: [plannning]")
    edit(
        content,
        "methods: [conversation-cafe, national-issues-forums, dialogue-to-change]",
        "methods: [conversation-cafe, town-hall]",
    )
    edit(content, "recordings: [national-issues-forums]", "recordings: [Not A Slug]")
    found = problems(content)
    assert any(
        f":{line_of(content, 'plannning')}: unknown module 'plannning' in 'skills[2].modules'" in p
        for p in found
    ), found
    assert any(
        "unknown method 'town-hall' in 'skills[3].methods' — no content/methods/town-hall.yaml" in p
        for p in found
    ), found
    assert any("'skills[8].recordings' has an item that is not a slug: 'Not A Slug'" in p for p in found), (
        found
    )
    assert len(found) == 3


def test_item_mistakes_are_each_reported(content):
    edit(
        content,
        "  - id: name-the-goal\n    skill: planning-and-goals",
        "  - id: state-your-role\n    skill: planing",
    )
    edit(content, "  - id: paraphrase", "  - id: track")
    edit(
        content,
        "    kind: rating\n    statement: >-\n      I can help a group",
        "    kind: rating\n    options: []\n    statement: >-\n      I can help a group",
    )
    edit(content, "        points: 0\n", "        points: 5\n")
    found = problems(content)
    expected = [
        "item id 'state-your-role' is used twice (also on line",
        "unknown skill 'planing' — expected one of:",
        "item id 'track' is taken by the pages; choose another",
        "'items[10].options' is only for situation items; a rating has a 'statement'",
        "'items[5].options[4].points' must be between 0 and 3, not 5",
    ]
    for message in expected:
        assert any(message in p for p in found), (message, found)
    assert all(f"{FILE}:" in p for p in found)


def test_a_situation_needs_options_that_give_points(content):
    spec_text = (content / FILE).read_text()
    start = spec_text.index("  - id: phone-callers")
    (content / FILE).write_text(
        spec_text[:start] + "  - id: phone-callers\n    skill: online-and-phone\n    kind: situation\n"
        "    prompt: What now?\n    options:\n      - text: Wait.\n        points: 0\n        feedback: Hm.\n"
    )
    found = problems(content)
    assert any("'items[14].options' needs at least two options" in p for p in found), found
    assert any("'items[14].options': at least one option must give points" in p for p in found), found


def test_a_skill_without_items_is_an_error(content):
    text = (content / FILE).read_text()
    start = text.index("  - id: phone-callers")
    (content / FILE).write_text(text[:start])
    [problem] = problems(content)
    assert problem.endswith(
        f":{line_of(content, 'id: online-and-phone')}: skill 'online-and-phone' has no items; "
        "add at least one"
    )


def test_broken_yaml_points_at_the_line(content):
    edit(content, "title: What skills do I need?", "title: [unclosed")
    [problem] = problems(content)
    assert f"{FILE}:" in problem and "not valid YAML" in problem


@pytest.mark.django_db
def test_apply_then_apply_again_changes_nothing(content):
    spec = load_clean(content)
    changes = apply_assessment(spec)
    assert "added the self-assessment" in changes
    assert (Skill.objects.count(), Item.objects.count()) == (8, 14)
    assert apply_assessment(load_clean(content)) == []
    assert apply_assessment(None) == []
    assert Assessment.objects.count() == 1


@pytest.mark.django_db
def test_edits_update_move_and_remove_rows_and_keep_attempts(content):
    apply_assessment(load_clean(content))
    person = make_person("a@example.org", "A")
    Attempt.objects.create(user=person, answers={"paraphrase": 1}, scores={"listening-and-questions": 33})
    edit(content, "name: Listening and questions", "name: Listening and asking")
    edit(
        content,
        "  - id: wait-in-silence\n    skill: listening-and-questions",
        "  - id: wait-in-silence\n    skill: group-dynamics-and-conflict",
    )
    text = (content / FILE).read_text()
    start = text.index("  - id: fair-summary")
    end = text.index("  - id: three-action-ideas")
    (content / FILE).write_text(text[:start] + text[end:])
    changes = apply_assessment(load_clean(content))
    assert "updated skill listening-and-questions (name)" in changes
    assert "updated skill-assessment item wait-in-silence (skill_id)" in changes
    assert "removed skill-assessment item fair-summary" in changes
    assert Item.objects.get(slug="wait-in-silence").skill.slug == "group-dynamics-and-conflict"
    assert Attempt.objects.count() == 1


@pytest.mark.django_db
def test_export_gives_back_the_same_content(content, tmp_path):
    original = load_clean(content)
    apply_assessment(original)
    out = tmp_path / "out"
    for part in ("methods", "recordings", "courses"):
        shutil.copytree(content / part, out / part)
    [written] = export_assessment(out)
    assert written == out / FILE
    assert load_clean(out) == original
    # Exported files are canonical: a second round trip is byte for byte.
    apply_assessment(load_clean(out))
    again = tmp_path / "again"
    export_assessment(again)
    assert (again / FILE).read_text() == written.read_text()


@pytest.mark.django_db
def test_nothing_to_export_before_an_import(tmp_path):
    assert export_assessment(tmp_path) == []


@pytest.mark.django_db
def test_the_self_assessment_is_found_by_site_search(content):
    apply_assessment(load_clean(content))
    reindex_assessment()
    [found] = search("silence")
    assert (found.kind, found.url) == ("assessment", "/skills/")


@pytest.mark.django_db
def test_the_importer_kind_imports_exports_and_indexes(monkeypatch, tmp_path):
    """What the line in convener.authoring.importer.KINDS does, end to end."""
    from convener.authoring import importer

    kinds = importer._kinds()
    if "assessment" not in {kind.name for kind in kinds}:
        from convener.authoring.assessment import apply_assessment, export_assessment, load_assessment

        kinds.append(
            importer.ContentKind(
                "assessment", load_assessment, apply_assessment, export_assessment, reindex_assessment
            )
        )
        monkeypatch.setattr(importer, "_kinds", lambda: kinds)
    changes = importer.import_content(DEFAULT_ROOT)
    assert "added the self-assessment" in changes
    assert any(found.kind == "assessment" for found in search("silence"))
    importer.export_content(tmp_path)
    assert load_clean(tmp_path) == load_clean(DEFAULT_ROOT)
