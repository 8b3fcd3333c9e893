"""Media in an S3 bucket, in a real browser: images from the bucket under the CSP, captions from the site."""

import copy
from urllib.parse import urlsplit

import pytest
from csp.constants import SELF

from convener.test import import_sample
from convener.tests.s3 import media_bucket, s3_server

pytest.importorskip("moto.server", reason="moto is not installed (requirements-dev.txt has it)")

pytestmark = pytest.mark.django_db(transaction=True)
LESSONS = "/learn/sample-course/first-steps"


@pytest.fixture
def bucket(settings, monkeypatch):
    with s3_server() as endpoint:
        yield media_bucket(endpoint, settings, monkeypatch)


@pytest.fixture
def browsing(browser, live_server):
    browsing = Browsing(browser, live_server.url)
    yield browsing
    browsing.close()


def allow_media_from(settings, origins):
    """The policy settings.py builds when CONVENER_MEDIA_S3_BUCKET is set (test_media checks that part)."""
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    for directive in ("img-src", "media-src"):
        policy["DIRECTIVES"][directive] = [SELF, *origins]
    settings.CONTENT_SECURITY_POLICY = policy


class Browsing:
    def __init__(self, browser, base_url):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.base_url = base_url
        self.hosts, self.blocked = set(), []
        self.page.on("request", lambda request: self.hosts.add(urlsplit(request.url).netloc))
        self.page.on("console", lambda m: "Content Security Policy" in m.text and self.blocked.append(m.text))

    def close(self):
        self.context.close()

    def image_shows(self, path, src_prefix):
        self.page.goto(self.base_url + path)
        img = self.page.locator(f"main img[src^='{src_prefix}']").element_handle()
        return self.page.evaluate("img => img.decode().then(() => true, () => false)", img)


def test_lesson_images_come_from_the_bucket_and_captions_from_the_site(
    browsing, live_server, bucket, settings
):
    import_sample()
    allow_media_from(settings, bucket.origins)
    assert browsing.image_shows(f"{LESSONS}/welcome/", bucket.public)

    page = browsing.page
    page.goto(f"{live_server.url}{LESSONS}/a-short-film/")
    # A <track> from another origin would need CORS; from the site itself it simply loads (2 is LOADED).
    track = "document.querySelector('video track')"
    page.wait_for_function(f"() => {track}.readyState >= 2", timeout=5000)
    assert page.evaluate(f"() => {track}.readyState") == 2  # not 3, ERROR
    cues = page.evaluate(f"() => [...{track}.track.cues].map(c => c.text)")
    assert cues == ["Here is what I heard you say."]
    assert browsing.blocked == []
    assert browsing.hosts == {urlsplit(live_server.url).netloc, urlsplit(bucket.public).netloc}


def test_without_the_bucket_in_the_policy_the_browser_blocks_its_images(browsing, bucket):
    import_sample()
    assert not browsing.image_shows(f"{LESSONS}/welcome/", bucket.public)
    assert any("img-src" in message or "default-src" in message for message in browsing.blocked)
