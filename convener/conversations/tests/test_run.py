"""Run mode as the server sends it: the agenda and a notes form that work without JavaScript."""

import json
import re

from .base import PlanTestCase


class RunPageTests(PlanTestCase):
    def setUp(self):
        self.client.force_login(self.learner)

    def test_the_page_carries_the_blocks_for_the_timer(self):
        r = self.client.get(self.url("run/"))
        data = re.search(
            r'<script id="run-blocks" type="application/json">(.*?)</script>', r.content.decode()
        )
        blocks = json.loads(data.group(1))
        self.assertEqual(
            [(b["title"], b["minutes"]) for b in blocks],
            [("Welcome", 10), ("Round 1", 20), ("Harvest", 25), ("Close", 5)],
        )
        self.assertEqual(blocks[1]["question"], "What matters most?")
        self.assertContains(r, 'src="/static/js/run-mode.js" defer')

    def test_without_javascript_the_agenda_and_notes_form_are_there(self):
        r = self.client.get(self.url("run/"))
        self.assertContains(r, '<li data-block="1"><span class="time">+0:10</span> <strong>Round 1</strong>')
        self.assertContains(
            r,
            f'<form method="post" action="{self.url("notes/")}" novalidate data-offline-notes>',
        )
        self.assertContains(r, 'name="return_to" value="run"')
        self.assertContains(r, 'name="client_id"')
        # The timer's controls are hidden until the script shows them.
        self.assertContains(r, 'class="run-now" aria-labelledby="now-title" data-js-only hidden')
        self.assertContains(r, "The room timer needs JavaScript")

    def test_the_projector_shows_the_first_block_large(self):
        r = self.client.get(self.url("run/projector/"))
        self.assertContains(r, "data-block-title>Welcome</p>")
        self.assertContains(r, "data-clock>10:00</p>")
        self.assertContains(r, "Full screen")

    def test_shortcuts_are_listed_on_screen_and_on_the_buttons(self):
        r = self.client.get(self.url("run/"))
        for key in ("S", "N", "B", "M", "T"):
            self.assertContains(r, f"<kbd>{key}</kbd>")
            self.assertContains(r, f'aria-keyshortcuts="{key}"')
        self.assertContains(r, "Use single-key shortcuts")

    def test_the_timer_is_not_a_live_region(self):
        body = self.client.get(self.url("run/")).content.decode()
        clock = re.search(r"<p[^>]*data-clock[^>]*>", body).group(0)
        self.assertIn('role="timer"', clock)
        self.assertNotIn("aria-live", clock)
        self.assertEqual(body.count('aria-live="polite"'), 1)
