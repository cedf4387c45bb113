"""The timeline: what is in force, since when, with what notice, on real Git histories.

Rules about the model read the history in-process (``repo.read``), and what a build publishes is
the engine's build in this process (``repo.publish``); where only MkDocs can tell (what the build
logs, how it stops on an error), a real ``mkdocs build --strict`` runs.
"""

import json
import os
import subprocess
from datetime import date, timedelta

import pytest
from histories import histories
from hypothesis import given, settings
from hypothesis import strategies as st
from sites import SiteRepo

from policypress import timeline
from policypress.errors import PolicyError

FIRST = "2026-09-01T10:00:00-07:00"
MATERIAL = "2026-11-29T10:00:00-08:00"
TYPO = "2026-11-30T10:00:00-08:00"


def versions(site, slug="privacy-statement"):
    document = next(d for d in site.documents if d.slug == slug)
    return document, {v.number: v for v in document.versions}


def sentences(view) -> list[str]:
    """The sentences a page shows about its version: its notice and its status line."""
    return [view.applied or "", *(sentence.text for sentence in view.status_line)]


def banner_sentences(published) -> list[str]:
    return [notice.wording.sentence for notice in published.banner.notices]


def pending_material_change(repo: SiteRepo) -> None:
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit(FIRST)
    repo.write_statement("We collect web logs and share them with our auditors.", material=True,
                         summary="Adds sharing with auditors.", effective="2027-01-01")
    repo.commit(MATERIAL)


# -- nothing comes into force early ----------------------------------------------------------


def test_a_typo_fixed_during_a_notice_period_waits_for_the_pending_change(repo: SiteRepo):
    pending_material_change(repo)
    repo.write_statement("We collect web logs and share them with our auditers.", summary="Fixes a typo.")
    repo.commit(TYPO)

    published = repo.publish(today="2026-12-01")

    assert published.ok, published.output
    listing = published.versions_json()["documents"][0]
    assert (listing["current"], listing["upcoming"]) == ("2026-09-01", "2026-11-30")
    by_number = {v["version"]: v for v in listing["versions"]}
    assert by_number["2026-11-30"]["effective"] == "2027-01-01"
    assert by_number["2026-09-01"]["effective_to"] == "2027-01-01"
    # The material version is replaced on the day it takes effect by the text that includes the fix.
    assert by_number["2026-11-29"]["effective_to"] == "2027-01-01"
    current = published.page("privacy-statement")
    assert "share them" not in current.markdown and "We collect web logs." in current.markdown
    assert current.view.shows_banner
    assert "Changes to our Privacy Statement take effect on January 1, 2027" in banner_sentences(published)
    upcoming = published.page("privacy-statement/upcoming")
    assert "share them with our auditers" in upcoming.html
    # What changes on 1 January is the text in force against the text that will be, typo fix included.
    what_changes = "/privacy-statement/versions/compare/?from=2026-09-01&to=2026-11-30"
    assert what_changes in [link.url for sentence in current.view.status_line for link in sentence.links]
    assert what_changes in [link.url for notice in published.banner.notices for link in notice.wording.links]
    assert upcoming.view.what_changes_url == what_changes


def test_the_typo_fix_comes_into_force_with_the_change_it_contains(repo: SiteRepo):
    pending_material_change(repo)
    repo.write_statement("We collect web logs and share them with our auditers.", summary="Fixes a typo.")
    repo.commit(TYPO)

    on_the_day = repo.read(today="2027-01-01")
    document, by_number = versions(on_the_day)

    assert document.current is by_number["2026-11-30"]
    assert document.status(by_number["2026-11-29"]) is timeline.Status.NEVER_IN_FORCE
    assert document.status(by_number["2026-09-01"]) is timeline.Status.SUPERSEDED
    assert document.upcoming is None


