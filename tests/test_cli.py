"""The `policypress` command: a new organization's site, the version table, reading mkdocs.yml."""

import re

import pytest
import yaml
from click.testing import CliRunner
from sites import PROJECT, SiteRepo

from policypress import check
from policypress.cli import main


def new_site(tmp_path, *options: str) -> SiteRepo:
    target = tmp_path / "org"
    result = CliRunner().invoke(main, ["new", str(target), *options])
    assert result.exit_code == 0, result.output
    site = SiteRepo(target)
    site.git("init", "-q", "-b", "main")
    site.git("config", "user.name", "Legal Editor")
    site.git("config", "user.email", "editor@example.org")
    return site


def test_a_new_site_builds_with_one_version_of_each_document(tmp_path):
    site = new_site(tmp_path)
    site.commit("2026-03-02T10:00:00-08:00", "First version of the privacy statement")

    build = site.build()

    assert build.ok, build.output
    assert [v["version"] for v in build.versions("privacy-statement")] == ["2026-03-02"]
    assert [v["version"] for v in build.versions("ccpa-notice")] == ["2026-03-02"]
    assert (build.site / ".well-known" / "gpc.json").is_file()


def test_a_new_site_gets_the_current_hook_templates_and_workflow(tmp_path):
    site = new_site(tmp_path)

    for shared in ("hooks/policypress_hook.py", "overrides/main.html", ".github/workflows/publish.yml"):
        assert (site.root / shared).read_bytes() == (PROJECT / shared).read_bytes(), shared
    assert (site.root / ".gitignore").read_text().startswith("/site/")
    assert 'timezone: America/Los_Angeles' in (site.root / "mkdocs.yml").read_text()


def test_a_new_sites_only_findings_are_its_placeholders_until_an_editor_fills_them_in(tmp_path):
    site = new_site(tmp_path, "--organization", "Acme Clinics", "--timezone", "Europe/Berlin")
    site.commit("2026-03-02T10:00:00-08:00")

    unfilled = site.policypress("check", today="2026-03-02")
    for document in ("privacy-statement.md", "ccpa-notice.md"):
        path = site.root / "docs" / document
        path.write_text(check.PLACEHOLDER.sub("our own text", path.read_text()))
    site.commit("2026-03-02T11:00:00-08:00")
    filled = site.policypress("check", today="2026-03-02")

    assert unfilled.exit_code == 1
    assert re.findall(r"error: (.*?):", unfilled.output) == [
        "the Privacy Statement still has placeholder text", "the California Notice at Collection still has "
        "placeholder text"]
    assert "[ORGANIZATION NAME]" not in unfilled.output  # filled in by --organization
    assert "Acme Clinics privacy" in (site.root / "mkdocs.yml").read_text()
    assert "timezone: Europe/Berlin" in (site.root / "mkdocs.yml").read_text()
    assert filled.exit_code == 0, filled.output


def test_new_never_writes_into_a_folder_that_has_files(tmp_path):
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "notes.txt").write_text("mine")

    result = CliRunner().invoke(main, ["new", str(tmp_path / "org")])

    assert result.exit_code == 1
    assert "the folder is not empty" in result.output
    assert [p.name for p in (tmp_path / "org").iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("zone", ["localtime", "UTC+2", "Pacific Time", "/etc/localtime", "posixrules"])
def test_new_refuses_a_timezone_that_is_not_an_iana_name_before_writing_anything(tmp_path, zone):
    result = CliRunner().invoke(main, ["new", str(tmp_path / "org"), "--timezone", zone])

    assert result.exit_code == 1
    assert f"policypress new: the option --timezone is {zone!r}, which is not an IANA time zone name." in result.output
    assert "To fix: use the IANA name of the organization's time zone, e.g. America/Los_Angeles" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "org").exists()


@pytest.mark.parametrize("organization", ["Acme\nHealth", "Acme\rHealth", "Acme\tHealth", "Acme\x85Health",
                                          "Acme\u2028Health"])
def test_new_refuses_an_organization_with_a_line_break_or_control_character(tmp_path, organization):
    result = CliRunner().invoke(main, ["new", str(tmp_path / "org"), "--organization", organization])

    assert result.exit_code == 1
    assert "policypress new: the option --organization contains a line break or another control character" \
        in result.output
    assert "To fix: give the organization's name on one line" in result.output
    assert not (tmp_path / "org").exists()


