"""Built sites served on 127.0.0.1 and visited with Debian's Chromium, driven by Playwright.

Each test gets a ``Visitor`` who starts with nothing stored (no cookies, no storage, no history)
and whose clock reads noon on the day the site was built for, in the site's time zone. The visitor
records every request, console error and page error; at teardown it asserts that the visit stayed
on our own server, logged no error and left no cookie. Each test worker keeps one browser tab for
its visitors and empties it after every test (``Visitor.empty``): a new browser context and tab
cost about a second of CPU on a small machine.

Sites: the example site in the repository root (built once, "today" pinned to the day of the
last commit) and a small notice site whose material change is announced but not yet in force.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import builds
import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Locator, Page, sync_playwright
from sites import PROJECT, SiteRepo, front_matter

ARTIFACTS = PROJECT / "test-artifacts"
"""What a person can look at after a run: screenshots/ of every page type, the printed changes page."""

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

WINDOW = {"width": 1280, "height": 900}
"""A visitor's window unless a test resizes it: a desktop's."""

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
               "resultTypes": ["violations"]}
"""WCAG 2.0 and 2.1, levels A and AA. Only violations are listed in full: axe skips describing every
element that passed, a third of its time."""
_AXE = Axe()
_SETTLED = ("() => document.getAnimations().every(animation => animation.playState !== 'running'"
            " || animation.effect.getComputedTiming().endTime === Infinity)")

INSTALL_CHROMIUM = (
    "The browser tests drive Debian's chromium package (Playwright's own "
    "browser download is not used). Install it with `apt-get install chromium` (or run "
    "scripts/test, which does), or set POLICYPRESS_CHROMIUM to the browser's path."
)

PAGE_TYPES = ("landing", "current statement", "current notice", "archive list", "archived version",
              "changes page", "compare view", "upcoming", "404",
              "spanish current", "spanish archive list", "spanish archived version", "spanish changes page",
              "spanish compare view")
"""Every kind of page a visitor can reach; tests asking for ``page_type`` run once per kind. The
"spanish" kinds are the Privacy Statement's Spanish translation, in the example site."""


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page_type" in metafunc.fixturenames:
        metafunc.parametrize("page_type", PAGE_TYPES)


_TEST_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    # A test that failed already says what went wrong: its visitor's teardown checks stay quiet.
    report = yield
    if report.when == "call":
        item.stash[_TEST_FAILED] = report.failed
    return report


# -- serving ----------------------------------------------------------------------------------


class _StaticHost(SimpleHTTPRequestHandler):
    """Serves the site's current build like a static host: a missing page gets the site's 404.html."""

    def __init__(self, request, client_address, server: _SiteHTTPServer):
        super().__init__(request, client_address, server, directory=str(server.site.root))

    def end_headers(self) -> None:
        # A reload after a rebuild must show the new build, never a cached page.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass


class _SiteHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: ServedSite):
        self.site = site
        super().__init__(("127.0.0.1", 0), _StaticHost)

    def handle_error(self, request, client_address) -> None:
        # A browser that leaves a page before a file of it has arrived closes the connection: that
        # is not the server's error, and its traceback would bury the test report.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass(frozen=True)
class Address:
    """A page of a served site, and the status a visitor should get for it."""

    site: ServedSite
    path: str
    status: int = 200
    ready: str | None = None
    """A selector that matches once the page's own scripts have finished drawing it."""

    @property
    def url(self) -> str:
        return self.site.url(self.path)


@dataclass
class ServedSite:
    """A built site on http://127.0.0.1:<free port>/, and the day it was built for."""

    root: Path
    today: date
    timezone: str = "America/Los_Angeles"
    _server: _SiteHTTPServer | None = field(default=None, repr=False)

    def start(self) -> ServedSite:
        self._server = _SiteHTTPServer(self)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def url(self, path: str = "/") -> str:
        return self.origin + path

    def at(self, path: str, status: int = 200, ready: str | None = None) -> Address:
        return Address(self, path, status, ready)

    def publish(self, root: Path, today: date) -> None:
        """Replace the served build with another build of the same site (same address, same origin)."""
        self.root, self.today = root, today

    def noon(self, day: date | None = None) -> datetime:
        return datetime.combine(day or self.today, time(12), ZoneInfo(self.timezone))

    def document(self, slug: str = "privacy-statement") -> dict:
        """The document's entry in the site's versions.json."""
        listing = json.loads((self.root / "versions.json").read_text("utf-8"))
        return next(d for d in listing["documents"] if d["slug"] == slug)

    def versions(self, slug: str = "privacy-statement") -> list[dict]:
        """The document's versions, newest first."""
        return self.document(slug)["versions"]

    def translation(self, lang: str = "es", slug: str = "privacy-statement") -> dict:
        """The document's translation into a language, from its entry in versions.json."""
        return next(t for t in self.document(slug).get("translations", []) if t["lang"] == lang)


