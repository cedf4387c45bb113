"""`policypress new`: a site that keeps only what is its own, installs policypress, and never publishes
a placeholder."""

import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from sites import PROJECT, SiteRepo

from policypress import check, scaffold, schedule
from policypress.cli import main

STARTER = PROJECT / "src" / "policypress" / "starter_site"
TODAY = "2026-03-02"
SITE_ADDRESS = "https://privacy.acme-clinics.example/"


def new_site(tmp_path: Path, *options: str) -> SiteRepo:
    """A site made by ``policypress new`` in a fresh Git repository, nothing committed yet."""
    target = tmp_path / "org"
    result = CliRunner().invoke(main, ["new", str(target), *options])
    assert result.exit_code == 0, result.output
    site = SiteRepo(target)
    site.git("init", "-q", "-b", "main")
    site.git("config", "user.name", "Legal Editor")
    site.git("config", "user.email", "editor@example.org")
    return site


def fill_in(root: Path, site_url: str = SITE_ADDRESS) -> None:
    """What an editor does before the first commit: every placeholder replaced, and site_url set."""
    for path in [*(root / "docs").rglob("*.md"), root / "mkdocs.yml"]:
        path.write_text(check.PLACEHOLDER.sub("our own text", path.read_text("utf-8")), "utf-8")
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {site_url}", config.read_text("utf-8")), "utf-8")


def dependencies(root: Path) -> list[str]:
    return tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]


# What a new site holds


def test_a_new_site_holds_its_texts_settings_workflow_and_the_hook_shim_and_no_engine_files(tmp_path):
    site = new_site(tmp_path, "--organization", "Acme Clinics")

    written = sorted(p.relative_to(site.root).as_posix() for p in site.root.rglob("*")
                     if p.is_file() and ".git" not in p.relative_to(site.root).parts[:1])
    assert written == [".github/workflows/publish.yml", ".gitignore", "README.md", "docs/ccpa-notice.md",
                       "docs/index.md", "docs/privacy-statement.md", "hooks/policypress_hook.py", "mkdocs.yml",
                       "pyproject.toml"]
    assert (site.root / "hooks" / "policypress_hook.py").read_bytes() == \
        (STARTER / "hooks" / "policypress_hook.py").read_bytes()
    workflow = (STARTER / "github" / "workflows" / "publish.yml").read_text()
    assert (site.root / ".github" / "workflows" / "publish.yml").read_text() == \
        schedule.with_daily_cron(workflow, "America/Los_Angeles")
    # No overrides/ of its own yet, so no custom_dir: policypress's templates come from the package.
    assert "custom_dir" not in yaml.safe_load((site.root / "mkdocs.yml").read_text())["theme"]
    assert "# custom_dir: overrides" in (site.root / "mkdocs.yml").read_text()
    assert (site.root / ".gitignore").read_text().startswith("/site/")


def test_the_repositorys_own_hook_is_the_shim_every_new_site_gets():
    assert (PROJECT / "hooks" / "policypress_hook.py").read_bytes() == \
        (STARTER / "hooks" / "policypress_hook.py").read_bytes()


def test_a_new_site_has_the_examples_light_and_dark_palette_toggle(tmp_path):
    site = new_site(tmp_path)

    theme = yaml.safe_load((site.root / "mkdocs.yml").read_text())["theme"]
    example = yaml.safe_load((PROJECT / "mkdocs.yml").read_text())["theme"]
    assert theme["palette"] == example["palette"]
    assert [p["scheme"] for p in theme["palette"]] == ["default", "slate"]


# The dependency line: one that installs the policypress that wrote the site


@pytest.mark.parametrize("wanted", ["policypress @ git+https://github.com/acme-clinics/policypress@v0.1.0",
                                    'policypress>=0.1; python_version >= "3.11"',
                                    "policypress @ file:///srv/Zürich/policypress"])
def test_the_site_depends_on_the_policypress_named_with_requirement(tmp_path, wanted):
    site = new_site(tmp_path, "--requirement", wanted)

    assert dependencies(site.root) == [wanted]
    assert "[POLICYPRESS SOURCE]" not in (site.root / "pyproject.toml").read_text()


