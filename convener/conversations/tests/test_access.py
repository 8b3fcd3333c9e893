"""Only the team sees or edits a conversation; a share link reads, and stops when revoked."""

from datetime import timedelta

from django.utils import timezone

from convener.conversations import actions
from convener.conversations.models import Conversation, NoteAccess

from .base import PlanTestCase

# Every page of one conversation that the team can open with GET.
TEAM_PAGES = [
    "",
    "edit/",
    "agenda/",
    "run-sheet/",
    "handout/",
    "team/",
    "run/",
    "run/projector/",
    "notes/",
    "harvest/",
    "actions/",
    "held/",
    "follow-up/",
    "follow-up.md",
    "follow-up.csv",
]
# And what the team can POST to (with data that would change something).
TEAM_POSTS = [
    ("edit/", {"title": "Taken over", "minutes_available": 60}),
    ("agenda/", {"title": "Intruder", "minutes": 5}),
    ("agenda/method-steps/", {}),
    ("share/", {}),
    ("share/revoke/", {}),
    ("notes/", {"text": "Sneaky", "client_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7"}),
    ("notes/sync/", {"text": "Sneaky", "client_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7"}),
    ("themes/", {"theme-name": "Intrusion"}),
    ("decisions/", {"decision-text": "Intrusion"}),
    ("actions/", {"what": "Intrude", "status": "open"}),
    ("held/", {"held_on": "2025-01-01", "attendance": 3}),
    ("delete/", {}),
]


class TeamOnlyTests(PlanTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        actions.add_co_facilitator(cls.conversation, cls.facilitator)

    def test_the_owner_and_co_facilitators_open_every_page(self):
        for person in (self.learner, self.facilitator):
            self.client.force_login(person)
            for path in TEAM_PAGES:
                with self.subTest(person=person.email, path=path):
                    self.assertEqual(self.client.get(self.url(path)).status_code, 200)

    def test_anyone_else_gets_not_found_even_an_administrator(self):
        for person in (self.outsider, self.administrator):
            self.client.force_login(person)
            for path in TEAM_PAGES:
                with self.subTest(person=person.email, path=path):
                    self.assertEqual(self.client.get(self.url(path)).status_code, 404)

    def test_anyone_else_changes_nothing(self):
        self.client.force_login(self.outsider)
        for path, data in TEAM_POSTS:
            with self.subTest(path=path):
                self.assertEqual(self.client.post(self.url(path), data).status_code, 404)
        conversation = Conversation.objects.get(pk=self.conversation.pk)
        self.assertEqual(conversation.title, "Our Main Street")
        self.assertEqual(conversation.agenda_items.count(), 4)
        self.assertEqual(conversation.share_token, "")
        self.assertFalse(conversation.notes.exists())
        self.assertFalse(conversation.themes.exists())
        self.assertFalse(conversation.decisions.exists())
        self.assertFalse(conversation.action_items.exists())
        self.assertIsNone(conversation.held_on)

    def test_visitors_are_sent_to_sign_in(self):
        for path in TEAM_PAGES:
            with self.subTest(path=path):
                r = self.client.get(self.url(path))
                self.assertEqual(r.status_code, 302)
                self.assertTrue(r["Location"].startswith("/account/sign-in/?next="))
        self.assertEqual(self.client.get("/plan/new/").status_code, 302)

    def test_a_visitor_syncing_notes_is_told_to_sign_in(self):
        r = self.client.post(
            self.url("notes/sync/"), {"text": "x", "client_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7"}
        )
        self.assertEqual(r.status_code, 401)
        self.assertFalse(self.conversation.notes.exists())

    def test_the_list_shows_only_my_conversations(self):
        actions.create_blank(self.outsider, "Someone else's plan")
        self.client.force_login(self.facilitator)
        r = self.client.get("/plan/")
        self.assertContains(r, "Our Main Street")
        self.assertContains(r, "Co-facilitator with Lee Learner")
        self.assertNotContains(r, "Someone else")

    def test_the_plan_page_is_public_and_explains_itself(self):
        r = self.client.get("/plan/")
        self.assertContains(r, "Sign in to plan a conversation")
        self.assertNotContains(r, "Our Main Street")

    def test_only_the_owner_deletes(self):
        self.client.force_login(self.facilitator)
        self.assertEqual(self.client.get(self.url("delete/")).status_code, 403)
        self.assertEqual(self.client.post(self.url("delete/")).status_code, 403)
        self.client.force_login(self.learner)
        self.assertEqual(self.client.get(self.url("delete/")).status_code, 200)
        self.assertRedirects(self.client.post(self.url("delete/")), "/plan/")
        self.assertFalse(Conversation.objects.filter(pk=self.conversation.pk).exists())

    def test_unknown_conversations_are_not_found(self):
        self.client.force_login(self.learner)
        self.assertEqual(self.client.get("/plan/999999/").status_code, 404)

    def test_pages_reject_wrong_methods(self):
        self.client.force_login(self.learner)
        for path in ("", "run-sheet/", "handout/", "run/", "follow-up/", "follow-up.csv", "invitation.ics"):
            with self.subTest(path=path):
                self.assertEqual(self.client.post(self.url(path)).status_code, 405)
        for path in ("share/", "share/revoke/", "notes/sync/", "themes/", "decisions/"):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(self.url(path)).status_code, 405)
        self.assertEqual(self.client.post("/plan/").status_code, 405)

    def test_every_post_only_action_refuses_get(self):
        c = self.conversation
        item = c.agenda_items.first()
        member = c.co_facilitators.get()
        note, _ = actions.save_note(c, self.learner, "7c9e6679-7425-40de-944b-e07fc1f90ae7", text="x")
        theme = c.themes.create(name="t")
        decision = c.decisions.create(text="d")
        action = c.action_items.create(what="a")
        self.client.force_login(self.learner)
        for path in (
            "agenda/method-steps/",
            f"agenda/{item.pk}/minutes/",
            f"agenda/{item.pk}/move/",
            f"agenda/{item.pk}/remove/",
            f"team/{member.pk}/remove/",
            f"notes/{note.pk}/delete/",
            f"themes/{theme.pk}/delete/",
            f"decisions/{decision.pk}/delete/",
            f"actions/{action.pk}/status/",
            f"actions/{action.pk}/delete/",
        ):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(self.url(path)).status_code, 405)
        self.assertTrue(c.agenda_items.filter(pk=item.pk).exists())
        self.assertTrue(c.co_facilitators.filter(pk=member.pk).exists())

    def test_private_pages_are_not_cached_or_indexed(self):
        self.client.force_login(self.learner)
        r = self.client.get(self.url("notes/"))
        self.assertIn("no-store", r["Cache-Control"])
        self.assertIn("noindex", r["X-Robots-Tag"])


