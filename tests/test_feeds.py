"""Atom feeds of versions, read back with an XML parser as a feed reader would.

The feeds are the engine's files, read from its build in this process (``repo.publish``); the links
every page's head carries to them come from a real build.
"""

import re
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from sites import NOTICE, SiteRepo

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://privacy.example.org/"


@pytest.fixture
def history(tmp_path) -> SiteRepo:
    """Two documents: the statement with a material, an editorial and an upcoming material change."""
    repo = SiteRepo.create(tmp_path / "site-repo", site_url=SITE_URL, documents=[
        {"source": "privacy-statement.md", "slug": "privacy-statement", "title": "Privacy Statement"},
        {"source": NOTICE, "slug": "ccpa-notice", "title": "California Notice"},
    ])
    repo.write_statement("We collect web logs.", material=True, summary="First version.")
    repo.write_statement("Employees' data.", material=True, summary="First version.", path=NOTICE,
                         title="California Notice")
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.write_statement("We collect web logs and cookies.", material=True, summary="Adds cookies.",
                         immediate="Required at once by a new state law.")
    repo.commit("2026-03-10T10:00:00-07:00")
    repo.write_statement("We collect web logs and cookies, kindly.", material=False, summary="Fixes a typo.")
    repo.commit("2026-06-01T23:30:00-07:00")
    repo.write_statement("We honour GPC.", material=True, summary='Adds <script>alert("x")</script> & GPC.',
                         effective="2026-11-02")
    repo.commit("2026-10-01T10:00:00-07:00")
    return repo


def parse(published, path: str) -> ET.Element:
    feed = ET.fromstring(published.file(path).encode("utf-8"))
    assert feed.tag == f"{ATOM}feed"
    return feed


