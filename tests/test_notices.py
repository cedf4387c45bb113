"""Change notices: the banner, upcoming versions, the notice period and gpc.json.

Every build pins "today" (POLICYPRESS_TODAY), as the daily publish workflow's build would see it. The
rules are read from the engine's build in this process (``repo.publish``: the banner's finished
wording, the pages' views, the findings); the banner's and the notices' markup from real builds.
"""

import json
import re

import pytest
from sites import NOTICE, Build, SiteRepo

from policypress.notices import Link, Wording

FIRST = "2026-01-05T10:00:00-08:00"
LANDED = "2026-10-01T10:00:00-07:00"
BOTH_DOCUMENTS = [
    {"source": "privacy-statement.md", "slug": "privacy-statement", "title": "Privacy Statement"},
    {"source": NOTICE, "slug": "ccpa-notice", "title": "California Notice"},
]


def banner(html: str) -> str | None:
    """The banner's markup on a page, or None when the page has none."""
    found = re.search(r'<div class="pp-banner" data-pp-banner>.*?</ul>\s*</div>', html, re.S)
    return found.group(0) if found else None


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


IMMEDIATE = "Required at once by a new state law."


def statement_changed_on_1_october(repo: SiteRepo, *, material: bool = True, effective: str | None = None,
                                   summary: str = "Adds a section on Global Privacy Control.",
                                   immediate: str | None = IMMEDIATE) -> None:
    """A material change landing on 1 October: at once (with its reason) unless given a later date."""
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit(FIRST)
    repo.write_statement("We collect web logs and honour GPC.", material=material, summary=summary,
                         effective=effective, immediate=None if effective or not material else immediate)
    repo.commit(LANDED)


HOSTILE_TITLE = "Privacy & Cookie Statement"
HOSTILE_SUMMARY = 'Adds <script>alert("x")</script> & a section on Global Privacy Control.'


@pytest.fixture(scope="module")
def announced(tmp_path_factory) -> Build:
    """A material change that took effect at once on 1 October, built on 15 October: the banner runs.
    The document's title and the change's summary are written as an editor may write them, with
    characters that mean something in HTML."""
    repo = SiteRepo.create(tmp_path_factory.mktemp("announced") / "site-repo")
    repo.configure(documents=[{"source": "privacy-statement.md", "slug": "privacy-statement",
                               "title": HOSTILE_TITLE}])
    statement_changed_on_1_october(repo, summary=HOSTILE_SUMMARY)
    build = repo.build(today="2026-10-15")
    assert build.ok, build.output
    return build


# -- the banner ---------------------------------------------------------------------------------


def test_a_material_change_is_announced_on_every_page_in_the_same_words(announced: Build):
    shown = banner(announced.page("privacy-statement"))
    assert "We updated our Privacy &amp; Cookie Statement on October 1, 2026 — Read what changed." in text(shown)
    assert 'href="/privacy-statement/versions/2026-10-01/changes/"' in shown
    assert 'data-pp-key="privacy-statement/2026-10-01"' in shown
    assert 'data-pp-start="2026-10-01"' in shown and 'data-pp-end="2026-10-30"' in shown
    # Absolute links: the same banner (and so the same dismissal) at every depth.
    for url in ("", "privacy-statement/versions", "privacy-statement/versions/2026-10-01"):
        assert banner(announced.page(url)) == shown, url
    assert banner((announced.site / "404.html").read_text("utf-8")) == shown


def test_the_banner_has_a_real_dismiss_button_and_its_script(announced: Build):
    page = announced.page("privacy-statement/versions")
    assert re.search(r'<button type="button"[^>]*data-pp-dismiss[^>]*aria-label="Dismiss this notice"', page)
    assert '<script src="../../assets/javascripts/banner.js"></script>' in page
    script = (announced.site / "assets" / "javascripts" / "banner.js").read_text("utf-8")
    assert '"policypress.dismissed"' in script and "document.cookie" not in script


def test_an_archived_version_shows_its_own_notice_instead_of_the_banner(announced: Build):
    archived = announced.page("privacy-statement/versions/2026-01-05")
    assert banner(archived) is None
    assert 'data-md-component="announce">\n      \n    </div>' in archived  # nothing at all in its place
    assert "Archived version" in archived
    assert banner(announced.page("privacy-statement/versions/2026-10-01")) is not None  # the version in force


