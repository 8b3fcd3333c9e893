"""The agenda: its arithmetic, and the editor that adds, removes, reorders and times blocks."""

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.test import SimpleTestCase

from convener.conversations import agenda
from convener.conversations.models import AgendaItem

from .base import PlanTestCase


def blocks(*minutes):
    return [SimpleNamespace(title=f"Block {i}", minutes=m) for i, m in enumerate(minutes)]


class ArithmeticTests(SimpleTestCase):
    def test_offsets_add_up_the_blocks_before(self):
        slots = agenda.schedule(blocks(10, 5, 45, 20))
        self.assertEqual([s.offset for s in slots], [0, 10, 15, 60])
        self.assertEqual([s.offset_label for s in slots], ["0:00", "0:10", "0:15", "1:00"])
        self.assertIsNone(slots[0].start)

    def test_start_times_follow_from_the_start_in_its_zone(self):
        start = datetime(
            2025, 3, 9, 1, 30, tzinfo=ZoneInfo("America/New_York")
        )  # the night clocks spring ahead
        slots = agenda.schedule(blocks(15, 45, 30), start)
        self.assertEqual(slots[1].start - slots[0].start, slots[0].end - slots[0].start)
        self.assertEqual(
            [s.start.astimezone(ZoneInfo("UTC")).strftime("%H:%M") for s in slots],
            ["06:30", "06:45", "07:30"],
        )
        self.assertEqual(slots[-1].end.astimezone(ZoneInfo("UTC")).strftime("%H:%M"), "08:00")
        self.assertEqual(slots[2].start.strftime("%H:%M %Z"), "03:30 EDT")

    def test_total_and_overrun(self):
        items = blocks(30, 30, 45)
        self.assertEqual(agenda.total_minutes(items), 105)
        self.assertEqual(agenda.overrun(items, 90), 15)
        self.assertEqual(agenda.overrun(items, 105), 0)
        self.assertEqual(agenda.overrun(items, 120), 0)
        self.assertEqual(agenda.total_minutes([]), 0)

    def test_clock_labels(self):
        self.assertEqual(agenda.clock(0), "0:00")
        self.assertEqual(agenda.clock(59), "0:59")
        self.assertEqual(agenda.clock(125), "2:05")


