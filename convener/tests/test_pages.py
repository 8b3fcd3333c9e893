from convener.test import BaseTestCase


class PageTests(BaseTestCase):
    def test_home_for_a_visitor_invites_sign_up(self):
        r = self.client.get("/")
        self.assertContains(r, "Create a free account")
        for label in ("Learn", "Recordings", "Methods", "Plan", "Sign in"):
            self.assertContains(r, f">{label}</a>")

    def test_home_for_a_learner_greets_them_and_shows_the_account_menu(self):
        self.client.force_login(self.learner)
        r = self.client.get("/")
        self.assertContains(r, "Welcome back, Lee Learner.")
        self.assertContains(r, "Sign out")
        self.assertNotContains(r, "Administration")

    def test_administrators_see_the_administration_link(self):
        self.client.force_login(self.administrator)
        self.assertContains(self.client.get("/"), "Administration")

    def test_each_page_has_one_h1_and_the_skip_link(self):
        for url in (
            "/",
            "/privacy/",
            "/accessibility/",
            "/learn/",
            "/recordings/",
            "/methods/",
            "/plan/",
            "/account/sign-in/",
            "/account/sign-up/",
            "/account/password/reset/",
        ):
            with self.subTest(url=url):
                body = self.client.get(url).content.decode()
                self.assertEqual(body.count("<h1"), 1)
                self.assertIn('href="#main"', body)
                self.assertIn('<html lang="en">', body)

    def test_current_area_is_marked_in_the_navigation(self):
        self.assertContains(self.client.get("/methods/"), 'aria-current="page">Methods')

    def test_privacy_page_says_what_why_and_how_long(self):
        r = self.client.get("/privacy/")
        for text in ("What we collect, why, and for how long", "Until you delete your account", "15 minutes"):
            self.assertContains(r, text)

    def test_pages_reject_wrong_methods(self):
        for url in ("/", "/privacy/", "/accessibility/", "/learn/", "/healthz"):
            with self.subTest(url=url):
                self.assertEqual(self.client.post(url).status_code, 405)

    def test_healthz_checks_the_database(self):
        r = self.client.get("/healthz")
        self.assertEqual(r.content, b"ok\n")
        self.assertIn("no-cache", r["Cache-Control"])

    def test_healthz_reports_a_broken_database(self):
        from unittest import mock

        with mock.patch("convener.views.connection.cursor", side_effect=Exception("down")):
            r = self.client.get("/healthz")
        self.assertEqual(r.status_code, 503)


class BadInputTests(BaseTestCase):
    def test_an_unknown_page_is_a_404_in_the_layout(self):
        r = self.client.get("/no/such/page/")
        self.assertEqual(r.status_code, 404)
        self.assertContains(r, "Page not found", status_code=404)
        self.assertContains(r, 'href="#main"', status_code=404)

    def test_an_oversized_form_is_a_400_in_the_layout(self):
        self.client.force_login(self.learner)
        r = self.client.post("/account/profile/", {"display_name": "x" * (3 * 1024 * 1024)})
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "We could not read that request", status_code=400)

    def test_too_many_fields_is_a_400(self):
        r = self.client.post("/account/sign-in/", {f"f{i}": "1" for i in range(1200)})
        self.assertContains(r, "We could not read that request", status_code=400)

    def test_a_bad_host_header_is_a_400(self):
        r = self.client.get("/", headers={"host": "evil.example"})
        self.assertContains(r, "We could not read that request", status_code=400)

    def test_a_missing_csrf_token_is_explained(self):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        r = client.post("/account/sign-in/", {"username": "lee@example.org", "password": "x"})
        self.assertContains(r, "This form has expired", status_code=403)

    def test_a_hostile_string_is_escaped(self):
        r = self.client.post(
            "/account/sign-up/", {"email": "not-an-email", "display_name": "<script>alert(1)</script>"}
        )
        self.assertNotContains(r, "<script>alert(1)</script>")
        self.assertContains(r, "&lt;script&gt;")


class CompressionTests(BaseTestCase):
    def test_pages_are_compressed_for_browsers_that_accept_it(self):
        r = self.client.get("/privacy/", headers={"accept-encoding": "gzip"})
        self.assertEqual(r["Content-Encoding"], "gzip")
