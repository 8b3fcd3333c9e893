"""The bundled course "Leading Conversations" has the shape the program promises."""

import pytest

from convener.authoring.importer import DEFAULT_ROOT, load

EXPECTED_MODULES = [
    "getting-started",
    "planning",
    "setting-up",
    "in-the-moment",
    "closing-and-next-steps",
    "online-and-by-phone",
]


@pytest.fixture(scope="module")
def course():
    [course] = load(DEFAULT_ROOT)["courses"]
    return course


def test_six_modules_in_order(course):
    assert course["slug"] == "leading-conversations"
    assert [m["slug"] for m in course["modules"]] == EXPECTED_MODULES


def test_about_four_hours_in_all(course):
    minutes = sum(lesson["minutes"] for m in course["modules"] for lesson in m["lessons"])
    assert 210 <= minutes <= 270, minutes


@pytest.mark.parametrize("index", range(6))
def test_each_module_has_what_a_module_needs(course, index):
    module = course["modules"][index]
    kinds = [lesson["kind"] for lesson in module["lessons"]]
    assert len(module["objectives"]) >= 3
    assert 3 <= len(kinds) <= 6
    assert 20 <= sum(lesson["minutes"] for lesson in module["lessons"]) <= 45
    for kind in ("scenario", "activity", "worksheet", "check"):
        assert kind in kinds, f"{module['slug']} has no {kind}"
    for check in (lesson for lesson in module["lessons"] if lesson["kind"] == "check"):
        questions = check["data"]["questions"]
        assert len(questions) >= 6
        for question in questions:
            assert question["explanation"]
            assert all(option["feedback"] for option in question["options"])


def test_worksheets_build_a_plan_the_planner_can_use(course):
    keys = {
        field["plan_key"]
        for m in course["modules"]
        for lesson in m["lessons"]
        if lesson["kind"] == "worksheet"
        for field in lesson["data"]["fields"]
        if "plan_key" in field
    }
    for needed in (
        "title",
        "topic",
        "goal",
        "framing_question",
        "partners",
        "audience",
        "access_needs",
        "agreements",
        "method",
        "closing",
        "follow_up",
        "online_tools",
    ):
        assert needed in keys


def test_modules_link_to_methods_and_recordings_that_exist(course):
    methods = {p.stem for p in (DEFAULT_ROOT / "methods").glob("*.yaml")}
    recordings = {p.stem for p in (DEFAULT_ROOT / "recordings").glob("*.yaml")}
    for module in course["modules"]:
        assert set(module["related"].get("methods", [])) <= methods
        assert set(module["related"].get("recordings", [])) <= recordings


@pytest.mark.django_db
def test_the_course_page_links_modules_to_their_methods_and_recordings(client):
    from convener.authoring.importer import import_content

    import_content(DEFAULT_ROOT)
    body = client.get("/learn/leading-conversations/").content.decode()
    assert 'href="/methods/conversation-cafe/"' in body
    assert 'href="/recordings/conversation-cafes/"' in body
