"""List pages run the same number of queries for a few rows or many."""

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

from convener.conversations import actions

from .base import PlanTestCase


class QueryCountTests(PlanTestCase):
    def count(self, path):
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(path).status_code, 200)
        return len(queries)

    def grow(self, n):
        start = self.conversation.themes.count()
        for i in range(start, start + n):
            other = actions.create_from_method(self.learner, self.method, f"Extra {i}")
            actions.add_co_facilitator(other, self.facilitator)
            theme = self.conversation.themes.create(name=f"Theme {i}")
            actions.save_note(self.conversation, self.learner, uuid.uuid4(), text=f"Note {i}", themes=[theme])
            self.conversation.action_items.create(what=f"Action {i}")
            self.conversation.decisions.create(text=f"Decision {i}")

    def test_list_pages_do_not_grow_with_rows(self):
        self.client.force_login(self.learner)
        paths = [
            "/plan/",
            self.url(),
            self.url("notes/"),
            self.url("harvest/"),
            self.url("actions/"),
            self.url("follow-up/"),
        ]
        self.grow(2)
        before = {path: self.count(path) for path in paths}
        self.grow(20)
        after = {path: self.count(path) for path in paths}
        self.assertEqual(before, after)

    def test_the_staff_list_does_not_grow(self):
        self.client.force_login(self.administrator)
        self.grow(2)
        before = self.count("/plan/staff/")
        self.grow(20)
        self.assertEqual(self.count("/plan/staff/"), before)
