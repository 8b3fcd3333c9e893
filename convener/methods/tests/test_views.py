"""The method library's pages: list and filters, method page, comparison and the chooser."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from convener.authoring.importer import DEFAULT_ROOT, import_content
from convener.courses.models import Course, Status
from convener.methods.models import Method
from convener.search.index import search
from convener.test import BaseTestCase

CHOOSER = "/methods/choose/"
POLICY_EVENING = {
    "purpose": "decision_making",
    "people": "30",
    "time": "single",
    "hours": "2.5",
    "divided": "somewhat",
    "setting": "in_person",
    "outcome": "none",
    "preparation": "medium",
    "library": "",
}


class BundledMethodsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        import_content(DEFAULT_ROOT)


class ListTests(BundledMethodsTestCase):
    def test_it_lists_every_method_with_compare_boxes(self):
        r = self.client.get("/methods/")
        self.assertContains(r, "All 12 methods")
        for method in Method.objects.all():
            self.assertContains(r, f'href="{method.get_absolute_url()}"')
            self.assertContains(r, f'name="m" value="{method.slug}"')
        self.assertContains(r, 'action="/methods/compare/"')
        self.assertNotContains(r, "Clear filters")

    def test_filter_by_stream_shows_the_count_and_a_clear_link(self):
        r = self.client.get("/methods/", {"stream": "decision_making"})
        self.assertContains(r, "2 of 12 methods match your filters")
        self.assertContains(r, "National Issues Forums")
        self.assertContains(r, "Deliberative Polling")
        self.assertNotContains(r, 'href="/methods/world-cafe/"')
        self.assertContains(r, '<a href="/methods/">Clear filters</a>', html=True)
        self.assertContains(r, '<option value="decision_making" selected>Decision making</option>', html=True)

    def test_filters_combine(self):
        cases = [
            (
                {"people": "70"},
                {"future-search", "world-cafe", "open-space-technology"},
                {"conversation-cafe"},
            ),
            ({"minutes": "30"}, {"one-two-four-all", "fishbowl"}, {"world-cafe"}),
            ({"meetings": "series"}, {"future-search", "study-circles"}, {"world-cafe"}),
            ({"meetings": "one"}, {"world-cafe"}, {"future-search", "study-circles"}),
            ({"setting": "phone"}, {"conversation-cafe", "fishbowl"}, {"world-cafe"}),
            ({"setting": ["online", "phone"]}, {"conversation-cafe"}, {"world-cafe"}),
            ({"polarized": "good"}, {"reflective-structured-dialogue"}, {"world-cafe"}),
            ({"preparation": "low"}, {"conversation-cafe", "one-two-four-all"}, {"future-search"}),
            ({"produces": "decision"}, {"future-search"}, {"study-circles"}),
            ({"produces": "action"}, {"study-circles", "future-search"}, {"world-cafe"}),
            ({"participation": "empower"}, {"future-search"}, {"world-cafe"}),
            ({"stream": "exploration", "people": "8"}, {"conversation-cafe"}, {"world-cafe", "fishbowl"}),
        ]
        for query, present, absent in cases:
            with self.subTest(query=query):
                r = self.client.get("/methods/", query)
                self.assertEqual(r.status_code, 200)
                for slug in present:
                    self.assertContains(r, f'value="{slug}"')
                for slug in absent:
                    self.assertNotContains(r, f'value="{slug}"')

    def test_nothing_matches(self):
        r = self.client.get("/methods/", {"people": "5000", "preparation": "low"})
        self.assertContains(r, "0 of 12 methods match your filters")
        self.assertContains(r, "No method matches all of these filters.")

    def test_a_bad_filter_is_reported_and_kept(self):
        r = self.client.get("/methods/", {"people": "lots", "stream": "exploration"})
        self.assertEqual(r.status_code, 400)
        self.assertContains(
            r, "Enter the number of people as a whole number, like 30.", count=2, status_code=400
        )
        self.assertContains(r, 'value="lots"', status_code=400)
        # The valid filter still applies.
        self.assertNotContains(r, 'value="national-issues-forums"', status_code=400)

    def test_one_query_for_the_list(self):
        with CaptureQueriesContext(connection) as queries:
            self.client.get("/methods/", {"stream": "exploration"})
        method_queries = [q for q in queries.captured_queries if "methods_method" in q["sql"]]
        self.assertEqual(len(method_queries), 1)

    def test_wrong_method(self):
        self.assertEqual(self.client.post("/methods/").status_code, 405)


class MethodPageTests(BundledMethodsTestCase):
    URL = "/methods/future-search/"

    def test_every_attribute_is_shown(self):
        method = Method.objects.get(slug="future-search")
        r = self.client.get(self.URL)
        for text in [
            "Collaborative action",
            "Collaborate, Empower",
            "40 to 100 people",
            "3 hours to 5 hours",
            "5 meetings",
            "Polarized topics",
            "Ends in a group decision",
            method.produces_summary,
            method.roles[0]["does"],
            *method.fits_when,
            *method.not_a_fit,
            *method.materials,
            *method.agreements,
            *method.accessibility,
            *method.sources,
        ]:
            self.assertContains(r, text)

    def test_steps_are_a_table_with_a_total(self):
        r = self.client.get("/methods/world-cafe/")
        self.assertContains(r, '<th scope="row">3. Round 1</th>', html=True)
        self.assertContains(r, "What matters most to you about this topic, and why?")
        self.assertContains(r, "Total (2 hours)")
        self.assertContains(r, '<td class="number">120</td>', html=True)

    def test_it_links_to_modules_recordings_and_the_planner(self):
        r = self.client.get("/methods/conversation-cafe/")
        self.assertContains(r, 'href="/learn/leading-conversations/#module-getting-started"')
        self.assertContains(r, 'href="/learn/leading-conversations/#module-online-and-by-phone"')
        self.assertContains(r, 'href="/recordings/conversation-cafes/"')
        self.assertContains(r, 'href="/recordings/intro-dd-small-rural/"')
        self.assertContains(r, 'href="/plan/new/?method=conversation-cafe"')
        self.assertContains(r, "Plan a conversation with this method")

    def test_modules_of_a_draft_course_are_not_linked(self):
        Course.objects.update(status=Status.DRAFT)
        r = self.client.get("/methods/conversation-cafe/")
        self.assertNotContains(r, "#module-")
        self.client.force_login(self.administrator)
        self.assertContains(self.client.get("/methods/conversation-cafe/"), "#module-getting-started")

    def test_a_method_no_recording_features(self):
        r = self.client.get("/methods/fishbowl/")
        self.assertContains(r, "Course modules that teach it")
        self.assertNotContains(r, "<h3>Recordings</h3>", html=True)
        self.assertNotContains(r, 'href="/recordings/fishbowl')

    def test_queries_are_few(self):
        with CaptureQueriesContext(connection) as queries:
            self.client.get(self.URL)
        self.assertLessEqual(len(queries), 4)

    def test_unknown_method_is_404(self):
        self.assertEqual(self.client.get("/methods/no-such-method/").status_code, 404)

    def test_wrong_method(self):
        self.assertEqual(self.client.post(self.URL).status_code, 405)

    def test_methods_are_in_site_search(self):
        self.assertIn("/methods/conversation-cafe/", [r.url for r in search("talking object")])


class CompareTests(BundledMethodsTestCase):
    def test_two_methods_side_by_side(self):
        r = self.client.get("/methods/compare/", {"m": ["world-cafe", "fishbowl"]})
        self.assertEqual(r.status_code, 200)
        self.assertContains(
            r, '<th scope="col"><a href="/methods/world-cafe/">World Café</a></th>', html=True
        )
        self.assertContains(r, '<th scope="col"><a href="/methods/fishbowl/">Fishbowl</a></th>', html=True)
        self.assertContains(r, '<th scope="row">Group size</th>', html=True)
        self.assertContains(r, "12 to 400 people")
        self.assertContains(r, "10 to 100 people")
        self.assertContains(r, 'href="/plan/new/?method=fishbowl"')

    def test_three_methods_keep_the_order_asked(self):
        r = self.client.get("/methods/compare/", {"m": ["future-search", "world-cafe", "fishbowl"]})
        html = r.content.decode()
        self.assertLess(html.index("40 to 100 people"), html.index("12 to 400 people"))
        self.assertLess(html.index("12 to 400 people"), html.index("10 to 100 people"))

    def test_one_method_is_too_few(self):
        r = self.client.get("/methods/compare/", {"m": "world-cafe"})
        self.assertEqual(r.status_code, 400)
        self.assertContains(
            r, "Choose at least two methods to compare; you chose one.", count=2, status_code=400
        )
        self.assertContains(r, 'href="#id_m_0"', status_code=400)
        self.assertContains(r, 'value="world-cafe" aria-invalid="true" id="id_m_11" checked', status_code=400)

    def test_four_methods_are_too_many(self):
        slugs = ["world-cafe", "fishbowl", "future-search", "study-circles"]
        r = self.client.get("/methods/compare/", {"m": slugs})
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "Choose no more than three methods to compare; you chose 4.", status_code=400)
        self.assertNotContains(r, "side by side</caption>", status_code=400)

    def test_none_chosen_and_unknown_methods(self):
        r = self.client.get("/methods/compare/", {"m": ""})
        self.assertContains(r, "Choose two or three methods to compare.", status_code=400)
        r = self.client.get("/methods/compare/", {"m": ["world-cafe", "nope"]})
        self.assertContains(r, "nope is not a method in the library.", status_code=400)

    def test_without_a_choice_it_offers_the_picker(self):
        r = self.client.get("/methods/compare/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "Choose two or three methods")
        self.assertNotContains(r, "There is a problem")

    def test_the_same_method_twice_counts_once(self):
        r = self.client.get("/methods/compare/", {"m": ["fishbowl", "fishbowl"]})
        self.assertEqual(r.status_code, 400)

    def test_wrong_method(self):
        self.assertEqual(
            self.client.post("/methods/compare/", {"m": ["fishbowl", "world-cafe"]}).status_code, 405
        )


class ChooserViewTests(BundledMethodsTestCase):
    def test_a_blank_form_with_common_answers_chosen(self):
        r = self.client.get(CHOOSER)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "What is the conversation for?")
        self.assertContains(r, 'name="time" value="single" required id="id_time_0" checked')
        self.assertNotContains(r, "There is a problem")
        self.assertNotContains(r, 'id="results"')

    def test_the_form_starts_from_my_library_type(self):
        self.client.force_login(self.learner)
        r = self.client.get(CHOOSER)
        self.assertContains(r, '<option value="small_rural" selected>', html=False)

    def test_answers_rank_methods_with_reasons_warnings_and_links(self):
        r = self.client.get(CHOOSER, POLICY_EVENING)
        self.assertEqual(r.status_code, 200)
        ranked = [result.method.slug for result in r.context["recommendation"].ranked]
        self.assertEqual(ranked[0], "national-issues-forums")
        self.assertContains(r, "methods fit your answers, best first")
        self.assertContains(r, "Made for your purpose: decision making.")
        self.assertContains(r, "Made for exploration, not decision making.")
        self.assertContains(r, 'href="/plan/new/?method=national-issues-forums"')
        self.assertContains(r, 'href="/methods/national-issues-forums/"')
        self.assertContains(r, "Methods outside your limits")
        self.assertContains(r, "Needs at least 100 people; you expect 30.")
        self.assertContains(r, "/methods/compare/?m=national-issues-forums&amp;m=")

    def test_the_answers_stay_in_the_form(self):
        r = self.client.get(CHOOSER, POLICY_EVENING)
        self.assertContains(r, 'value="decision_making" required id="id_purpose_2" checked')
        self.assertContains(r, 'name="people" value="30"')
        self.assertContains(r, 'name="hours" value="2.5"')

    def test_a_series_needs_its_number_of_meetings(self):
        r = self.client.get(CHOOSER, {**POLICY_EVENING, "time": "series", "meetings": ""})
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "Say how many meetings the series has.", count=2, status_code=400)
        r = self.client.get(
            CHOOSER,
            {
                **POLICY_EVENING,
                "purpose": "collaborative_action",
                "people": "70",
                "time": "series",
                "meetings": "5",
                "hours": "4",
            },
        )
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "Needs about 15 hours or more over 5 meetings of at least 3 hours each.")

    def test_one_meeting_ignores_a_stray_number_of_meetings(self):
        r = self.client.get(CHOOSER, {**POLICY_EVENING, "meetings": "x"})
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.context["situation"].meetings, 1)

    def test_bad_input_gets_clear_errors_and_keeps_the_input(self):
        r = self.client.get(
            CHOOSER, {**POLICY_EVENING, "people": "thirty", "hours": "-1", "purpose": "", "setting": "moon"}
        )
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "There is a problem", status_code=400)
        self.assertContains(
            r, "Enter the number of people as a whole number, like 30.", count=2, status_code=400
        )
        self.assertContains(
            r, "A meeting needs at least a quarter of an hour (0.25).", count=2, status_code=400
        )
        self.assertContains(r, "Choose what the conversation is for.", count=2, status_code=400)
        self.assertContains(
            r, "Select a valid choice. moon is not one of the available choices.", status_code=400
        )
        self.assertContains(r, 'href="#id_people"', status_code=400)
        self.assertContains(r, 'href="#id_purpose_0"', status_code=400)
        self.assertContains(r, 'name="people" value="thirty"', status_code=400)
        self.assertContains(r, 'name="hours" value="-1"', status_code=400)
        self.assertNotContains(r, 'id="results"', status_code=400)

    def test_hostile_input_is_escaped(self):
        r = self.client.get(CHOOSER, {**POLICY_EVENING, "people": "<script>alert(1)</script>"})
        self.assertEqual(r.status_code, 400)
        self.assertNotContains(r, "<script>alert(1)</script>", status_code=400)

    def test_when_nothing_fits_it_says_so(self):
        r = self.client.get(
            CHOOSER, {**POLICY_EVENING, "purpose": "exploration", "people": "5000", "hours": "2"}
        )
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "No method fits all your limits")
        self.assertContains(r, "Works for at most 1000 people; you expect 5000.")
        self.assertEqual(len(r.context["recommendation"].closest), 3)

    def test_library_type_adds_its_point(self):
        r = self.client.get(CHOOSER, {**POLICY_EVENING, "library": "academic"})
        self.assertContains(r, "Featured in the recorded webinars for academic.")

    def test_wrong_method(self):
        self.assertEqual(self.client.post(CHOOSER, POLICY_EVENING).status_code, 405)
