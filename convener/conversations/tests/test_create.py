"""Starting a conversation: from a method, from the course worksheets, or from scratch."""

from datetime import datetime
from zoneinfo import ZoneInfo

from convener.conversations import actions, plans
from convener.conversations.models import Conversation, Source
from convener.methods.models import Stream
from convener.test import CourseTestCase

from .base import STEPS, PlanTestCase, make_method

BASE = "/learn/sample-course"


class FromMethodTests(PlanTestCase):
    def test_the_steps_become_a_timed_agenda_and_the_agreements_carry_over(self):
        self.client.force_login(self.facilitator)
        r = self.client.post("/plan/new/method/", {"method-method": "table-talk", "method-title": ""})
        conversation = Conversation.objects.get(owner=self.facilitator)
        self.assertRedirects(r, f"/plan/{conversation.pk}/")
        self.assertEqual(conversation.title, "Table Talk")
        self.assertEqual(conversation.method, self.method)
        self.assertEqual(conversation.source, Source.METHOD)
        self.assertEqual(conversation.goal, Stream.EXPLORATION)
        self.assertEqual(conversation.agreements, ["Listen to understand", "Speak for yourself"])
        items = list(conversation.agenda_items.all())
        self.assertEqual([(i.title, i.minutes) for i in items], [(s["title"], s["minutes"]) for s in STEPS])
        self.assertEqual(items[1].question, "What matters most?")
        self.assertEqual([i.position for i in items], [0, 1, 2, 3])
        self.assertEqual(conversation.minutes_available, 60)
        self.assertTrue(conversation.uses_tables)

    def test_a_title_given_replaces_the_method_name(self):
        self.client.force_login(self.facilitator)
        self.client.post("/plan/new/method/", {"method-method": "table-talk", "method-title": "Bridges"})
        self.assertEqual(Conversation.objects.get(owner=self.facilitator).title, "Bridges")

    def test_the_method_link_prefills_the_form_and_shows_the_steps(self):
        self.client.force_login(self.facilitator)
        r = self.client.get("/plan/new/?method=table-talk")
        self.assertContains(r, '<option value="table-talk" selected>')
        self.assertContains(r, "Round 1")
        self.assertContains(r, "The 4 steps of Table Talk become your agenda")

    def test_an_unknown_method_in_the_link_is_ignored(self):
        self.client.force_login(self.facilitator)
        r = self.client.get("/plan/new/?method=no-such-method")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, '<option value="" selected>Choose a method</option>')

    def test_the_method_link_sends_visitors_to_sign_in_and_back(self):
        r = self.client.get("/plan/new/?method=table-talk")
        self.assertRedirects(
            r, "/account/sign-in/?next=/plan/new/%3Fmethod%3Dtable-talk", fetch_redirect_response=False
        )

    def test_an_unknown_method_is_an_error_on_the_form(self):
        self.client.force_login(self.facilitator)
        r = self.client.post("/plan/new/method/", {"method-method": "nope"})
        self.assertContains(r, "Choose a method from the list.", status_code=400)
        self.assertContains(r, "There is a problem", status_code=400)
        self.assertFalse(Conversation.objects.filter(owner=self.facilitator).exists())

    def test_a_method_without_tables_gives_notes_no_table_field(self):
        method = make_method(
            "circle",
            "Circle",
            materials=["Chairs in a circle"],
            description="A circle.",
            steps=[{"title": "Round", "minutes": 30, "description": "Everyone speaks in turn."}],
        )
        conversation = actions.create_from_method(self.facilitator, method)
        self.assertFalse(conversation.uses_tables)

    def test_creating_needs_post(self):
        self.client.force_login(self.facilitator)
        self.assertEqual(self.client.get("/plan/new/method/").status_code, 405)
        self.assertEqual(self.client.get("/plan/new/blank/").status_code, 405)
        self.assertEqual(self.client.get("/plan/new/my-plan/").status_code, 405)

    def test_creating_needs_an_account(self):
        r = self.client.post("/plan/new/method/", {"method-method": "table-talk"})
        self.assertEqual(r.status_code, 302)
        self.assertIn("/account/sign-in/", r["Location"])
        self.assertEqual(Conversation.objects.filter(owner=self.facilitator).count(), 0)


