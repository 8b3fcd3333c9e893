import re

from django.core import mail

from convener.test import PASSWORD, BaseTestCase


class PasswordChangeTests(BaseTestCase):
    URL = "/account/password/"

    def test_it_changes_the_password_and_keeps_me_signed_in(self):
        self.client.force_login(self.learner)
        r = self.client.post(
            self.URL,
            {
                "old_password": PASSWORD,
                "new_password1": "a brand new phrase 7",
                "new_password2": "a brand new phrase 7",
            },
        )
        self.assertRedirects(r, "/account/profile/")
        self.learner.refresh_from_db()
        self.assertTrue(self.learner.check_password("a brand new phrase 7"))
        self.assertEqual(self.client.get("/account/profile/").status_code, 200)

    def test_a_wrong_old_password_is_an_error(self):
        self.client.force_login(self.learner)
        r = self.client.post(self.URL, {"old_password": "nope", "new_password1": "x", "new_password2": "x"})
        self.assertContains(r, 'id="id_old_password_error"')

    def test_anonymous_is_sent_to_sign_in(self):
        self.assertEqual(self.client.get(self.URL).status_code, 302)


class PasswordResetTests(BaseTestCase):
    URL = "/account/password/reset/"

    def test_a_known_email_gets_a_working_link(self):
        r = self.client.post(self.URL, {"email": "lee@example.org"})
        self.assertRedirects(r, "/account/password/reset/sent/")
        self.assertEqual(len(mail.outbox), 1)
        link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
        path = link.split("testserver", 1)[1]
        r = self.client.get(path, follow=True)
        self.assertContains(r, "Choose a new password")
        r = self.client.post(
            r.redirect_chain[-1][0],
            {
                "new_password1": "fresh start phrase 9",
                "new_password2": "fresh start phrase 9",
            },
        )
        self.assertRedirects(r, "/account/sign-in/")
        self.learner.refresh_from_db()
        self.assertTrue(self.learner.check_password("fresh start phrase 9"))

    def test_an_unknown_email_reveals_nothing(self):
        known = self.client.post(self.URL, {"email": "lee@example.org"})
        unknown = self.client.post(self.URL, {"email": "nobody@example.org"})
        self.assertEqual(known.status_code, unknown.status_code)
        self.assertEqual(known["Location"], unknown["Location"])
        self.assertEqual(len(mail.outbox), 1)

    def test_a_used_link_says_so(self):
        r = self.client.get("/account/password/reset/MQ/bad-token/")
        self.assertContains(r, "expired or was already used")
