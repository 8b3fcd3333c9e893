"""Notes: per block and table, private to the team, and saved exactly once per client id."""

import uuid

from convener.conversations import actions
from convener.conversations.models import Note

from .base import PlanTestCase

CLIENT_ID = "3f2c1a8e-5b7d-4c0e-9a61-2d4b8f7e1c90"


class NoteFormTests(PlanTestCase):
    def setUp(self):
        self.client.force_login(self.learner)
        self.round = self.conversation.agenda_items.get(title="Round 1")

    def test_add_a_note_to_a_block_and_table(self):
        r = self.client.post(
            self.url("notes/"),
            {
                "agenda_item": self.round.pk,
                "table": "3",
                "text": "Parking came up twice.",
                "client_id": CLIENT_ID,
            },
        )
        self.assertRedirects(r, self.url("notes/"))
        note = Note.objects.get()
        self.assertEqual(
            (note.agenda_item, note.table, note.text), (self.round, "3", "Parking came up twice.")
        )
        self.assertEqual(note.author, self.learner)
        self.assertEqual(str(note.client_id), CLIENT_ID)
        page = self.client.get(self.url("notes/"))
        self.assertContains(page, "Table: 3")
        self.assertContains(page, "Parking came up twice.")

    def test_the_form_warns_against_names_on_sensitive_topics(self):
        for path in ("notes/", "run/"):
            with self.subTest(path=path):
                self.assertContains(self.client.get(self.url(path)), "leave out participants' names")

    def test_a_double_submitted_form_saves_one_note(self):
        data = {"agenda_item": self.round.pk, "text": "Once only", "client_id": CLIENT_ID}
        self.client.post(self.url("notes/"), data)
        r = self.client.post(self.url("notes/"), data, follow=True)
        self.assertContains(r, "This note was already saved.")
        self.assertEqual(Note.objects.count(), 1)

    def test_from_run_mode_the_form_returns_to_run_mode(self):
        r = self.client.post(
            self.url("notes/"), {"text": "From the room", "client_id": CLIENT_ID, "return_to": "run"}
        )
        self.assertRedirects(r, self.url("run/"))

    def test_an_empty_note_is_an_error_where_it_was_written(self):
        r = self.client.post(self.url("notes/"), {"text": "", "client_id": CLIENT_ID, "return_to": "run"})
        self.assertContains(r, "Write the note before saving.", status_code=400)
        self.assertContains(r, "Run: Our Main Street", status_code=400)
        r = self.client.post(self.url("notes/"), {"text": "", "client_id": CLIENT_ID})
        self.assertContains(r, "Write the note before saving.", status_code=400)
        self.assertFalse(Note.objects.exists())

    def test_a_block_of_another_conversation_cannot_be_used(self):
        other = actions.create_from_method(self.facilitator, self.method)
        r = self.client.post(
            self.url("notes/"),
            {"agenda_item": other.agenda_items.first().pk, "text": "x", "client_id": CLIENT_ID},
        )
        self.assertEqual(r.status_code, 400)
        self.assertFalse(Note.objects.exists())

    def test_edit_a_note_and_tag_it_with_themes(self):
        theme = self.conversation.themes.create(name="Parking")
        note, _ = actions.save_note(self.conversation, self.learner, CLIENT_ID, text="Cars")
        r = self.client.post(
            self.url(f"notes/{note.pk}/"),
            {
                "text": "Cars everywhere",
                "agenda_item": self.round.pk,
                "themes": [theme.pk],
                "client_id": CLIENT_ID,
            },
        )
        self.assertRedirects(r, self.url(f"notes/#note-{note.pk}"), fetch_redirect_response=False)
        note.refresh_from_db()
        self.assertEqual((note.text, note.agenda_item), ("Cars everywhere", self.round))
        self.assertEqual(list(note.themes.all()), [theme])

    def test_delete_a_note(self):
        note, _ = actions.save_note(self.conversation, self.learner, CLIENT_ID, text="Oops")
        self.assertEqual(self.client.get(self.url(f"notes/{note.pk}/delete/")).status_code, 405)
        self.client.post(self.url(f"notes/{note.pk}/delete/"))
        self.assertFalse(Note.objects.exists())

    def test_a_note_of_another_conversation_is_not_found(self):
        other = actions.create_blank(self.facilitator, "Other")
        note, _ = actions.save_note(other, self.facilitator, CLIENT_ID, text="Theirs")
        self.assertEqual(self.client.get(self.url(f"notes/{note.pk}/")).status_code, 404)
        self.assertEqual(self.client.post(self.url(f"notes/{note.pk}/delete/")).status_code, 404)
        self.assertTrue(Note.objects.filter(pk=note.pk).exists())

    def test_the_table_field_appears_only_for_methods_with_tables(self):
        self.assertContains(self.client.get(self.url("notes/")), 'name="table"')
        plain = actions.create_blank(self.learner, "Circle")
        self.assertNotContains(self.client.get(f"/plan/{plain.pk}/notes/"), 'name="table"')