def entries(feed: ET.Element) -> list[dict]:
    return [
        {
            "id": entry.findtext(f"{ATOM}id"),
            "title": entry.findtext(f"{ATOM}title"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "link": entry.find(f"{ATOM}link[@rel='alternate']").get("href"),
            "category": entry.find(f"{ATOM}category").get("term"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def assert_valid_atom(feed: ET.Element) -> None:
    """The elements RFC 4287 requires of a feed and of each entry."""
    for name in ("id", "title", "updated"):
        assert feed.findtext(f"{ATOM}{name}"), name
    assert feed.findtext(f"{ATOM}author/{ATOM}name")
    assert feed.find(f"{ATOM}link[@rel='self']").get("type") == "application/atom+xml"
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "summary"):
            assert entry.findtext(f"{ATOM}{name}"), name
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        assert re.fullmatch(r"tag:[a-z0-9.-]+,\d{4}-\d{2}-\d{2}:[a-z0-9/-]+", entry.findtext(f"{ATOM}id"))
        assert datetime.fromisoformat(entry.findtext(f"{ATOM}updated")).tzinfo is not None


def test_each_document_has_a_feed_with_one_entry_per_version_newest_first(history: SiteRepo):
    published = history.publish(today="2026-10-15")

    assert published.ok, published.output
    feed = parse(published, "privacy-statement/feed.xml")
    assert_valid_atom(feed)
    assert feed.findtext(f"{ATOM}title") == "Privacy Statement: changes"
    assert feed.findtext(f"{ATOM}updated") == "2026-10-01T00:00:00-07:00"
    changes = "https://privacy.example.org/privacy-statement/versions/{}/changes/"
    assert entries(feed) == [
        {"id": "tag:privacy.example.org,2026-10-01:privacy-statement/2026-10-01",
         "title": "Privacy Statement: material change, version 2026-10-01, effective November 2, 2026",
         "updated": "2026-10-01T00:00:00-07:00", "link": changes.format("2026-10-01"), "category": "material",
         "summary": 'Adds <script>alert("x")</script> & GPC.'},
        {"id": "tag:privacy.example.org,2026-06-01:privacy-statement/2026-06-01",
         "title": "Privacy Statement: editorial change, version 2026-06-01",
         "updated": "2026-06-01T00:00:00-07:00", "link": changes.format("2026-06-01"), "category": "editorial",
         "summary": "Fixes a typo."},
        {"id": "tag:privacy.example.org,2026-03-10:privacy-statement/2026-03-10",
         "title": "Privacy Statement: material change, version 2026-03-10",
         "updated": "2026-03-10T00:00:00-07:00", "link": changes.format("2026-03-10"), "category": "material",
         "summary": "Adds cookies."},
        {"id": "tag:privacy.example.org,2026-01-05:privacy-statement/2026-01-05",
         "title": "Privacy Statement: material change, version 2026-01-05",
         "updated": "2026-01-05T00:00:00-08:00",
         "link": "https://privacy.example.org/privacy-statement/versions/2026-01-05/",  # no changes: first
         "category": "material", "summary": "First version."},
    ]


def test_the_site_feed_holds_every_documents_versions_with_the_same_entry_ids(history: SiteRepo):
    published = history.publish(today="2026-10-15")

    feed = parse(published, "feed.xml")
    assert_valid_atom(feed)
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "https://privacy.example.org/feed.xml"
    ids = [entry["id"] for entry in entries(feed)]
    assert ids == [
        "tag:privacy.example.org,2026-10-01:privacy-statement/2026-10-01",
        "tag:privacy.example.org,2026-06-01:privacy-statement/2026-06-01",
        "tag:privacy.example.org,2026-03-10:privacy-statement/2026-03-10",
        "tag:privacy.example.org,2026-01-05:privacy-statement/2026-01-05",
        "tag:privacy.example.org,2026-01-05:ccpa-notice/2026-01-05",
    ]
    notice = parse(published, "ccpa-notice/feed.xml")
    assert [entry["id"] for entry in entries(notice)] == ids[-1:]


def test_summaries_are_escaped_in_the_xml(history: SiteRepo):
    raw = history.publish(today="2026-10-15").file("feed.xml")

    assert "Adds &lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; GPC." in raw
    assert "<script>" not in raw


def test_feeds_depend_on_the_history_alone_not_on_the_day_of_the_build(history: SiteRepo):
    before = history.publish(today="2026-10-15")
    after = history.publish(today="2026-12-20")

    for path in ("feed.xml", "privacy-statement/feed.xml", "ccpa-notice/feed.xml"):
        assert before.file(path) == after.file(path), path


def test_every_page_advertises_the_feeds_for_autodiscovery(history: SiteRepo):
    build = history.build(today="2026-10-15")

    for url in ("", "privacy-statement", "privacy-statement/versions/2026-01-05", "ccpa-notice/versions"):
        head = build.page(url).split("</head>")[0]
        # "alternate feed": Material mistakes a bare rel="alternate" for a translation of the page.
        assert '<link rel="alternate feed" type="application/atom+xml" title="Test Health privacy: changes" ' \
               'href="/feed.xml">' in head, url
        assert 'title="Privacy Statement: changes" href="/privacy-statement/feed.xml"' in head, url
        assert 'title="California Notice: changes" href="/ccpa-notice/feed.xml"' in head, url


def test_feeds_take_their_tag_authority_and_links_from_the_site_url(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")

    published = repo.publish(today="2026-10-15")

    feed = parse(published, "privacy-statement/feed.xml")
    assert_valid_atom(feed)
    assert feed.findtext(f"{ATOM}id") == "tag:privacy.test-health.example,2026-01-05:privacy-statement/feed"
    assert entries(feed)[0]["id"] == "tag:privacy.test-health.example,2026-01-05:privacy-statement/2026-01-05"
    assert entries(feed)[0]["link"] == "https://privacy.test-health.example/privacy-statement/versions/2026-01-05/"


def test_a_site_in_a_subfolder_links_its_feeds_under_that_folder(tmp_path):
    repo = SiteRepo.create(tmp_path / "sub", site_url="https://example.org/privacy/")
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")

    published = repo.publish(today="2026-10-15")

    assert published.ok, published.output
    feed = parse(published, "privacy-statement/feed.xml")
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "https://example.org/privacy/privacy-statement/feed.xml"
    assert entries(feed)[0]["id"] == "tag:example.org,2026-01-05:privacy-statement/2026-01-05"
    # The links every page's head carries (main.html prints each one's address).
    assert [feed.url for feed in published.site_view.feeds] == \
        ["/privacy/feed.xml", "/privacy/privacy-statement/feed.xml"]
