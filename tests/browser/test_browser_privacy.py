"""A visitor's browser talks only to our server and keeps nothing the visitor did not ask for.

Every test here also ends with the ``visitor`` fixture's own checks: no request to another host,
no cookie, no console error. Every page type keeps these promises as it loads (test_browser_pages);
these tests keep them for the things a visitor does on a page.
"""

import pytest

pytestmark = pytest.mark.browser

NOTHING_STORED = {"localStorage": [], "sessionStorage": [], "indexedDB": [], "document_cookie": []}


def test_searching_and_following_links_store_nothing(visitor, example_site):
    page = visitor.open(example_site.at("/"))
    page.locator(".md-search__input").press_sequentially("privacy", delay=50)
    page.locator(".md-search-result__item a[href*='privacy-statement/']").first.click()
    page.get_by_role("link", name="Previous versions").first.click()
    page.get_by_role("link", name=example_site.versions()[-1]["version"], exact=True).click()
    page.wait_for_load_state("networkidle")

    assert visitor.storage() == NOTHING_STORED
    assert visitor.context.cookies() == []


def test_choosing_a_palette_stores_only_that_choice(visitor, example_site):
    visitor.open(example_site.at("/privacy-statement/"))
    assert visitor.storage() == NOTHING_STORED

    visitor.use_dark_palette()
    stored = visitor.storage()
    assert [key.rsplit(".", 1)[-1] for key in stored["localStorage"]] == ["__palette"]
    assert {**stored, "localStorage": []} == NOTHING_STORED

    page = visitor.open(example_site.at("/ccpa-notice/"))
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert visitor.context.cookies() == []
