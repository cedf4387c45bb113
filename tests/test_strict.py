"""A strict build refuses to publish a site with problems, however MkDocs is asked to be quiet.

MkDocs' own strict mode counts logged warnings, and ``-q`` hides warnings from that count
(mkdocs/mkdocs#4126), so the hook stops a strict build itself and prints every problem.
"""

import os
import subprocess
import sys
import time
import urllib.request

import pytest
import yaml
from sites import PROJECT, SiteRepo
from test_preview import free_port

HEADING = "policypress: 2 problems must be fixed before this site can be published:"


@pytest.fixture
def unclassified(repo: SiteRepo) -> SiteRepo:
    """A statement edited twice after its first version without a new revision block."""
    repo.write_statement("First text.", summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.write_statement("Changed text.", summary="First version.")
    repo.commit("2026-01-09T10:00:00-08:00")
    repo.write_statement("Changed again.", summary="First version.")
    repo.commit("2026-01-12T10:00:00-08:00")
    return repo


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "is not classified" in line]


@pytest.mark.parametrize("verbosity", ["-q", "-v"])
def test_a_strict_build_fails_and_lists_every_problem_whatever_the_verbosity(unclassified: SiteRepo, verbosity):
    build = unclassified.build(args=(verbosity,))

    assert not build.ok
    assert HEADING in build.output
    listed = [line for line in problem_lines(build.output) if line.startswith("  - ")]
    assert [("2026-01-09" in line, "2026-01-12" in line) for line in listed] == [(True, False), (False, True)]
    assert all(line.startswith("  - docs/privacy-statement.md, line 3: ") and "To fix: " in line for line in listed)
    assert "Traceback" not in build.output


def test_strict_set_in_mkdocs_yml_fails_the_build_without_the_flag(unclassified: SiteRepo):
    config_file = unclassified.root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text())
    config_file.write_text(yaml.safe_dump({**config, "strict": True}, sort_keys=False))

    build = unclassified.build(strict=False, args=("-q",))

    assert not build.ok
    assert HEADING in build.output and len(problem_lines(build.output)) == 2
    assert "Traceback" not in build.output


def test_without_strict_the_site_is_built_and_each_problem_is_a_warning(unclassified: SiteRepo):
    build = unclassified.build(strict=False)

    assert build.ok, build.output
    warnings = [line for line in problem_lines(build.output) if line.startswith("WARNING")]
    assert len(warnings) == 2 and all("docs/privacy-statement.md" in line and "To fix: " in line for line in warnings)
    assert HEADING not in build.output and "Traceback" not in build.output


def test_a_clean_strict_build_passes_quietly(repo: SiteRepo):
    repo.write_statement("First text.", summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")

    build = repo.build(args=("-q",))

    assert build.ok, build.output
    assert "policypress:" not in build.output


def test_the_preview_keeps_serving_a_site_with_problems_under_strict(unclassified: SiteRepo):
    # -q as well: without it, MkDocs' own strict count stops the preview at the first warning.
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-q", "--strict", "-a", f"127.0.0.1:{port}"],
                              cwd=unclassified.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(PROJECT / "src")})
    try:
        page, deadline = "", time.monotonic() + 30
        while "Changed again." not in page and server.poll() is None and time.monotonic() < deadline:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/privacy-statement/", timeout=5).read().decode()
            except OSError:
                time.sleep(0.3)
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert "Changed again." in page, output
    assert HEADING not in output