def test_an_explicit_date_before_a_pending_change_takes_effect_is_an_error_naming_both(repo: SiteRepo):
    pending_material_change(repo)
    repo.write_statement("We collect web logs and share them with our auditors, quarterly.", material=True,
                         summary="Says how often.", effective="2026-12-31")
    repo.commit(TYPO)

    with pytest.raises(PolicyError) as raised:
        repo.read(today="2026-12-01")

    message = str(raised.value)
    assert ("version 2026-11-30 of the Privacy Statement says it takes effect on 2026-12-31, but it contains the "
            "changes of version 2026-11-29, which take effect on 2027-01-01") in message
    assert "docs/privacy-statement.md (commit" in message and "landed 2026-11-30), line 6" in message
    assert "To fix: remove 'effective'" in message


def test_two_merges_on_one_day_fold_into_one_material_version(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit(FIRST)
    for branch, body, note in [
        ("cookies", "We collect web logs and set cookies.",
         dict(material=True, summary="Adds cookies.", effective="2026-12-15")),
        ("typo", "We collect web logs and set cookies, kindly.", dict(summary="Fixes a typo.")),
    ]:
        repo.git("checkout", "-q", "-b", branch)
        repo.write_statement(body, **note)
        repo.commit("2026-11-12T09:00:00-08:00")
        repo.git("checkout", "-q", "main")
        repo.merge(branch, "2026-11-14T10:00:00-08:00" if branch == "cookies" else "2026-11-14T16:00:00-08:00")

    published = repo.publish(today="2026-11-20")

    assert published.ok, published.output
    newest = published.versions()[0]
    assert (newest["version"], newest["material"], newest["effective"]) == ("2026-11-14", True, "2026-12-15")
    assert newest["summary"] == "Adds cookies. Fixes a typo."
    assert published.versions_json()["documents"][0]["current"] == "2026-09-01"
    assert published.page("privacy-statement").view.shows_banner
    assert "Changes to our Privacy Statement take effect on December 15, 2026" in banner_sentences(published)


# -- a first version that takes effect later --------------------------------------------------


def test_before_the_first_version_takes_effect_nothing_is_in_force(repo: SiteRepo):
    repo.write_statement("We collect web logs.", material=True, summary="First version.", effective="2027-01-01")
    repo.commit("2026-11-28T10:00:00-08:00")

    published = repo.publish(today="2026-12-01")

    assert published.ok, published.output
    listing = published.versions_json()["documents"][0]
    assert (listing["current"], listing["upcoming"]) == (None, "2026-11-28")
    page = published.page("privacy-statement").view
    assert page.applied == \
        "The Privacy Statement takes effect on January 1, 2027. Until then, no version of it is in force."
    for view in (page, published.page("privacy-statement/versions/2026-11-28").view):
        assert not [sentence for sentence in sentences(view) if "is the version in force" in sentence], view.kind


# -- landing dates ----------------------------------------------------------------------------


def test_a_commit_dated_before_the_commit_it_follows_is_an_error_naming_both(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    parent = repo.commit("2026-11-20T10:00:00-08:00")
    repo.write_statement("We collect web logs for a week.", summary="Says how long.")
    child = repo.commit("2026-11-02T10:00:00-08:00")  # a rebase that kept the author's date

    with pytest.raises(PolicyError) as raised:
        repo.read(today="2026-12-01")

    message = str(raised.value)
    assert f"commit {child[:12]} is dated 2026-11-02 10:00 -0800, before the commit it follows" in message
    assert f"{parent[:12]} (2026-11-20 10:00 -0800)" in message
    assert f"git rebase --ignore-date {parent[:12]}" in message


def test_a_clock_a_few_minutes_slow_lands_the_commit_with_its_parent(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-11-20T23:59:00-08:00")
    repo.write_statement("We collect web logs for a week.", summary="Says how long.")
    repo.commit("2026-11-20T23:55:00-08:00")
    repo.write_statement("We collect web logs for a week, no more.", summary="Says it plainly.")
    repo.commit("2026-11-21T09:00:00-08:00")

    document, by_number = versions(repo.read(today="2026-12-01"))

    assert list(by_number) == ["2026-11-20", "2026-11-21"]
    assert document.current.body.startswith("# Privacy Statement\n\nWe collect web logs for a week, no more.")


def test_a_fast_forward_merge_dates_a_change_by_its_branch_commit_and_verify_catches_it(repo: SiteRepo, tmp_path):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-11-02T10:00:00-08:00")
    repo.git("checkout", "-q", "-b", "retention")
    repo.write_statement("We collect web logs for a week.", summary="Says how long.")
    repo.commit("2026-11-03T10:00:00-08:00")
    repo.git("checkout", "-q", "main")
    published = tmp_path / "published.json"
    published.write_text(json.dumps(repo.publish(today="2026-11-20").versions_json()))
    repo.git("merge", "-q", "--ff-only", "retention")  # lands on 24 November, dated the 3rd

    result = repo.policypress("verify", "--against", str(published), today="2026-11-24")

    assert result.exit_code == 1, result.output
    assert "version 2026-11-03 of the Privacy Statement (commit" in result.output
    assert ("appeared after the version list of 2026-11-20 was published, yet it is dated before that day"
            in result.output)
    assert "merge with a merge commit" in result.output


# -- classification -----------------------------------------------------------------------------


def test_a_revert_brings_back_an_old_description_and_must_describe_itself(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit(FIRST)
    repo.write_statement("We collect web logs and sell them.", material=True, summary="Adds selling.",
                         immediate="Court order 26-114.")
    repo.commit("2026-10-01T10:00:00-07:00")
    repo.git("revert", "--no-edit", "HEAD", env={"GIT_COMMITTER_DATE": "2026-10-05T10:00:00-07:00",
                                                 "GIT_AUTHOR_DATE": "2026-10-05T10:00:00-07:00"})

    site = repo.read(today="2026-10-06")
    published = repo.publish(today="2026-10-06")

    assert [f.problem for f in site.findings] == [
        f"on 2026-10-05 (commit {repo.git('rev-parse', 'HEAD')[:12]}) the Privacy Statement went back to the text "
        "of version 2026-09-01, 'revision' block included, so the change is described as version 2026-09-01 "
        "was. A revert needs its own description."
    ]
    assert not published.ok and "A revert needs its own description" in published.output


def test_the_same_description_on_a_different_text_years_apart_is_fine(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="Fixes typos.")
    repo.commit("2024-03-01T10:00:00-08:00")
    repo.write_statement("We collect web logs and cookies.", material=True, summary="Adds cookies.",
                         immediate="Required by law.")
    repo.commit("2025-03-01T10:00:00-08:00")
    repo.write_statement("We collect web logs and cookies, kindly.", summary="Fixes typos.")
    repo.commit("2026-03-01T10:00:00-08:00")

    assert repo.read(today="2026-12-01").findings == ()


# -- renames ------------------------------------------------------------------------------------


@pytest.mark.parametrize("old", ["privacy.md", "Privacy-Statement.md"], ids=["renamed", "case only"])
def test_a_rename_without_previous_paths_stops_the_build(repo: SiteRepo, old):
    repo.write_statement("We collect web logs.", summary="First version.", path=old)
    repo.commit(FIRST)
    repo.git("mv", f"docs/{old}", "docs/privacy-statement.md")
    repo.commit("2026-10-01T10:00:00-07:00")

    published = repo.publish(today="2026-12-01")

    assert not published.ok
    assert f"renamed {old} to privacy-statement.md" in published.output
    assert f"To fix: add the old path to the document: previous_paths: [{old}]" in published.output


def test_a_stub_left_at_an_old_path_is_not_the_document(repo: SiteRepo):
    repo.configure(documents=[{"source": "privacy-statement.md", "slug": "privacy-statement",
                               "title": "Privacy Statement", "previous_paths": ["privacy.md"]}])
    repo.write_statement("We collect web logs.", summary="First version.", path="privacy.md")
    repo.commit(FIRST)
    repo.git("mv", "docs/privacy.md", "docs/privacy-statement.md")
    repo.commit("2026-10-01T10:00:00-07:00")
    repo.write("docs/privacy.md", "# Moved\n\nThis page has moved to [the Privacy Statement](privacy-statement.md).\n")
    repo.commit("2026-10-02T10:00:00-07:00")

    published = repo.publish(today="2026-12-01")

    assert published.ok, published.output
    assert [v["version"] for v in published.versions()] == ["2026-09-01"]
    assert "This page has moved" not in published.text("privacy-statement")
    assert "We collect web logs." in published.text("privacy-statement")


def test_a_rename_in_two_commits_is_followed_through_previous_paths(repo: SiteRepo):
    repo.configure(documents=[{"source": "privacy-statement.md", "slug": "privacy-statement",
                               "title": "Privacy Statement", "previous_paths": ["privacy.md"]}])
    repo.write_statement("We collect web logs.", summary="First version.", path="privacy.md")
    repo.commit(FIRST)
    repo.git("rm", "-q", "docs/privacy.md")
    repo.commit("2026-10-01T10:00:00-07:00")
    repo.write_statement("We collect web logs, and nothing else.", summary="Moves and rewords.")
    repo.commit("2026-10-02T10:00:00-07:00")

    _, by_number = versions(repo.read(today="2026-12-01"))

    assert list(by_number) == ["2026-09-01", "2026-10-02"]


# -- what a build publishes ---------------------------------------------------------------------


def test_uncommitted_and_untracked_files_in_versions_are_not_published(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit(FIRST)
    repo.write("versions/privacy-statement/2026-09-01.yml", "summary: A summary nobody committed.\n")

    build = repo.build(today="2026-12-01")

    assert build.ok, build.output
    assert build.versions()[0]["summary"] == "First version."
    assert "versions/privacy-statement/2026-09-01.yml has uncommitted edits" in build.output


def test_hard_line_breaks_are_published_and_not_hashed(repo: SiteRepo):
    repo.write_statement("Larkspur Health  \n100 Main Street  \nSpringfield", summary="First version.")
    repo.commit(FIRST)

    published = repo.publish(today="2026-12-01")

    assert published.ok, published.output
    # The engine renders the text as written, for the current page and the archived one alike.
    for page in ("privacy-statement", "privacy-statement/versions/2026-09-01"):
        assert "Larkspur Health<br />\n100 Main Street<br />\nSpringfield" in published.text(page)
    document, _ = versions(repo.read(today="2026-12-01"))
    assert "  \n" not in document.versions[0].body


# -- input the build cannot publish -------------------------------------------------------------


def test_a_committed_text_that_is_not_utf8_names_the_commit_and_can_be_replaced(repo: SiteRepo):
    (repo.root / "docs").mkdir(exist_ok=True)
    (repo.root / "docs" / "privacy-statement.md").write_bytes(
        b"---\ntitle: Privacy Statement\nrevision:\n  material: false\n  summary: First version.\n---\n\n"
        b"# Privacy Statement\n\nWe collect caf\xe9 receipts.\n")
    commit = repo.commit(FIRST)

    with pytest.raises(PolicyError) as raised:
        repo.read(today="2026-12-01")
    message = str(raised.value)
    assert f"docs/privacy-statement.md (commit {commit[:12]}, landed 2026-09-01)" in message
    assert "is not valid UTF-8 text" in message
    assert "versions/privacy-statement/2026-09-01.md" in message

    repo.write("versions/privacy-statement/2026-09-01.md",
               "---\nrevision:\n  material: false\n  summary: First version.\n---\n\n"
               "# Privacy Statement\n\nWe collect café receipts.\n")
    repo.write_statement("We collect café receipts.", summary="First version.")
    repo.commit("2026-09-02T10:00:00-07:00", "Replace the unreadable first text")
    document, by_number = versions(repo.read(today="2026-12-01"))
    assert "café" in by_number["2026-09-01"].body
    assert by_number["2026-09-01"].commit == commit


def test_an_empty_body_is_an_error(repo: SiteRepo):
    repo.write("docs/privacy-statement.md", "---\nrevision:\n  material: false\n  summary: First.\n---\n\n")
    repo.commit(FIRST)

    with pytest.raises(PolicyError, match="has no text below its front matter"):
        repo.read(today="2026-12-01")


@pytest.mark.parametrize("effective, problem", [
    ("9999-12-31", "more than two years after this version landed"),
    ("2027-01-01T00:00:00", "which is not a calendar date"),
])
def test_an_effective_date_far_out_or_with_a_time_is_an_error(repo: SiteRepo, effective, problem):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit(FIRST)
    repo.write("docs/privacy-statement.md", "---\nrevision:\n  material: true\n  summary: Adds cookies.\n"
               f"  effective: {effective}\n---\n\n# Privacy Statement\n\nCookies.\n")
    repo.commit(MATERIAL)

    with pytest.raises(PolicyError, match=problem):
        repo.read(today="2026-12-01")


def test_a_control_character_in_a_summary_is_an_error(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First\x0bversion.")
    repo.commit(FIRST)

    with pytest.raises(PolicyError, match="revision.summary' contains an invisible control character"):
        repo.read(today="2026-12-01")


def test_immediate_with_an_effective_date_is_an_error(repo: SiteRepo):
    repo.write_statement("We collect web logs.", material=True, summary="First.", effective="2026-10-01")
    repo.write("docs/privacy-statement.md", repo.root.joinpath("docs/privacy-statement.md").read_text()
               .replace("  effective: '2026-10-01'", "  effective: '2026-10-01'\n  immediate: Court order."))
    repo.commit(FIRST)

    with pytest.raises(PolicyError, match="says the change takes effect at once, but 'effective' gives a date"):
        repo.read(today="2026-12-01")


def test_a_repository_owned_by_another_user_gives_the_safe_directory_fix(repo: SiteRepo, monkeypatch):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit(FIRST)
    if os.geteuid() != 0:
        pytest.skip("changing a folder's owner needs root")
    subprocess.run(["chown", "-R", "12345:12345", str(repo.root)], check=True)
    home = repo.root.parent / "home"
    home.mkdir()

    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")

    published = repo.publish(today="2026-12-01")

    assert not published.ok
    assert "Git refuses to read this repository because its folder belongs to another user" in published.output
    assert f"git config --global --add safe.directory {repo.root}" in published.output


def test_a_partial_clone_whose_remote_is_gone_says_so(repo: SiteRepo, tmp_path):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit(FIRST)
    repo.write_statement("We collect web logs for a week.", summary="Says how long.")
    repo.commit("2026-10-01T10:00:00-07:00")
    repo.git("config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--filter=blob:none", "--no-checkout", f"file://{repo.root}", str(clone)],
                   check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "-q", "main"], check=True)
    subprocess.run(["mv", str(repo.root), str(tmp_path / "gone")], check=True)

    build = SiteRepo(clone).build(today="2026-12-01")

    assert not build.ok
    assert "is not in this clone and could not be fetched" in build.output
    assert "Make a full clone" in build.output
    assert "Traceback" not in build.output


# -- the timeline's own rules, over generated histories ------------------------------------------


@settings(max_examples=200, deadline=None)
@given(histories(), st.integers(0, 400))
def test_on_any_day_exactly_one_version_or_none_is_in_force_and_its_dates_agree(landed, offset):
    line = timeline.resolve(landed, "Statement")
    day = date(2026, 1, 1) + timedelta(days=offset)

    in_force = [v for v in line.versions if v.effective <= day and (v.effective_to is None or day < v.effective_to)]
    assert len(in_force) <= 1
    assert line.in_force(day) == (in_force[0] if in_force else None)
    assert (line.in_force(day) is None) == (day < line.versions[0].effective)
    assert all(a.effective <= b.effective for a, b in zip(line.versions, line.versions[1:], strict=False))
    assert all(v.effective >= v.landed_on for v in line.versions)
    assert set(line.upcoming(day)) == {v for v in line.versions if v.effective > day}
    statuses = [line.status(v, day) for v in line.versions]
    assert statuses.count(timeline.Status.IN_FORCE) == len(in_force)