class ShareLinkTests(PlanTestCase):
    def setUp(self):
        self.client.force_login(self.learner)
        self.client.post(self.url("share/"))
        self.conversation.refresh_from_db()
        self.token = self.conversation.share_token
        self.client.logout()

    def test_the_link_reads_the_run_sheet_and_handout_without_an_account(self):
        self.assertGreaterEqual(len(self.token), 32)
        r = self.client.get(f"/plan/shared/{self.token}/")
        self.assertContains(r, "Run sheet: Our Main Street")
        self.assertContains(r, "A read-only copy of this plan")
        self.assertContains(r, "Round 1")
        self.assertIn("noindex", r["X-Robots-Tag"])
        self.assertContains(self.client.get(f"/plan/shared/{self.token}/handout/"), "Our agreements")
        self.assertEqual(
            self.client.get(f"/plan/shared/{self.token}/run-sheet.pdf")["Content-Type"], "application/pdf"
        )

    def test_the_link_shows_no_notes_and_no_way_to_edit(self):
        actions.save_note(
            self.conversation, self.learner, "7c9e6679-7425-40de-944b-e07fc1f90ae7", text="Secret words"
        )
        r = self.client.get(f"/plan/shared/{self.token}/")
        self.assertNotContains(r, "Secret words")
        self.assertNotContains(r, '<form method="post"')
        self.assertNotContains(r, f"/plan/{self.conversation.pk}/edit/")

    def test_the_link_is_read_only(self):
        for path in ("", "handout/", "run-sheet.pdf", "invitation.ics"):
            with self.subTest(path=path):
                self.assertEqual(self.client.post(f"/plan/shared/{self.token}/{path}").status_code, 405)

    def test_the_link_does_not_open_the_team_pages(self):
        self.assertEqual(self.client.get(self.url("notes/")).status_code, 302)

    def test_revoking_the_link_stops_it(self):
        self.client.force_login(self.learner)
        self.assertContains(self.client.get(self.url("team/")), f"/plan/shared/{self.token}/")
        r = self.client.post(self.url("share/revoke/"), follow=True)
        self.assertContains(r, "The read-only link is turned off.")
        self.client.logout()
        self.assertEqual(self.client.get(f"/plan/shared/{self.token}/").status_code, 404)
        self.assertEqual(self.client.get(f"/plan/shared/{self.token}/handout/").status_code, 404)
        self.assertEqual(self.client.get("/plan/shared//").status_code, 404)

    def test_a_new_link_replaces_the_old_one(self):
        self.client.force_login(self.learner)
        self.client.post(self.url("share/"))
        self.conversation.refresh_from_db()
        self.assertNotEqual(self.conversation.share_token, self.token)
        self.client.logout()
        self.assertEqual(self.client.get(f"/plan/shared/{self.token}/").status_code, 404)
        self.assertEqual(self.client.get(f"/plan/shared/{self.conversation.share_token}/").status_code, 200)

    def test_a_guessed_link_is_not_found(self):
        self.assertEqual(self.client.get("/plan/shared/not-a-real-token/").status_code, 404)


