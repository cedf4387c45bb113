"""Reviewing a change: `policypress diff` for an editor, and the pull request summary for GitHub.

The summary is read as GitHub would show it: rendered by Python-Markdown with the tables
extension, which handles inline HTML, character references and tables as GitHub does.
"""

import html
import re
import subprocess
from html.parser import HTMLParser

import markdown
import pytest
from sites import SiteRepo

from policypress import review
from policypress.redline import redline

MARCH_26 = "2026-03-26"


def two_versions(repo: SiteRepo) -> None:
    """A statement in force since 2 March, and a material change of 20 March taking effect on 1 May."""
    repo.write_statement("We keep web logs for 90 days.\n\n## Sharing\n\nWe share logs with nobody.",
                         material=False, summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")
    repo.write_statement("We keep web logs for 60 days.\n\n## Sharing\n\nWe share logs with nobody.",
                         material=True, summary="Shorter logs.", effective="2026-05-01")
    repo.commit("2026-03-20T10:00:00-07:00")


def on_a_branch(repo: SiteRepo, body: str, **revision) -> None:
    """A pull request's branch: one commit on 25 March, changing the statement to ``body``."""
    repo.git("checkout", "-q", "-b", "edit")
    repo.write_statement(body, **revision)
    repo.commit("2026-03-25T10:00:00-07:00")


class Rendered(HTMLParser):
    """The summary as GitHub shows it: its elements, headings and table rows."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.html = markdown.markdown(text, extensions=["tables"])
        self.text = html.unescape(self.html)
        """The HTML with character references read: what a reader sees, tags aside."""
        self.tags: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.rows: list[list[str]] = []
        self._text: list[str] | None = None
        self.feed(self.html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        if re.fullmatch(r"h[1-6]|td|th", tag):
            self._text = []

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append((tag, "".join(self._text)))
        elif tag in ("td", "th"):
            self.rows[-1].append("".join(self._text))

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def row(self, name: str) -> list[str]:
        return next(row[1:] for row in self.rows if row and row[0] == name)


def summary(repo: SiteRepo, *args: str, today: str = MARCH_26):
    result = repo.policypress("diff", "--format", "markdown", *args, today=today)
    return result, Rendered(result.output)


# policypress diff, for an editor at a terminal


def test_diff_shows_the_newest_change_even_while_it_is_upcoming_with_what_each_side_is(repo: SiteRepo):
    two_versions(repo)

    result = repo.policypress("diff", "privacy-statement", today=MARCH_26)

    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "Privacy Statement: 2026-03-02 (editorial, effective 2026-03-02, in force) → "
        "2026-03-20 (material, effective 2026-05-01, upcoming): 1 change")
    assert "We keep web logs for [-90-]{+60+} days." in result.output


def test_diff_also_shows_the_uncommitted_edit_against_the_newest_version(repo: SiteRepo):
    two_versions(repo)
    repo.write_statement("We keep web logs for 30 days.\n\n## Sharing\n\nWe share logs with nobody.",
                         material=False, summary="Fixes the period.")

    result = repo.policypress("diff", "privacy-statement", today=MARCH_26)

    committed, draft = result.output.split("\n\nPrivacy Statement: ")
    assert "[-90-]{+60+}" in committed
    assert draft.splitlines()[0] == ("2026-03-20 (material, effective 2026-05-01, upcoming) → "
                                     "draft (editorial, effective 2026-05-01, not committed): 1 change")
    assert "We keep web logs for [-60-]{+30+} days." in draft


def test_diff_of_versions_named_newest_first_shows_the_older_first_and_says_so(repo: SiteRepo):
    two_versions(repo)

    result = repo.policypress("diff", "privacy-statement", "2026-03-20", "2026-03-02", today=MARCH_26)

    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Showing 2026-03-02 → 2026-03-20: the older version first."
    assert "We keep web logs for [-90-]{+60+} days." in result.output  # never the newer text as deleted


def test_diff_from_one_named_version_goes_to_the_newest(repo: SiteRepo):
    two_versions(repo)

    older = repo.policypress("diff", "privacy-statement", "2026-03-02", today=MARCH_26)
    newest = repo.policypress("diff", "privacy-statement", "2026-03-20", today=MARCH_26)

    assert "[-90-]{+60+}" in older.output
    assert newest.exit_code == 0
    assert "Version 2026-03-20 is the newest version of the Privacy Statement: there is nothing after it" in \
        newest.output


def test_diff_of_a_document_with_one_version_says_there_is_nothing_to_compare_yet(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")

    alone = repo.policypress("diff", "privacy-statement", today=MARCH_26)
    repo.write_statement("We collect web logs and nothing else.", summary="Says what we do not collect.")
    with_a_draft = repo.policypress("diff", "privacy-statement", today=MARCH_26)

    assert alone.exit_code == 0
    assert alone.output == ("The Privacy Statement has one version (2026-03-02) and no uncommitted edits: "
                            "there is nothing to compare yet.\n")
    assert with_a_draft.output.startswith("Privacy Statement: 2026-03-02 (editorial, effective 2026-03-02, "
                                          "in force) → draft (editorial, effective 2026-03-26, not committed)")


def test_diff_names_the_versions_there_are_when_one_is_unknown(repo: SiteRepo):
    two_versions(repo)

    result = repo.policypress("diff", "privacy-statement", "2026-03-03", today=MARCH_26)

    assert result.exit_code == 1
    assert "has no version 2026-03-03. Its versions are: 2026-03-20, 2026-03-02." in result.output


# The pull request summary


def test_the_summary_says_what_merging_would_publish_and_when_it_takes_effect(repo: SiteRepo):
    two_versions(repo)
    on_a_branch(repo, "We keep web logs for 30 days.\n\n## Sharing\n\nWe share logs with nobody.",
                material=False, summary="Fixes the period.")

    result, shown = summary(repo, "--base", "main")

    assert result.exit_code == 0, result.output
    assert ("h2", "Privacy Statement") in shown.headings
    assert "Lands as version 2026-03-26 if merged today (America/Los_Angeles time)." in shown.text
    assert shown.rows[0] == ["", "Published", "This pull request"]
    assert shown.row("Version") == ["2026-03-20", "2026-03-26 if merged today"]
    assert shown.row("Kind") == ["material", "editorial"]
    # Nothing comes into force before the change it builds on: the typo fix waits for 1 May.
    assert shown.row("Effective") == ["2026-05-01", "2026-05-01, inherited from the pending version 2026-03-20"]
    assert shown.row("Status") == ["upcoming", "upcoming"]
    assert shown.row("Summary") == ["Shorter logs.", "Fixes the period."]
    assert "<strong>Notice check:</strong> not needed: an editorial change" in shown.text
    assert "We keep web logs for <del>60</del><ins>30</ins> days." in shown.text
    assert "Sharing" not in [text for _, text in shown.headings]  # unchanged sections are left out


def test_a_material_change_built_on_a_pending_one_has_the_notice_of_the_date_it_inherits(repo: SiteRepo):
    two_versions(repo)
    on_a_branch(repo, "We keep no web logs.\n\n## Sharing\n\nWe share logs with nobody.",
                material=True, summary="Stops keeping logs.")

    _, shown = summary(repo, "--base", "main")

    assert shown.row("Effective")[1] == "2026-05-01, inherited from the pending version 2026-03-20"
    assert "<strong>Notice check:</strong> pass: 36 days' notice (the notice period is 30 days)" in shown.text


def test_a_material_change_taking_effect_at_once_fails_the_notice_check(repo: SiteRepo):
    repo.write_statement("We keep web logs for 90 days.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")
    on_a_branch(repo, "We share web logs with advertisers.", material=True, summary="Shares logs.")

    result, shown = summary(repo, "--base", "main")

    assert result.exit_code == 0
    verdict = next(p for p in re.findall(r"<p>(.*?)</p>", shown.text, re.S) if "Notice check" in p)
    assert verdict.startswith("<strong>Notice check fails:</strong> version 2026-03-26 of the Privacy Statement "
                              "is a material change that takes effect on 2026-03-26, the day it landed")
    assert "To fix: give notice: set 'revision.effective: 2026-04-25' (or later)" in verdict


def test_editor_text_in_the_summary_is_only_ever_text(repo: SiteRepo):
    repo.write_statement("We keep web logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")
    on_a_branch(repo, "We keep web logs. Type `<script>alert(1)</script>` | *not* _this_ ~~or~~ $x$ "
                "[here](https://example.org/) & <b>bold</b>.\n\n1\\. Not a list.\n\n\\# Nor a heading.\n\n"
                "| Category | Purposes |\n| --- | --- |\n| Logs &amp; `|` | <img src=x onerror=alert(1)> |",
                summary="Adds <script>alert(2)</script> | a table.")

    result, shown = summary(repo, "--base", "main")

    assert result.exit_code == 0, result.output
    assert "<script" not in shown.html and "<img" not in shown.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown.html  # the code's text, shown as text
    assert shown.row("Summary") == ["First version.", "Adds <script>alert(2)</script> | a table."]
    assert all(len(row) == 3 for row in shown.rows[:6])  # a | in editor text never splits a cell
    assert not {"em", "a", "code", "ol", "ul"} & set(shown.tags)
    assert "<p><ins>1. Not a list.</ins></p>" in shown.text and "<p><ins># Nor a heading.</ins></p>" in shown.text
    assert "Category" in shown.text and shown.tags.count("table") == 2  # the document's table, as a table


def test_the_summary_is_utf8_within_githubs_limit_and_cut_between_blocks_with_a_note(repo: SiteRepo):
    repo.write_statement("We keep web logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")
    paragraphs = "\n\n".join(f"Paragraph {n} about the café’s logs." for n in range(400))
    on_a_branch(repo, paragraphs, summary="Describes every log.")
    result, _ = summary(repo, "--base", "main")
    document = next(d for d in repo.read(today=MARCH_26).documents)
    comparison = review.Comparison(
        "privacy-statement", "Privacy Statement", None,
        review.Side(document.versions[-1], review.Kind.PROPOSED, "in force"),
        redline("", markdown.markdown(paragraphs)), review.Verdict(True, "not needed"))

    short = review.markdown(review.Review((comparison,), "America/Los_Angeles"), limit=4_000)

    assert len(result.output.encode("utf-8")) < review.SUMMARY_LIMIT < 1024 * 1024
    assert "Paragraph 399 about the café’s logs." in Rendered(result.output).text
    assert len(short.encode("utf-8")) <= 4_000
    assert "The rest of this redline is left out: GitHub shows at most 1 MiB of a job summary. Run " \
           "`policypress diff privacy-statement` to see all of it." in short
    assert short.count("<ins>") == short.count("</ins>") > 0


def test_merging_a_branch_into_its_base_is_reviewed_against_the_first_parent_by_default(repo: SiteRepo):
    # CI checks out the pull request's merge commit, whose first parent is the base.
    two_versions(repo)
    on_a_branch(repo, "We keep web logs for 30 days.\n\n## Sharing\n\nWe share logs with nobody.",
                summary="Fixes the period.")
    repo.git("checkout", "-q", "main")
    repo.merge("edit", "2026-03-25T12:00:00-07:00")

    result, shown = summary(repo)

    assert "compared with HEAD^1" in shown.text
    assert shown.row("Version") == ["2026-03-20", "2026-03-26 if merged today"]


def test_the_default_base_is_origin_main_when_it_has_been_fetched(repo: SiteRepo):
    two_versions(repo)
    repo.git("update-ref", "refs/remotes/origin/main", "main")
    on_a_branch(repo, "We keep web logs for 60 days.\n\n## Sharing\n\nWe share logs with our auditors.",
                material=True, summary="Shares logs with auditors.", effective="2026-05-01")

    result = repo.policypress("diff", today=MARCH_26)

    assert "compared with origin/main" in result.output
    assert "We share logs with [-nobody.-]{+our auditors.+}" in result.output


def test_a_change_merged_the_day_another_landed_folds_into_that_days_version(repo: SiteRepo):
    two_versions(repo)
    repo.write_statement("We keep web logs for 45 days.\n\n## Sharing\n\nWe share logs with nobody.",
                         material=True, summary="Shorter still.", effective="2026-05-01")
    repo.commit("2026-03-26T09:00:00-07:00")
    on_a_branch(repo, "We keep web logs for 45 days.\n\n## Sharing\n\nWe share logs with nobody at all.",
                summary="Says so plainly.")

    _, shown = summary(repo, "--base", "main")

    assert shown.row("Version") == ["2026-03-26", "2026-03-26 if merged today"]
    assert shown.row("Kind") == ["material", "material"]  # material if any change of the day was
    assert shown.row("Summary")[1] == "Shorter still. Says so plainly."
    assert "Lands as version 2026-03-26 if merged today (America/Los_Angeles time), together with the change " \
           "already published that day: one version holds a day's changes." in shown.text


def test_a_branch_that_changes_no_text_says_merging_publishes_nothing_new(repo: SiteRepo):
    two_versions(repo)
    on_a_branch(repo, "We keep web logs for 60 days.\n\n## Sharing\n\nWe share logs with nobody.",
                material=True, summary="Shorter logs, described better.", effective="2026-05-01")

    result, shown = summary(repo, "--base", "main")

    assert result.exit_code == 0
    assert "Merging changes no document's text, so it publishes no new version." in shown.text
    assert "No new version of the Privacy Statement: its file changes, but not its text (front matter or spacing " \
           "only)." in shown.text
    assert "h2" not in [tag for tag, _ in shown.headings]


def test_a_new_document_is_reviewed_as_its_first_version(repo: SiteRepo):
    two_versions(repo)
    repo.git("checkout", "-q", "-b", "notice")
    repo.configure(documents=[
        {"source": "privacy-statement.md", "slug": "privacy-statement", "title": "Privacy Statement"},
        {"source": "ccpa-notice.md", "slug": "ccpa-notice", "title": "California Notice"},
    ])
    repo.write_statement("We collect what you send us.", path="ccpa-notice.md", title="California Notice",
                         material=True, summary="First version.")
    repo.commit("2026-03-25T10:00:00-07:00")

    result, shown = summary(repo, "--base", "main")

    assert [text for tag, text in shown.headings if tag == "h2"] == ["California Notice"]
    assert shown.row("Version") == ["none: a new document", "2026-03-26 if merged today"]
    assert "<strong>Notice check:</strong> not needed: the document's first version" in shown.text
    assert "Not changed: Privacy Statement." in shown.text


def test_a_pull_request_the_build_would_refuse_says_why_and_fails(repo: SiteRepo):
    two_versions(repo)
    on_a_branch(repo, "We keep web logs for 30 days.\n\n## Sharing\n\nWe share logs with nobody.",
                material=False, summary="Fixes the period.", effective="2026-04-01")

    result, shown = summary(repo, "--base", "main")

    assert result.exit_code == 1
    assert "<strong>The build would stop:</strong>" in shown.text
    assert "says it takes effect on 2026-04-01, but it contains the changes of version 2026-03-20" in result.output


def test_uncommitted_edits_to_a_document_are_part_of_the_review(repo: SiteRepo):
    two_versions(repo)
    on_a_branch(repo, "We keep web logs for 30 days.\n\n## Sharing\n\nWe share logs with nobody.",
                summary="Fixes the period.")
    repo.write_statement("We keep web logs for 20 days.\n\n## Sharing\n\nWe share logs with nobody.",
                         summary="Fixes the period.")

    _, shown = summary(repo, "--base", "main")

    assert "The text includes edits that are not committed yet." in shown.text
    assert "We keep web logs for <del>60</del><ins>20</ins> days." in shown.text


def test_a_document_the_pull_request_renames_is_compared_with_its_published_text(repo: SiteRepo):
    two_versions(repo)
    repo.git("checkout", "-q", "-b", "rename")
    repo.configure(documents=[{"source": "statement.md", "slug": "privacy-statement", "title": "Privacy Statement",
                               "previous_paths": ["privacy-statement.md"]}])
    repo.git("mv", "docs/privacy-statement.md", "docs/statement.md")
    repo.write_statement("We keep web logs for 30 days.\n\n## Sharing\n\nWe share logs with nobody.",
                         path="statement.md", summary="Fixes the period.")
    repo.commit("2026-03-25T10:00:00-07:00")

    _, shown = summary(repo, "--base", "main")

    assert shown.row("Version") == ["2026-03-20", "2026-03-26 if merged today"]
    assert "We keep web logs for <del>60</del><ins>30</ins> days." in shown.text


def test_the_review_of_one_document_in_text_says_where_it_lands(repo: SiteRepo):
    two_versions(repo)
    on_a_branch(repo, "We keep web logs for 30 days.\n\n## Sharing\n\nWe share logs with nobody.",
                summary="Fixes the period.")

    result = repo.policypress("diff", "privacy-statement", "--base", "main", today=MARCH_26)

    assert result.output.splitlines()[2:5] == [
        "Privacy Statement: 2026-03-20 (material, effective 2026-05-01, upcoming) → 2026-03-26 if merged today "
        "(editorial, effective 2026-05-01, upcoming): 1 change",
        "Lands as version 2026-03-26 if merged today (America/Los_Angeles time).",
        "Notice check: not needed: an editorial change",
    ]


def test_reviewing_writes_nothing_to_the_repository(repo: SiteRepo):
    two_versions(repo)
    on_a_branch(repo, "We keep web logs for 30 days.\n\n## Sharing\n\nWe share logs with nobody.",
                summary="Fixes the period.")
    repo.write_statement("We keep web logs for 20 days.\n\n## Sharing\n\nWe share logs with nobody.",
                         summary="Fixes the period.")

    def state() -> tuple:
        objects = subprocess.run(["git", "count-objects", "-v"], cwd=repo.root, capture_output=True, text=True)
        index = (repo.root / ".git" / "index").read_bytes()
        # --no-optional-locks: git status would otherwise refresh the index it is asked about.
        status = repo.git("--no-optional-locks", "status", "--porcelain")
        return status, repo.git("show-ref"), repo.git("rev-parse", "HEAD"), objects.stdout, index

    before = state()
    result, _ = summary(repo, "--base", "main")

    assert result.exit_code == 0
    assert state() == before


@pytest.mark.parametrize("text, shown", [
    ("a <b> & c", "a &lt;b&gt; &amp; c"),
    ("*not* _em_ `code` [link] | ~strike~ $math$ \\", "&#42;not&#42; &#95;em&#95; &#96;code&#96; &#91;link&#93; "
     "&#124; &#126;strike&#126; &#36;math&#36; &#92;"),
    ("two\nlines  and\tspaces", "two lines and spaces"),
])
def test_escaping_keeps_editor_text_literal_on_one_line(text, shown):
    assert review.escape(text) == shown
    assert markdown.markdown(review.escape(text)) == f"<p>{review.escape(text)}</p>"
