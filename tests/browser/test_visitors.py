"""The tests' own visitors: a tab emptied after one test keeps nothing of that visitor for the next.

Every other browser test relies on this (see ``Visitor.empty``): a banner dismissed, a palette
chosen or a window resized by one test must not reach the next.
"""

import pytest
from test_browser_privacy import NOTHING_STORED

pytestmark = pytest.mark.browser


def test_an_emptied_tab_keeps_nothing_of_the_last_visitor(fresh_visitor, example_site):
    visitor = fresh_visitor
    page = visitor.open(example_site.at("/privacy-statement/"))
    page.evaluate("""async () => {
        localStorage.setItem("left", "behind");
        sessionStorage.setItem("left", "behind");
        document.cookie = "left=behind; path=/";
        await new Promise(done => { indexedDB.open("left").onsuccess = done; });
    }""")
    visitor.use_dark_palette()
    page.set_viewport_size({"width": 320, "height": 800})
    page.emulate_media(media="print", reduced_motion="reduce")
    visitor.open(example_site.at("/ccpa-notice/"))

    assert visitor.empty()
    assert visitor.requests == [] and visitor.origins == set()
    page = visitor.open(example_site.at("/privacy-statement/"))

    assert visitor.storage() == NOTHING_STORED
    assert visitor.context.cookies() == []
    assert page.locator("body").get_attribute("data-md-color-scheme") != "slate"
    assert page.evaluate("[innerWidth, matchMedia('print').matches,"
                         " matchMedia('(prefers-reduced-motion: reduce)').matches]") == [1280, False, False]
    assert all(url.startswith(example_site.origin) for url in visitor.requests)
    page.go_back()
    assert page.url == "about:blank", "going back reached the last visitor's pages"