class EditorTests(PlanTestCase):
    def setUp(self):
        self.client.force_login(self.learner)

    def titles(self):
        return list(self.conversation.agenda_items.values_list("title", flat=True))

    def item(self, title):
        return self.conversation.agenda_items.get(title=title)

    def test_the_editor_shows_start_times_and_the_total(self):
        r = self.client.get(self.url("agenda/"))
        self.assertContains(r, "+0:10</span> Round 1")
        self.assertContains(r, "Total: 60 minutes (1:00).")
        self.assertContains(r, "The agenda takes 60 of the 60 minutes available.")
        self.assertContains(r, "Move up<span")
        self.assertContains(r, "disabled>Move up")  # the first block can't move up

    def test_clock_times_when_the_start_is_set(self):
        self.conversation.starts_at = datetime(2025, 6, 12, 18, 0, tzinfo=ZoneInfo("America/Chicago"))
        self.conversation.time_zone = "America/Chicago"
        self.conversation.save()
        r = self.client.get(self.url("agenda/"))
        self.assertContains(r, "6:10 PM</span> Round 1")
        self.assertContains(r, "6:55 PM</span> Close")

    def test_a_warning_when_the_agenda_is_longer_than_the_time_available(self):
        self.conversation.minutes_available = 45
        self.conversation.save()
        r = self.client.get(self.url("agenda/"))
        self.assertContains(r, "The agenda is too long")
        self.assertContains(r, "It runs 15 minutes past the 45 minutes available.")
        self.assertContains(self.client.get(self.url()), "It runs 15 minutes past")

    def test_add_a_block_at_the_end(self):
        r = self.client.post(
            self.url("agenda/"), {"title": "Evaluation", "minutes": "5", "question": "Was it useful?"}
        )
        item = self.item("Evaluation")
        self.assertRedirects(r, self.url(f"agenda/#block-{item.pk}"), fetch_redirect_response=False)
        self.assertEqual(self.titles()[-1], "Evaluation")
        self.assertEqual(item.position, 4)
        self.assertEqual(item.question, "Was it useful?")

    def test_a_block_needs_a_title_and_sensible_minutes(self):
        r = self.client.post(self.url("agenda/"), {"title": "", "minutes": "0"})
        self.assertContains(r, "Give the block a title.", status_code=400)
        self.assertContains(r, "Use at least 1 minute.", status_code=400)
        r = self.client.post(self.url("agenda/"), {"title": "Long", "minutes": "601"})
        self.assertContains(r, "Use at most 600 minutes.", status_code=400)
        self.assertEqual(len(self.titles()), 4)

    def test_move_a_block_up_and_down(self):
        harvest = self.item("Harvest")
        self.client.post(self.url(f"agenda/{harvest.pk}/move/"), {"direction": "up"})
        self.assertEqual(self.titles(), ["Welcome", "Harvest", "Round 1", "Close"])
        r = self.client.post(self.url(f"agenda/{harvest.pk}/move/"), {"direction": "down"})
        self.assertRedirects(r, self.url(f"agenda/#block-{harvest.pk}"), fetch_redirect_response=False)
        self.assertEqual(self.titles(), ["Welcome", "Round 1", "Harvest", "Close"])
        self.assertEqual(
            list(self.conversation.agenda_items.values_list("position", flat=True)), [0, 1, 2, 3]
        )

    def test_the_ends_cannot_move_further(self):
        first = self.item("Welcome")
        r = self.client.post(self.url(f"agenda/{first.pk}/move/"), {"direction": "up"}, follow=True)
        self.assertContains(r, "can&#x27;t move further that way")
        self.client.post(self.url(f"agenda/{self.item('Close').pk}/move/"), {"direction": "down"})
        self.assertEqual(self.titles(), ["Welcome", "Round 1", "Harvest", "Close"])

    def test_remove_a_block_and_the_rest_close_up(self):
        self.client.post(self.url(f"agenda/{self.item('Round 1').pk}/remove/"))
        self.assertEqual(self.titles(), ["Welcome", "Harvest", "Close"])
        self.assertEqual(list(self.conversation.agenda_items.values_list("position", flat=True)), [0, 1, 2])

    def test_set_the_minutes_of_a_block(self):
        item = self.item("Harvest")
        r = self.client.post(self.url(f"agenda/{item.pk}/minutes/"), {"minutes": "40"}, follow=True)
        self.assertContains(r, "“Harvest” now takes 40 minutes.")
        self.assertContains(r, "It runs 15 minutes past the 60 minutes available.")
        item.refresh_from_db()
        self.assertEqual(item.minutes, 40)

    def test_bad_minutes_show_the_blocks_form_with_the_error(self):
        item = self.item("Harvest")
        r = self.client.post(self.url(f"agenda/{item.pk}/minutes/"), {"minutes": "lots"})
        self.assertContains(r, "Enter a whole number.", status_code=400)
        self.assertContains(r, f'action="/plan/{self.conversation.pk}/agenda/{item.pk}/"', status_code=400)
        item.refresh_from_db()
        self.assertEqual(item.minutes, 25)

    def test_edit_a_block(self):
        item = self.item("Close")
        self.assertContains(self.client.get(self.url(f"agenda/{item.pk}/")), 'value="Close"')
        self.client.post(
            self.url(f"agenda/{item.pk}/"),
            {"title": "Closing circle", "minutes": "10", "description": "One word each.", "question": ""},
        )
        item.refresh_from_db()
        self.assertEqual(
            (item.title, item.minutes, item.description), ("Closing circle", 10, "One word each.")
        )

    def test_add_the_methods_steps_again(self):
        r = self.client.post(self.url("agenda/method-steps/"), follow=True)
        self.assertContains(r, "4 steps of the method are added.")
        self.assertEqual(len(self.titles()), 8)
        self.assertEqual(
            list(self.conversation.agenda_items.values_list("position", flat=True)), list(range(8))
        )

    def test_a_block_of_another_conversation_is_not_found(self):
        from convener.conversations import actions

        other = actions.create_from_method(self.facilitator, self.method)
        foreign = other.agenda_items.first()
        for path, data in (
            (f"agenda/{foreign.pk}/", {}),
            (f"agenda/{foreign.pk}/move/", {"direction": "up"}),
            (f"agenda/{foreign.pk}/remove/", {}),
            (f"agenda/{foreign.pk}/minutes/", {"minutes": 3}),
        ):
            with self.subTest(path=path):
                self.assertEqual(self.client.post(self.url(path), data).status_code, 404)
        self.assertTrue(AgendaItem.objects.filter(pk=foreign.pk, minutes=10).exists())

    def test_block_actions_need_post(self):
        item = self.item("Close")
        for path in (f"agenda/{item.pk}/move/", f"agenda/{item.pk}/remove/", f"agenda/{item.pk}/minutes/"):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(self.url(path)).status_code, 405)
