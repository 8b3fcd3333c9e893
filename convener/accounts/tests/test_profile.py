from convener.test import BaseTestCase

URL = "/account/profile/"


class ProfileTests(BaseTestCase):
    def test_it_shows_my_profile(self):
        self.client.force_login(self.learner)
        r = self.client.get(URL)
        self.assertContains(r, 'value="Lee Learner"')

    def test_it_saves_changes(self):
        self.client.force_login(self.learner)
        r = self.client.post(
            URL,
            {
                "email": "lee@example.org",
                "display_name": "Lee L.",
                "library_type": "school",
                "library_name": "Central High",
                "region": "Idaho",
                "role": "librarian",
            },
        )
        self.assertRedirects(r, URL)
        self.learner.refresh_from_db()
        self.assertEqual(
            (self.learner.display_name, self.learner.library_type, self.learner.role),
            ("Lee L.", "school", "librarian"),
        )

    def test_it_refuses_another_persons_email_and_keeps_the_input(self):
        self.client.force_login(self.learner)
        r = self.client.post(URL, {"email": "fran@example.org", "display_name": "Lee Typed"})
        self.assertContains(r, "Another account already uses")
        self.assertContains(r, 'value="Lee Typed"')
        self.learner.refresh_from_db()
        self.assertEqual(self.learner.email, "lee@example.org")

    def test_an_unknown_library_type_is_an_error_on_that_field(self):
        self.client.force_login(self.learner)
        r = self.client.post(
            URL, {"email": "lee@example.org", "display_name": "Lee", "library_type": "castle"}
        )
        self.assertContains(r, "Select a valid choice")
        self.assertContains(r, 'id="id_library_type_error"')

    def test_regions_become_a_list_when_configured(self):
        self.client.force_login(self.learner)
        with self.settings(CONVENER_REGIONS=["North", "South"]):
            r = self.client.get(URL)
        self.assertContains(r, '<option value="North">North</option>', html=True)

    def test_anonymous_is_sent_to_sign_in(self):
        self.assertRedirects(self.client.get(URL), f"/account/sign-in/?next={URL}")

    def test_wrong_method(self):
        self.client.force_login(self.learner)
        self.assertEqual(self.client.delete(URL).status_code, 405)
