"""`policypress verify`: what the live site once published must still be built, unchanged."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sites import STATEMENT, SiteRepo

FIRST, SECOND = "2026-03-02T10:00:00-08:00", "2026-03-05T10:00:00-08:00"
LATE_FIRST = "2026-03-02T16:00:00-08:00"
"""Still 2 March in Los Angeles, already 01:00 on 3 March in Berlin."""


def publish(repo: SiteRepo, tmp_path, first: str = FIRST) -> str:
    """Two versions, built and published; returns the path of the live site's versions.json."""
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit(first)
    repo.write_statement("We collect web logs and cookies.", material=False, summary="Mentions cookies.")
    repo.commit(SECOND)
    built = repo.publish(today="2026-03-05")
    assert built.ok, built.output
    published = tmp_path / "live" / "versions.json"
    published.parent.mkdir()
    published.write_text(built.file("versions.json"), "utf-8")
    return str(published)


def published_hash(path: str, version: str) -> str:
    versions = json.loads(open(path).read())["documents"][0]["versions"]
    return next(v["sha256"] for v in versions if v["version"] == version)


def test_an_untouched_history_verifies(repo: SiteRepo, tmp_path):
    published = publish(repo, tmp_path)

    result = repo.policypress("verify", "--against", published)

    assert result.exit_code == 0, result.output
    assert "All 2 published versions are intact." in result.output


def test_a_new_version_after_publication_verifies(repo: SiteRepo, tmp_path):
    published = publish(repo, tmp_path)
    repo.write_statement("We collect web logs, cookies and messages.", material=False, summary="Messages.")
    repo.commit("2026-03-09T10:00:00-08:00")

    assert repo.policypress("verify", "--against", published).exit_code == 0


def test_a_published_version_whose_text_was_rewritten_fails_naming_both_hashes(repo: SiteRepo, tmp_path):
    published = publish(repo, tmp_path)
    # Rewrite history: amend the first version's text and replay the second commit with its old dates.
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.write_statement("We collect nothing at all.", summary="First version.")
    repo.git("add", "-A")
    repo.git("commit", "-q", "--amend", "--no-edit", env={"GIT_COMMITTER_DATE": FIRST, "GIT_AUTHOR_DATE": FIRST})
    repo.write_statement("We collect web logs and cookies.", material=False, summary="Mentions cookies.")
    repo.commit(SECOND)

    result = repo.policypress("verify", "--against", published)
    rewritten = repo.policypress("versions")

    assert result.exit_code == 1
    old = published_hash(published, "2026-03-02")
    assert f"docs/{STATEMENT}: error: version 2026-03-02 of the Privacy Statement was published with sha256 {old}, " \
        "but this build gives sha256 " in result.output
    assert "Published text must never change." in result.output
    assert "1 problem with the published record" in result.output
    assert "2026-03-02" in rewritten.output  # the version still exists, with other text


def test_a_published_version_squashed_away_fails_as_missing(repo: SiteRepo, tmp_path):
    published = publish(repo, tmp_path)
    # Squash both commits into one dated on the second day: the first version disappears.
    repo.git("reset", "-q", "--soft", "HEAD~1")
    repo.git("commit", "-q", "--amend", "--no-edit", env={"GIT_COMMITTER_DATE": SECOND, "GIT_AUTHOR_DATE": SECOND})

    result = repo.policypress("verify", "--against", published)

    assert result.exit_code == 1
    assert f"version 2026-03-02 of the Privacy Statement was published with sha256 " \
        f"{published_hash(published, '2026-03-02')}, but this build gives sha256 none: the version is missing." \
        in result.output
    assert "2026-03-05" not in result.output.split("To fix")[0]


def test_a_site_never_published_fails_unless_its_first_deployment_is_allowed(repo: SiteRepo, tmp_path):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit(FIRST)
    nowhere = str(tmp_path / "live" / "versions.json")

    refused = repo.policypress("verify", "--against", nowhere)
    allowed = repo.policypress("verify", "--missing-ok", "--against", nowhere)

    assert refused.exit_code == 1
    assert "nothing is published at" in refused.output
    assert allowed.exit_code == 0
    assert "nothing to verify" in allowed.output


def test_a_file_that_is_not_a_version_list_is_refused(repo: SiteRepo, tmp_path):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit(FIRST)
    page = tmp_path / "index.html"
    page.write_text("<html></html>")

    result = repo.policypress("verify", "--against", str(page))

    assert result.exit_code == 1
    assert "cannot read the published version list: it is not JSON" in result.output