def test_without_requirement_the_site_depends_on_where_this_policypress_was_installed_from(tmp_path):
    site = new_site(tmp_path)

    assert dependencies(site.root) == [scaffold.installed_requirement()]


@pytest.mark.parametrize("requirement, problem", [
    ("mkdocs-material>=9", "which does not name policypress"),
    ("policypress-fork @ git+https://example.org/fork", "which does not name policypress"),
    ("policypress\n>=1", "contains a line break or another control character"),
])
def test_a_requirement_that_would_not_install_policypress_is_refused_before_writing(tmp_path, requirement, problem):
    result = CliRunner().invoke(main, ["new", str(tmp_path / "org"), "--requirement", requirement])

    assert result.exit_code == 1
    assert "policypress new: the option --requirement " in result.output and problem in result.output
    assert "To fix:" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "org").exists()


REQUIREMENTS = {
    "an editable clone": (
        {"url": "file:///home/editor/policypress", "dir_info": {"editable": True}},
        "policypress @ file:///home/editor/policypress"),
    "a folder": (
        {"url": "file:///srv/policypress", "dir_info": {}},
        "policypress @ file:///srv/policypress"),
    "a Git tag of this release": (
        {"url": "https://github.com/acme/policypress.git",
         "vcs_info": {"vcs": "git", "requested_revision": "v1.4.2", "commit_id": "0f3c" * 10}},
        "policypress @ git+https://github.com/acme/policypress.git@v1.4.2"),
    "a Git branch, pinned to the commit installed": (
        {"url": "https://github.com/acme/policypress.git",
         "vcs_info": {"vcs": "git", "requested_revision": "main", "commit_id": "0f3c" * 10}},
        f"policypress @ git+https://github.com/acme/policypress.git@{'0f3c' * 10}"),
    "a Git repository in a subfolder": (
        {"url": "https://github.com/acme/tools.git", "subdirectory": "policypress",
         "vcs_info": {"vcs": "git", "commit_id": "0f3c" * 10}},
        f"policypress @ git+https://github.com/acme/tools.git@{'0f3c' * 10}#subdirectory=policypress"),
    "an archive, with the hash pip checked": (
        {"url": "https://files.acme.example/policypress-1.4.2-py3-none-any.whl",
         "archive_info": {"hash": "sha256=ab12", "hashes": {"sha256": "ab12"}}},
        "policypress @ https://files.acme.example/policypress-1.4.2-py3-none-any.whl#sha256=ab12"),
    "a package index": (None, "policypress>=1.4.2,<2"),
}


@pytest.mark.parametrize("installed", REQUIREMENTS)
def test_the_dependency_line_installs_policypress_from_where_pip_recorded_it(installed):
    direct_url, expected = REQUIREMENTS[installed]

    assert scaffold.requirement_from(direct_url, "1.4.2") == expected


def test_before_1_0_a_site_takes_fixes_but_not_the_next_minor_version():
    assert scaffold.compatible_range("0.1.0") == ">=0.1.0,<0.2"
    assert scaffold.compatible_range("0.9.3") == ">=0.9.3,<0.10"
    assert scaffold.compatible_range("2.0.1") == ">=2.0.1,<3"


def test_the_installed_record_is_read_from_the_distributions_metadata(monkeypatch):
    class Installed:
        def read_text(self, name):
            return json.dumps({"url": "file:///srv/policypress", "dir_info": {"editable": True}}) \
                if name == "direct_url.json" else None

    monkeypatch.setattr(scaffold.metadata, "distribution", lambda name: Installed())

    assert scaffold.installed_requirement() == "policypress @ file:///srv/policypress"


# Placeholders never become a version


def test_a_filled_in_site_builds_and_checks_with_one_version_of_each_document(tmp_path):
    site = new_site(tmp_path, "--organization", "Acme Clinics")
    fill_in(site.root)
    site.commit(f"{TODAY}T10:00:00-08:00", "First version of the privacy statement")

    build = site.build(today=TODAY)

    assert build.ok, build.output
    assert [v["version"] for v in build.versions("privacy-statement")] == [TODAY]
    assert [v["version"] for v in build.versions("ccpa-notice")] == [TODAY]
    assert build.versions_json()["documents"][0]["url"] == f"{SITE_ADDRESS}privacy-statement/"
    assert site.policypress("check", today=TODAY).exit_code == 0


