"""The versions/ folder: read as committed for a build, as saved for a preview; every bad file is an error."""

import os
import subprocess
import sys
from datetime import date

import pytest
from sites import PROJECT, SiteRepo
from test_history import git_calls, git_shim

from policypress import imported
from policypress.errors import PolicyError
from policypress.history import History

SLUGS = ("privacy-statement", "ccpa-notice")
IMPORTED_TEXT = "---\ntitle: Privacy Statement\nrevision:\n  material: true\n  summary: First text.\n---\n\nOld.\n"


def folders(repo: SiteRepo, *, committed: bool = True) -> dict[str, imported.VersionsFolder]:
    return imported.read_folders(repo.root, SLUGS, History(repo.root), committed=committed)


def refused(repo: SiteRepo, *, committed: bool = True) -> str:
    with pytest.raises(PolicyError) as raised:
        folders(repo, committed=committed)
    return str(raised.value)


@pytest.fixture
def published(repo: SiteRepo) -> SiteRepo:
    """A statement with an imported version from before Git and a correction, all committed."""
    repo.write_statement("First text.")
    repo.write("versions/privacy-statement/2021-03-15.md", IMPORTED_TEXT)
    repo.write("versions/privacy-statement/2026-01-14.yml", "summary: Clarifies retention.\nmaterial: false\n")
    repo.commit("2026-01-14T10:00:00-08:00")
    return repo


def test_a_build_reads_the_committed_folder(published: SiteRepo):
    statement = folders(published)["privacy-statement"]

    assert statement.texts == (
        imported.FolderText(date(2021, 3, 15), "versions/privacy-statement/2021-03-15.md", IMPORTED_TEXT),
    )
    assert statement.corrections == {
        date(2026, 1, 14): imported.Correction("versions/privacy-statement/2026-01-14.yml", False,
                                               "Clarifies retention."),
    }
    assert folders(published)["ccpa-notice"] == imported.VersionsFolder()  # no folder: nothing to read


def test_uncommitted_edits_and_untracked_files_are_read_only_by_the_preview(published: SiteRepo):
    published.write("versions/privacy-statement/2021-03-15.md", IMPORTED_TEXT.replace("Old.", "Edited, unsaved."))
    published.write("versions/privacy-statement/2026-01-20.yml", "material: true\n")

    built, previewed = folders(published)["privacy-statement"], folders(published, committed=False)["privacy-statement"]

    assert "Old." in built.texts[0].text and list(built.corrections) == [date(2026, 1, 14)]
    assert "Edited, unsaved." in previewed.texts[0].text
    assert list(previewed.corrections) == [date(2026, 1, 14), date(2026, 1, 20)]


def test_an_untracked_bad_file_does_not_stop_a_build_but_stops_the_preview(published: SiteRepo):
    published.write("versions/privacy-statement/notes.txt", "To do.\n")

    assert folders(published)["privacy-statement"].texts
    assert "versions/privacy-statement/notes.txt" in refused(published, committed=False)


def test_a_committed_mistake_says_the_fix_must_be_committed(published: SiteRepo):
    published.write("versions/privacy-statement/2026-01-14.yml", "summray: Typo.\n")
    published.commit("2026-01-15T10:00:00-08:00")
    published.write("versions/privacy-statement/2026-01-14.yml", "summary: Fixed, not committed.\n")

    message = refused(published)

    assert "'summray'" in message and "commit the change" in message


def test_an_empty_repository_has_empty_folders(repo: SiteRepo):
    repo.write("versions/privacy-statement/2021-03-15.md", IMPORTED_TEXT)

    assert folders(repo) == {slug: imported.VersionsFolder() for slug in SLUGS}
    assert folders(repo, committed=False)["privacy-statement"].texts


def test_the_folder_is_read_beside_a_config_below_the_repository_top(tmp_path):
    site = SiteRepo.create(tmp_path / "monorepo" / "privacy")
    (site.root / ".git").rename(tmp_path / "monorepo" / ".git")  # the repository's top is one folder up
    site.write("versions/privacy-statement/2021-03-15.md", IMPORTED_TEXT)
    site.write("../versions/cookies/notes.txt", "Another site's folder, not this one's.\n")
    site.commit("2026-01-14T10:00:00-08:00")

    statement = folders(site)["privacy-statement"]

    assert History(site.root).top == tmp_path / "monorepo"
    assert [text.where for text in statement.texts] == ["versions/privacy-statement/2021-03-15.md"]


def test_a_readme_and_dotfiles_are_not_versions(published: SiteRepo):
    published.write("versions/README.md", "# Pre-Git history\n")
    published.write("versions/README", "See README.md.\n")
    published.write("versions/.gitattributes", "* text\n")
    published.write("versions/ccpa-notice/.gitkeep", "")
    published.commit("2026-01-15T10:00:00-08:00")

    read = folders(published)

    assert read["ccpa-notice"] == imported.VersionsFolder() and len(read["privacy-statement"].texts) == 1


