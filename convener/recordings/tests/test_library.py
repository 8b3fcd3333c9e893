"""The recording library: filters, 'start with your track', and each recording's page."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from convener.recordings.models import Recording
from convener.test import BaseTestCase, make_person

from .base import import_bundled_recordings


def titles(response) -> list[str]:
    return [r.slug for r in response.context["view"].recordings]


class LibraryListTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_bundled_recordings()

    def test_anonymous_sees_all_ten(self):
        r = self.client.get("/recordings/")
        self.assertEqual(len(titles(r)), 10)
        self.assertContains(r, "10 recordings of 10")
        self.assertNotContains(r, "Starting with your track")

    def test_a_signed_in_person_starts_with_their_track(self):
        self.client.force_login(self.learner)  # small_rural library
        r = self.client.get("/recordings/")
        self.assertEqual(
            set(titles(r)),
            {
                "models-for-change-overview",  # made for every kind of library
                "intro-dd-small-rural",
                "future-search",
                "conversation-cafes",
            },
        )
        self.assertContains(r, "Starting with your track")
        self.assertContains(r, 'href="?track=">Show every track</a>')

    def test_other_tracks_are_one_click_away(self):
        self.client.force_login(self.learner)
        r = self.client.get("/recordings/?track=")
        self.assertEqual(len(titles(r)), 10)
        self.assertNotContains(r, "Starting with your track")
        r = self.client.get("/recordings/?track=academic")
        self.assertEqual(
            set(titles(r)),
            {
                "models-for-change-overview",
                "intro-dd-academic",
                "reflective-structured-dialogue",
                "national-issues-forums",
            },
        )
        self.assertRegex(r.content.decode(), r'<a href="\?track=academic" aria-current="page">Academic</a>')

    def test_the_own_track_is_marked_among_the_track_links(self):
        self.client.force_login(self.facilitator)  # academic library
        r = self.client.get("/recordings/")
        self.assertRegex(
            r.content.decode(), r'track=academic" aria-current="page">Academic <span[^>]*>\(your track\)'
        )

    def test_a_library_type_without_a_track_sees_everything(self):
        person = make_person("sky@example.org", "Sky School", library_type="school")
        self.client.force_login(person)
        self.assertEqual(len(titles(self.client.get("/recordings/"))), 10)

    def test_filter_by_method(self):
        r = self.client.get("/recordings/?method=world-cafe")
        self.assertEqual(set(titles(r)), {"world-cafe", "intro-dd-large-urban"})
        self.assertContains(r, '<option value="world-cafe" selected>World Café</option>', html=False)

    def test_filter_by_topic(self):
        r = self.client.get("/recordings/?topic=campus")
        self.assertEqual(
            set(titles(r)), {"intro-dd-academic", "reflective-structured-dialogue", "national-issues-forums"}
        )

    def test_filters_combine(self):
        r = self.client.get("/recordings/?track=public_small_rural&topic=introduction")
        self.assertEqual(set(titles(r)), {"models-for-change-overview", "intro-dd-small-rural"})
        r = self.client.get("/recordings/?track=academic&method=world-cafe")
        self.assertEqual(titles(r), [])
        self.assertContains(r, "No recording matches all of these filters.")

    def test_unknown_filter_values_are_ignored_and_reported(self):
        r = self.client.get("/recordings/?track=moon&method=nope")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(len(titles(r)), 10)
        self.assertContains(r, "Select a valid choice")

    def test_an_explicit_track_overrides_the_profile(self):
        self.client.force_login(self.learner)
        r = self.client.get("/recordings/?track=public_large_urban")
        self.assertIn("world-cafe", titles(r))
        self.assertNotIn("conversation-cafes", titles(r))

    def test_the_list_needs_get(self):
        self.assertEqual(self.client.post("/recordings/").status_code, 405)

    def test_the_query_count_is_small_and_fixed(self):
        self.client.force_login(self.learner)
        self.client.get("/recordings/")
        with CaptureQueriesContext(connection) as queries:
            self.client.get("/recordings/?track=")
        self.assertLessEqual(len(queries), 6)


class RecordingPageTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_bundled_recordings()

    def test_the_page_shows_the_facts(self):
        r = self.client.get("/recordings/intro-dd-small-rural/")
        self.assertContains(r, "<h1>Introduction to Dialogue &amp; Deliberation for Public Libraries Serving")
        self.assertContains(r, "89 minutes")
        self.assertContains(r, '<time datetime="2017-03-09">March 9, 2017</time>')
        self.assertContains(r, "other ALA program pages give 2018-02-28")  # the date note
        self.assertContains(
            r, "American Library Association, National Coalition for Dialogue &amp; Deliberation"
        )
        self.assertContains(r, '<a href="/methods/conversation-cafe/">Conversation Café</a>')
        self.assertContains(r, '<a href="/methods/future-search/">Future Search</a>')
        self.assertContains(r, "What you will learn")
        self.assertContains(r, "A first look at Future Search")

    def test_the_watch_link_goes_out_and_nothing_is_embedded(self):
        r = self.client.get("/recordings/world-cafe/")
        recording = Recording.objects.get(slug="world-cafe")
        self.assertContains(r, f'href="{recording.watch_url}"')
        body = r.content.decode()
        self.assertNotIn("<iframe", body)
        self.assertNotIn("<video", body)

    def test_without_a_transcript_it_offers_the_audio_summary(self):
        r = self.client.get("/recordings/world-cafe/")
        self.assertContains(r, "Transcript not yet available.")
        self.assertContains(r, "A summary to read aloud or listen to by phone")
        # The summary's hard-wrapped lines read as sentences, not as broken lines.
        self.assertContains(
            r, "This is a summary of a 90-minute webinar on the World Café method, recorded on April 6"
        )

    def test_a_transcript_replaces_the_notice(self):
        Recording.objects.filter(slug="world-cafe").update(
            transcript="Host: welcome.", transcript_html="<p>Host: welcome.</p>"
        )
        r = self.client.get("/recordings/world-cafe/")
        self.assertNotContains(r, "Transcript not yet available.")
        self.assertContains(r, "<p>Host: welcome.</p>", html=True)

    def test_related_modules_link_into_the_course_outline(self):
        from convener.authoring.importer import DEFAULT_ROOT, import_content

        import_content(DEFAULT_ROOT)
        r = self.client.get("/recordings/intro-dd-small-rural/")
        self.assertContains(r, '<a href="/learn/leading-conversations/#module-getting-started">')
        self.assertContains(r, '<a href="/learn/leading-conversations/#module-planning">')

    def test_modules_that_do_not_exist_are_left_out(self):
        r = self.client.get("/recordings/intro-dd-small-rural/")  # the course is not imported here
        self.assertNotContains(r, "#module-")
        self.assertNotContains(r, "Related course modules")

    def test_a_method_missing_from_the_library_is_named_without_a_link(self):
        Recording.objects.filter(slug="world-cafe").update(methods=["world-cafe", "unheard-of"])
        r = self.client.get("/recordings/world-cafe/")
        self.assertContains(r, "<li>unheard-of</li>", html=True)
        self.assertNotContains(r, "/methods/unheard-of/")

    def test_self_hosted_video_plays_with_captions(self):
        Recording.objects.filter(slug="world-cafe").update(
            video={"src": "media/world-cafe.mp4", "captions": "media/world-cafe.en.vtt"}
        )
        r = self.client.get("/recordings/world-cafe/")
        self.assertContains(r, '<source src="/media/recordings/world-cafe/media/world-cafe.mp4">')
        self.assertRegex(
            r.content.decode(),
            r'<track kind="captions"[^>]*src="/media/recordings/world-cafe/media/world-cafe.en.vtt"',
        )

    def test_an_external_video_is_a_link(self):
        Recording.objects.filter(slug="world-cafe").update(video={"src": "https://video.example.org/wc"})
        r = self.client.get("/recordings/world-cafe/")
        self.assertContains(r, '<a href="https://video.example.org/wc">')
        self.assertNotContains(r, "<video")

    def test_unknown_recording_is_404(self):
        self.assertEqual(self.client.get("/recordings/no-such-thing/").status_code, 404)

    def test_the_page_needs_get(self):
        self.assertEqual(self.client.post("/recordings/world-cafe/").status_code, 405)

    def test_one_h1(self):
        body = self.client.get("/recordings/world-cafe/").content.decode()
        self.assertEqual(len(re.findall(r"<h1[ >]", body)), 1)
