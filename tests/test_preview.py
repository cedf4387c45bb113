"""Local preview under `mkdocs serve`: uncommitted edits show as an unpublished draft."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from sites import SiteRepo


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def serve(repo: SiteRepo):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=repo.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICYPRESS_TODAY": "2026-12-01"},
    )

    def fetch(path: str, contains: str, timeout: float = 20) -> str:
        # The server rebuilds after a change; poll until the expected text is served.
        deadline, page = time.monotonic() + timeout, ""
        while time.monotonic() < deadline:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5).read().decode()
                if contains in page:
                    return page
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"{contains!r} never appeared at {path}")

    yield fetch
    process.terminate()
    process.wait(timeout=10)


def test_uncommitted_edits_preview_as_a_draft_and_commits_make_a_dated_version(repo: SiteRepo, serve):
    repo.write_statement("Published text.", summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.write_statement("Edited but not committed.", summary="Clarifies logs.")

    draft = serve("/privacy-statement/", "Edited but not committed.")
    assert "Unpublished draft" in draft
    assert "Version <strong>" not in draft  # a draft never gets a made-up date

    repo.commit("2026-01-06T10:00:00-08:00")
    published = serve("/privacy-statement/", "Version <strong>2026-01-06</strong>")
    assert "Unpublished draft" not in published and "Edited but not committed." in published


def test_while_a_change_is_pending_uncommitted_edits_show_on_the_upcoming_page_with_their_redline(
        repo: SiteRepo, serve):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-09-01T10:00:00-07:00")
    repo.write_statement("We collect web logs and share them with auditors.", material=True,
                         summary="Adds sharing with auditors.", effective="2027-01-01")
    repo.commit("2026-11-29T10:00:00-08:00")
    repo.write_statement("We collect web logs and share them with our auditors.", summary="Says whose auditors.")

    upcoming = serve("/privacy-statement/upcoming/", "share them with our auditors")
    current = serve("/privacy-statement/", "We collect web logs.")
    redline = serve("/privacy-statement/versions/draft/changes/", "Uncommitted edits")

    assert "Unpublished draft" in upcoming and "would take effect on January 1, 2027" in upcoming
    assert "our auditors" not in current and "Unpublished draft" not in current
    assert "<ins" in redline and "our" in redline and "unpublished draft" in redline