class FromScratchTests(PlanTestCase):
    def test_a_blank_plan_has_a_title_and_an_empty_agenda(self):
        self.client.force_login(self.facilitator)
        r = self.client.post("/plan/new/blank/", {"blank-title": "  Library hours  "})
        conversation = Conversation.objects.get(owner=self.facilitator)
        self.assertRedirects(r, conversation.get_absolute_url())
        self.assertEqual(conversation.title, "Library hours")
        self.assertEqual(conversation.source, Source.SCRATCH)
        self.assertIsNone(conversation.method)
        self.assertEqual(conversation.agenda_items.count(), 0)

    def test_the_title_is_required(self):
        self.client.force_login(self.facilitator)
        r = self.client.post("/plan/new/blank/", {"blank-title": ""})
        self.assertContains(r, "Give your conversation a working title.", status_code=400)

    def test_the_plan_uses_the_owners_time_zone(self):
        self.facilitator.time_zone = "America/Denver"
        self.facilitator.save(update_fields=["time_zone"])
        self.client.force_login(self.facilitator)
        self.client.post("/plan/new/blank/", {"blank-title": "Hours"})
        self.assertEqual(Conversation.objects.get(owner=self.facilitator).time_zone, "America/Denver")

    def test_the_new_page_offers_the_worksheet_route_only_with_answers(self):
        self.client.force_login(self.facilitator)
        r = self.client.get("/plan/new/")
        self.assertContains(r, "When you answer the planning worksheets in a course")
        self.assertNotContains(r, "Start from my answers")