def test_the_banner_runs_banner_days_from_the_effective_date_then_the_build_leaves_it_out(repo: SiteRepo):
    statement_changed_on_1_october(repo)

    last_day = repo.publish(today="2026-10-30")
    expired = repo.publish(today="2026-10-31")

    assert last_day.page("privacy-statement").view.shows_banner
    assert last_day.banner is not None
    assert expired.banner is None


def test_banner_days_is_configurable(repo: SiteRepo):
    repo.configure(settings={"banner_days": 7})
    statement_changed_on_1_october(repo)

    assert [notice.end for notice in repo.publish(today="2026-10-07").banner.notices] == ["2026-10-07"]
    assert repo.publish(today="2026-10-08").banner is None


def test_an_editorial_change_never_raises_the_banner(repo: SiteRepo):
    statement_changed_on_1_october(repo, material=False, summary="Fixes a typo.")

    published = repo.publish(today="2026-10-01")

    assert published.ok, published.output
    assert published.banner is None


def test_a_documents_first_version_is_not_announced_as_a_change(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit(LANDED)

    published = repo.publish(today="2026-10-01")

    assert published.ok, published.output
    assert published.banner is None


def test_two_documents_changed_share_one_banner_naming_each(repo: SiteRepo):
    repo.configure(documents=BOTH_DOCUMENTS)
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.write_statement("Employees' data.", summary="First version.", path=NOTICE, title="California Notice")
    repo.commit(FIRST)
    repo.write_statement("We collect web logs and honour GPC.", material=True, summary="Adds GPC.",
                         immediate=IMMEDIATE)
    repo.commit(LANDED)
    repo.write_statement("Employees' data, kept two years.", material=True, summary="Adds retention periods.",
                         path=NOTICE, title="California Notice", immediate=IMMEDIATE)
    repo.commit("2026-10-02T10:00:00-07:00")

    published = repo.publish(today="2026-10-15")

    assert published.ok, published.output
    assert published.page("ccpa-notice").view.shows_banner
    # One banner, one notice per document, in the order the documents are declared.
    assert [(notice.key, notice.wording.sentence) for notice in published.banner.notices] == [
        ("privacy-statement/2026-10-01", "We updated our Privacy Statement on October 1, 2026"),
        ("ccpa-notice/2026-10-02", "We updated our California Notice on October 2, 2026"),
    ]


# -- upcoming versions --------------------------------------------------------------------------


def test_before_its_effective_date_a_change_is_upcoming(repo: SiteRepo):
    statement_changed_on_1_october(repo, effective="2026-11-02")

    published = repo.publish(today="2026-10-15")

    assert published.ok, published.output
    assert "honour GPC" not in published.text("privacy-statement")
    assert "honour GPC" in published.text("privacy-statement/upcoming")
    changes = "/privacy-statement/versions/2026-10-01/changes/"
    assert published.page("privacy-statement/upcoming").view.what_changes_url == changes
    [shown] = published.banner.notices
    assert shown.wording == Wording("Changes to our Privacy Statement take effect on November 2, 2026",
                                    (Link("Read the upcoming version", "/privacy-statement/upcoming/"),
                                     Link("See what changes", changes)))
    # The visitor's browser switches to this wording on 2 November, even without a rebuild.
    assert shown.once_effective == Wording("Changes to our Privacy Statement took effect on November 2, 2026",
                                           (Link("Read what changed", changes),))
    assert (shown.effective, shown.end) == ("2026-11-02", "2026-12-01")


def test_on_its_effective_date_the_upcoming_version_is_the_text_in_force(repo: SiteRepo):
    statement_changed_on_1_october(repo, effective="2026-11-02")

    published = repo.publish(today="2026-11-02")

    assert published.ok, published.output
    assert "honour GPC" in published.text("privacy-statement")
    assert "privacy-statement/upcoming" not in published.pages
    assert published.page("privacy-statement").view.shows_banner
    [shown] = published.banner.notices
    assert shown.wording == Wording("Changes to our Privacy Statement took effect on November 2, 2026",
                                    (Link("Read what changed", "/privacy-statement/versions/2026-10-01/changes/"),))
    assert shown.once_effective is None


# -- the notice period --------------------------------------------------------------------------


def test_a_material_change_with_too_short_a_notice_period_fails_a_strict_build(repo: SiteRepo):
    statement_changed_on_1_october(repo, effective="2026-10-20")

    published = repo.publish(today="2026-10-05")

    assert not published.ok
    assert ("docs/privacy-statement.md: version 2026-10-01 of the Privacy Statement is a material change that "
            "takes effect on 2026-10-20, 19 days after it landed (2026-10-01); the notice period is 30 days."
            ) in published.output
    assert "set 'revision.effective: 2026-10-31' (or later)" in published.output
    assert "versions/privacy-statement/2026-10-01.yml" in published.output
    assert published.ok_without_strict, published.output


@pytest.mark.parametrize("today", ["2026-10-01", "2026-10-02", "2027-06-01"])
def test_a_material_change_taking_effect_the_day_it_lands_fails_that_day_and_every_day_after(repo: SiteRepo, today):
    statement_changed_on_1_october(repo, immediate=None)

    published = repo.publish(today=today)

    assert not published.ok
    assert "takes effect on 2026-10-01, the day it landed (2026-10-01)" in published.output


def test_a_change_that_must_apply_at_once_says_why_and_the_archive_shows_it(announced: Build):
    said = f"Took effect at once, without the usual notice: {IMMEDIATE}"
    assert said in text(announced.page("privacy-statement/versions/2026-10-01"))
    assert said in text(announced.page("privacy-statement/versions"))


def test_published_history_without_notice_is_waived_in_its_correction_file(repo: SiteRepo):
    statement_changed_on_1_october(repo, immediate=None)
    repo.write("versions/privacy-statement/2026-10-01.yml",
               "notice_waived: Published before we gave 30 days' notice; users were emailed that day.\n")
    repo.commit("2026-10-02T09:00:00-07:00", "Record why the change took effect without notice")

    published = repo.publish(today="2026-10-05")

    assert published.ok, published.output
    assert ("Took effect without the usual notice: Published before we gave 30 days' notice; users were "
            "emailed that day.") in [v.notice for v in published.page("privacy-statement/versions").view.versions]


@pytest.mark.parametrize("days, today, warned", [(30, "2026-10-05", False), (60, "2026-10-05", True),
                                                 (60, "2026-11-02", True)])
def test_the_notice_period_is_configurable_and_judges_every_change_for_ever(
        repo: SiteRepo, days, today, warned):
    repo.configure(settings={"notice_period_days": days})
    statement_changed_on_1_october(repo, effective="2026-10-31")

    published = repo.publish(today=today)

    assert published.ok is not warned, published.output
    assert ("the notice period is" in published.output) is warned


def test_editorial_changes_have_no_notice_period(repo: SiteRepo):
    statement_changed_on_1_october(repo, material=False, summary="Fixes a typo.")

    assert repo.publish(today="2026-10-01").ok


# -- gpc.json -----------------------------------------------------------------------------------


def test_gpc_json_declares_support_with_the_statements_current_version(repo: SiteRepo):
    repo.configure(documents=BOTH_DOCUMENTS, settings={"gpc": True})
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.write_statement("Employees' data.", summary="First version.", path=NOTICE, title="California Notice")
    repo.commit(FIRST)
    repo.write_statement("Employees' data, kept two years.", summary="Adds retention.", path=NOTICE,
                         title="California Notice")
    repo.commit("2026-03-02T10:00:00-08:00")
    repo.write_statement("We honour GPC.", summary="Adds GPC.", effective="2026-11-02")
    repo.commit(LANDED)

    published = repo.publish(today="2026-10-15")

    assert published.ok, published.output
    # The statement is the first declared document; its upcoming version is not in force yet.
    assert json.loads(published.file(".well-known/gpc.json")) == {"gpc": True, "lastUpdate": "2026-01-05"}


def test_there_is_no_gpc_json_unless_the_organization_honours_gpc(repo: SiteRepo):
    statement_changed_on_1_october(repo)

    published = repo.publish(today="2026-10-15")

    assert published.ok, published.output
    assert not [path for path in published.built.files if path.startswith(".well-known/")]


# -- editors' text is text ----------------------------------------------------------------------


def test_titles_and_summaries_are_escaped_in_the_banner_archive_and_version_list(announced: Build):
    assert "We updated our Privacy &amp; Cookie Statement on October 1, 2026" in banner(announced.page(""))
    archive = announced.page("privacy-statement/versions")
    assert "Adds &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; a section on Global Privacy Control." in archive
    assert "<script>alert" not in archive
    assert announced.versions()[0]["summary"] == HOSTILE_SUMMARY
