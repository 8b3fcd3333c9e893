"""Shared fixtures for the conversation tests: a method with tables and a plan built from it."""

from convener.methods.models import Method
from convener.test import BaseTestCase

from .. import actions

STEPS = [
    {"title": "Welcome", "minutes": 10, "description": "Say why we are here."},
    {
        "title": "Round 1",
        "minutes": 20,
        "description": "Small tables talk.",
        "question": "What matters most?",
    },
    {"title": "Harvest", "minutes": 25, "description": "Tables share themes."},
    {"title": "Close", "minutes": 5, "description": "Thank everyone."},
]


def make_method(slug="table-talk", name="Table Talk", steps=None, **fields):
    values = {
        "slug": slug,
        "name": name,
        "summary": "Rounds of talk at small tables.",
        "description": "People move between small tables in rounds.",
        "description_html": "<p>People move between small tables in rounds.</p>",
        "streams": ["exploration"],
        "participation": ["consult"],
        "group_min": 12,
        "group_max": 200,
        "meeting_minutes_min": 60,
        "meeting_minutes_max": 120,
        "meetings_min": 1,
        "meetings_max": 1,
        "in_person": "good",
        "online": "possible",
        "phone": "poor",
        "polarized_topics": "possible",
        "preparation": "medium",
        "produces_decision": False,
        "produces_action": False,
        "produces_summary": "Shared themes.",
        "roles": [{"name": "Host", "does": "Keeps time."}],
        "steps": STEPS if steps is None else steps,
        "materials": ["Small tables for four or five people", "Markers"],
        "agreements": ["Listen to understand", "Speak for yourself"],
    }
    values.update(fields)
    return Method.objects.create(**values)


class PlanTestCase(BaseTestCase):
    """Personas, a method, and a conversation the learner owns, built from the method."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.method = make_method()
        cls.conversation = actions.create_from_method(cls.learner, cls.method, "Our Main Street")

    def url(self, name="", conversation=None):
        conversation = conversation or self.conversation
        return f"/plan/{conversation.pk}/{name}"