class NoteSyncTests(PlanTestCase):
    """Run mode sends queued notes here, perhaps more than once: each is saved exactly once."""

    def setUp(self):
        self.client.force_login(self.learner)
        self.round = self.conversation.agenda_items.get(title="Round 1")

    def send(self, **data):
        fields = {"client_id": CLIENT_ID, "text": "Written offline", "agenda_item": self.round.pk, **data}
        return self.client.post(self.url("notes/sync/"), fields, headers={"accept": "application/json"})

    def test_the_same_id_twice_saves_one_note(self):
        first = self.send()
        self.assertEqual(first.status_code, 201)
        self.assertTrue(first.json()["created"])
        second = self.send(text="Written offline (sent again)")
        self.assertEqual(second.status_code, 200)
        self.assertEqual(second.json(), {**first.json(), "created": False})
        note = Note.objects.get()
        self.assertEqual(note.text, "Written offline")
        self.assertEqual(note.agenda_item, self.round)

    def test_different_ids_are_different_notes(self):
        self.send()
        self.send(client_id=str(uuid.uuid4()), text="Another")
        self.assertEqual(Note.objects.count(), 2)

    def test_the_same_id_in_another_conversation_is_its_own_note(self):
        other = actions.create_blank(self.learner, "Second")
        self.send()
        r = self.client.post(f"/plan/{other.pk}/notes/sync/", {"client_id": CLIENT_ID, "text": "Elsewhere"})
        self.assertEqual(r.status_code, 201)
        self.assertEqual(Note.objects.count(), 2)

    def test_a_note_for_a_block_removed_since_is_kept_untied(self):
        removed = self.round.pk
        self.round.delete()
        r = self.send(agenda_item=removed)
        self.assertEqual(r.status_code, 201)
        self.assertIsNone(Note.objects.get().agenda_item)

    def test_a_bad_note_is_refused_with_the_reason(self):
        r = self.send(text="")
        self.assertEqual(r.status_code, 400)
        self.assertIn("text", r.json()["errors"])
        r = self.send(client_id="not-a-uuid")
        self.assertEqual(r.status_code, 400)
        self.assertFalse(Note.objects.exists())

    def test_sync_needs_post_and_the_team(self):
        self.assertEqual(self.client.get(self.url("notes/sync/")).status_code, 405)
        self.client.force_login(self.outsider)
        self.assertEqual(self.send().status_code, 404)
        self.client.logout()
        self.assertEqual(self.send().status_code, 401)
        self.assertFalse(Note.objects.exists())

    def test_a_concurrent_duplicate_returns_the_saved_note(self):
        from unittest import mock

        from django.db import IntegrityError

        saved, _ = actions.save_note(self.conversation, self.learner, CLIENT_ID, text="First")
        with mock.patch.object(Note.objects, "get_or_create", side_effect=IntegrityError):
            note, created = actions.save_note(self.conversation, self.learner, CLIENT_ID, text="Second")
        self.assertEqual((note.pk, created), (saved.pk, False))
