"""The change-notice banner in a visitor's browser: shown, dismissed, remembered, and dated.

The notice site's material change landed on 2 March 2026 and takes effect on 1 April; the build
is from 10 March. The browser's clock is moved, the site is never rebuilt, except where a newer
build of the same site is published at the same address.
"""

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

DISMISSED_KEY = "policypress.dismissed"


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def banner(page: Page):
    return page.locator("[data-pp-banner]")


def dismiss(page: Page) -> None:
    page.get_by_role("button", name="Dismiss this notice").click()


def test_an_upcoming_material_change_is_announced_on_every_current_page(visitor, notice_site):
    for path in ("/", "/privacy-statement/", "/privacy-statement/versions/", "/privacy-statement/upcoming/"):
        page = visitor.open(notice_site.site.at(path))
        expect(banner(page)).to_be_visible()
        expect(banner(page)).to_contain_text(
            f"Changes to our Privacy Statement take effect on {long_date(notice_site.EFFECTIVE)}")


def test_a_dismissed_banner_stays_hidden_after_a_reload_and_on_other_pages(visitor, notice_site):
    page = visitor.open(notice_site.site.at("/privacy-statement/"))
    dismiss(page)
    expect(banner(page)).to_be_hidden()
    assert visitor.storage()["localStorage"] == [DISMISSED_KEY]

    page.reload()
    expect(banner(page)).to_be_hidden()
    page = visitor.open(notice_site.site.at("/privacy-statement/versions/"))
    expect(banner(page)).to_be_hidden()


def test_a_newer_material_change_shows_the_banner_again(visitor, notice_site, serve):
    site = serve(notice_site.site.root, notice_site.BUILT_ON)
    page = visitor.open(site.at("/privacy-statement/"))
    dismiss(page)
    expect(banner(page)).to_be_hidden()

    site.publish(notice_site.newer_build, notice_site.NEWER_BUILT_ON)
    visitor.set_day(site.noon())
    page.reload()

    expect(banner(page)).to_be_visible()
    expect(banner(page)).to_contain_text(f"take effect on {long_date(notice_site.NEWER_EFFECTIVE)}")


def test_the_banner_disappears_after_its_last_day_without_a_rebuild(visitor, notice_site):
    site = notice_site.site
    page = visitor.open(site.at("/privacy-statement/"))
    expect(banner(page)).to_be_visible()

    visitor.set_day(site.noon(notice_site.LAST_BANNER_DAY))
    page.reload()
    expect(banner(page)).to_be_visible()

    visitor.set_day(site.noon(notice_site.LAST_BANNER_DAY + timedelta(days=1)))
    page.reload()
    expect(banner(page)).to_be_hidden()
    expect(page.locator("[data-md-component=announce]")).to_be_hidden()


def test_the_wording_switches_to_took_effect_on_the_effective_day(visitor, notice_site):
    site, effective = notice_site.site, long_date(notice_site.EFFECTIVE)
    visitor.set_day(site.noon(notice_site.EFFECTIVE - timedelta(days=1)))
    page = visitor.open(site.at("/privacy-statement/"))
    expect(banner(page)).to_contain_text(f"Changes to our Privacy Statement take effect on {effective}")

    visitor.set_day(site.noon(notice_site.EFFECTIVE))
    page.reload()
    expect(banner(page)).to_contain_text(f"Changes to our Privacy Statement took effect on {effective}",
                                         use_inner_text=True)
    expect(banner(page)).not_to_contain_text("take effect", use_inner_text=True)