def rewrite_first_version(repo: SiteRepo, **revision) -> None:
    """Force-push history in which the first commit keeps its text and dates but says other things about itself."""
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.write_statement("We collect web logs.", **{"summary": "First version.", **revision})
    repo.git("add", "-A")
    repo.git("commit", "-q", "--amend", "--no-edit", env={"GIT_COMMITTER_DATE": FIRST, "GIT_AUTHOR_DATE": FIRST})
    repo.write_statement("We collect web logs and cookies.", material=False, summary="Mentions cookies.")
    repo.commit(SECOND)


def published_commit(path: str, version: str) -> str:
    versions = json.loads(open(path).read())["documents"][0]["versions"]
    return next(v["commit"] for v in versions if v["version"] == version)


@pytest.mark.parametrize("revision, said", [
    ({"material": True}, "was published as editorial (false) but this build says material (true)"),
    ({"summary": "The first version."},
     'was published with the summary "First version." but this build says "The first version."'),
    ({"effective": "2026-03-04"}, "was published as taking effect on 2026-03-02 but this build says 2026-03-04"),
], ids=["material", "summary", "effective"])
def test_a_published_description_rewritten_in_history_fails_without_a_correction_file(
        repo: SiteRepo, tmp_path, revision, said):
    published = publish(repo, tmp_path)
    rewrite_first_version(repo, **revision)

    result = repo.policypress("verify", "--against", published)

    assert result.exit_code == 1, result.output
    assert f"docs/{STATEMENT}: error: version 2026-03-02 of the Privacy Statement {said}, " \
        "and no correction file explains it." in result.output
    key = next(iter(revision))
    assert f"add versions/privacy-statement/2026-03-02.yml with '{key}: " in result.output
    assert "1 problem with the published record" in result.output


def test_a_published_description_changed_by_a_correction_file_verifies(repo: SiteRepo, tmp_path):
    published = publish(repo, tmp_path)
    rewrite_first_version(repo, material=True)
    repo.write("versions/privacy-statement/2026-03-02.yml",
               "# The first version set out new practices.\nmaterial: true\n")
    repo.commit("2026-03-06T10:00:00-08:00", "Correct the classification of 2026-03-02")

    result = repo.policypress("verify", "--against", published)

    assert result.exit_code == 0, result.output
    assert "All 2 published versions are intact." in result.output


def test_a_version_inserted_between_published_ones_by_a_force_push_fails(repo: SiteRepo, tmp_path):
    published = publish(repo, tmp_path)
    # Rewrite history: slip a change in on 3 March, then replay the second version unchanged.
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.write_statement("We collect web logs and addresses.", material=False, summary="Addresses.")
    inserted = repo.commit("2026-03-03T10:00:00-08:00")
    repo.write_statement("We collect web logs and cookies.", material=False, summary="Mentions cookies.")
    repo.commit(SECOND)

    result = repo.policypress("verify", "--against", published)

    assert result.exit_code == 1, result.output
    assert f"docs/{STATEMENT}: error: version 2026-03-03 of the Privacy Statement (commit {inserted}) was never " \
        "published, yet it is dated before 2026-03-05, the newest published version: it was inserted into the " \
        "published history." in result.output
    assert "git merge --no-ff" in result.output
    assert "1 problem with the published record" in result.output


def test_a_time_zone_change_that_moves_a_published_version_fails_naming_the_cause(repo: SiteRepo, tmp_path):
    published = publish(repo, tmp_path, first=LATE_FIRST)
    repo.configure(timezone="Europe/Berlin")

    result = repo.policypress("verify", "--against", published)

    assert result.exit_code == 1, result.output
    assert f"mkdocs.yml: error: version 2026-03-02 of the Privacy Statement was published from commit " \
        f"{published_commit(published, '2026-03-02')}, which this build dates 2026-03-03: the time zone changed " \
        "from America/Los_Angeles to Europe/Berlin." in result.output
    assert "To fix: set extra.policypress.timezone back to America/Los_Angeles in mkdocs.yml" in result.output
    assert "missing" not in result.output and "inserted" not in result.output  # one finding per moved version
    assert "1 problem with the published record" in result.output