@pytest.fixture(scope="session")
def serve() -> Iterator:
    """Start a server for a built site; every server stops when the session ends."""
    started: list[ServedSite] = []

    def start(root: Path, today: date, timezone: str = "America/Los_Angeles") -> ServedSite:
        site = ServedSite(root, today, timezone).start()
        started.append(site)
        return site

    yield start
    for site in started:
        site.stop()


# -- sites ------------------------------------------------------------------------------------


def _last_commit_day(timezone: str) -> date:
    # The day the newest commit landed: the site as a build on that day publishes it.
    stamps = subprocess.run(["git", "log", "--first-parent", "--format=%ct"], cwd=PROJECT,
                            capture_output=True, text=True, check=True).stdout.split()
    return max(datetime.fromtimestamp(int(s), ZoneInfo(timezone)).date() for s in stamps)


@pytest.fixture(scope="session")
def example_config() -> dict:
    return yaml.safe_load((PROJECT / "mkdocs.yml").read_text("utf-8"))


@pytest.fixture(scope="session")
def example_site(tmp_path_factory, serve, example_config) -> ServedSite:
    """The example site in the repository root, as ``mkdocs build --strict`` publishes it."""
    timezone = example_config["extra"]["policypress"]["timezone"]
    today = _last_commit_day(timezone)
    target = tmp_path_factory.mktemp("example") / "site"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICYPRESS_TODAY": today.isoformat()}
    code, output = builds.mkdocs(["build", "--strict", "-q", "-d", str(target)], PROJECT, environment)
    assert code == 0, f"the example site does not build:\n{output}"
    return serve(target, today, timezone)


@dataclass(frozen=True)
class NoticeSite:
    """A Privacy Statement whose material change landed on 2 March 2026 and takes effect on 1 April."""

    site: ServedSite
    newer_build: Path
    """The same site after a second material change landed on 20 March."""

    LANDED = date(2026, 3, 2)
    EFFECTIVE = date(2026, 4, 1)
    BUILT_ON = date(2026, 3, 10)
    LAST_BANNER_DAY = date(2026, 4, 30)
    """banner_days (30) counted from the effective day."""
    NEWER_LANDED = date(2026, 3, 20)
    NEWER_EFFECTIVE = date(2026, 4, 20)
    NEWER_BUILT_ON = date(2026, 3, 21)


