from datetime import UTC, datetime

import icalendar
from django.test import SimpleTestCase

from convener.lib.ics import Event, calendar


class IcsTests(SimpleTestCase):
    def test_events_parse_back_with_icalendar(self):
        start = datetime(2027, 3, 4, 18, 30, tzinfo=UTC)
        text = calendar(
            [
                Event(
                    "a@test",
                    start,
                    datetime(2027, 3, 4, 20, 0, tzinfo=UTC),
                    "Town talk; roads, bridges",
                    description="Line one\nLine two " + "x" * 120,
                    location="Main St. Library",
                    alarms_minutes_before=[60],
                )
            ],
            name="My sessions",
        )
        parsed = icalendar.Calendar.from_ical(text)
        [event] = parsed.walk("VEVENT")
        self.assertEqual(str(event["SUMMARY"]), "Town talk; roads, bridges")
        self.assertEqual(event["DTSTART"].dt, start)
        self.assertTrue(str(event["DESCRIPTION"]).startswith("Line one\nLine two"))
        self.assertEqual(len(event.walk("VALARM")), 1)
        self.assertTrue(all(len(line.encode()) <= 75 for line in text.split("\r\n")))
