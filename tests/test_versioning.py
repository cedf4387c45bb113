"""The version model, scenario by scenario, on real repositories.

Rules the engine decides are read from its build in this process (``repo.publish``); where only the
published pages can tell (the example site, the archive's and an archived version's templates), a
real ``mkdocs build --strict`` runs.
"""

import shutil
import subprocess

import pytest
from sites import PROJECT, Build, SiteRepo


def numbers(published, slug="privacy-statement"):
    return [v["version"] for v in published.versions(slug)]


def test_a_correction_committed_at_2330_in_los_angeles_is_dated_that_day(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-01-14T23:30:00-08:00")  # already 15 January in UTC

    published = repo.publish()

    assert published.ok, published.output
    assert numbers(published) == ["2026-01-14"]
    version_line = published.page("privacy-statement").view.version
    assert (version_line.number, version_line.landed) == ("2026-01-14", "January 14, 2026")


def test_the_same_commit_is_dated_by_the_organizations_time_zone(tmp_path):
    repo = SiteRepo.create(tmp_path / "berlin", timezone="Europe/Berlin")
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-01-14T23:30:00-08:00")  # 08:30 on the 15th in Berlin

    assert numbers(repo.publish()) == ["2026-01-15"]


def test_several_changes_on_one_day_make_one_version_with_the_days_last_text_and_every_summary(repo: SiteRepo):
    repo.write_statement("Morning text.", summary="First version.")
    repo.commit("2026-02-03T09:00:00-08:00")
    repo.write_statement("Afternoon text.", summary="Afternoon wording.")
    repo.commit("2026-02-03T15:00:00-08:00")
    repo.write_statement("Evening text.", summary="Evening wording.")
    repo.commit("2026-02-03T23:59:00-08:00")

    published = repo.publish()

    assert published.ok, published.output
    assert numbers(published) == ["2026-02-03"]
    assert published.versions()[0]["summary"] == "First version. Afternoon wording. Evening wording."
    assert "Evening text." in published.text("privacy-statement")


def test_commits_either_side_of_the_spring_clock_change_are_dated_by_local_day(repo: SiteRepo):
    # Los Angeles moves from UTC-8 to UTC-7 at 02:00 on 8 March 2026.
    repo.write_statement("Before the change.", summary="First version.")
    repo.commit("2026-03-08T07:30:00+00:00")  # 23:30 PST on 7 March
    repo.write_statement("After the change.", summary="Second version.")
    repo.commit("2026-03-09T06:30:00+00:00")  # 23:30 PDT on 8 March

    assert numbers(repo.publish()) == ["2026-03-08", "2026-03-07"]


def test_a_merge_counts_on_the_day_it_landed_not_the_day_its_branch_was_written(repo: SiteRepo):
    repo.write_statement("First text.", summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.git("checkout", "-q", "-b", "update-cookies")
    repo.write_statement("Text with a cookie section.", summary="Adds a cookie section.")
    branch_commit = repo.commit("2026-02-01T10:00:00-08:00")
    repo.git("checkout", "-q", "main")
    merge = repo.merge("update-cookies", "2026-02-10T16:00:00-08:00")

    published = repo.publish()

    assert published.ok, published.output
    assert numbers(published) == ["2026-02-10", "2026-01-05"]
    assert published.versions()[0]["commit"] == merge != branch_commit


def test_a_renamed_document_keeps_its_history_through_previous_paths(repo: SiteRepo):
    repo.configure(documents=[{"source": "privacy.md", "slug": "privacy-statement",
                               "title": "Privacy Statement", "previous_paths": ["old-privacy.md"]}])
    repo.write_statement("Original text.", summary="First version.", path="old-privacy.md")
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.git("mv", "docs/old-privacy.md", "docs/privacy.md")
    repo.commit("2026-01-06T10:00:00-08:00", "Rename only")
    repo.write_statement("Revised text.", summary="Second version.", path="privacy.md")
    repo.commit("2026-01-07T10:00:00-08:00")
    repo.write("docs/index.md", "# Privacy\n\n[Statement](privacy.md)\n")
    repo.commit("2026-01-07T11:00:00-08:00")

    published = repo.publish()

    assert published.ok, published.output
    assert numbers(published) == ["2026-01-07", "2026-01-05"]
    assert "Original text." in published.text("privacy-statement/versions/2026-01-05")


def test_a_front_matter_only_commit_makes_no_new_version(repo: SiteRepo):
    repo.write_statement("Same text.", summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.write_statement("Same text.", summary="A better summary, but no text change.")
    repo.commit("2026-01-08T10:00:00-08:00")

    assert numbers(repo.publish()) == ["2026-01-05"]


def test_a_whitespace_only_commit_makes_no_new_version(repo: SiteRepo):
    repo.write_statement("Same text.\n\nSecond paragraph.", summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.write_statement("Same text.   \r\n\r\nSecond paragraph.\t\n\n", summary="First version.")
    repo.commit("2026-01-08T10:00:00-08:00")

    assert numbers(repo.publish()) == ["2026-01-05"]


def test_an_unclassified_change_fails_a_strict_build_and_says_how_to_fix_it(repo: SiteRepo):
    repo.write_statement("First text.", summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.write_statement("Changed text.", summary="First version.")  # revision block not updated
    commit = repo.commit("2026-01-09T10:00:00-08:00")

    published = repo.publish()

    assert not published.ok
    assert "docs/privacy-statement.md" in published.output
    assert "2026-01-09" in published.output and commit[:12] in published.output
    assert "not classified" in published.output and "revision.summary" in published.output
    assert published.ok_without_strict and numbers(published) == ["2026-01-09", "2026-01-05"]


def test_imported_versions_come_before_git_versions(repo: SiteRepo):
    repo.write("versions/privacy-statement/2019-05-01.md",
               "---\nrevision:\n  material: true\n  summary: First published version.\n---\n\n# Old\n\nOld text.\n")
    repo.write("versions/privacy-statement/2022-07-15.md",
               "---\nrevision:\n  material: false\n  summary: Wording.\n---\n\n# Old\n\nOld text, reworded.\n")
    repo.write_statement("Text in Git.", summary="Moves the statement to Git.")
    repo.commit("2026-01-05T10:00:00-08:00")

    published = repo.publish()

    assert published.ok, published.output
    assert numbers(published) == ["2026-01-05", "2022-07-15", "2019-05-01"]
    assert [v["source"] for v in published.versions()] == ["git", "imported", "imported"]
    assert published.versions()[2]["commit"] is None
    assert "Old text, reworded." in published.text("privacy-statement/versions/2022-07-15")


def test_an_imported_version_newer_than_git_history_is_an_error_naming_the_file(repo: SiteRepo):
    repo.write("versions/privacy-statement/2026-02-01.md",
               "---\nrevision:\n  material: true\n  summary: Misdated.\n---\n\nText.\n")
    repo.write_statement("Text in Git.", summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")

    published = repo.publish()

    assert not published.ok
    assert "versions/privacy-statement/2026-02-01.md" in published.output
    assert "not older than the first Git revision" in published.output


@pytest.fixture(scope="module")
def corrected(tmp_path_factory) -> Build:
    """Two versions, built: the first one's summary corrected by a later commit."""
    repo = SiteRepo.create(tmp_path_factory.mktemp("corrected") / "site-repo")
    repo.write_statement("First text.", summary="Frist version.")
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.write("versions/privacy-statement/2026-01-05.yml", "summary: First version.\nmaterial: false\n")
    repo.commit("2026-01-06T10:00:00-08:00", "Correct the summary")
    repo.write_statement("Second text.", summary="Second version.")
    repo.commit("2026-02-10T10:00:00-08:00")
    build = repo.build(today="2026-03-01")
    assert build.ok, build.output
    return build


def test_a_correction_file_fixes_a_published_summary_and_the_archive_says_so(corrected: Build):
    first = corrected.versions()[1]

    assert (first["version"], first["summary"], first["material"], first["corrected"]) == \
        ("2026-01-05", "First version.", False, True)
    assert not corrected.versions()[0]["corrected"]
    assert corrected.page("privacy-statement/versions").count("corrected after publication") == 1


def test_a_correction_for_a_date_with_no_version_is_an_error(repo: SiteRepo):
    repo.write_statement("First text.", summary="First version.")
    repo.write("versions/privacy-statement/2026-01-04.yml", "summary: Wrong day.\n")
    repo.commit("2026-01-05T10:00:00-08:00")

    published = repo.publish()

    assert not published.ok
    assert "versions/privacy-statement/2026-01-04.yml" in published.output and "2026-01-05" in published.output


def test_a_shallow_clone_is_refused_with_the_fix(repo: SiteRepo, tmp_path):
    repo.write_statement("First text.", summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.write_statement("Second text.", summary="Second version.")
    repo.commit("2026-01-06T10:00:00-08:00")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True)

    published = SiteRepo(clone).publish()

    assert not published.ok
    assert "shallow clone" in published.output and "git fetch --unshallow" in published.output
    assert "fetch-depth: 0" in published.output


def test_a_folder_that_is_not_a_git_repository_is_refused(repo: SiteRepo, tmp_path):
    repo.write_statement("First text.", summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")
    download = tmp_path / "download"
    shutil.copytree(repo.root, download, ignore=shutil.ignore_patterns(".git"))

    published = SiteRepo(download).publish()

    assert not published.ok
    assert "not a Git repository" in published.output and "dates come from Git" in published.output.replace(
        "every version date comes from Git", "dates come from Git")


def test_malformed_front_matter_names_the_file_commit_and_line(repo: SiteRepo):
    repo.write("docs/privacy-statement.md",
               "---\ntitle: Privacy Statement\nrevision:\n  material: true\n  summary: Oops: a colon\n---\n\nText.\n")
    repo.commit("2026-01-05T10:00:00-08:00")

    published = repo.publish()

    assert not published.ok
    assert "docs/privacy-statement.md (commit" in published.output
    assert "not valid YAML" in published.output and "line 5" in published.output
    assert "in quotes" in published.output


def test_a_missing_or_unknown_revision_key_is_named(repo: SiteRepo):
    repo.write("docs/privacy-statement.md", "---\nrevision:\n  material: true\n  sumary: Typo.\n---\n\nText.\n")
    repo.commit("2026-01-05T10:00:00-08:00")

    published = repo.publish()

    assert not published.ok
    assert "'revision.sumary' is not a key policypress knows" in published.output
    assert "line 4" in published.output


def test_a_malformed_effective_date_is_named(repo: SiteRepo):
    repo.write_statement("Text.", summary="First version.", effective="2026-13-01")
    repo.commit("2026-01-05T10:00:00-08:00")

    published = repo.publish()

    assert not published.ok
    assert "revision.effective" in published.output and "YYYY-MM-DD" in published.output


def test_an_effective_date_before_the_version_date_is_an_error(repo: SiteRepo):
    repo.write_statement("Text.", summary="First version.", effective="2026-01-01")
    repo.commit("2026-01-05T10:00:00-08:00")

    published = repo.publish()

    assert not published.ok
    assert "the effective date 2026-01-01 is before the day this version landed (2026-01-05)" in published.output


def test_a_published_effective_date_mistake_is_put_right_by_a_correction_file(repo: SiteRepo):
    repo.write_statement("Text.", summary="First version.", effective="2026-01-01")
    repo.commit("2026-01-05T10:00:00-08:00")
    assert "versions/privacy-statement/2026-01-05.yml" in repo.publish().output  # the error offers the fix

    repo.write("versions/privacy-statement/2026-01-05.yml", "effective: 2026-01-05\n")
    repo.commit("2026-01-06T10:00:00-08:00", "Correct the effective date")
    published = repo.publish()

    assert published.ok, published.output
    assert (published.versions()[0]["effective"], published.versions()[0]["corrected"]) == ("2026-01-05", True)


def test_a_commit_dated_in_the_future_is_an_error(repo: SiteRepo):
    repo.write_statement("Text.", summary="First version.")
    repo.commit("2099-01-05T10:00:00-08:00")

    published = repo.publish()

    assert not published.ok
    assert "in the future" in published.output and "clock" in published.output


def test_bad_settings_name_the_key(repo: SiteRepo):
    repo.write_statement("Text.", summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")

    repo.configure(timezone="America/Los Angeles")
    wrong_zone = repo.publish()
    repo.configure(documents=[{"source": "missing.md", "slug": "privacy-statement", "title": "Privacy"}])
    missing_document = repo.publish()

    assert "extra.policypress.timezone" in wrong_zone.output and "IANA" in wrong_zone.output
    assert "extra.policypress.documents[0].source" in missing_document.output
    assert "'missing.md'" in missing_document.output


def test_uncommitted_edits_are_not_published_by_a_build(repo: SiteRepo):
    repo.write_statement("Committed text.", summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.write_statement("Work in progress.", summary="Draft.")

    published = repo.publish()

    assert published.ok, published.output
    assert "Committed text." in published.text("privacy-statement")
    assert "Work in progress." not in published.text("privacy-statement")


def test_the_example_site_publishes_every_contract_url(tmp_path):
    site = tmp_path / "site"
    result = subprocess.run(["mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=PROJECT,
                            capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": _path()})
    assert result.returncode == 0, result.stderr

    import json
    listing = json.loads((site / "versions.json").read_text())
    statement = next(d for d in listing["documents"] if d["slug"] == "privacy-statement")
    assert len(statement["versions"]) >= 4
    for document in listing["documents"]:
        slug = document["slug"]
        archive = (site / slug / "versions" / "index.html").read_text()
        assert (site / slug / "index.html").exists()
        for version in document["versions"]:
            number = version["version"]
            assert (site / slug / "versions" / number / "index.html").exists()
            assert f'href="/{slug}/versions/{number}/"' in archive
            assert len(version["sha256"]) == 64 and version["source"] in ("git", "imported")
        # The version in force is the newest one, unless the newest is still upcoming.
        in_force = 1 if document["upcoming"] else 0
        assert document["current"] == document["versions"][in_force]["version"]

    # Archived copies stay out of search, so search finds the text in force.
    search = json.loads((site / "search" / "search_index.json").read_text())
    locations = {entry["location"] for entry in search["docs"]}
    assert any(location.startswith("privacy-statement/") for location in locations)
    assert not any("/versions/" in location for location in locations)
    # Headings keep ids that can be cited.
    assert 'id="web-server-logs"' in (site / "privacy-statement" / "index.html").read_text()


def test_an_archived_version_says_when_it_applied_and_links_to_the_current_one(corrected: Build):
    archived = corrected.page("privacy-statement/versions/2026-01-05")
    assert "Archived version" in archived
    assert "This version applied from January 5, 2026 until February 10, 2026." in archived
    assert 'href="/privacy-statement/">Read the current version' in archived
    current = corrected.page("privacy-statement/versions/2026-02-10")
    assert "is the version in force" in current


def _path():
    import os
    return os.environ["PATH"]
