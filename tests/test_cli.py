"""The `policypress` command: a new organization's site, the version table, reading mkdocs.yml."""

import re

import pytest
import yaml
from click.testing import CliRunner
from sites import SiteRepo
from test_scaffold import fill_in, new_site

from policypress import scaffold
from policypress.cli import main


def test_a_new_sites_only_findings_are_its_placeholders_until_an_editor_fills_them_in(tmp_path):
    site = new_site(tmp_path, "--organization", "Acme Clinics", "--timezone", "Europe/Berlin")
    site.commit("2026-03-02T10:00:00+01:00")

    unfilled = site.policypress("check", today="2026-03-02")
    fill_in(site.root)
    site.commit("2026-03-02T11:00:00+01:00")
    filled = site.policypress("check", today="2026-03-02")

    assert unfilled.exit_code == 1
    assert re.findall(r"(?m)^(\S+): error: (.*?) still", unfilled.output) == [
        ("docs/privacy-statement.md:10", "the Privacy Statement"),
        ("docs/ccpa-notice.md:10", "the California Notice at Collection"),
        ("mkdocs.yml:4", "setting 'site_url' is"),
    ]
    assert "[ORGANIZATION NAME]" not in unfilled.output  # filled in by --organization
    assert "Land the fix the same day (Europe/Berlin)" in unfilled.output
    assert "Acme Clinics privacy" in (site.root / "mkdocs.yml").read_text()
    assert "timezone: Europe/Berlin" in (site.root / "mkdocs.yml").read_text()
    assert filled.exit_code == 0, filled.output


def test_new_says_to_fill_in_the_placeholders_before_the_first_commit(tmp_path):
    result = CliRunner().invoke(main, ["new", str(tmp_path / "org")])

    steps = result.output.splitlines()
    assert result.exit_code == 0, result.output
    assert steps[0] == f"Created a policypress site in {tmp_path / 'org'} (9 files). Next:"
    fill, commit = (next(i for i, step in enumerate(steps) if word in step) for word in ("[PLACEHOLDER]", "git commit"))
    assert fill < commit
    assert "the first commit on main becomes each document's first version, kept for good" in result.output


def test_new_warns_when_the_site_would_install_policypress_from_a_file_only_this_computer_has(tmp_path,
                                                                                            monkeypatch):
    monkeypatch.setattr(scaffold, "installed_requirement", lambda: "policypress @ file:///home/editor/policypress")

    from_a_clone = CliRunner().invoke(main, ["new", str(tmp_path / "clone")])
    named = CliRunner().invoke(main, ["new", str(tmp_path / "named"), "--requirement",
                                      "policypress @ git+https://github.com/acme/policypress@v0.1.0"])

    assert "Note: pyproject.toml installs policypress @ file:///home/editor/policypress, which only this computer " \
        "has." in from_a_clone.output
    assert "Note:" not in named.output


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


def test_diff_writes_plain_marks_without_colour_off_a_terminal(repo: SiteRepo):
    repo.write_statement("We keep web logs for 90 days.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")
    repo.write_statement("We keep web logs for 30 days.", material=False, summary="Shorter retention.")
    repo.commit("2026-03-05T10:00:00-08:00")

    result = repo.policypress("diff", "privacy-statement", today="2026-03-10")

    assert result.exit_code == 0, result.output
    assert "We keep web logs for [-90-]{+30+} days." in result.output
    assert "\x1b[" not in result.output


def test_diff_colours_the_changes_when_asked(repo: SiteRepo):
    repo.write_statement("We keep web logs for 90 days.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")
    repo.write_statement("We keep web logs for 30 days.", material=False, summary="Shorter retention.")
    repo.commit("2026-03-05T10:00:00-08:00")

    result = repo.policypress("diff", "privacy-statement", "--color", today="2026-03-10")

    assert "\x1b[9;31m90\x1b[0m" in result.output
