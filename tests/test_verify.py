"""`policypress verify`: what the live site once published must still be built, unchanged."""

import json
import shutil

from sites import STATEMENT, SiteRepo

FIRST, SECOND = "2026-03-02T10:00:00-08:00", "2026-03-05T10:00:00-08:00"


def publish(repo: SiteRepo, tmp_path) -> str:
    """Two versions, built and published; returns the path of the live site's versions.json."""
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit(FIRST)
    repo.write_statement("We collect web logs and cookies.", material=False, summary="Mentions cookies.")
    repo.commit(SECOND)
    build = repo.build(today="2026-03-05")
    assert build.ok, build.output
    published = tmp_path / "live" / "versions.json"
    published.parent.mkdir()
    shutil.copy(build.site / "versions.json", published)
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
    assert "1 published version altered or missing." in result.output
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