def _in_the_statement(root: Path) -> None:
    statement = root / "docs" / "privacy-statement.md"
    statement.write_text(statement.read_text() + "\nQuestions go to [EMAIL ADDRESS].\n")


def _on_the_home_page(root: Path) -> None:
    (root / "docs" / "index.md").write_text("# Privacy at [ORGANIZATION NAME]\n")


def _in_the_workflow(root: Path) -> None:
    workflow = root / ".github" / "workflows" / "publish.yml"
    workflow.write_text(workflow.read_text().replace("python -m pip install .", "python -m pip install [PACKAGE]"))


def _as_the_site_address(root: Path) -> None:
    fill_in(root, site_url="https://your-site-address.invalid/")


PLACEHOLDERS = {
    "site_url": (_as_the_site_address, "mkdocs.yml", "site_url:",
                 "setting 'site_url' is still the starter's placeholder, https://your-site-address.invalid/"),
    "statement": (_in_the_statement, "docs/privacy-statement.md", "[EMAIL ADDRESS]",
                  "the Privacy Statement still has placeholder text: [EMAIL ADDRESS]."),
    "home page": (_on_the_home_page, "docs/index.md", "[ORGANIZATION NAME]",
                  "this page still has placeholder text: [ORGANIZATION NAME]."),
    "workflow": (_in_the_workflow, ".github/workflows/publish.yml", "[PACKAGE]",
                 "this file still has placeholder text: [PACKAGE]."),
}
"""Each place a starter's placeholder can be left, by name: how it is left, the file, what marks
its line, and the problem named. site_url first: leaving it fills in everything else."""


def _left_in(site: SiteRepo, *places: str) -> list[tuple[str, int, str]]:
    """A new site, filled in but for the placeholders at ``places``, committed: each one's file,
    line and problem."""
    fill_in(site.root)
    for place in places:
        PLACEHOLDERS[place][0](site.root)
    site.commit(f"{TODAY}T10:00:00-08:00", "First version of the privacy statement")
    left = []
    for place in places:
        _, path, marker, problem = PLACEHOLDERS[place]
        line = next(n for n, text in enumerate((site.root / path).read_text().splitlines(), 1) if marker in text)
        left.append((path, line, problem))
    return left


@pytest.mark.parametrize("place", PLACEHOLDERS)
def test_a_placeholder_left_is_a_problem_to_fix_before_main_with_its_file_and_line(tmp_path, place):
    site = new_site(tmp_path, "--organization", "Acme Clinics")
    [(path, line, problem)] = _left_in(site, place)

    published = site.publish(today=TODAY)
    checked = site.policypress("check", today=TODAY)

    assert not published.ok
    [finding] = published.findings
    assert str(finding).startswith(f"{path}, line {line}: {problem}")
    assert "before the first commit lands on main" in str(finding)
    assert checked.exit_code == 1 and f"{path}:{line}: error: {problem}" in checked.output


def test_a_strict_build_fails_while_placeholders_are_left_and_lists_each_one(tmp_path):
    site = new_site(tmp_path, "--organization", "Acme Clinics")
    left = _left_in(site, *PLACEHOLDERS)

    build = site.build(today=TODAY)

    assert not build.ok
    assert "policypress: 4 problems must be fixed before this site can be published:" in build.output
    for path, line, problem in left:
        assert f"  - {path}, line {line}: {problem}" in build.output
    assert "before the first commit lands on main" in build.output
    assert "Traceback" not in build.output


def test_placeholders_in_yaml_comments_are_not_published_and_do_not_count(tmp_path):
    site = new_site(tmp_path, "--organization", "Acme Clinics")
    fill_in(site.root)
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text() + "# Ask [LEGAL TEAM] before changing the notice period.\n")
    site.commit(f"{TODAY}T10:00:00-08:00")

    published = site.publish(today=TODAY)

    assert published.ok, published.output
