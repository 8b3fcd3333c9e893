import json

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import connection

from convener.accounts import personal_data
from convener.accounts.models import User
from convener.test import PASSWORD, BaseTestCase, make_person


def models_linked_to_people():
    """Every model with a foreign key or one-to-one field pointing at a person."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    linked = {user_model}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is user_model:
                linked.add(model)
    return linked


class ExportTests(BaseTestCase):
    def test_every_model_linked_to_a_person_is_exported(self):
        missing = models_linked_to_people() - personal_data.registered_models()
        self.assertEqual(missing, set(), "register these in convener.accounts.personal_data")

    def test_it_downloads_my_data_as_json(self):
        self.client.force_login(self.learner)
        r = self.client.post("/account/my-data/export/")
        self.assertEqual(r["Content-Type"], "application/json; charset=utf-8")
        self.assertIn("attachment", r["Content-Disposition"])
        self.assertEqual(r["Cache-Control"], "no-store")
        data = json.loads(r.content)
        self.assertEqual(data["profile"]["email"], "lee@example.org")
        self.assertEqual(data["profile"]["region"], "Wyoming")

    def test_it_holds_only_my_data(self):
        self.client.force_login(self.learner)
        body = self.client.post("/account/my-data/export/").content.decode()
        self.assertNotIn("fran@example.org", body)

    def test_export_needs_post(self):
        self.client.force_login(self.learner)
        self.assertEqual(self.client.get("/account/my-data/export/").status_code, 405)

    def test_anonymous_cannot_export(self):
        self.assertEqual(self.client.post("/account/my-data/export/").status_code, 302)


class DeleteTests(BaseTestCase):
    URL = "/account/my-data/delete/"

    def test_wrong_password_deletes_nothing(self):
        self.client.force_login(self.learner)
        r = self.client.post(self.URL, {"password": "nope"})
        self.assertContains(r, "Nothing has been deleted", status_code=400)
        self.assertTrue(User.objects.filter(pk=self.learner.pk).exists())

    def test_no_table_still_holds_the_email_or_name(self):
        person = make_person("unique.trace@example.org", "Quintessa Tracewell")
        # An administrator edited this person: the admin log now repeats their name.
        LogEntry.objects.log_actions(self.administrator.pk, [person], CHANGE, change_message="edited")
        self.client.post("/account/sign-in/", {"username": person.email, "password": "wrong"})
        self.client.force_login(person)
        r = self.client.post(self.URL, {"password": PASSWORD})
        self.assertRedirects(r, "/")
        self.assertNotIn("_auth_user_id", self.client.session)
        found = []
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names():
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
                for row in cursor.fetchall():
                    text = " ".join(str(value) for value in row)
                    if "unique.trace" in text or "Tracewell" in text:
                        found.append(table)
        self.assertEqual(found, [])

    def test_anonymous_cannot_delete(self):
        self.assertEqual(self.client.post(self.URL, {"password": PASSWORD}).status_code, 302)

    def test_delete_needs_post(self):
        self.client.force_login(self.learner)
        self.assertEqual(self.client.get(self.URL).status_code, 405)

    def test_my_data_page(self):
        self.client.force_login(self.learner)
        r = self.client.get("/account/my-data/")
        self.assertContains(r, "Download my data")
        self.assertContains(r, "Delete my account")
