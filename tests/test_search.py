"""Search hygiene: every page canonical at its own address, archived versions optionally noindex, and a
sitemap that puts the documents' current texts first and history last."""

import re
from dataclasses import replace

from sites import NOTICE, SITE_URL, STATEMENT, SiteRepo

from policypress import configuration, views
from policypress.urls import Urls

DOCUMENTS = [
    {"source": STATEMENT, "slug": "privacy-statement", "title": "Privacy Statement"},
    {"source": NOTICE, "slug": "ccpa-notice", "title": "California Notice"},
]


def site_settings(repo: SiteRepo, **changes):
    repo.configure(documents=DOCUMENTS)
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.write_statement("We collect names.", path=NOTICE, title="California Notice", summary="First version.")
    return replace(configuration.read_config(repo.root / "mkdocs.yml").settings, **changes)


def test_each_page_is_canonical_at_its_own_address_and_only_history_can_be_noindex(repo: SiteRepo):
    urls = Urls.for_site(SITE_URL)
    indexed, hidden = site_settings(repo), site_settings(repo, archive_noindex=True)
    addresses = {"/privacy-statement/": False, "/privacy-statement/upcoming/": False,
                 "/privacy-statement/versions/": False, "/": False,
                 "/privacy-statement/versions/2026-01-05/": True,
                 "/privacy-statement/versions/2026-01-05/changes/": True, "/ccpa-notice/versions/compare/": True}

    for address, history in addresses.items():
        assert views.search_hints(address, urls, indexed) == views.SearchHints(SITE_URL + address[1:], False)
        assert views.search_hints(address, urls, hidden).noindex is history, address


def test_the_sitemap_lists_current_texts_first_in_declared_order_and_history_with_a_low_priority(repo: SiteRepo):
    urls = Urls.for_site(SITE_URL)
    pages = [("/", "2026-12-01"), ("/ccpa-notice/versions/2026-01-05/", None), ("/privacy-statement/versions/", None),
             ("/ccpa-notice/", None), ("/privacy-statement/upcoming/", None), ("/privacy-statement/", None)]

    entries = views.sitemap(pages, urls, site_settings(repo))

    assert [(entry.url[len(SITE_URL) - 1:], entry.priority) for entry in entries] == [
        ("/privacy-statement/", "1.0"), ("/ccpa-notice/", "1.0"), ("/", "0.8"),
        ("/privacy-statement/versions/", "0.5"), ("/privacy-statement/upcoming/", "0.5"),
        ("/ccpa-notice/versions/2026-01-05/", "0.1")]
    assert entries[2].lastmod == "2026-12-01"


def test_a_build_lays_out_canonical_links_noindex_and_the_sitemap(repo: SiteRepo):
    repo.configure(settings={"archive_noindex": True})
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.write_statement("We collect web logs and names.", material=True, summary="Adds names to what we collect.",
                         effective="2026-03-01")
    repo.commit("2026-01-20T10:00:00-08:00")

    build = repo.build(today="2026-02-01")

    assert build.ok, build.output

    def head(url: str) -> tuple[list[str], bool]:
        page = build.page(url)
        noindex = '<meta name="robots" content="noindex">' in page
        return re.findall(r'<link rel="canonical" href="([^"]+)"', page), noindex

    assert head("privacy-statement") == ([f"{SITE_URL}privacy-statement/"], False)
    assert head("privacy-statement/upcoming") == ([f"{SITE_URL}privacy-statement/upcoming/"], False)
    assert head("privacy-statement/versions/2026-01-05") == ([f"{SITE_URL}privacy-statement/versions/2026-01-05/"],
                                                             True)
    assert head("privacy-statement/versions/2026-01-20/changes")[1] is True
    sitemap = (build.site / "sitemap.xml").read_text("utf-8")
    listed = re.findall(r"<loc>([^<]+)</loc>\s*(?:<lastmod>[^<]*</lastmod>)?\s*<priority>([^<]+)</priority>", sitemap)
    assert listed[0] == (f"{SITE_URL}privacy-statement/", "1.0")
    assert (f"{SITE_URL}privacy-statement/versions/2026-01-05/", "0.1") in listed
    assert [priority for _, priority in listed] == sorted((p for _, p in listed), reverse=True)
