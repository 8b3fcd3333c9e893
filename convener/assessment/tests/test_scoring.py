"""Scores per skill and the recommendations they lead to, on the bundled content, without a database."""

import pytest

from convener.assessment import scoring
from convener.assessment.chart import PLOT, bar_chart
from convener.assessment.definition import Definition
from convener.assessment.scoring import Catalog, Target
from convener.assessment.tests.base import answers_where
from convener.authoring.assessment import load_assessment
from convener.authoring.importer import DEFAULT_ROOT, load
from convener.authoring.reader import Reader


@pytest.fixture(scope="module")
def definition():
    reader = Reader()
    spec = load_assessment(reader, DEFAULT_ROOT)
    reader.raise_if_problems()
    return Definition.from_spec(spec)


@pytest.fixture(scope="module")
def catalog():
    """What the bundled files offer, as the database would list it."""
    bundle = load(DEFAULT_ROOT)
    modules = {
        m["slug"]: Target(m["slug"], m["title"], f"/learn/{c['slug']}/#module-{m['slug']}")
        for c in bundle["courses"]
        for m in c["modules"]
    }
    methods = {m["slug"]: Target(m["slug"], m["name"], f"/methods/{m['slug']}/") for m in bundle["methods"]}
    recordings = {
        r["slug"]: Target(r["slug"], r["title"], f"/recordings/{r['slug']}/", track=r["track"])
        for r in sorted(bundle["recordings"], key=lambda r: (r["recorded_on"], r["title"]))
    }
    return Catalog(modules, methods, recordings)


def slugs(recs):
    return [rec.target.slug for rec in recs]


@pytest.mark.parametrize(
    ("points", "possible", "expected"),
    [(0, 3, 0), (1, 3, 33), (2, 3, 67), (3, 3, 100), (1, 6, 17), (1, 2, 50), (5, 6, 83), (0, 0, 0)],
)
def test_percent_rounds_halves_up(points, possible, expected):
    assert scoring.percent(points, possible) == expected


def test_every_skill_scores_from_its_own_items(definition):
    answers = answers_where(definition, low={"planning-and-goals"}, low_value=1)
    answers["name-the-goal"] = 2  # planning: 2 + 1 of 6 points
    scores = scoring.score(definition, answers)
    assert scores["planning-and-goals"] == 50
    assert {slug for slug, value in scores.items() if value == 100} == {
        s.slug for s in definition.skills if s.slug != "planning-and-goals"
    }


def test_a_situation_scores_the_points_of_the_chosen_option(definition):
    answers = answers_where(definition)
    item = definition.item("phone-callers")
    for value, option in enumerate(item.options):
        answers["phone-callers"] = value
        assert scoring.score(definition, answers)["online-and-phone"] == scoring.percent(option.points, 3)


# Answer sets → the skills to focus on and the top recommendations of each kind, weakest skills first.
CASES = [
    pytest.param(
        {"low": {"listening-and-questions"}},
        None,
        ["listening-and-questions"],
        ["in-the-moment"],
        ["reflective-structured-dialogue", "conversation-cafe"],
        ["reflective-structured-dialogue", "conversation-cafes"],
        id="weak-listening-any-library",
    ),
    pytest.param(
        {"low": {"listening-and-questions"}},
        "academic",
        ["listening-and-questions"],
        ["in-the-moment"],
        ["reflective-structured-dialogue", "conversation-cafe"],
        # The gap's academic recording first, then the rest of the academic track.
        ["reflective-structured-dialogue", "intro-dd-academic", "national-issues-forums"],
        id="weak-listening-academic",
    ),
    pytest.param(
        {
            "low": {
                s
                for s in [
                    "role-and-neutrality",
                    "planning-and-goals",
                    "choosing-a-method",
                    "framing-and-logistics",
                    "listening-and-questions",
                    "group-dynamics-and-conflict",
                    "closing-and-action",
                    "online-and-phone",
                ]
            }
        },
        "public_small_rural",
        # All at 0%: content order breaks the tie.
        [
            "role-and-neutrality",
            "planning-and-goals",
            "choosing-a-method",
            "framing-and-logistics",
            "listening-and-questions",
            "group-dynamics-and-conflict",
            "closing-and-action",
            "online-and-phone",
        ],
        ["getting-started", "in-the-moment", "planning"],
        ["conversation-cafe", "national-issues-forums", "dialogue-to-change"],
        ["models-for-change-overview", "intro-dd-small-rural", "conversation-cafes"],
        id="new-to-everything-small-rural",
    ),
    pytest.param(
        {"low": {"online-and-phone"}},
        "public_large_urban",
        ["online-and-phone"],
        ["online-and-by-phone"],
        ["world-cafe", "one-two-four-all", "national-issues-forums"],
        # The gap's only recording is for academic libraries: the large/urban track instead.
        ["intro-dd-large-urban", "world-cafe", "dialogue-to-change"],
        id="phone-only-large-urban",
    ),
    pytest.param(
        {"low": {"closing-and-action", "choosing-a-method"}, "set": {"match-method": 1}},
        "academic",
        ["closing-and-action", "choosing-a-method"],  # 0% then 17%
        ["closing-and-next-steps", "planning"],
        ["future-search", "dialogue-to-change", "national-issues-forums"],
        ["national-issues-forums", "intro-dd-academic", "reflective-structured-dialogue"],
        id="closing-then-method-academic",
    ),
    pytest.param(
        {"low": {"framing-and-logistics"}, "low_value": 2},
        None,
        # Ratings of "Mostly" (67%) are not a gap: no skill is, so the two lowest lead.
        ["framing-and-logistics", "role-and-neutrality"],
        ["setting-up", "getting-started", "in-the-moment"],
        ["dialogue-to-change", "national-issues-forums", "conversation-cafe"],
        ["dialogue-to-change", "conversation-cafes", "models-for-change-overview"],
        id="no-gaps-lowest-two",
    ),
]


