"""The archive, the status line and the printed page in a visitor's browser, from 320 px phones up.

The archive is a list, not a table, so it never scrolls sideways; every document page says where its
version stands today, in a line that is part of the page and stays when the banner is dismissed; printed,
every sheet names the document, the version and its permanent address.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser


def long_date(number: str) -> str:
    day = date.fromisoformat(number)
    return f"{day:%B} {day.day}, {day.year}"


def test_the_archive_lists_every_version_by_year_with_the_version_in_force_marked(visitor, example_site,
                                                                                   example_pages):
    page = visitor.open(example_pages["archive list"])
    versions = example_site.versions()
    current = example_site.document()["current"]

    entries = page.locator(".pp-archive > li")
    expect(entries).to_have_count(len(versions))
    years = sorted({v["version"][:4] for v in versions}, reverse=True)
    assert page.locator(".pp-archive-year h3").all_inner_texts() == years
    # The compare form comes first, then the versions, newest first.
    assert page.locator("form.pp-compare-form, .pp-archive").first.evaluate("e => e.tagName") == "FORM"
    numbers = page.locator(".pp-entry__number").all_inner_texts()
    assert numbers == [v["version"] for v in versions]
    in_force = page.locator(".pp-entry--in-force")
    expect(in_force).to_have_count(1)
    expect(in_force.locator(".pp-entry__number")).to_have_text(current)
    expect(in_force.locator(".pp-tag")).to_have_text("In force")
    expect(page.get_by_role("link", name="Follow changes")).to_have_attribute("href", "/privacy-statement/feed.xml")


def test_a_long_history_of_500_versions_is_usable_on_a_phone(visitor, long_history_site):
    visitor.page.set_viewport_size({"width": 390, "height": 844})
    page = visitor.open(long_history_site.site.at("/privacy-statement/versions/"))

    expect(page.locator(".pp-archive > li")).to_have_count(long_history_site.VERSIONS)
    assert visitor.sideways_overflow() <= 0
    assert page.locator(".pp-archive-year h3").all_inner_texts() == ["2026", "2025", "2024", "2023", "2022"]
    expect(page.locator(".pp-entry--in-force .pp-entry__number")).to_have_text(
        long_history_site.site.versions()[0]["version"])
    visitor.screenshot("archive-work-long-archive-390")
    # The compare form at the top works on a phone: two versions three years apart.
    numbers = [v["version"] for v in long_history_site.site.versions()]
    page.get_by_label("From version").select_option(numbers[400])
    page.get_by_label("To version").select_option(numbers[10])
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(f"**/compare/?from={numbers[400]}&to={numbers[10]}")
    expect(page.locator(".pp-compare .pp-redline :is(ins, del)").first).to_be_visible()
    # A version deep in the list is one tap away.
    page.go_back(wait_until="networkidle")
    page.get_by_role("link", name=numbers[300], exact=True).click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1").first).to_contain_text("Privacy Statement")
    expect(page.locator("[data-pp-status]")).to_contain_text(f"Version {numbers[300]} was in force from")


def test_the_status_line_stays_after_the_banner_is_dismissed(visitor, notice_site):
    page = visitor.open(notice_site.site.at("/privacy-statement/"))
    status = page.locator("[data-pp-status]")
    effective = f"{notice_site.EFFECTIVE:%B} {notice_site.EFFECTIVE.day}, {notice_site.EFFECTIVE.year}"
    expect(status).to_contain_text("Version 2026-01-05 in force since January 5, 2026.")
    expect(status).to_contain_text(f"A new version takes effect on {effective} — read it / see what changes.")
    expect(status.get_by_role("link", name="read it")).to_have_attribute("href", "/privacy-statement/upcoming/")
    expect(status.get_by_role("link", name="see what changes")).to_have_attribute(
        "href", f"/privacy-statement/versions/{notice_site.LANDED}/changes/")

    page.get_by_role("button", name="Dismiss this notice").click()
    expect(page.locator("[data-pp-banner]")).to_be_hidden()
    expect(status).to_be_visible()
    page.reload()
    expect(page.locator("[data-pp-banner]")).to_be_hidden()
    expect(page.locator("[data-pp-status]")).to_contain_text(f"A new version takes effect on {effective}")


def test_each_page_says_where_its_version_stands(visitor, notice_site, example_site, example_pages):
    upcoming = visitor.open(notice_site.site.at("/privacy-statement/upcoming/"))
    expect(upcoming.locator("[data-pp-status]")).to_contain_text(
        f"Version {notice_site.LANDED} is not yet in force: it takes effect on")

    oldest, following = example_site.versions()[-1], example_site.versions()[-2]
    assert following["effective"] == oldest["effective_to"]
    archived = visitor.open(example_pages["archived version"])
    status = archived.locator("[data-pp-status]")
    expect(status).to_contain_text(
        f"Version {oldest['version']} was in force from {long_date(oldest['effective'])} until it was superseded "
        f"on {long_date(oldest['effective_to'])} by version {following['version']} — read version "
        f"{following['version']}.")
    expect(status.get_by_role("link", name=f"read version {following['version']}")).to_have_attribute(
        "href", urlsplit(following["url"]).path)


def test_the_404_page_says_versions_are_permanent_and_links_each_archive(visitor, example_pages):
    page = visitor.open(example_pages["404"])

    expect(page.locator("article")).to_contain_text("permanent address")
    expect(page.get_by_role("link", name="Every version of the Privacy Statement")).to_have_attribute(
        "href", "/privacy-statement/versions/")
    expect(page.get_by_role("link", name="Every version of the California Notice to Covered Individuals")
           ).to_have_attribute("href", "/ccpa-notice/versions/")


def test_the_home_page_links_to_the_feed(visitor, example_site):
    page = visitor.open(example_site.at("/"))

    expect(page.get_by_role("link", name="Follow changes")).to_have_attribute("href", "feed.xml")


def test_every_printed_sheet_names_the_document_version_and_address(visitor, example_site, example_pages,
                                                                    artifacts):
    oldest = example_site.versions()[-1]
    page = visitor.open(example_pages["archived version"])
    page.emulate_media(media="print")
    expect(page.locator(".pp-print-header")).to_be_visible()
    expect(page.locator(".pp-banner__dismiss")).to_be_hidden()

    pdf = artifacts / "archived-version.pdf"
    page.pdf(path=str(pdf), format="A5", print_background=False)
    sheets = [" ".join((sheet.extract_text() or "").split()) for sheet in PdfReader(pdf).pages]
    assert len(sheets) > 1, "the archived text fits one sheet: the running header is not tested"
    for number, sheet in enumerate(sheets, 1):
        assert f"Privacy Statement · Version {oldest['version']}" in sheet, f"sheet {number}"
        assert oldest["url"] in sheet.replace(" ", ""), f"sheet {number}"


def test_the_printed_archive_hides_its_controls(visitor, example_pages):
    page = visitor.open(example_pages["archive list"])
    page.emulate_media(media="print")

    expect(page.locator("form.pp-compare-form")).to_be_hidden()
    expect(page.get_by_role("heading", name="Compare two versions")).to_be_hidden()
    expect(page.get_by_role("link", name="Follow changes")).to_be_hidden()
    expect(page.locator(".pp-print-header")).to_contain_text("Privacy Statement: all versions")
    page.emulate_media(media="screen")
    expect(page.locator(".pp-print-header")).to_be_hidden()
