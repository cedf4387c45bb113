"""Links in republished texts keep pointing at the right pages, at any depth."""

from policypress import links
from policypress.urls import directory_url

URLS = {"ccpa-notice.md": "/org/ccpa-notice/", "about/team.md": "/org/about/team/"}


def url_for(path: str) -> str:
    return URLS.get(path) or directory_url("/org/", path)


def test_relative_links_become_site_paths_that_work_from_archived_copies_and_redlines():
    text = "See the [notice](ccpa-notice.md#rights) and [team][t].\n\n[t]: about/team.md\n"
    rebased = links.rebase(text, "privacy-statement.md", url_for)
    assert "[notice](/org/ccpa-notice/#rights)" in rebased
    assert "[t]: /org/about/team/" in rebased


def test_links_are_resolved_from_the_source_files_own_folder():
    assert links.rebase("[up](../faq.md)", "legal/privacy.md", url_for) == "[up](/org/faq/)"


def test_external_links_and_anchors_are_left_alone():
    text = "[a](https://example.org/x.md) [b](#cookies) [c](mailto:privacy@example.org) [d](/abs/)"
    assert links.rebase(text, "p.md", url_for) == text


def test_a_link_to_a_page_that_no_longer_exists_still_gets_a_site_path():
    assert links.rebase("[old](retired.md)", "p.md", url_for) == "[old](/org/retired/)"


def test_directory_urls_follow_mkdocs():
    assert directory_url("/", "index.md") == "/"
    assert directory_url("/org/", "a/index.md") == "/org/a/"
    assert directory_url("/", "a/b.md") == "/a/b/"
