"""The exact text of every version is published, and anyone can check it with no repository.

A real ``mkdocs build`` writes each version's ``source.md``; ``policypress verify`` run where there
is no mkdocs.yml (or with ``--published-only``) hashes each one against versions.json.
"""

import hashlib
import json
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from sites import SiteRepo

from policypress.cli import main


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """A site with two versions of the Privacy Statement, built once for every test here."""
    repo = SiteRepo.create(tmp_path_factory.mktemp("outsider") / "site-repo")
    repo.write_statement("We collect web logs.  \nAnd nothing else.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")
    repo.write_statement("We collect web logs and cookies — “only” these.", summary="Mentions cookies.")
    repo.commit("2026-03-05T10:00:00-08:00")
    build = repo.build(today="2026-03-05")
    assert build.ok, build.output
    return build.site


def listed_versions(site: Path) -> list[dict]:
    return json.loads((site / "versions.json").read_text("utf-8"))["documents"][0]["versions"]


def outsider(*args: str, config: Path = Path("no-such-dir/mkdocs.yml")):
    """``policypress`` where there is no site repository."""
    return CliRunner().invoke(main, ["--config", str(config), *args], env={"GITHUB_ACTIONS": None})


@pytest.fixture
def copy(published, tmp_path) -> Path:
    """A copy of the published site that a test may tamper with."""
    return Path(shutil.copytree(published, tmp_path / "copy"))


def test_every_version_publishes_its_exact_text_as_a_file_not_a_page(published):
    for version in listed_versions(published):
        number = version["version"]
        source = published / "privacy-statement" / "versions" / number / "source.md"
        assert version["source_url"] == \
            f"https://privacy.test-health.example/privacy-statement/versions/{number}/source.md"
        assert hashlib.sha256(source.read_bytes()).hexdigest() == version["sha256"]
        assert source.read_text("utf-8").startswith("# Privacy Statement")
        assert "<html" not in source.read_text("utf-8")
        assert not (published / "privacy-statement" / "versions" / number / "source").exists()


def test_the_published_text_is_the_normalised_body_kept_byte_for_byte(published):
    text = (published / "privacy-statement" / "versions" / "2026-03-05" / "source.md").read_text("utf-8")

    assert "“only”" in text
    assert "cookies — " in text


def test_an_outsider_verifies_a_published_folder(published):
    result = outsider("verify", "--against", str(published))

    assert result.exit_code == 0, result.output
    assert "No repository (no-such-dir/mkdocs.yml not found)" in result.output
    assert "All 2 published versions are intact." in result.output


def test_published_only_checks_the_files_even_beside_a_repository(published):
    result = outsider("verify", "--published-only", "--against", str(published / "versions.json"),
                      config=published.parent / "mkdocs.yml")

    assert result.exit_code == 0, result.output
    assert "No repository: checking each published text" in result.output


def test_a_tampered_text_fails_naming_the_version_and_both_hashes(copy):
    source = copy / "privacy-statement" / "versions" / "2026-03-02" / "source.md"
    listed = next(v["sha256"] for v in listed_versions(copy) if v["version"] == "2026-03-02")
    source.write_text(source.read_text("utf-8").replace("nothing else", "more"), "utf-8")

    result = outsider("verify", "--against", str(copy))

    assert result.exit_code == 1
    assert (f"version 2026-03-02 of the Privacy Statement is listed with sha256 {listed}, but {source} has "
            f"sha256 {hashlib.sha256(source.read_bytes()).hexdigest()}") in result.output
    assert "1 problem with the published record" in result.output


def test_a_missing_text_fails(copy):
    (copy / "privacy-statement" / "versions" / "2026-03-05" / "source.md").unlink()

    result = outsider("verify", "--against", str(copy))

    assert result.exit_code == 1
    assert "version 2026-03-05 of the Privacy Statement is listed with sha256" in result.output
    assert "its text is missing" in result.output


def test_a_list_without_source_addresses_cannot_be_checked(copy):
    listing = json.loads((copy / "versions.json").read_text("utf-8"))
    del listing["documents"][0]["versions"][0]["source_url"]
    (copy / "versions.json").write_text(json.dumps(listing), "utf-8")

    result = outsider("verify", "--against", str(copy))

    assert result.exit_code == 1
    assert "version 2026-03-05 of the Privacy Statement has no source_url" in result.output


@pytest.fixture
def served(copy):
    """The copy served on 127.0.0.1, as a host would serve it."""
    handler = partial(_QuietHandler, directory=str(copy))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield copy, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.mark.parametrize("address", ["", "versions.json"])
def test_an_outsider_verifies_a_site_by_its_address(served, address):
    _, site = served

    result = outsider("verify", "--against", site + address)

    assert result.exit_code == 0, result.output
    assert "All 2 published versions are intact." in result.output


def test_a_tampered_text_on_a_server_fails(served):
    folder, site = served
    source = folder / "privacy-statement" / "versions" / "2026-03-05" / "source.md"
    source.write_bytes(source.read_bytes() + b"\n")

    result = outsider("verify", "--against", site)

    assert result.exit_code == 1
    assert f"{site}privacy-statement/versions/2026-03-05/source.md has sha256" in result.output
