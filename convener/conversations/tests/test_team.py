"""Co-facilitators: invited by the email of an existing account; what happens when people leave."""

import json

from django.core.cache import cache

from convener.accounts.actions import delete_account
from convener.conversations import actions
from convener.conversations.models import CoFacilitator, Conversation, Note, NoteAccess

from .base import PlanTestCase


class InviteTests(PlanTestCase):
    def setUp(self):
        cache.clear()
        self.client.force_login(self.learner)

    def test_invite_an_existing_account_by_email(self):
        r = self.client.post(self.url("team/"), {"email": " FRAN@example.org "}, follow=True)
        self.assertContains(r, "Fran Facilitator is now a co-facilitator")
        self.assertTrue(
            CoFacilitator.objects.filter(conversation=self.conversation, user=self.facilitator).exists()
        )

    def test_the_co_facilitator_can_edit_and_sees_the_conversation(self):
        actions.add_co_facilitator(self.conversation, self.facilitator)
        self.client.force_login(self.facilitator)
        r = self.client.post(self.url("edit/"), {"title": "Renamed by Fran", "minutes_available": "60"})
        self.assertRedirects(r, self.url())
        self.conversation.refresh_from_db()
        self.assertEqual(self.conversation.title, "Renamed by Fran")

    def test_an_address_without_an_account_is_an_error(self):
        r = self.client.post(self.url("team/"), {"email": "nobody@example.org"})
        self.assertContains(r, "No account uses this address.", status_code=400)
        self.assertFalse(CoFacilitator.objects.exists())

    def test_the_owner_and_existing_members_are_not_added_again(self):
        r = self.client.post(self.url("team/"), {"email": "lee@example.org"})
        self.assertContains(r, "This is the owner&#x27;s own address.", status_code=400)
        actions.add_co_facilitator(self.conversation, self.facilitator)
        r = self.client.post(self.url("team/"), {"email": "fran@example.org"})
        self.assertContains(r, "This person is already on the team.", status_code=400)
        self.assertEqual(CoFacilitator.objects.count(), 1)

    def test_only_the_owner_invites(self):
        actions.add_co_facilitator(self.conversation, self.facilitator)
        self.client.force_login(self.facilitator)
        self.assertNotContains(self.client.get(self.url("team/")), "Add a co-facilitator")
        r = self.client.post(self.url("team/"), {"email": "otto@example.org"})
        self.assertEqual(r.status_code, 403)
        self.assertFalse(CoFacilitator.objects.filter(user=self.outsider).exists())

    def test_many_invitations_are_slowed_down(self):
        for _ in range(31):
            r = self.client.post(self.url("team/"), {"email": "nobody@example.org"})
        self.assertEqual(r.status_code, 302)
        self.assertContains(self.client.get(r["Location"]), "Too many invitations")

    def test_the_owner_removes_a_co_facilitator(self):
        member = actions.add_co_facilitator(self.conversation, self.facilitator)
        r = self.client.post(self.url(f"team/{member.pk}/remove/"), follow=True)
        self.assertContains(r, "Fran Facilitator is no longer on the team.")
        self.assertFalse(CoFacilitator.objects.exists())

    def test_a_co_facilitator_leaves_but_cannot_remove_others(self):
        fran = actions.add_co_facilitator(self.conversation, self.facilitator)
        otto = actions.add_co_facilitator(self.conversation, self.outsider)
        self.client.force_login(self.facilitator)
        self.assertEqual(self.client.post(self.url(f"team/{otto.pk}/remove/")).status_code, 403)
        self.assertRedirects(self.client.post(self.url(f"team/{fran.pk}/remove/")), "/plan/")
        self.assertEqual(list(CoFacilitator.objects.all()), [otto])
        self.assertEqual(self.client.get(self.url()).status_code, 404)

    def test_removing_needs_post(self):
        member = actions.add_co_facilitator(self.conversation, self.facilitator)
        self.assertEqual(self.client.get(self.url(f"team/{member.pk}/remove/")).status_code, 405)


class LeavingTests(PlanTestCase):
    def test_a_departing_owner_hands_the_conversation_to_a_co_facilitator(self):
        actions.add_co_facilitator(self.conversation, self.facilitator)
        actions.add_co_facilitator(self.conversation, self.outsider)
        actions.save_note(
            self.conversation, self.learner, "3f2c1a8e-5b7d-4c0e-9a61-2d4b8f7e1c90", text="Kept"
        )
        delete_account(self.learner)
        conversation = Conversation.objects.get(pk=self.conversation.pk)
        self.assertEqual(conversation.owner, self.facilitator)
        self.assertEqual(
            list(conversation.co_facilitators.values_list("user", flat=True)), [self.outsider.pk]
        )
        note = Note.objects.get()
        self.assertEqual((note.text, note.author), ("Kept", None))

    def test_a_conversation_without_a_team_goes_with_its_owner(self):
        delete_account(self.learner)
        self.assertFalse(Conversation.objects.filter(pk=self.conversation.pk).exists())

    def test_an_audit_record_outlives_the_administrator_but_not_their_name(self):
        record = actions.open_notes_for_staff(self.administrator, self.conversation, "Complaint")
        delete_account(self.administrator)
        record.refresh_from_db()
        self.assertIsNone(record.staff)
        self.assertEqual(record.conversation, self.conversation)
        self.assertEqual(NoteAccess.objects.count(), 1)


class MyDataTests(PlanTestCase):
    def test_my_conversations_notes_and_teams_are_in_my_data(self):
        actions.add_co_facilitator(self.conversation, self.facilitator)
        self.conversation.decisions.create(text="Meet again")
        actions.save_note(
            self.conversation, self.facilitator, "3f2c1a8e-5b7d-4c0e-9a61-2d4b8f7e1c90", text="Mine"
        )
        self.client.force_login(self.learner)
        data = json.loads(self.client.post("/account/my-data/export/").content)
        [mine] = data["conversations"]
        self.assertEqual(mine["title"], "Our Main Street")
        self.assertEqual(
            [block["title"] for block in mine["agenda"]], ["Welcome", "Round 1", "Harvest", "Close"]
        )
        self.assertEqual(mine["decisions"], ["Meet again"])
        self.assertEqual(data["conversation_notes"], [])
        self.client.force_login(self.facilitator)
        data = json.loads(self.client.post("/account/my-data/export/").content)
        self.assertEqual(data["conversations"], [])
        self.assertEqual(data["conversation_teams"][0]["conversation__title"], "Our Main Street")
        self.assertEqual(data["conversation_notes"][0]["text"], "Mine")
