from django.test import override_settings

from convener.accounts.models import SignInThrottle
from convener.test import PASSWORD, BaseTestCase

URL = "/account/sign-in/"


class SignInTests(BaseTestCase):
    def test_it_shows_the_form(self):
        self.assertContains(self.client.get(URL), "Email address")

    def test_it_signs_in_and_rotates_the_session_key(self):
        self.client.get(URL)
        session = self.client.session
        session["probe"] = 1
        session.save()
        before = session.session_key
        r = self.client.post(URL, {"username": "LEE@example.org", "password": PASSWORD})
        self.assertRedirects(r, "/")
        self.assertNotEqual(self.client.session.session_key, before)
        self.assertEqual(self.client.session["_auth_user_id"], str(self.learner.pk))

    def test_it_follows_a_safe_next_address_only(self):
        r = self.client.post(
            URL + "?next=/account/profile/", {"username": "lee@example.org", "password": PASSWORD}
        )
        self.assertRedirects(r, "/account/profile/")
        self.client.logout()
        r = self.client.post(
            URL + "?next=https://evil.example/", {"username": "lee@example.org", "password": PASSWORD}
        )
        self.assertRedirects(r, "/")

    def test_a_wrong_password_keeps_the_email_and_says_what_is_wrong(self):
        r = self.client.post(URL, {"username": "lee@example.org", "password": "nope"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "don&#x27;t match an account")
        self.assertContains(r, 'value="lee@example.org"')

    @override_settings(SIGN_IN_FAILURES_PER_ACCOUNT=3)
    def test_repeated_failures_lock_the_account_with_429(self):
        for _ in range(3):
            self.client.post(URL, {"username": "lee@example.org", "password": "nope"})
        r = self.client.post(URL, {"username": "lee@example.org", "password": PASSWORD})
        self.assertEqual(r.status_code, 429)
        self.assertContains(r, "Too many failed sign-in attempts", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    @override_settings(SIGN_IN_FAILURES_PER_ACCOUNT=3)
    def test_a_lock_on_one_account_does_not_block_another(self):
        for _ in range(3):
            self.client.post(URL, {"username": "lee@example.org", "password": "nope"})
        r = self.client.post(URL, {"username": "fran@example.org", "password": PASSWORD})
        self.assertEqual(r.status_code, 302)

    @override_settings(SIGN_IN_FAILURES_PER_ADDRESS=4, SIGN_IN_FAILURES_PER_ACCOUNT=100)
    def test_repeated_failures_from_one_address_are_throttled(self):
        for i in range(4):
            self.client.post(URL, {"username": f"guess{i}@example.org", "password": "nope"})
        r = self.client.post(URL, {"username": "fran@example.org", "password": PASSWORD})
        self.assertEqual(r.status_code, 429)

    def test_throttle_records_hold_no_plain_email_or_address(self):
        self.client.post(URL, {"username": "lee@example.org", "password": "nope"}, REMOTE_ADDR="203.0.113.9")
        keys = " ".join(SignInThrottle.objects.values_list("key", flat=True))
        self.assertEqual(SignInThrottle.objects.count(), 2)
        self.assertNotIn("lee@example.org", keys)
        self.assertNotIn("203.0.113.9", keys)

    def test_success_clears_the_account_failures(self):
        self.client.post(URL, {"username": "lee@example.org", "password": "nope"})
        self.client.post(URL, {"username": "lee@example.org", "password": PASSWORD})
        self.assertFalse(SignInThrottle.objects.filter(key__startswith="account:").exists())

    def test_sign_out_needs_post(self):
        self.client.force_login(self.learner)
        self.assertEqual(self.client.get("/account/sign-out/").status_code, 405)
        self.assertRedirects(self.client.post("/account/sign-out/"), "/")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_wrong_method(self):
        self.assertEqual(self.client.put(URL).status_code, 405)

    def test_admin_sign_in_goes_through_the_throttled_page(self):
        r = self.client.get("/admin/")
        self.assertEqual(r.status_code, 302)
        r = self.client.get(r["Location"])
        self.assertRedirects(r, "/account/sign-in/?next=/admin/", fetch_redirect_response=False)
