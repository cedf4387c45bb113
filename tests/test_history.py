"""Reading Git: a fixed number of git processes, however long the history."""

import os
import subprocess
import sys
from pathlib import Path

from sites import PROJECT, SiteRepo

READ_SITE = """
from pathlib import Path
from policypress import configuration, versioning
site = versioning.read_record(configuration.read_config(Path("mkdocs.yml")).settings)
print(len(site.documents[0].versions))
"""


def git_shim(tmp_path: Path) -> tuple[dict, Path]:
    """An environment whose `git` records each start in the returned log, then runs the real one."""
    shim = tmp_path / "shim"
    shim.mkdir(exist_ok=True)
    log = tmp_path / "git-calls.log"
    real_git = subprocess.run(["which", "git"], capture_output=True, text=True).stdout.strip()
    (shim / "git").write_text(f'#!/bin/sh\necho "$*" >> {log}\nexec {real_git} "$@"\n')
    (shim / "git").chmod(0o755)
    log.write_text("")
    return {"PATH": f"{shim}:{os.environ['PATH']}"}, log


def git_calls(log: Path) -> list[str]:
    return [line for line in log.read_text().splitlines() if line != "version"]  # GitPython's probe


def git_processes_to_read(repo: SiteRepo, tmp_path: Path) -> tuple[int, list[str]]:
    """Read the site in a fresh interpreter, counting the git processes it starts."""
    shim, log = git_shim(tmp_path)
    env = {**os.environ, **shim, "PYTHONPATH": str(PROJECT / "src")}
    result = subprocess.run([sys.executable, "-c", READ_SITE], cwd=repo.root, env=env,
                            capture_output=True, text=True, check=True)
    return int(result.stdout), git_calls(log)


def test_git_processes_do_not_grow_with_the_number_of_revisions(repo: SiteRepo, tmp_path):
    repo.write_statement("Version 0.", summary="Version 0.")
    repo.commit("2026-01-01T10:00:00-08:00")
    short_count, short_calls = git_processes_to_read(repo, tmp_path)
    for day in range(2, 31):
        repo.write_statement(f"Version {day}.", summary=f"Version {day}.")
        repo.commit(f"2026-01-{day:02d}T10:00:00-08:00")

    long_count, long_calls = git_processes_to_read(repo, tmp_path)

    assert (short_count, long_count) == (1, 30)
    assert len(long_calls) == len(short_calls) <= 2, long_calls
    assert any(call.startswith("log --first-parent") for call in long_calls)
    assert any(call.startswith("cat-file --batch") for call in long_calls)


def test_a_whole_build_starts_two_git_processes(repo: SiteRepo, tmp_path):
    for day in range(1, 6):
        repo.write_statement(f"Version {day}.", summary=f"Version {day}.")
        repo.commit(f"2026-01-{day:02d}T10:00:00-08:00")
    shim, log = git_shim(tmp_path)

    build = repo.build(env=shim)

    assert build.ok, build.output
    # The log, and one cat-file for the texts and HEAD's date (which dates the sitemap).
    assert [call.split()[0] for call in git_calls(log)] == ["log", "cat-file"], git_calls(log)