class StaffAuditTests(PlanTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        actions.save_note(
            cls.conversation, cls.learner, "7c9e6679-7425-40de-944b-e07fc1f90ae7", text="Said at table 2"
        )

    def test_administrators_read_notes_only_after_recording_why(self):
        self.client.force_login(self.administrator)
        r = self.client.get("/plan/staff/")
        self.assertContains(r, "Our Main Street")
        self.assertNotContains(r, "Said at table 2")
        r = self.client.get(f"/plan/staff/{self.conversation.pk}/notes/")
        self.assertNotContains(r, "Said at table 2")
        self.assertEqual(NoteAccess.objects.count(), 0)
        r = self.client.post(f"/plan/staff/{self.conversation.pk}/notes/", {"reason": "A complaint, case 12"})
        record = NoteAccess.objects.get()
        self.assertRedirects(r, f"/plan/staff/{self.conversation.pk}/notes/{record.pk}/")
        self.assertEqual(
            (record.staff, record.conversation, record.reason),
            (self.administrator, self.conversation, "A complaint, case 12"),
        )
        self.assertContains(self.client.get(r["Location"]), "Said at table 2")

    def test_a_reason_is_required(self):
        self.client.force_login(self.administrator)
        r = self.client.post(f"/plan/staff/{self.conversation.pk}/notes/", {"reason": ""})
        self.assertContains(r, "Give a reason.", status_code=400)
        self.assertFalse(NoteAccess.objects.exists())

    def test_the_record_opens_the_notes_only_for_its_author_and_for_a_while(self):
        other_admin = type(self.administrator).objects.create_user(
            "al@example.org", "x", display_name="Al", is_staff=True
        )
        record = actions.open_notes_for_staff(self.administrator, self.conversation, "Audit")
        url = f"/plan/staff/{self.conversation.pk}/notes/{record.pk}/"
        self.client.force_login(other_admin)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.administrator)
        self.assertEqual(self.client.get(url).status_code, 200)
        NoteAccess.objects.filter(pk=record.pk).update(created_at=timezone.now() - timedelta(hours=1))
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_people_who_are_not_administrators_are_refused(self):
        self.client.force_login(self.learner)
        self.assertEqual(self.client.get("/plan/staff/").status_code, 403)
        self.assertEqual(
            self.client.post(f"/plan/staff/{self.conversation.pk}/notes/", {"reason": "x"}).status_code, 403
        )
        self.client.logout()
        self.assertEqual(self.client.get("/plan/staff/").status_code, 302)

    def test_notes_are_not_in_the_admin_site(self):
        from django.contrib import admin

        from convener.conversations.models import Note

        self.assertNotIn(Note, admin.site._registry)
        self.assertIn(NoteAccess, admin.site._registry)