@pytest.mark.parametrize(("name", "problem", "fix"), [
    ("2026-01-14.yaml", "not '.yaml'", "rename the file to 2026-01-14.yml"),
    ("2026-01-14.MD", "lowercase", "rename the file to 2026-01-14.md"),
    ("2026-01-14.YML", "lowercase", "rename the file to 2026-01-14.yml"),
    ("2026-01-14.markdown", "the extension '.markdown'", "use .md for an imported text or .yml for a correction"),
    ("2026-01-14.txt", "the extension '.txt'", "use .md for an imported text or .yml for a correction"),
    ("2026-01-14", "no extension", "use .md for an imported text or .yml for a correction"),
    ("first-version.md", "not a version date", "YYYY-MM-DD.md"),
    ("2026-1-14.md", "not a version date", "YYYY-MM-DD.md"),
    ("2026-02-30.md", "2026-02-30 is not a calendar date", "check the day and the month"),
    ("1066-10-14.md", "not a plausible version date", "check the year"),
])
@pytest.mark.parametrize("committed", [True, False], ids=["build", "preview"])
def test_a_misnamed_file_is_refused(published: SiteRepo, name, problem, fix, committed):
    published.write(f"versions/privacy-statement/{name}", "summary: Something.\n")
    published.commit("2026-01-15T10:00:00-08:00")

    message = refused(published, committed=committed)

    assert message.startswith(f"versions/privacy-statement/{name}: ")
    assert problem in message and "To fix: " in message and fix in message


@pytest.mark.parametrize(("path", "where", "problem", "fix"), [
    ("versions/privacy/2026-01-14.yml", "versions/privacy/", "matches no document's slug (did you mean "
     "'privacy-statement'?)", "versions/privacy-statement/, versions/ccpa-notice/"),
    ("versions/Privacy-Statement/2026-01-14.yml", "versions/Privacy-Statement/", "did you mean 'privacy-statement'",
     "rename it after the slug of its document"),
    ("versions/cookies/2026-01-14.yml", "versions/cookies/", "matches no document's slug.",
     "versions/privacy-statement/, versions/ccpa-notice/"),
    ("versions/2026-01-14.yml", "versions/2026-01-14.yml", "not in a document's folder",
     "move it into the folder of its document: versions/privacy-statement/, versions/ccpa-notice/"),
    ("versions/notes.txt", "versions/notes.txt", "not in a document's folder", "move it into the folder"),
    ("versions/privacy-statement/old/2020-01-01.md", "versions/privacy-statement/old/", "files only, not folders",
     "move its files up into versions/privacy-statement/"),
])
def test_a_file_in_the_wrong_place_is_refused(published: SiteRepo, path, where, problem, fix):
    published.write(path, "summary: Something.\n")
    published.commit("2026-01-15T10:00:00-08:00")

    message = refused(published)

    assert message.startswith(f"{where}: ") and problem in message and fix in message and "To fix" in message


@pytest.mark.parametrize(("text", "problem", "fix"), [
    ("", "this correction is empty", "write the keys it corrects"),
    ("# Nothing yet.\n", "this correction is empty", "or remove the file"),
    ("{}\n", "has no key, so it corrects nothing", "write the keys it corrects"),
    ("- summary: A list.\n", "must be a list of 'key: value' lines", "summary: Clarifies"),
    ("Just a sentence.\n", "must be a list of 'key: value' lines", "material: false"),
    ("summary: One.\nmaterial: false\nsummary: Two.\n", "'summary' appears twice (lines 1 and 3)", "keep one"),
    ("summary: One: two.\n", "not valid YAML (mapping values are not allowed", "quotes"),
    ("sumary: Typo.\n", "'sumary' is not something a correction can change", "'notice_waived'"),
    ("material: maybe\n", "'material' is 'maybe'", "write true or false"),
    ("material:\n", "'material' has no value", "or remove the key"),
    ("summary: [a, b]\n", "'summary' is empty or not text", "one plain sentence"),
    ("summary: '  '\n", "'summary' is empty or not text", "one plain sentence"),
    ("effective: 2027-01-01T00:00:00\n", "a date with a time of day", "write the date alone, as 2027-01-01"),
    ("effective: 2026-02-30\n", "'effective' is a date that does not exist (day is out of range for month)",
     "check the day and the month"),
    ("effective: '2027-01-01'\n", "the text '2027-01-01', not a date", "without quotes (effective: 2027-01-01)."),
    ("effective: next year\n", "'effective' is 'next year', which is not a date", "YYYY-MM-DD"),
    ("effective: 20270101\n", "'effective' is 20270101, which is not a date", "YYYY-MM-DD"),
    ("effective: 1899-01-01\n", "'effective' is 1899-01-01, which cannot be", "check the year"),
    ("effective: 2207-01-01\n", "'effective' is 2207-01-01, which cannot be", "check the year"),
    ("notice_waived: ''\n", "'notice_waived' is empty or not text", "why this version took effect"),
    ("notice_waived: true\n", "'notice_waived' is empty or not text", "or remove the key"),
    ("notice_waived:\n", "'notice_waived' has no value", "or remove the key"),
    ("editorial_reason: ''\n", "'editorial_reason' is empty or not text", "why the change alters no meaning"),
    ("material: true\neditorial_reason: A typo.\n", "'editorial_reason' explains why a change is editorial, but "
     "this correction says 'material: true'", "remove 'editorial_reason'"),
])
def test_a_correction_that_cannot_be_read_is_refused(published: SiteRepo, text, problem, fix):
    published.write("versions/privacy-statement/2026-01-14.yml", text)
    published.commit("2026-01-15T10:00:00-08:00")

    message = refused(published)

    assert message.startswith("versions/privacy-statement/2026-01-14.yml")
    assert problem in message and fix in message and "To fix" in message