@pytest.mark.parametrize(("answer_set", "track", "focus", "modules", "methods", "recordings"), CASES)
def test_recommendations_for_answer_sets(
    definition, catalog, answer_set, track, focus, modules, methods, recordings
):
    answers = answers_where(definition, answer_set["low"], answer_set.get("low_value", 0))
    answers.update(answer_set.get("set", {}))
    skills = scoring.profile(definition, scoring.score(definition, answers))
    recs = scoring.recommend(definition, skills, catalog, track)
    assert [s.skill.slug for s in recs.focus] == focus
    assert slugs(recs.modules) == modules
    assert slugs(recs.methods) == methods
    assert slugs(recs.recordings) == recordings


def test_each_recommendation_says_why(definition, catalog):
    answers = answers_where(definition, {"listening-and-questions", "group-dynamics-and-conflict"})
    answers["build-agreements"] = 1  # group dynamics: 1 of 6 points, 17%
    skills = scoring.profile(definition, scoring.score(definition, answers))
    recs = scoring.recommend(definition, skills, catalog, "academic")
    [module] = recs.modules
    assert module.target.url == "/learn/leading-conversations/#module-in-the-moment"
    assert module.reason == (
        "Because you scored 0% on Listening and questions and 17% on Agreements, group dynamics and conflict."
    )
    first = recs.recordings[0]
    assert first.reason.startswith("Because you scored 0% on Listening and questions")
    assert first.track_note == "Made for your kind of library: Academic."
    topped_up = recs.recordings[-1]
    assert topped_up.reason == "" and topped_up.track_note == "Made for your kind of library: Academic."


def test_without_a_track_each_recording_names_its_own(definition, catalog):
    skills = scoring.profile(
        definition, scoring.score(definition, answers_where(definition, {"framing-and-logistics"}))
    )
    recs = scoring.recommend(definition, skills, catalog, None)
    assert [rec.track_note for rec in recs.recordings] == [
        "Made for: Public — large or urban.",
        "Made for: Public — small, mid-sized or rural.",
    ]


def test_missing_targets_are_skipped_before_the_top_three(definition, catalog):
    thin = Catalog({}, {k: v for k, v in catalog.methods.items() if k != "conversation-cafe"}, {})
    skills = scoring.profile(
        definition, scoring.score(definition, answers_where(definition, {"role-and-neutrality"}))
    )
    recs = scoring.recommend(definition, skills, thin, "academic")
    assert (slugs(recs.modules), slugs(recs.methods), slugs(recs.recordings)) == (
        [],
        ["national-issues-forums"],
        [],
    )


def test_the_profile_compares_with_an_earlier_result(definition):
    now = {s.slug: 50 for s in definition.skills} | {"online-and-phone": 100}
    before = {"online-and-phone": 33, "listening-and-questions": 50, "retired-skill": 10}
    rows = {row.skill.slug: row for row in scoring.profile(definition, now, before)}
    assert rows["online-and-phone"].change_label == "up 67 points"
    assert rows["listening-and-questions"].change_label == "no change"
    assert rows["closing-and-action"].change is None and rows["closing-and-action"].change_label == ""
    assert (
        scoring.profile(definition, {"listening-and-questions": 40}, {"listening-and-questions": 41})[
            0
        ].change_label
        == "down 1 point"
    )
    assert "retired-skill" not in rows


def test_situation_feedback_offers_the_strongest_choice(definition):
    answers = answers_where(definition, {"group-dynamics-and-conflict"})
    feedback = {entry["item"].slug: entry for entry in scoring.situation_feedback(definition, answers)}
    assert set(feedback) == {"ballot-forum", "interrupter", "three-action-ideas", "phone-callers"}
    assert feedback["interrupter"]["chosen"].points == 0
    assert feedback["interrupter"]["best"].points == 3
    assert feedback["ballot-forum"]["best"] is None


def test_the_chart_draws_one_bar_per_skill_to_scale(definition):
    skills = scoring.profile(definition, {s.slug: 25 * (i % 5) for i, s in enumerate(definition.skills)})
    chart = bar_chart(skills)
    assert [bar.name for bar in chart.bars] == [s.name for s in definition.skills]
    assert [bar.width for bar in chart.bars[:5]] == [0, PLOT / 4, PLOT / 2, PLOT * 3 / 4, PLOT]
    assert [bar.is_gap for bar in chart.bars[:4]] == [True, True, True, False]
    assert chart.height > chart.bars[-1].bar_y + 20