def test_an_organization_name_with_yaml_punctuation_reads_back_exactly(tmp_path):
    organization = 'Acme: "Health" #1 & [Clinics], \'O\'Brien\' {LLC} 50% — Zürich'
    site = new_site(tmp_path, "--organization", organization, "--timezone", "Europe/Zurich")

    config = yaml.safe_load((site.root / "mkdocs.yml").read_text("utf-8"))
    home = (site.root / "docs" / "index.md").read_text("utf-8")

    assert config["site_name"] == f"{organization} privacy"
    assert config["copyright"] == organization
    assert config["extra"]["policypress"]["timezone"] == "Europe/Zurich"
    assert yaml.safe_load(home.split("---\n")[1]) == {"title": f"Privacy at {organization}"}
    assert f"# Privacy at {organization}\n" in home


def test_the_version_table_lists_versions_newest_first_with_what_is_in_force(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")
    repo.write_statement("We collect cookies.", material=True, summary="Adds cookies.", effective="2026-04-04")
    repo.commit("2026-03-05T10:00:00-08:00")

    result = repo.policypress("versions", "privacy-statement", today="2026-03-10")

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Privacy Statement (/privacy-statement/)"
    assert lines[1].split() == ["Version", "Effective", "Kind", "Status", "Source", "Summary"]
    assert lines[2].split() == ["2026-03-05", "2026-04-04", "material", "upcoming", "git", "Adds", "cookies."]
    assert lines[3].split() == ["2026-03-02", "2026-03-02", "editorial", "in", "force", "git", "First", "version."]


def test_the_version_table_of_an_unknown_document_names_the_known_ones(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")

    result = repo.policypress("versions", "privacy")

    assert result.exit_code == 1
    assert "there is no document with the slug 'privacy'. The site has: privacy-statement." in result.output


def test_mkdocs_yaml_tags_are_read_without_mkdocs(repo: SiteRepo):
    repo.write_statement("## Web server logs\n\nWe keep logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")
    config = (repo.root / "mkdocs.yml").read_text()
    config = config.replace("site_name: Test Health privacy", "site_name: !ENV [SITE_NAME, Test Health]")
    config = re.sub(r"( *)permalink: true", r"\g<0>\n\1slugify: !!python/name:markdown.extensions.toc.slugify_unicode"
                    r"\n\1title: !relative $config_dir", config)
    (repo.root / "mkdocs.yml").write_text(config)

    result = repo.policypress("check", today="2026-03-02")

    assert result.exit_code == 0, result.output


def test_outside_a_site_the_command_says_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(main, ["versions"])

    assert result.exit_code == 1
    assert "there is no mkdocs.yml here" in result.output
    assert "--config" in result.output


def test_diff_shows_the_redline_from_the_version_before_to_the_one_in_force_with_plain_marks(repo: SiteRepo):
    repo.write_statement("We keep web logs for 90 days.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")
    repo.write_statement("We keep web logs for 30 days.", material=False, summary="Shorter retention.")
    repo.commit("2026-03-05T10:00:00-08:00")

    result = repo.policypress("diff", "privacy-statement", today="2026-03-10")
    named = repo.policypress("diff", "privacy-statement", "2026-03-05", "2026-03-02", today="2026-03-10")

    assert result.exit_code == 0, result.output
    assert result.output.startswith("Privacy Statement: 2026-03-02 → 2026-03-05, 1 change\n")
    assert "We keep web logs for [-90-]{+30+} days." in result.output
    assert "\x1b[" not in result.output
    assert "We keep web logs for [-30-]{+90+} days." in named.output


def test_diff_colours_the_changes_when_asked(repo: SiteRepo):
    repo.write_statement("We keep web logs for 90 days.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")
    repo.write_statement("We keep web logs for 30 days.", material=False, summary="Shorter retention.")
    repo.commit("2026-03-05T10:00:00-08:00")

    result = repo.policypress("diff", "privacy-statement", "--color", today="2026-03-10")

    assert "\x1b[9;31m90\x1b[0m" in result.output


def test_diff_of_a_first_version_asks_for_two_versions(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")

    result = repo.policypress("diff", "privacy-statement")

    assert result.exit_code == 1
    assert "version 2026-03-02 is the first version of the Privacy Statement" in result.output
