"""Themes, decisions, action items, and marking the conversation as held."""

from datetime import date

from convener.conversations.models import ActionItem, ActionStatus, Conversation

from .base import PlanTestCase


class ThemeAndDecisionTests(PlanTestCase):
    def setUp(self):
        self.client.force_login(self.learner)

    def test_add_and_remove_a_theme(self):
        r = self.client.post(
            self.url("themes/"), {"theme-name": "Parking", "theme-description": "Not enough"}
        )
        self.assertRedirects(r, self.url("harvest/"))
        theme = self.conversation.themes.get()
        self.assertEqual((theme.name, theme.description), ("Parking", "Not enough"))
        self.assertContains(self.client.get(self.url("harvest/")), "(0 notes)")
        self.client.post(self.url(f"themes/{theme.pk}/delete/"))
        self.assertFalse(self.conversation.themes.exists())

    def test_a_theme_is_listed_once(self):
        self.conversation.themes.create(name="Parking")
        r = self.client.post(self.url("themes/"), {"theme-name": "parking"})
        self.assertContains(r, "This theme is already on the list.", status_code=400)
        self.assertEqual(self.conversation.themes.count(), 1)

    def test_record_and_remove_a_decision(self):
        self.client.post(self.url("decisions/"), {"decision-text": "Meet again in the fall"})
        decision = self.conversation.decisions.get()
        self.assertContains(self.client.get(self.url("harvest/")), "Meet again in the fall")
        self.client.post(self.url(f"decisions/{decision.pk}/delete/"))
        self.assertFalse(self.conversation.decisions.exists())

    def test_an_empty_decision_is_an_error(self):
        r = self.client.post(self.url("decisions/"), {"decision-text": ""})
        self.assertContains(r, "Write the decision before saving.", status_code=400)


class ActionItemTests(PlanTestCase):
    def setUp(self):
        self.client.force_login(self.learner)

    def test_add_an_action_with_who_and_by_when(self):
        r = self.client.post(
            self.url("actions/"),
            {"what": "Book the room", "who": "Sam", "due_on": "2025-07-01", "status": "open"},
        )
        self.assertRedirects(r, self.url("actions/"))
        item = ActionItem.objects.get()
        self.assertEqual(
            (item.what, item.who, item.due_on, item.status),
            ("Book the room", "Sam", date(2025, 7, 1), "open"),
        )
        self.assertContains(self.client.get(self.url("actions/")), "Jul 1, 2025")

    def test_what_is_required(self):
        r = self.client.post(self.url("actions/"), {"what": "", "status": "open"})
        self.assertContains(r, "Say what will be done.", status_code=400)

    def test_change_the_status(self):
        item = self.conversation.action_items.create(what="Book the room")
        r = self.client.post(self.url(f"actions/{item.pk}/status/"), {"status": "done"}, follow=True)
        self.assertContains(r, "“Book the room” is now: Done.")
        item.refresh_from_db()
        self.assertEqual(item.status, ActionStatus.DONE)
        self.client.post(self.url(f"actions/{item.pk}/status/"), {"status": "lost"})
        item.refresh_from_db()
        self.assertEqual(item.status, ActionStatus.DONE)

    def test_edit_and_remove_an_action(self):
        item = self.conversation.action_items.create(what="Book the room")
        self.client.post(
            self.url(f"actions/{item.pk}/"), {"what": "Book room B", "who": "Ana", "status": "doing"}
        )
        item.refresh_from_db()
        self.assertEqual((item.what, item.who, item.status), ("Book room B", "Ana", "doing"))
        self.client.post(self.url(f"actions/{item.pk}/delete/"))
        self.assertFalse(ActionItem.objects.exists())

    def test_another_conversations_action_is_not_found(self):
        other = Conversation.objects.create(owner=self.outsider, title="Theirs")
        item = other.action_items.create(what="Theirs")
        for path in (f"actions/{item.pk}/", f"actions/{item.pk}/status/", f"actions/{item.pk}/delete/"):
            with self.subTest(path=path):
                self.assertEqual(self.client.post(self.url(path), {"status": "done"}).status_code, 404)
        item.refresh_from_db()
        self.assertEqual(item.status, "open")


class HeldTests(PlanTestCase):
    def setUp(self):
        self.client.force_login(self.learner)

    def test_mark_as_held_with_a_count_of_people(self):
        r = self.client.post(
            self.url("held/"), {"held_on": "2025-06-12", "attendance": "23", "summary": "A warm evening."}
        )
        self.assertRedirects(r, self.url("follow-up/"))
        self.conversation.refresh_from_db()
        self.assertEqual((self.conversation.held_on, self.conversation.attendance), (date(2025, 6, 12), 23))
        self.assertEqual(list(Conversation.objects.held()), [self.conversation])
        self.assertContains(self.client.get(self.url()), "Held on June 12, 2025 with 23 people")

    def test_attendance_is_a_number_not_names(self):
        for value, error in (
            ("", "Enter how many people took part."),
            ("Ana, Sam", "Enter a whole number."),
            ("-1", "greater than or equal to 0"),
        ):
            with self.subTest(value=value):
                r = self.client.post(self.url("held/"), {"held_on": "2025-06-12", "attendance": value})
                self.assertContains(r, error, status_code=400)
        r = self.client.post(self.url("held/"), {"held_on": "", "attendance": "3"})
        self.assertContains(r, "Enter the date it was held.", status_code=400)
        self.conversation.refresh_from_db()
        self.assertIsNone(self.conversation.held_on)
