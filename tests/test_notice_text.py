"""`policypress notice`: the notice of a change an organization sends by email or posts."""

import pytest
from sites import SITE_URL, SiteRepo

from policypress import notices
from policypress.urls import Urls

FIRST = "2026-01-05T10:00:00-08:00"
LANDED = "2026-10-01T10:00:00-07:00"
SUMMARY = "Adds <b>Global Privacy Control</b> & *opt-outs* [here](javascript:alert(1))."


@pytest.fixture
def announced(repo: SiteRepo) -> SiteRepo:
    """A material change landing on 1 October, taking effect on 1 November."""
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit(FIRST)
    repo.write_statement("We collect web logs and honour GPC.", material=True, summary=SUMMARY,
                         effective="2026-11-01")
    repo.commit(LANDED)
    return repo


def notice(repo: SiteRepo, *args: str, today: str = "2026-10-15"):
    return repo.policypress("notice", *args, today=today)


def test_the_text_notice_says_what_changes_when_and_where_to_read_it(announced: SiteRepo):
    result = notice(announced, "privacy-statement", "--format", "text")

    assert result.exit_code == 0, result.output
    assert result.output == (
        "Changes to our Privacy Statement take effect on November 1, 2026.\n\n"
        f"What changes: {SUMMARY}\n\n"
        "Effective date: November 1, 2026 (version 2026-10-01)\n\n"
        f"Read the upcoming version: {SITE_URL}privacy-statement/upcoming/\n"
        f"See what changes: {SITE_URL}privacy-statement/versions/2026-10-01/changes/\n"
        f"Version 2026-10-01, at its permanent address: {SITE_URL}privacy-statement/versions/2026-10-01/\n"
        f"Every version of the Privacy Statement: {SITE_URL}privacy-statement/versions/\n")


def test_the_notice_uses_the_banners_own_wording(announced: SiteRepo):
    document = announced.read(today="2026-10-15").documents[0]
    banner = notices.wording(document, document.versions[-1], Urls())

    result = notice(announced, "privacy-statement")

    assert result.output.startswith(banner.sentence + ".\n")
    assert all(f"{link.label}: {SITE_URL.rstrip('/')}{link.url}\n" in result.output for link in banner.links)


def test_once_in_force_the_notice_says_what_changed(announced: SiteRepo):
    result = notice(announced, "privacy-statement", "2026-10-01", today="2026-11-20")

    assert result.output.startswith("Changes to our Privacy Statement took effect on November 1, 2026.\n")
    assert "What changed: " in result.output
    assert f"Read what changed: {SITE_URL}privacy-statement/versions/2026-10-01/changes/\n" in result.output
    assert "/upcoming/" not in result.output


def test_html_escapes_the_editors_text(announced: SiteRepo):
    result = notice(announced, "privacy-statement", "--format", "html")

    assert result.exit_code == 0, result.output
    assert "<b>" not in result.output and "&lt;b&gt;Global Privacy Control&lt;/b&gt; &amp; *opt-outs*" in result.output
    assert "<p><strong>Changes to our Privacy Statement take effect on November 1, 2026.</strong></p>" in result.output
    assert f'<li><a href="{SITE_URL}privacy-statement/upcoming/">Read the upcoming version</a></li>' in result.output


def test_markdown_shows_the_editors_text_literally(announced: SiteRepo):
    result = notice(announced, "privacy-statement", "--format", "markdown")

    assert result.exit_code == 0, result.output
    assert "*opt-outs*" not in result.output and "](javascript" not in result.output and "<b>" not in result.output
    assert f"- [See what changes](<{SITE_URL}privacy-statement/versions/2026-10-01/changes/>)" in result.output


def test_an_unknown_slug_or_version_is_an_error_listing_the_choices(announced: SiteRepo):
    unknown_slug = notice(announced, "cookies")
    unknown_version = notice(announced, "privacy-statement", "2026-10-02")
    first = notice(announced, "privacy-statement", "2026-01-05")

    assert unknown_slug.exit_code == 1
    assert "there is no document with the slug 'cookies'. The site has: privacy-statement." in unknown_slug.output
    assert unknown_version.exit_code == 1
    assert "the Privacy Statement has no version 2026-10-02. To fix: name a version that changes the text: " \
        "2026-10-01." in unknown_version.output
    assert "version 2026-01-05 is the Privacy Statement's first version" in first.output
    assert "Traceback" not in unknown_slug.output + unknown_version.output + first.output


def test_without_an_announced_change_the_version_must_be_named(announced: SiteRepo):
    result = notice(announced, "privacy-statement", today="2027-03-01")

    assert result.exit_code == 1
    assert "the Privacy Statement has no change announced or upcoming on 2027-03-01, so there is no notice to " \
        "write. To fix: name a version that changes the text: 2026-10-01." in result.output
