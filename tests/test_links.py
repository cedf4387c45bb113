"""Links in republished texts keep pointing at the right pages."""

from policypress import links

URLS = {"ccpa-notice.md": "/ccpa-notice/", "about/team.md": "/about/team/"}


def site_links(existing=URLS):
    return links.SiteLinks(lambda path: URLS.get(path, links.directory_url("/", path)), existing.__contains__)


def test_an_archived_copy_links_to_other_pages_relative_to_its_own_depth():
    text = "See the [notice](ccpa-notice.md#rights) and [team][t].\n\n[t]: about/team.md\n"
    archived_page = site_links().for_page("privacy-statement/versions/2026-01-05/index.md")
    rebased = links.rebase(text, "privacy-statement.md", archived_page)
    assert "[notice](../../../ccpa-notice.md#rights)" in rebased
    assert "[t]: ../../../about/team.md" in rebased


def test_external_links_and_anchors_are_left_alone():
    text = "[a](https://example.org/x.md) [b](#cookies) [c](mailto:privacy@example.org) [d](/abs/)"
    assert links.rebase(text, "p.md", site_links().for_page("p/versions/1/index.md")) == text


def test_a_link_to_a_page_that_no_longer_exists_becomes_a_site_path():
    rebased = links.rebase("[old](retired.md)", "p.md", site_links().for_page("p/versions/1/index.md"))
    assert rebased == "[old](/retired/)"


def test_directory_urls_follow_mkdocs():
    assert links.directory_url("/", "index.md") == "/"
    assert links.directory_url("/org/", "a/index.md") == "/org/a/"
    assert links.directory_url("/", "a/b.md") == "/a/b/"
