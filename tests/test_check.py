"""`policypress check`, rule by rule, on real repositories: what an editor sees before merging."""

from datetime import date

import pytest
from sites import NOTICE, PROJECT, STATEMENT, SiteRepo, front_matter

BOTH = [
    {"source": STATEMENT, "slug": "privacy-statement", "title": "Privacy Statement"},
    {"source": NOTICE, "slug": "ccpa-notice", "title": "California Notice", "profile": "ccpa"},
]
EXAMPLE_NOTICE = (PROJECT / "docs" / NOTICE).read_text("utf-8")


def check(repo: SiteRepo, today: str, *args: str):
    return repo.policypress("check", *args, today=today)


def test_a_statement_committed_once_passes(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")

    result = check(repo, "2026-03-02")

    assert result.exit_code == 0, result.output
    assert "1 document checked: 0 errors, 0 warnings." in result.output


def test_a_text_change_with_last_versions_revision_block_fails_naming_file_line_and_fix(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")
    repo.write_statement("We collect web logs and cookies.", summary="First version.")
    repo.commit("2026-03-05T10:00:00-08:00")

    result = check(repo, "2026-03-05")

    assert result.exit_code == 1
    assert ("docs/privacy-statement.md:3: error: the text of the Privacy Statement changed on 2026-03-05"
            in result.output)
    assert "To fix: update 'revision.material' and 'revision.summary'" in result.output


def test_a_material_change_taking_effect_the_day_it_lands_fails_for_want_of_notice(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")
    repo.write_statement("We collect web logs and cookies.", material=True, summary="Adds cookies.")
    repo.commit("2026-03-05T10:00:00-08:00")

    result = check(repo, "2026-03-05")

    assert result.exit_code == 1
    assert "error: version 2026-03-05 of the Privacy Statement is a material change" in result.output
    assert "revision.effective: 2026-04-04" in result.output


def test_a_material_change_with_thirty_days_notice_passes(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")
    repo.write_statement("We collect cookies.", material=True, summary="Adds cookies.", effective="2026-04-04")
    repo.commit("2026-03-05T10:00:00-08:00")

    assert check(repo, "2026-03-05").exit_code == 0


@pytest.mark.parametrize(("today", "severity", "exit_code"), [
    ("2027-01-25", "warning", 0),  # day 329: nothing yet
    ("2027-01-26", "warning", 0),  # day 330
    ("2027-03-02", "warning", 0),  # day 365: still in time
    ("2027-03-03", "error", 1),  # day 366
])
def test_a_statement_not_revised_for_a_year_warns_from_day_330_and_fails_after_365(
        repo: SiteRepo, today, severity, exit_code):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")

    result = check(repo, today)

    assert result.exit_code == exit_code
    reported = "California requires a privacy policy to be updated at least once every 12 months"
    assert (reported in result.output) == (today != "2027-01-25")
    if today != "2027-01-25":
        assert f"docs/privacy-statement.md:1: {severity}: the Privacy Statement was last revised on 2026-03-02" \
            in result.output


def test_a_review_recorded_in_front_matter_restarts_the_year_without_a_new_version(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2025-03-02T10:00:00-08:00")
    repo.write(f"docs/{STATEMENT}", front_matter("Privacy Statement", True, "First version.",
                                                 extra={"reviewed": date(2026, 2, 20)})
               + "# Privacy Statement\n\nWe collect web logs.\n")
    repo.commit("2026-02-20T10:00:00-08:00", "Annual review")

    result = check(repo, "2026-03-10")
    published = repo.publish(today="2026-03-10")

    assert result.exit_code == 0, result.output
    assert "0 warnings" in result.output
    assert published.ok, published.output
    assert [v["version"] for v in published.versions()] == ["2025-03-02"]


def test_a_review_dated_in_the_future_fails(repo: SiteRepo):
    repo.write(f"docs/{STATEMENT}", front_matter("Privacy Statement", True, "First.", extra={"reviewed": "2026-09-01"})
               + "# Privacy Statement\n\nText.\n")
    repo.commit("2026-03-02T10:00:00-08:00")

    result = check(repo, "2026-03-10")

    assert result.exit_code == 1
    assert "docs/privacy-statement.md:6: error: front matter key 'reviewed' is 2026-09-01, which is in the future" \
        in result.output


def ccpa_repo(repo: SiteRepo, notice: str) -> SiteRepo:
    repo.configure(documents=BOTH)
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.write(f"docs/{NOTICE}", notice)
    repo.commit("2026-03-02T10:00:00-08:00")
    return repo


def test_the_example_california_notice_meets_the_ccpa_profile(repo: SiteRepo):
    result = check(ccpa_repo(repo, EXAMPLE_NOTICE), "2026-03-02")

    assert result.exit_code == 0, result.output


def test_a_california_notice_without_a_required_section_fails_naming_its_id(repo: SiteRepo):
    notice = EXAMPLE_NOTICE.replace("## Sale and sharing of personal information", "## Disclosures")

    result = check(ccpa_repo(repo, notice), "2026-03-02")

    assert result.exit_code == 1
    assert "docs/ccpa-notice.md: error: version 2026-03-02 of the California Notice has no section with the " \
        "id 'sale-and-sharing-of-personal-information'" in result.output
    assert "add a section headed '## Sale and sharing of personal information'" in result.output


def test_a_section_may_keep_its_own_wording_with_the_required_id(repo: SiteRepo):
    notice = EXAMPLE_NOTICE.replace("## Sale and sharing of personal information",
                                    "## We do not sell your information {#sale-and-sharing-of-personal-information}")

    assert check(ccpa_repo(repo, notice), "2026-03-02").exit_code == 0


def test_a_categories_table_without_retention_fails(repo: SiteRepo):
    notice = EXAMPLE_NOTICE.replace("| Purposes of use | Retention |", "| Purposes of use | Notes |")

    result = check(ccpa_repo(repo, notice), "2026-03-02")

    heading_line = notice.splitlines().index("## Categories of personal information we collect") + 1
    assert result.exit_code == 1
    assert f"docs/ccpa-notice.md:{heading_line}: error: the section 'Categories of personal information we collect' "\
        "of the California Notice has a table without the column 'Retention'" in result.output


def test_an_empty_required_section_fails(repo: SiteRepo):
    notice = EXAMPLE_NOTICE.split("## Date last updated")[0] + "## Date last updated\n"

    result = check(ccpa_repo(repo, notice), "2026-03-02")

    assert result.exit_code == 1
    assert "error: the section 'Date last updated' of the California Notice is empty" in result.output


def test_gpc_enabled_without_a_section_on_it_fails(repo: SiteRepo):
    repo.configure(settings={"gpc": True})
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")

    result = check(repo, "2026-03-02")

    assert result.exit_code == 1
    assert "mkdocs.yml:" in result.output
    assert "error: setting 'extra.policypress.gpc' is true" in result.output


def test_a_section_on_gpc_without_gpc_enabled_warns(repo: SiteRepo):
    repo.write_statement("Intro.\n\n## Global Privacy Control\n\nWe honor GPC signals.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")

    result = check(repo, "2026-03-02")

    assert result.exit_code == 0
    assert "docs/privacy-statement.md:12: warning: the Privacy Statement has a section on Global Privacy Control, " \
        "but setting 'extra.policypress.gpc' is false" in result.output
    assert check(repo, "2026-03-02", "--strict").exit_code == 1


def test_gpc_enabled_with_a_section_on_it_passes(repo: SiteRepo):
    repo.configure(settings={"gpc": True})
    repo.write_statement("Intro.\n\n## Global Privacy Control\n\nWe honor GPC signals.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")

    assert check(repo, "2026-03-02").exit_code == 0


def test_a_section_id_that_disappears_warns_that_citations_break(repo: SiteRepo):
    repo.write_statement("## Web server logs\n\nWe keep logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")
    repo.write_statement("## Server logs\n\nWe keep logs.", material=False, summary="Renames a section.")
    repo.commit("2026-03-05T10:00:00-08:00")

    result = check(repo, "2026-03-05")

    assert result.exit_code == 0
    assert "warning: the section id 'web-server-logs' of version 2026-03-02 is gone from version 2026-03-05, so " \
        "links citing /privacy-statement/#web-server-logs no longer reach a section." in result.output


def test_a_renamed_section_that_keeps_its_id_does_not_warn(repo: SiteRepo):
    repo.write_statement("## Web server logs\n\nWe keep logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")
    repo.write_statement("## Server logs {#web-server-logs}\n\nWe keep logs.", material=False, summary="Renames.")
    repo.commit("2026-03-05T10:00:00-08:00")

    assert "0 warnings" in check(repo, "2026-03-05").output


def test_placeholder_text_left_in_a_document_fails(repo: SiteRepo):
    repo.write_statement("[ORGANIZATION NAME] keeps logs. See [the notice](ccpa-notice.md).", summary="First.")
    repo.commit("2026-03-02T10:00:00-08:00")

    result = check(repo, "2026-03-02")

    assert result.exit_code == 1
    assert "docs/privacy-statement.md:10: error: the Privacy Statement still has placeholder text: " \
        "[ORGANIZATION NAME]." in result.output


def test_in_github_actions_findings_are_annotations_on_the_file_and_line(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")
    repo.write_statement("We collect web logs and cookies.", summary="First version.")
    repo.commit("2026-03-05T10:00:00-08:00")

    result = repo.policypress("check", today="2026-03-05", env={"GITHUB_ACTIONS": "true"})

    annotation = next(line for line in result.output.splitlines() if line.startswith("::"))
    assert annotation.startswith("::error file=docs/privacy-statement.md,line=3::the text of the Privacy Statement")
    assert "%0ATo fix: update 'revision.material'" in annotation


def test_input_the_build_cannot_publish_is_reported_as_an_error_not_a_crash(repo: SiteRepo):
    repo.write(f"docs/{STATEMENT}", "---\ntitle: [unclosed\n---\n\nText.\n")
    repo.commit("2026-03-02T10:00:00-08:00")

    result = check(repo, "2026-03-02")

    assert result.exit_code == 1
    assert "error: the front matter is not valid YAML" in result.output
    assert "0 documents" not in result.output