@pytest.fixture(scope="session")
def notice_site(tmp_path_factory, serve, example_config) -> NoticeSite:
    repo = SiteRepo.create(tmp_path_factory.mktemp("notice") / "repo", settings={"banner_days": 30})
    # Dressed like the example site (palettes, features), so its pages are checked as visitors see ours.
    config = yaml.safe_load((repo.root / "mkdocs.yml").read_text("utf-8"))
    theme = {key: value for key, value in example_config["theme"].items() if key != "custom_dir"}
    (repo.root / "mkdocs.yml").write_text(yaml.safe_dump({**config, "theme": theme}))
    repo.write_statement("We collect your name.", material=True, summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.write_statement("We collect your name and your email address.\n\n## Your choices\n\nWrite to us.",
                         material=True, summary="Adds email addresses and a section on your choices.",
                         effective=NoticeSite.EFFECTIVE.isoformat())
    repo.commit(f"{NoticeSite.LANDED}T10:00:00-08:00")
    announcing = repo.build(today=NoticeSite.BUILT_ON.isoformat(), site_dir="announcing")
    assert announcing.ok, announcing.output
    repo.write_statement("We collect your name, your email address and your postal address.\n\n"
                         "## Your choices\n\nWrite to us.",
                         material=True, summary="Adds postal addresses.",
                         effective=NoticeSite.NEWER_EFFECTIVE.isoformat())
    repo.commit(f"{NoticeSite.NEWER_LANDED}T10:00:00-07:00")
    newer = repo.build(today=NoticeSite.NEWER_BUILT_ON.isoformat(), site_dir="newer")
    assert newer.ok, newer.output
    return NoticeSite(serve(announcing.site, NoticeSite.BUILT_ON), newer.site)


@pytest.fixture(scope="session")
def example_pages(example_site: ServedSite) -> dict[str, Address]:
    """The example site's page types: the oldest version as the archived one, the two newest for the
    changes page and the compare view, and the upcoming version if there is one; the same for the
    Spanish translation (its current page, archive, oldest version, newest changes page and two newest
    compared)."""
    versions = example_site.versions()
    newest, previous = versions[:2]
    compare = f"/privacy-statement/versions/compare/?from={previous['version']}&to={newest['version']}"
    spanish = example_site.translation("es")
    spanish_newest, spanish_previous = spanish["versions"][:2]
    spanish_root = urlsplit(spanish["url"]).path
    spanish_compare = (f"{spanish_root}versions/compare/?from={spanish_previous['version']}"
                       f"&to={spanish_newest['version']}")
    pages = {
        "landing": example_site.at("/"),
        "current statement": example_site.at("/privacy-statement/"),
        "current notice": example_site.at("/ccpa-notice/"),
        "archive list": example_site.at("/privacy-statement/versions/"),
        "archived version": example_site.at(urlsplit(versions[-1]["url"]).path),
        "changes page": example_site.at(urlsplit(newest["changes_url"] or "").path),
        "compare view": example_site.at(compare, ready=".pp-compare .pp-redline :is(ins, del)"),
        "404": example_site.at("/no-such-page/", status=404),
        "spanish current": example_site.at(spanish_root),
        "spanish archive list": example_site.at(f"{spanish_root}versions/"),
        "spanish archived version": example_site.at(urlsplit(spanish["versions"][-1]["url"]).path),
        "spanish changes page": example_site.at(urlsplit(spanish_newest["changes_url"] or "").path),
        "spanish compare view": example_site.at(spanish_compare, ready=".pp-compare .pp-redline :is(ins, del)"),
    }
    if example_site.document()["upcoming"]:
        pages["upcoming"] = example_site.at("/privacy-statement/upcoming/")
    return pages


@pytest.fixture
def address(page_type: str, example_pages: dict[str, Address], request: pytest.FixtureRequest) -> Address:
    """Where a visitor finds a page of the given type; the notice site has an upcoming page if the
    example has none."""
    if page_type not in example_pages:
        return request.getfixturevalue("notice_site").site.at("/privacy-statement/upcoming/")
    return example_pages[page_type]


# -- the browser ------------------------------------------------------------------------------


def chromium_executable() -> str:
    configured = os.environ.get("POLICYPRESS_CHROMIUM")
    if configured and not Path(configured).is_file():
        pytest.fail(f"POLICYPRESS_CHROMIUM is {configured}, which does not exist. {INSTALL_CHROMIUM}",
                    pytrace=False)
    path = configured or shutil.which("chromium")
    if not path:
        pytest.fail(f"Chromium was not found. {INSTALL_CHROMIUM}", pytrace=False)
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the session; each test opens its own context in it."""
    executable = chromium_executable()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Visitor:
    """One visitor, and everything their browser asked for or complained about."""

    def __init__(self, context: BrowserContext, screenshots: bool = False):
        self.context = context
        self.screenshots = screenshots
        """Whether ``screenshot`` saves anything: only with ``--screenshots`` (a second each, on this machine)."""
        self.origins: set[str] = set()
        """The servers this visitor was sent to: every request must go to one of them."""
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self._missing: set[str] = set()
        self._clock_installed = False
        self._day_chosen = False
        self._address: Address | None = None
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("console", self._console)
        context.on("weberror", lambda error: self.page_errors.append(str(error.error)))
        self.page: Page = context.new_page()

    def _console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        # A 404 page is, by design, a response with status 404; Chromium logs that as an error.
        if message.text.startswith("Failed to load resource") and message.location.get("url") in self._missing:
            return
        self.console_errors.append(f"{message.text} ({message.location.get('url')})")

    def open(self, address: Address) -> Page:
        """Go to a page, with the browser's clock on the site's day unless a test moved it."""
        self.origins.add(address.site.origin)
        if not self._day_chosen:
            self.set_day(address.site.noon())
        if address.status == 404:
            self._missing.add(address.url)
        # "load": the page's scripts have run. Waiting for the network to idle would add half a
        # second to every visit; the pages that fetch after load name what to wait for (``ready``).
        response = self.page.goto(address.url, wait_until="load")
        assert response and response.status == address.status, f"{address.url} answered {response.status}"
        self._address = address
        self._wait_until_drawn()
        return self.page

    def _wait_until_drawn(self) -> None:
        if self._address and self._address.ready:
            self.page.locator(self._address.ready).first.wait_for()

    def sideways_overflow(self) -> int:
        """How many pixels the page is wider than the window: more than 0 and it scrolls sideways."""
        return self.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")

    def set_day(self, moment: datetime) -> None:
        """Move the browser's clock (the site is not rebuilt)."""
        if self._clock_installed:
            self.context.clock.set_system_time(moment)
        else:
            self.context.clock.install(time=moment)
            self._clock_installed = True
        self._day_chosen = True

    def empty(self) -> bool:
        """Make this visitor a new one in the same tab: nothing stored, no cookie, nothing cached, no
        history, no emulated media, a 1280 x 900 window, nothing recorded, the clock to be set again.

        False when the test opened another tab or closed this one: its context is then closed and
        the next test gets a new one.
        """
        if self.page.is_closed() or len(self.context.pages) > 1:
            return False
        self.page.goto("about:blank")
        session = self.context.new_cdp_session(self.page)
        try:
            for origin in self.origins:  # "all": cookies, local and session storage, IndexedDB, caches
                session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
            session.send("Network.clearBrowserCache")
            session.send("Page.resetNavigationHistory")
        finally:
            session.detach()
        self.context.clear_cookies()
        self.page.set_viewport_size(WINDOW)
        self.page.emulate_media(media="null", reduced_motion="no-preference")
        for record in (self.origins, self.requests, self.console_errors, self.page_errors, self._missing):
            record.clear()
        self._day_chosen = False
        self._address = None
        return True

    def use_dark_palette(self) -> None:
        """Choose the dark palette with Material's toggle, as a visitor does, and reload the page.

        The reload applies the stored choice before the first paint, so no colour transition is
        half-way when the page is checked.
        """
        self.page.get_by_title("Switch to dark mode").first.click()
        self.page.reload(wait_until="load")
        self._wait_until_drawn()
        assert self.page.locator("body").get_attribute("data-md-color-scheme") == "slate"

    def assert_accessible(self, context: str | None = None) -> None:
        """axe-core finds no WCAG 2.0 or 2.1 level A or AA violation on the page (or in ``context``)."""
        violations = self.accessibility_violations(context)
        assert not violations, violations

    def accessibility_violations(self, context: str | None = None) -> str:
        """axe-core's report of the WCAG 2.0 and 2.1 level A and AA violations on the page (or in
        ``context``); empty if there are none."""
        # A colour half-way through a transition (Material fades the header's title as the page
        # scrolls) is not a colour a reader is left with: let running transitions end first.
        self.page.wait_for_function(_SETTLED)
        results = _AXE.run(self.page, context=context, options=AXE_OPTIONS)
        return results.generate_report() if results.violations_count else ""

    def storage(self) -> dict[str, list[str]]:
        """The keys this page's origin keeps in the visitor's browser, by kind of storage."""
        return self.page.evaluate("""async () => ({
            localStorage: Object.keys(localStorage),
            sessionStorage: Object.keys(sessionStorage),
            indexedDB: (await indexedDB.databases()).map(db => db.name),
            document_cookie: document.cookie ? [document.cookie] : [],
        })""")

    def third_party_requests(self) -> list[str]:
        def ours(url: str) -> bool:
            parts = urlsplit(url)
            return parts.scheme in ("data", "blob") or f"{parts.scheme}://{parts.netloc}" in self.origins

        return [url for url in self.requests if not ours(url)]

    def screenshot(self, name: str, element: Locator | None = None) -> Path | None:
        """With ``--screenshots``, save the whole page, or one element of it alone, to
        test-artifacts/screenshots/<name>.png."""
        if not self.screenshots:
            return None
        path = ARTIFACTS / "screenshots" / f"{name.replace(' ', '-')}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        if element is None:
            self.page.screenshot(path=str(path), full_page=True)
        else:
            element.screenshot(path=str(path))
        return path

    def assert_well_behaved(self) -> None:
        assert self.third_party_requests() == [], "requests left our server"
        assert self.context.cookies() == [], "the site set cookies"
        assert self.console_errors == [], "the browser console logged errors"
        assert self.page_errors == [], "a script threw"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def new_visitor(browser: Browser, config: pytest.Config) -> Visitor:
    """A visitor with a fresh profile, in a browser context of their own."""
    # Both sites are dated in Los Angeles; a visitor there sees the banner switch at their midnight.
    context = browser.new_context(locale="en-US", timezone_id="America/Los_Angeles", viewport=WINDOW)
    context.set_default_timeout(10_000)
    return Visitor(context, screenshots=config.getoption("--screenshots"))


class Tabs:
    """This test worker's browser tab for visitors, emptied after each (``Visitor.empty``)."""

    def __init__(self, browser: Browser, config: pytest.Config):
        self._browser = browser
        self._config = config
        self._kept: Visitor | None = None

    def visitor(self) -> Visitor:
        """A visitor who starts with nothing stored: in the tab the last one gave back, or a new one."""
        visitor = self._kept or new_visitor(self._browser, self._config)
        self._kept = None
        return visitor

    def give_back(self, visitor: Visitor, *, intact: bool) -> None:
        """Empty the visitor's tab for the next one; close it if the visit went wrong (``intact``
        false: any state may be left) or the tab cannot be emptied."""
        try:
            if intact and visitor.empty():
                self._kept, visitor = visitor, None
        finally:
            if visitor is not None:
                visitor.context.close()

    def close(self) -> None:
        if self._kept is not None:
            self._kept.context.close()


@pytest.fixture(scope="session")
def tabs(browser: Browser, pytestconfig: pytest.Config) -> Iterator[Tabs]:
    tabs = Tabs(browser, pytestconfig)
    yield tabs
    tabs.close()


@pytest.fixture
def visitor(tabs: Tabs, request: pytest.FixtureRequest) -> Iterator[Visitor]:
    """A visitor who starts with nothing stored, in this worker's emptied tab.

    A test that changes the browser itself, with an init script or a listener on the page, takes
    ``fresh_visitor``: emptying a tab does not undo those."""
    visitor = tabs.visitor()
    yield visitor
    intact = False
    try:
        intact = _checked_after_the_test(visitor, request)
    finally:
        tabs.give_back(visitor, intact=intact)


@pytest.fixture
def fresh_visitor(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Visitor]:
    """A visitor in a browser context of their own, closed after the test."""
    visitor = new_visitor(browser, request.config)
    yield visitor
    try:
        _checked_after_the_test(visitor, request)
    finally:
        visitor.context.close()


def _checked_after_the_test(visitor: Visitor, request: pytest.FixtureRequest) -> bool:
    """The visitor's own checks after a test that passed (``assert_well_behaved``): True when they
    ran and passed, False when the test had failed (it already says what went wrong)."""
    if request.node.stash.get(_TEST_FAILED, False):
        return False
    visitor.assert_well_behaved()
    return True


@dataclass(frozen=True)
class LongHistorySite:
    """A Privacy Statement with 500 versions, one every three days from 3 January 2022."""

    site: ServedSite
    VERSIONS = 500


@pytest.fixture(scope="session")
def long_history_site(tmp_path_factory, serve) -> LongHistorySite:
    """500 short versions written with one ``git fast-import``, so the history takes a second to make;
    every 25th version is material and takes effect at once."""
    repo = SiteRepo.create(tmp_path_factory.mktemp("long") / "repo")
    first = datetime(2022, 1, 3, 10, tzinfo=ZoneInfo("America/Los_Angeles"))
    repo.write_statement("We collect your name.\n\nRevision 1.", material=True, summary="First version.")
    repo.commit(first.isoformat())
    stream = []
    for number in range(2, LongHistorySite.VERSIONS + 1):
        when = first + timedelta(days=3 * (number - 1))
        material = number % 25 == 0
        text = front_matter("Privacy Statement", material, f"Change number {number}.",
                            immediate="Required by law." if material else None)
        text += f"# Privacy Statement\n\nWe collect your name.\n\nRevision {number}.\n"
        message = f"Change {number}"
        stream += [
            "commit refs/heads/main",
            f"committer Legal Editor <editor@example.org> {int(when.timestamp())} {when:%z}",
            f"data {len(message.encode())}", message,
            *(["from refs/heads/main^0"] if number == 2 else []),
            "M 100644 inline docs/privacy-statement.md",
            f"data {len(text.encode())}", text,
        ]
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo.root, input="\n".join(stream) + "\n",
                   text=True, check=True)
    repo.git("reset", "-q", "--hard", "main")
    today = (first + timedelta(days=3 * LongHistorySite.VERSIONS)).date()
    built = repo.build(today=today.isoformat(), args=("-q",))
    assert built.ok, built.output
    return LongHistorySite(serve(built.site, today))
