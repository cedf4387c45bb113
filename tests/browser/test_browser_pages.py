"""Every page type, as one visitor finds it on a phone and on a desktop, in either palette.

One visitor, with nothing stored, tours each page type once: loaded on a 320 px phone, on a 390 px
phone and on a 1280 px desktop (each a fresh load at that width, in one browser tab), scrolled to the
end there, then switched to the dark palette. What they saw is kept (see ``Tour``) and the tests below
each check one promise of it:

- the page never scrolls sideways, at any of the three widths;
- axe-core finds no WCAG 2.0 or 2.1 level A or AA violation: on the phone, and on the desktop in
  both palettes;
- every request went to our server, and nothing was stored: no cookie, no web storage;
- the console logged no error and no script threw;
- the page says its language, and the Privacy Statement's pages offer the other one;
- the Spanish pages hide the site's English navigation, the English ones show it.

A new visitor for every promise would open each page five times over (a second a visit, on a small
machine); the tour opens it three times and runs axe three times.

With --screenshots, the tour saves a full-page screenshot of each page type at each width and in the
dark palette to test-artifacts/screenshots/, for a person to look at.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WINDOWS = ((320, 800), (390, 844), (1280, 900))
"""The tour's windows, width by height: a small phone, a common phone, a desktop."""

WITH_SWITCHER = {"current statement", "archive list", "archived version", "changes page", "compare view",
                 "upcoming"}
"""The example site's English Privacy Statement pages: the document that has a translation (its
Spanish pages all have the switcher)."""


def in_spanish(page_type: str) -> bool:
    return page_type.startswith("spanish ")


@dataclass
class Tour:
    """What one visitor saw of one page type."""

    overflow: dict[int, int] = field(default_factory=dict)
    """By window width, how many pixels the page was wider than the window."""
    violations: dict[str, str] = field(default_factory=dict)
    """axe-core's report of WCAG A and AA violations, by where it ran ("light palette, 320 px");
    empty where there were none."""
    requests: list[str] = field(default_factory=list)
    third_party_requests: list[str] = field(default_factory=list)
    cookies: list[dict] = field(default_factory=list)
    storage: dict[str, list[str]] = field(default_factory=dict)
    """What the site kept in the browser before the visitor chose a palette."""
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    language: str | None = None
    """The page's ``<html lang>``."""
    switcher: list[dict[str, str]] = field(default_factory=list)
    """The language switcher's links: their hreflang, lang and words."""
    switcher_visible: bool = False
    sidebar_visible: bool = False
    """Whether the site's navigation (Material's primary sidebar) shows on the desktop."""


def take_tour(visitor, address, page_type: str) -> Tour:
    """Load the page at each of the tour's widths, scroll it on the desktop, choose the dark palette."""
    seen = Tour()
    page = visitor.page
    for width, height in WINDOWS:
        page.set_viewport_size({"width": width, "height": height})
        visitor.open(address)
        seen.overflow[width] = visitor.sideways_overflow()
        visitor.screenshot(f"{page_type}-{width}")
        if width == 320:
            # No style sheet, Material's or ours, has a breakpoint between 320 and 480 px: axe runs
            # on the smaller phone only.
            seen.violations["light palette, 320 px"] = visitor.accessibility_violations()

    page.mouse.wheel(0, 100_000)  # scrolling runs Material's table-of-contents and header scripts
    page.wait_for_load_state("networkidle")
    seen.storage = visitor.storage()
    seen.language = page.locator("html").get_attribute("lang")
    switcher = page.locator("nav.pp-languages a")
    seen.switcher = switcher.evaluate_all(
        "links => links.map(a => ({hreflang: a.hreflang, lang: a.lang, text: a.textContent.trim()}))")
    seen.switcher_visible = page.locator("nav.pp-languages").first.is_visible() if seen.switcher else False
    seen.sidebar_visible = page.locator(".md-sidebar--primary").is_visible()
    seen.violations["light palette, 1280 px"] = visitor.accessibility_violations()

    visitor.use_dark_palette()
    visitor.screenshot(f"{page_type}-dark")
    seen.violations["dark palette, 1280 px"] = visitor.accessibility_violations()

    seen.requests = list(visitor.requests)
    seen.third_party_requests = visitor.third_party_requests()
    seen.cookies = visitor.context.cookies()
    seen.console_errors = list(visitor.console_errors)
    seen.page_errors = list(visitor.page_errors)
    return seen


@pytest.fixture(scope="module")
def tours() -> dict[str, Tour]:
    """The tours taken so far in this module, by page type: each page type is toured once."""
    return {}


@pytest.fixture
def tour(tours, tabs, address, page_type) -> Tour:
    if page_type not in tours:
        visitor = tabs.visitor()
        intact = False
        try:
            tours[page_type] = take_tour(visitor, address, page_type)
            intact = True
        finally:
            tabs.give_back(visitor, intact=intact)
    return tours[page_type]


def test_a_page_never_scrolls_sideways_from_a_320_px_phone_up(tour):
    assert all(pixels <= 0 for pixels in tour.overflow.values()), ", ".join(
        f"{pixels} px too wide at {width} px" for width, pixels in tour.overflow.items() if pixels > 0)


def test_axe_finds_no_wcag_a_or_aa_violation_on_a_phone_or_in_either_palette(tour):
    assert not any(tour.violations.values()), "\n\n".join(
        f"In the {where}:\n{report}" for where, report in tour.violations.items() if report)


def test_a_page_loads_everything_from_our_server_and_stores_nothing(tour, address):
    assert any(url.startswith(address.site.origin + "/assets/") for url in tour.requests)
    assert tour.third_party_requests == []
    assert tour.cookies == []
    assert not any(tour.storage.values()), f"stored in the browser: {tour.storage}"


def test_a_page_logs_no_console_error_and_no_script_throws(tour):
    assert tour.console_errors == []
    assert tour.page_errors == []


def test_each_page_says_its_language_and_the_switcher_names_the_other(tour, page_type, address, example_pages):
    lang, other = ("es", "en") if in_spanish(page_type) else ("en", "es")

    assert tour.language == lang
    has_switcher = in_spanish(page_type) or page_type in WITH_SWITCHER
    if not has_switcher or address.site is not example_pages["landing"].site:
        assert tour.switcher == []
        return
    assert tour.switcher == [{"hreflang": other, "lang": other, "text": "English" if other == "en" else "Español"}]
    assert tour.switcher_visible


def test_spanish_pages_hide_the_site_navigation_english_ones_show_it(tour, page_type):
    # The site's navigation is in English: a Spanish reader gets the switcher and the page's own links.
    assert tour.sidebar_visible == (not in_spanish(page_type))


# -- wide tables --------------------------------------------------------------------------------


def test_a_wide_table_on_a_phone_is_a_tab_stop_named_by_its_heading_and_the_arrow_keys_scroll_it(
        visitor, example_pages):
    visitor.page.set_viewport_size({"width": 320, "height": 800})
    page = visitor.open(example_pages["current notice"])
    box = page.locator(".md-typeset__scrollwrap").first

    expect(box).to_have_attribute("tabindex", "0")
    expect(box).to_have_accessible_name("Categories of personal information we collect")
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("box => box.scrollLeft > 0", arg=box.element_handle())

    # On a desktop the table fits: its box gives the Tab stop back.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(box).not_to_have_attribute("tabindex", "0")
    expect(box).not_to_have_attribute("role", "group")
