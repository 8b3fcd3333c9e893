"""Browser tests: Playwright driving Debian's Chromium against Django's live server."""

import json
import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CONVENER_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[1] / "tools" / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE = lru_cache(maxsize=1)(AXE.read_text)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, or install Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A page plus the checks every page must pass: no foreign requests, no axe violations."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.own_host = urlsplit(base_url).netloc
        self.foreign = []
        self.scanned = []
        self.csp_violations = []
        page.on("request", self._record)
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)

    def _record(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != self.own_host:
            self.foreign.append(request.url)

    def goto(self, path):
        self.page.goto(self.base_url + path)
        return self.page

    def scan(self):
        """Run axe-core on the current page; fail on any WCAG A/AA violation."""
        page = self.page
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            # Evaluated through the DevTools protocol, so the page's strict CSP stays on.
            page.evaluate(AXE_SOURCE())
        results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        self.scanned.append(page.url)
        violations = [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in results["violations"]
        ]
        assert violations == [], f"axe violations on {page.url}:\n{json.dumps(violations, indent=1)}"

    def tab_to(self, selector, limit=80):
        """Press Tab until the element matching `selector` has focus: proof it is keyboard reachable."""
        page = self.page
        target = page.locator(selector).first
        target.wait_for()
        for _ in range(limit):
            page.keyboard.press("Tab")
            if target.evaluate("el => el === document.activeElement"):
                return target
        raise AssertionError(f"{selector} cannot be reached with the Tab key on {page.url}")

    def type_into(self, selector, text):
        self.tab_to(selector)
        self.page.keyboard.type(text)

    def activate(self, selector):
        """Tab to a link or button and press Enter; wait for the page it leads to."""
        self.tab_to(selector)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")


@pytest.fixture
def visit(browser, live_server):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    visit = Visit(page, live_server.url)
    yield visit
    context.close()
    assert visit.foreign == [], f"requests left for another host: {visit.foreign}"
    assert visit.csp_violations == [], f"the page broke its own CSP: {visit.csp_violations}"
