"""The Spanish translation of the Privacy Statement in a visitor's browser.

Every page says which language it is in and offers the other (checked for every page type by
test_browser_pages); the switcher on every Privacy Statement page leads to the same page in the other
language (or, when there is none, to the other language's archive, and says so);
the Spanish pages say that only the English text binds, which English version they translate and, as
the newest translation lags the English text, that English has moved on, with a way to see what
changed. The compare view, drawn in the browser, speaks Spanish on Spanish pages.

Dates and versions come from the built site's versions.json, so a new version of either language
changes what is expected, not the tests.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SPANISH = ("spanish current", "spanish archive list", "spanish archived version", "spanish changes page",
           "spanish compare view")

MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
          "octubre", "noviembre", "diciembre")
MARKS = ".pp-redline :is(ins, del)"
ENGLISH_WORDS = re.compile(r"\b(Comparing|compared|Showing|Version|versions?|changes?|Changes?|sections?|"
                           r"From|To|Previous|Next|Only|nothing|added|deleted|inserted|link changed)\b")
"""Words of policypress's English catalog that must not show in the Spanish compare view's own words."""


def spanish_date(number: str) -> str:
    day = date.fromisoformat(number)
    return f"{day.day} de {MONTHS[day.month - 1]} de {day.year}"


def path(url: str) -> str:
    return urlsplit(url).path


def words(page: Page, selector: str) -> str:
    """A part's words as a reader sees them, spaces collapsed."""
    return " ".join(page.locator(selector).inner_text().split())


def follow(page: Page, link) -> None:
    """Click a link and check the page it leads to exists (its scripts have run: Visitor.open)."""
    with page.expect_navigation(wait_until="load") as navigation:
        link.click()
    response = navigation.value
    assert response and response.status == 200, f"{page.url} answered {response and response.status}"


def switcher_link(page: Page, lang: str):
    return page.locator(f"nav.pp-languages a[hreflang={lang}]")


@pytest.fixture(scope="module")
def spanish(example_site) -> dict:
    """The Spanish translation's entry in versions.json."""
    return example_site.translation("es")


# -- the translation notice ---------------------------------------------------------------------


def test_the_spanish_current_page_says_it_lags_the_english_text_and_links_to_what_changed(
        visitor, example_site, example_pages, spanish):
    translates = spanish["versions"][0]["translates"]
    english_newest = example_site.versions()[0]
    assert english_newest["version"] > translates, "the example's translation must lag the English text"
    page = visitor.open(example_pages["spanish current"])
    notice = page.locator(".pp-translation-notice")

    expect(notice).to_be_visible()
    expect(notice).to_have_class(re.compile(r"\bwarning\b"))
    expect(notice.locator(".admonition-title")).to_have_text("Traducción")
    expect(notice).to_contain_text(
        f"Esta traducción refleja la versión en inglés del {spanish_date(translates)}.")
    # The newest English version is still to take effect: the notice says when.
    assert english_newest["effective"] > example_site.today.isoformat(), "the newest English version is upcoming"
    expect(notice).to_contain_text(
        f"La versión en inglés se revisó el {spanish_date(english_newest['version'])}; sus cambios entran en vigor el "
        f"{spanish_date(english_newest['effective'])} — leerla / ver qué cambió.")
    expect(notice.get_by_role("link", name="leerla", exact=True)).to_have_attribute(
        "href", path(english_newest["url"]))

    follow(page, notice.get_by_role("link", name="ver qué cambió", exact=True))
    assert "/changes/" in page.url or "/compare/" in page.url, f"ver qué cambió led to {page.url}"
    expect(page.locator(MARKS).first).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize("kind", SPANISH)
def test_the_binding_notice_links_to_the_english_page(visitor, example_site, example_pages, spanish, kind):
    english = {
        "spanish current": "/privacy-statement/",
        "spanish archive list": "/privacy-statement/versions/",
        # The oldest Spanish version (example_pages) binds to the English version it translates.
        "spanish archived version": f"/privacy-statement/versions/{spanish['versions'][-1]['translates']}/",
        "spanish changes page": path(next(v["changes_url"] for v in example_site.versions()
                                          if v["version"] == spanish["versions"][0]["translates"])),
        "spanish compare view": "/privacy-statement/versions/compare/",
    }[kind]
    page = visitor.open(example_pages[kind])
    notice = page.locator(".pp-translation-notice")

    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Solo el texto en inglés es jurídicamente vinculante")
    binding = notice.get_by_role("link", name="leerlo", exact=True)
    expect(binding).to_have_attribute("href", english)
    expect(switcher_link(page, "en")).to_have_attribute("href", english)

    follow(page, binding)
    assert path(page.url) == english
    assert page.locator("html").get_attribute("lang") == "en"


# -- following the switcher ---------------------------------------------------------------------


def test_the_switcher_leads_from_the_spanish_current_page_to_the_english_one(visitor, example_pages):
    page = visitor.open(example_pages["spanish current"])

    follow(page, switcher_link(page, "en"))

    assert path(page.url) == "/privacy-statement/"
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("h1").first).to_contain_text("Privacy Statement")


def test_the_switcher_leads_from_the_english_current_page_to_the_spanish_one(visitor, example_pages, spanish):
    page = visitor.open(example_pages["current statement"])

    follow(page, switcher_link(page, "es"))

    assert path(page.url) == path(spanish["url"])
    assert page.locator("html").get_attribute("lang") == "es"
    expect(page.locator("h1").first).to_contain_text(spanish["title"])


