from convener.accounts.models import User
from convener.test import BaseTestCase

URL = "/account/sign-up/"


class SignUpTests(BaseTestCase):
    def valid(self, **overrides):
        data = {
            "email": "New.Person@Example.org",
            "display_name": "New Person",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
        }
        return {**data, **overrides}

    def test_it_shows_the_form(self):
        r = self.client.get(URL)
        self.assertContains(r, "<h1>Create an account</h1>", html=True)
        self.assertContains(r, 'name="library_type"')

    def test_it_creates_the_account_and_signs_in(self):
        r = self.client.post(URL, self.valid(library_type="academic", region="Ohio"))
        self.assertRedirects(r, "/")
        user = User.objects.get(email="new.person@example.org")
        self.assertEqual(user.display_name, "New Person")
        self.assertEqual(user.library_type, "academic")
        self.assertEqual(self.client.session["_auth_user_id"], str(user.pk))

    def test_only_email_password_and_name_are_required(self):
        r = self.client.post(URL, self.valid())
        self.assertEqual(r.status_code, 302)
        user = User.objects.get(email="new.person@example.org")
        self.assertEqual((user.library_type, user.library_name, user.region, user.role), ("", "", "", ""))

    def test_it_keeps_what_was_typed_and_explains_errors(self):
        r = self.client.post(URL, self.valid(password2="something else", library_name="Elm Creek Library"))
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "There is a problem")
        self.assertContains(r, 'value="Elm Creek Library"')
        self.assertContains(r, 'value="New.Person@Example.org"')
        self.assertContains(r, 'aria-invalid="true"')
        self.assertFalse(User.objects.filter(email="new.person@example.org").exists())

    def test_it_rejects_an_existing_email_in_any_case(self):
        r = self.client.post(URL, self.valid(email="LEE@example.org"))
        self.assertContains(r, "already exists")

    def test_it_rejects_a_weak_password(self):
        r = self.client.post(URL, self.valid(password1="12345678", password2="12345678"))
        self.assertContains(r, "too short")

    def test_signed_in_person_is_sent_home(self):
        self.client.force_login(self.learner)
        self.assertRedirects(self.client.get(URL), "/")

    def test_wrong_method(self):
        self.assertEqual(self.client.put(URL).status_code, 405)
