"""Run sheet, handout, .ics invitation and the follow-up report in PDF, Markdown and CSV."""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from convener.conversations import actions
from convener.conversations.models import ActionStatus
from convener.test import is_tagged, read_pdf

from .base import PlanTestCase


def pdf_text(content):
    reader = read_pdf(content)
    return reader, " ".join(page.extract_text() for page in reader.pages)


class PlanOutputTests(PlanTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        c = cls.conversation
        c.starts_at = datetime(2025, 6, 12, 18, 0, tzinfo=ZoneInfo("America/Chicago"))
        c.time_zone = "America/Chicago"
        c.venue = "Meeting room B, 12 Elm Street"
        c.online_link = "https://meet.example.org/main-street"
        c.dial_in = "+1 555 0100, code 4321"
        c.framing_questions = "What would make Main Street feel like ours?"
        c.access_needs = ["captions", "step_free"]
        c.roles = {"facilitator": "Sam", "timekeeper": "Ana"}
        c.logistics_notes = "Keys from the front desk."
        c.save()

    def setUp(self):
        self.client.force_login(self.learner)

    def test_the_run_sheet_has_times_roles_agreements_and_materials(self):
        r = self.client.get(self.url("run-sheet/"))
        for text in (
            "Thursday, June 12, 2025, 6:00 PM",
            "America/Chicago",
            "6:10 PM",
            "What matters most?",
            "Sam",
            "Listen to understand",
            "Small tables for four or five people",
            "Captions (CART)",
            "Keys from the front desk.",
        ):
            self.assertContains(r, text)

    def test_the_handout_leaves_out_what_only_the_team_needs(self):
        r = self.client.get(self.url("handout/"))
        self.assertContains(r, "What would make Main Street feel like ours?")
        self.assertContains(r, "Our agreements")
        self.assertContains(r, "https://meet.example.org/main-street")
        self.assertNotContains(r, "Keys from the front desk.")
        self.assertNotContains(r, "Sam")

    def test_run_sheet_and_handout_download_as_tagged_pdfs(self):
        for path, expected in (
            ("run-sheet.pdf", "Run sheet: Our Main Street"),
            ("handout.pdf", "Our agreements"),
        ):
            with self.subTest(path=path):
                r = self.client.get(self.url(path))
                self.assertEqual(r["Content-Type"], "application/pdf")
                self.assertIn("attachment", r["Content-Disposition"])
                reader, text = pdf_text(r.content)
                self.assertTrue(is_tagged(reader))
                self.assertIn(expected, text)
                self.assertIn("Round 1", text)

    def test_the_invitation_reads_back_as_one_event(self):
        r = self.client.get(self.url("invitation.ics"))
        self.assertEqual(r["Content-Type"], "text/calendar; charset=utf-8")
        calendar = icalendar.Calendar.from_ical(r.content)
        [event] = calendar.walk("VEVENT")
        self.assertEqual(str(event["SUMMARY"]), "Our Main Street")
        start = event.decoded("DTSTART")
        self.assertEqual(start, datetime(2025, 6, 12, 23, 0, tzinfo=ZoneInfo("UTC")))
        self.assertEqual(event.decoded("DTEND") - start, timedelta(minutes=60))
        self.assertEqual(str(event["LOCATION"]), "Meeting room B, 12 Elm Street")
        description = str(event["DESCRIPTION"])
        self.assertIn("What would make Main Street feel like ours?", description)
        self.assertIn("0:10 Round 1", description)
        self.assertIn("+1 555 0100, code 4321", description)
        self.assertTrue(str(event["UID"]).startswith(f"conversation-{self.conversation.pk}-"))
        self.assertEqual(str(event["URL"]), f"http://testserver/plan/{self.conversation.pk}/")

    def test_the_invitation_lasts_the_time_available_when_it_is_longer(self):
        self.conversation.minutes_available = 90
        self.conversation.save()
        event = icalendar.Calendar.from_ical(self.client.get(self.url("invitation.ics")).content).walk(
            "VEVENT"
        )[0]
        self.assertEqual(event.decoded("DTEND") - event.decoded("DTSTART"), timedelta(minutes=90))

    def test_without_a_date_the_invitation_asks_for_one(self):
        self.conversation.starts_at = None
        self.conversation.save()
        r = self.client.get(self.url("invitation.ics"), follow=True)
        self.assertRedirects(r, self.url("edit/"))
        self.assertContains(r, "Set a date and start time first")

    def test_the_shared_invitation(self):
        token = actions.create_share_link(self.conversation)
        self.client.logout()
        r = self.client.get(f"/plan/shared/{token}/invitation.ics")
        [event] = icalendar.Calendar.from_ical(r.content).walk("VEVENT")
        self.assertEqual(str(event["SUMMARY"]), "Our Main Street")


class FollowUpTests(PlanTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        c = cls.conversation
        actions.mark_held(c, date(2025, 6, 12), 23, "We heard a lot about parking and about the empty shops.")
        c.themes.create(name="Parking", description="Too little near the shops")
        c.themes.create(name="Empty shops")
        c.decisions.create(text="Meet again in the fall")
        c.action_items.create(what="Ask the council for parking data", who="Sam", due_on=date(2025, 7, 1))
        c.action_items.create(
            what='=HYPERLINK("http://evil.example")', who="@someone", status=ActionStatus.DONE
        )
        actions.save_note(
            c, cls.learner, "7c9e6679-7425-40de-944b-e07fc1f90ae7", text="Private words from table 3"
        )

    def setUp(self):
        self.client.force_login(self.learner)

    def test_the_report_page(self):
        r = self.client.get(self.url("follow-up/"))
        self.assertContains(r, "Held on June 12, 2025. 23 people took part.")
        self.assertContains(r, "Parking")
        self.assertContains(r, "Meet again in the fall")
        self.assertContains(r, "Ask the council for parking data")
        self.assertNotContains(r, "Private words")

    def test_the_pdf_builds_tagged_and_complete(self):
        r = self.client.get(self.url("follow-up.pdf"))
        self.assertEqual(r["Content-Type"], "application/pdf")
        self.assertEqual(r["Cache-Control"], "no-store")
        reader, text = pdf_text(r.content)
        self.assertTrue(is_tagged(reader))
        for expected in (
            "Follow-up: Our Main Street",
            "parking and about the empty shops",
            "Parking",
            "Meet again",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Private words", text)

    def test_the_markdown(self):
        r = self.client.get(self.url("follow-up.md"))
        self.assertEqual(r["Content-Type"], "text/markdown; charset=utf-8")
        text = r.content.decode()
        self.assertTrue(text.startswith("# Follow-up: Our Main Street\n"))
        self.assertIn("- **Parking**: Too little near the shops", text)
        self.assertIn("- Meet again in the fall", text)
        self.assertIn("| Ask the council for parking data | Sam | 2025-07-01 | Not started |", text)
        self.assertNotIn("Private words", text)

    def test_the_csv_reads_back(self):
        r = self.client.get(self.url("follow-up.csv"))
        self.assertEqual(r["Content-Type"], "text/csv; charset=utf-8")
        rows = list(csv.DictReader(io.StringIO(r.content.decode())))
        self.assertEqual(
            [row["section"] for row in rows],
            ["conversation", "summary", "theme", "theme", "decision", "action", "action"],
        )
        self.assertEqual(rows[0]["details"], "Held on June 12, 2025. 23 people took part.")
        self.assertEqual(rows[2]["text"], "Empty shops")
        action = rows[5]
        self.assertEqual(
            (action["text"], action["who"], action["by_when"], action["status"]),
            ("Ask the council for parking data", "Sam", "2025-07-01", "Not started"),
        )
        self.assertNotIn("Private words", r.content.decode())

    def test_the_csv_cannot_carry_a_spreadsheet_formula(self):
        rows = list(csv.DictReader(io.StringIO(self.client.get(self.url("follow-up.csv")).content.decode())))
        risky = rows[6]
        self.assertEqual(risky["text"], '\'=HYPERLINK("http://evil.example")')
        self.assertEqual(risky["who"], "'@someone")
        self.assertEqual(risky["status"], "Done")

    def test_an_empty_report_still_builds(self):
        empty = actions.create_blank(self.learner, "Quiet one")
        self.assertContains(self.client.get(f"/plan/{empty.pk}/follow-up/"), "Not marked as held yet.")
        self.assertIn(
            "No actions recorded.", self.client.get(f"/plan/{empty.pk}/follow-up.md").content.decode()
        )
        rows = list(
            csv.reader(io.StringIO(self.client.get(f"/plan/{empty.pk}/follow-up.csv").content.decode()))
        )
        self.assertEqual(len(rows), 3)