def test_the_switcher_leads_from_the_spanish_changes_page_to_the_english_changes_page(
        visitor, example_site, example_pages, spanish):
    translated = next(v for v in example_site.versions() if v["version"] == spanish["versions"][0]["translates"])
    page = visitor.open(example_pages["spanish changes page"])

    follow(page, switcher_link(page, "en"))

    assert path(page.url) == path(translated["changes_url"])
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator(MARKS).first).to_be_visible()


def test_an_english_version_with_no_spanish_one_in_force_leads_to_the_spanish_archive(
        visitor, example_site, example_pages, spanish):
    oldest = example_site.versions()[-1]
    first_spanish = spanish["versions"][-1]
    assert oldest["effective_to"] <= first_spanish["effective"], "the oldest English version needs no Spanish one"
    page = visitor.open(example_pages["archived version"])
    assert path(page.url) == path(oldest["url"])

    expect(page.locator("nav.pp-languages .pp-languages__note")).to_be_visible()
    expect(page.locator("nav.pp-languages .pp-languages__note")).to_contain_text("no Spanish version")
    follow(page, switcher_link(page, "es"))

    assert path(page.url) == f"{path(spanish['url'])}versions/"
    assert page.locator("html").get_attribute("lang") == "es"
    expect(page.locator(".pp-archive > li")).to_have_count(len(spanish["versions"]))


# -- the compare view in Spanish ----------------------------------------------------------------


def marked_changes(page: Page, scope: str = "") -> list[list[str]]:
    return page.eval_on_selector_all(
        f"{scope} {MARKS}", "marks => marks.map(m => [m.localName, m.id, m.textContent.replace(/\\s+/g, ' ').trim()])")


def changes_by_section(page: Page) -> list[str]:
    return page.eval_on_selector_all(".pp-changes-summary .pp-changes-toc li",
                                     "items => items.map(item => item.textContent.replace(/\\s+/g, ' ').trim())")


def header_line(page: Page, label: str) -> str:
    line = page.locator(".pp-changes-versions div").filter(has=page.locator("dt", has_text=label)).locator("dd")
    return " ".join(line.inner_text().split())


def test_the_spanish_compare_view_speaks_spanish_and_counts_as_the_changes_page(visitor, example_pages, spanish):
    newest, previous = spanish["versions"][:2]
    changes_page = visitor.open(example_pages["spanish changes page"])
    expected = {
        "count": words(changes_page, ".pp-changes-count"),
        "sections": changes_by_section(changes_page),
        "from": header_line(changes_page, "Desde"),
        "to": header_line(changes_page, "Hasta"),
        "marks": marked_changes(changes_page),
    }
    total = len(changes_page.locator(".pp-redline .pp-change").all())
    assert total > 1 and re.fullmatch(r"\d+ cambios en \d+ secciones\.", expected["count"]), expected["count"]

    page = visitor.open(example_pages["spanish compare view"])

    expect(page.locator(".pp-compare-status")).to_have_text(
        f"Versión {previous['version']} comparada con la versión {newest['version']}: {total} cambios.")
    assert words(page, ".pp-compare-summary .pp-changes-count") == expected["count"]
    assert changes_by_section(page) == expected["sections"]
    assert (header_line(page, "Desde"), header_line(page, "Hasta")) == (expected["from"], expected["to"])
    assert marked_changes(page, ".pp-compare") == expected["marks"]
    labels = [text.split(":")[0] for _, _, text in expected["marks"]]
    assert set(labels) <= {"agregado", "eliminado"}, set(labels)
    expect(page.locator(".pp-redline-position")).to_have_text(f"{total} cambios")
    page.locator(".pp-redline-nav").get_by_role("button", name="Cambio siguiente").click()
    expect(page.locator(".pp-redline-position")).to_have_text(f"Cambio 1 de {total}")

    own_words = " ".join(words(page, selector) for selector in (
        "article > h1", ".pp-compare-status", ".pp-compare-summary", ".pp-redline-nav", ".pp-compare-form"))
    assert not ENGLISH_WORDS.findall(own_words), f"English words in the Spanish compare view: {own_words}"
    assert page.locator("html").get_attribute("lang") == "es"


# -- phones, and what a person can look at -----------------------------------------------------


@pytest.mark.parametrize("kind", SPANISH)
def test_the_translation_notice_shows_on_a_320_px_phone(visitor, example_pages, kind):
    # That no page scrolls sideways on a phone is checked for every page type (test_browser_pages).
    visitor.page.set_viewport_size({"width": 320, "height": 800})
    page = visitor.open(example_pages[kind])

    expect(page.locator(".pp-translation-notice")).to_be_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_of_the_spanish_pages(visitor, example_pages, width):
    if not visitor.screenshots:
        pytest.skip("takes screenshots only: run with --screenshots")
    visitor.page.set_viewport_size({"width": width, "height": 844 if width == 390 else 900})
    page = visitor.open(example_pages["spanish current"])
    visitor.screenshot(f"spanish-current-{width}")
    if width == 390:
        visitor.screenshot("spanish-lag-notice", page.locator(".pp-translation-notice"))

    visitor.open(example_pages["spanish changes page"])
    visitor.screenshot(f"spanish-changes-page-{width}")