def test_a_moved_version_fails_even_when_the_published_list_does_not_record_its_time_zone(repo: SiteRepo, tmp_path):
    published = publish(repo, tmp_path, first=LATE_FIRST)
    listing = json.loads(open(published).read())
    del listing["timezone"]
    open(published, "w").write(json.dumps(listing))
    repo.configure(timezone="Europe/Berlin")

    result = repo.policypress("verify", "--against", published)

    assert result.exit_code == 1, result.output
    assert f"docs/{STATEMENT}: error: version 2026-03-02 of the Privacy Statement was published from commit " \
        f"{published_commit(published, '2026-03-02')}, which this build dates 2026-03-03. A published version " \
        "keeps its date for ever." in result.output
    assert "if extra.policypress.timezone in mkdocs.yml changed since it was published, set it back" in result.output


def test_a_version_list_from_before_time_zones_were_recorded_still_verifies(repo: SiteRepo, tmp_path):
    published = publish(repo, tmp_path)
    listing = json.loads(open(published).read())
    del listing["timezone"]
    for version in listing["documents"][0]["versions"]:
        version.pop("effective_to", None)
        del version["corrected"]
    open(published, "w").write(json.dumps(listing))

    result = repo.policypress("verify", "--against", published)

    assert result.exit_code == 0, result.output


def test_a_published_document_the_site_no_longer_has_fails(repo: SiteRepo, tmp_path):
    published = publish(repo, tmp_path)
    repo.configure(documents=[{"source": STATEMENT, "slug": "privacy", "title": "Privacy Statement"}])

    result = repo.policypress("verify", "--against", published)

    assert result.exit_code == 1, result.output
    assert "mkdocs.yml: error: the Privacy Statement was published (slug 'privacy-statement', 2 versions), but " \
        "this site no longer has a document with that slug" in result.output
    assert "with 'slug: privacy-statement'" in result.output


GOOD_VERSION = {"version": "2026-03-02", "sha256": "0" * 64}


@pytest.mark.parametrize("content, says", [
    ('{"documents": [42]}', "documents[0] is 42, not a document entry"),
    (json.dumps({"documents": [{"versions": [GOOD_VERSION]}]}), "documents[0] has no 'slug'"),
    (json.dumps({"documents": [{"slug": "privacy-statement"}]}), "documents[0] has no 'versions'"),
    (json.dumps({"documents": [{"slug": "privacy-statement", "versions": "2026-03-02"}]}),
     'documents[0].versions is "2026-03-02", not a list of at least one version'),
    (json.dumps({"documents": [{"slug": "privacy-statement", "versions": [{"sha256": "0" * 64}]}]}),
     "documents[0].versions[0] has no 'version'"),
    (json.dumps({"documents": [{"slug": "privacy-statement", "versions": [{**GOOD_VERSION, "version": 20260302}]}]}),
     "documents[0].versions[0].version is 20260302, not a version date (YYYY-MM-DD)"),
    (json.dumps({"documents": [{"slug": "privacy-statement",
                                "versions": [GOOD_VERSION, GOOD_VERSION, GOOD_VERSION, {**GOOD_VERSION,
                                                                                        "sha256": "abc"}]}]}),
     'documents[0].versions[3].sha256 is "abc", not a sha256 (64 hexadecimal digits)'),
    ('{"documents": []}', "'documents' is empty"),
    ("{not json", "cannot read the published version list: it is not JSON"),
    ("<!doctype html><title>Not found</title>", "it is not JSON but an HTML page"),
], ids=["not-an-entry", "no-slug", "no-versions", "versions-not-a-list", "no-version", "version-not-a-date",
        "bad-sha256", "no-documents", "not-json", "html"])
def test_a_malformed_version_list_is_an_error_naming_the_entry(repo: SiteRepo, tmp_path, content, says):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit(FIRST)
    published = tmp_path / "versions.json"
    published.write_text(content)

    result = repo.policypress("verify", "--against", str(published))

    assert result.exit_code == 1
    assert f"Error: {published}: " in result.output
    assert says in result.output
    assert "To fix:" in result.output
    assert "Traceback" not in result.output


def test_an_html_page_served_for_the_version_list_is_refused(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit(FIRST)

    class FallbackPage(BaseHTTPRequestHandler):
        """A host that answers every address, versions.json too, with its home page."""

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"\n<!DOCTYPE html><html><body>Welcome</body></html>")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), FallbackPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/versions.json"
    try:
        result = repo.policypress("verify", "--against", url)
    finally:
        server.shutdown()
        server.server_close()

    assert result.exit_code == 1
    assert f"Error: {url}: cannot read the published version list: it is not JSON but an HTML page" in result.output
    assert "Traceback" not in result.output