class FromWorksheetTests(CourseTestCase):
    def answer_sample_worksheet(self, user):
        self.client.force_login(user)
        self.client.post(
            f"{BASE}/practice/start-your-plan/",
            {"topic": "The new road", "goal": "Explore an issue", "needs": ["Captions", "Large print"]},
        )

    def test_the_worksheet_answers_fill_the_plan(self):
        self.answer_sample_worksheet(self.learner)
        r = self.client.get("/plan/new/")
        self.assertContains(r, "Start from my answers")
        r = self.client.post("/plan/new/my-plan/", {"plan-course": "sample-course"})
        conversation = Conversation.objects.get(owner=self.learner)
        self.assertRedirects(r, conversation.get_absolute_url())
        self.assertEqual(conversation.source, Source.WORKSHEET)
        self.assertEqual(conversation.title, "The new road")
        self.assertEqual(conversation.topic, "The new road")
        self.assertEqual(conversation.goal, Stream.EXPLORATION)
        self.assertEqual(conversation.access_needs, ["captions", "large_print"])
        titles = list(conversation.agenda_items.values_list("title", flat=True))
        self.assertEqual(titles, ["Welcome and opening", "Agreements", "Conversation", "Closing"])

    def test_only_a_course_with_my_answers_can_be_chosen(self):
        self.answer_sample_worksheet(self.learner)
        self.client.force_login(self.facilitator)
        r = self.client.post("/plan/new/my-plan/", {"plan-course": "sample-course"})
        self.assertContains(r, "Choose a course from the list.", status_code=400)
        self.assertFalse(Conversation.objects.exists())

    def test_answers_from_the_bundled_keys_map_onto_every_field(self):
        method = make_method("world-cafe", "World Café")
        answers = {
            "title": "Our Main Street, our future",
            "topic": "Downtown",
            "goal": "Act together",
            "framing_question": "What would make Main Street feel like ours?",
            "questions": "- What brings you downtown?\n- What keeps you away?",
            "partners": "The chamber of commerce",
            "audience": "Shop owners and teenagers",
            "recruitment": "Flyers at the school",
            "access_needs": ["Captions (CART)", "Step-free venue", "Materials in other languages"],
            "venue": "Meeting room B",
            "date": "June 12, 2025 6:30 PM",
            "roles": "Facilitator: Sam\nNote-taker \u2013 Ana\nWe still need a greeter",
            "agreements": "1. One voice at a time\n2. Passing is fine",
            "method": "World Café",
            "opening": "Welcome, everyone.",
            "follow_up": "Email a summary within a week.",
            "online_tools": "Zoom with captions",
        }
        fields = plans.conversation_fields(answers, "America/Chicago")
        self.assertEqual(fields["title"], "Our Main Street, our future")
        self.assertEqual(fields["goal"], Stream.ACTION)
        self.assertEqual(
            fields["framing_questions"].splitlines(),
            [
                "What would make Main Street feel like ours?",
                "What brings you downtown?",
                "What keeps you away?",
            ],
        )
        self.assertEqual(fields["access_needs"], ["captions", "step_free"])
        self.assertEqual(fields["access_notes"], "Materials in other languages")
        self.assertEqual(fields["venue"], "Meeting room B")
        self.assertEqual(
            fields["starts_at"], datetime(2025, 6, 12, 18, 30, tzinfo=ZoneInfo("America/Chicago"))
        )
        self.assertEqual(fields["roles"], {"facilitator": "Sam", "note_taker": "Ana"})
        self.assertIn("We still need a greeter", fields["logistics_notes"])
        self.assertIn("Zoom with captions", fields["logistics_notes"])
        self.assertEqual(fields["agreements"], ["One voice at a time", "Passing is fine"])
        self.assertEqual(fields["method"], method)
        self.assertEqual(fields["opening"], "Welcome, everyone.")
        self.assertEqual(fields["follow_up_plan"], "Email a summary within a week.")

    def test_without_answers_the_plan_still_starts_with_a_default_agenda(self):
        conversation = actions.create_from_plan(self.learner, self.course)
        self.assertEqual(conversation.title, "My conversation")
        self.assertEqual(conversation.agenda_items.count(), 4)
        self.assertEqual(sum(i.minutes for i in conversation.agenda_items.all()), 90)

    def test_a_date_in_words_that_cannot_be_read_is_kept_as_a_note(self):
        fields = plans.conversation_fields({"date": "Some Saturday in spring"}, "UTC")
        self.assertIsNone(fields["starts_at"])
        self.assertIn("Some Saturday in spring", fields["logistics_notes"])

    def test_dates_written_in_common_ways_are_read(self):
        zone = ZoneInfo("UTC")
        for text in ("2025-06-12 18:30", "Thursday, June 12, 2025 6:30 PM", "06/12/2025 6:30 pm"):
            with self.subTest(text=text):
                self.assertEqual(plans.parse_when(text, zone), datetime(2025, 6, 12, 18, 30, tzinfo=zone))

    def test_an_online_link_as_the_venue_goes_to_the_online_link(self):
        fields = plans.conversation_fields({"venue": "https://meet.example.org/abc"}, "UTC")
        self.assertEqual(fields["online_link"], "https://meet.example.org/abc")
        self.assertNotIn("venue", fields)

    def test_the_method_agenda_keeps_the_closing_words(self):
        method = make_method("world-cafe", "World Café")
        from convener.courses.models import WorksheetAnswer

        sheet = self.lesson("practice", "start-your-plan")
        sheet.data["fields"].append(
            {"id": "how-to-close", "kind": "long", "label": "Close?", "plan_key": "closing"}
        )
        sheet.data["fields"].append(
            {"id": "which", "kind": "short", "label": "Method?", "plan_key": "method"}
        )
        sheet.save(update_fields=["data"])
        WorksheetAnswer.objects.create(
            user=self.learner, lesson=sheet, answers={"which": "World Café", "how-to-close": "Dot voting."}
        )
        conversation = actions.create_from_plan(self.learner, self.course)
        self.assertEqual(conversation.method, method)
        last = conversation.agenda_items.last()
        self.assertEqual(last.title, "Close")
        self.assertIn("Dot voting.", last.description)
        self.assertEqual(conversation.agreements, method.agreements)