def test_a_waived_notice_is_read_as_one_line(published: SiteRepo):
    published.write("versions/privacy-statement/2026-01-14.yml",
                    "material: true\neffective: 2026-01-14\nnotice_waived: >\n  A court order required\n"
                    "  the change at once.\n")
    published.commit("2026-01-15T10:00:00-08:00")

    correction = folders(published)["privacy-statement"].corrections[date(2026, 1, 14)]

    assert correction == imported.Correction("versions/privacy-statement/2026-01-14.yml", True, None,
                                             date(2026, 1, 14), "A court order required the change at once.")


@pytest.mark.parametrize("committed", [True, False], ids=["build", "preview"])
def test_a_file_that_is_not_utf8_is_refused(published: SiteRepo, committed):
    (published.root / "versions/privacy-statement/2020-06-01.md").write_bytes(
        b"---\ntitle: Privacy Statement\n---\n\nLa d\xe9claration.\n")
    published.commit("2026-01-15T10:00:00-08:00")

    message = refused(published, committed=committed)

    assert message.startswith("versions/privacy-statement/2020-06-01.md: this file is not UTF-8 text (line 5")
    assert "To fix: save it as UTF-8" in message


@pytest.mark.parametrize("committed", [True, False], ids=["build", "preview"])
@pytest.mark.parametrize("link", ["versions/privacy-statement/2020-06-01.md", "versions/ccpa-notice"])
def test_a_symbolic_link_is_refused(published: SiteRepo, committed, link):
    published.write("elsewhere/2020-06-01.md", IMPORTED_TEXT)
    target = published.root / link
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(published.root / "elsewhere")
    published.commit("2026-01-15T10:00:00-08:00")

    message = refused(published, committed=committed)

    assert message.startswith(f"{link}: this is a symbolic link, not a file.")
    assert "To fix: versions/ must hold the files themselves" in message


def test_a_correction_error_gives_the_line_of_its_key(published: SiteRepo):
    published.write("versions/privacy-statement/2026-01-14.yml", "summary: Clarifies retention.\nmaterial: maybe\n")
    published.commit("2026-01-15T10:00:00-08:00")

    assert refused(published).startswith("versions/privacy-statement/2026-01-14.yml, line 2: 'material' is 'maybe'.")


READ = """
from pathlib import Path
from policypress import imported
from policypress.history import History
read = imported.read_folders(Path(".").resolve(), ["privacy-statement"], History(Path(".")), committed=True)
print(len(read["privacy-statement"].texts), len(read["privacy-statement"].corrections))
"""


def test_reading_the_committed_folder_starts_only_the_cat_file_process(published: SiteRepo, tmp_path):
    shim, log = git_shim(tmp_path)
    env = {**os.environ, **shim, "PYTHONPATH": str(PROJECT / "src")}

    result = subprocess.run([sys.executable, "-c", READ], cwd=published.root, env=env, capture_output=True,
                            text=True, check=True)

    assert result.stdout.split() == ["1", "1"]
    calls = git_calls(log)
    assert [call.split()[0] for call in calls] == ["cat-file"] and calls[0].startswith("cat-file --batch"), calls



def test_an_editorial_reason_is_read_as_one_line(published: SiteRepo):
    published.write("versions/privacy-statement/2026-01-14.yml", "editorial_reason: >\n  Only a typo\n  fixed.\n")
    published.commit("2026-01-15T10:00:00-08:00")

    correction = folders(published)["privacy-statement"].corrections[date(2026, 1, 14)]

    assert correction.editorial_reason == "Only a typo fixed."
