"""The materiality guard: an editorial change inside a section listed as material needs a reason."""

import re

from sites import NOTICE, PROJECT, STATEMENT, SiteRepo

from policypress import views
from policypress.urls import Urls

EXAMPLE_NOTICE = (PROJECT / "docs" / NOTICE).read_text("utf-8")
NOTICE_DOCUMENTS = [
    {"source": STATEMENT, "slug": "privacy-statement", "title": "Privacy Statement"},
    {"source": NOTICE, "slug": "ccpa-notice", "title": "California Notice", "profile": "ccpa"},
]


def statement(collected: str, security: str = "We encrypt every connection.") -> str:
    return f"## Information we collect\n\n{collected}\n\n## Security\n\n{security}"


def first_version(repo: SiteRepo) -> None:
    repo.write_statement(statement("We collect web logs."), summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")


def check(repo: SiteRepo, today: str = "2026-03-10"):
    return repo.policypress("check", today=today)


def test_an_editorial_change_inside_a_default_material_section_fails_naming_version_commit_section_and_fix(
        repo: SiteRepo):
    first_version(repo)
    repo.write_statement(statement("We collect web logs and email addresses."), summary="Clarifies wording.")
    commit = repo.commit("2026-03-05T10:00:00-08:00")

    result = check(repo)

    assert result.exit_code == 1
    assert (f"docs/privacy-statement.md:4: error: version 2026-03-05 (commit {commit[:12]}) of the Privacy Statement "
            "is classified editorial ('material: false'), but it changes the section 'Information we collect' "
            "(#information-we-collect), which says what is collected: a change there is presumed material "
            "(rule material-section).") in result.output
    assert ("To fix: mark the change 'material: true' with a summary saying what changes for the reader (and give "
            "notice with 'effective:'), or if it truly changes no meaning (a typo, a link), add "
            "'editorial_reason: <why>' to the revision block") in result.output


def test_an_editorial_change_outside_the_material_sections_passes(repo: SiteRepo):
    first_version(repo)
    repo.write_statement(statement("We collect web logs.", "We encrypt every connection (HTTPS)."),
                         summary="Clarifies wording.")
    repo.commit("2026-03-05T10:00:00-08:00")

    result = check(repo)

    assert result.exit_code == 0, result.output


def test_a_material_change_inside_a_material_section_passes(repo: SiteRepo):
    first_version(repo)
    repo.write_statement(statement("We collect web logs and email addresses."), material=True,
                         summary="Adds email addresses to what we collect.", effective="2026-04-10")
    repo.commit("2026-03-05T10:00:00-08:00")

    result = check(repo)

    assert result.exit_code == 0, result.output


def test_an_editorial_reason_in_the_revision_block_passes_and_the_archive_shows_it(repo: SiteRepo):
    first_version(repo)
    repo.write_statement(statement("We collect web-server logs."), summary="Corrects a typo.",
                         editorial_reason="Spells web-server logs as the rest of the site does.")
    repo.commit("2026-03-05T10:00:00-08:00")

    result = check(repo)
    record = repo.read(today="2026-03-10")

    assert result.exit_code == 0, result.output
    document = record.documents[0]
    newest = document.versions[-1]
    assert newest.editorial_reason == "Spells web-server logs as the rest of the site does."
    assert views.version_view(document, newest, Urls()).editorial_note == (
        "Editorial, although it edits a section whose changes are usually material: Spells web-server logs as the "
        "rest of the site does.")
    assert views.version_view(document, document.versions[0], Urls()).editorial_note is None


def test_every_published_version_is_checked_and_a_correction_file_gives_the_reason(repo: SiteRepo):
    first_version(repo)
    repo.write_statement(statement("We collect web logs and email addresses."), summary="Clarifies wording.")
    repo.commit("2026-03-05T10:00:00-08:00")
    repo.write_statement(statement("We collect web logs and email addresses.", "We encrypt connections."),
                         summary="Shortens the security section.")
    repo.commit("2026-03-07T10:00:00-08:00")

    flagged = check(repo)
    repo.write("versions/privacy-statement/2026-03-05.yml",
               "editorial_reason: The addresses were collected all along, as the contact form says.\n")
    repo.commit("2026-03-08T10:00:00-08:00")
    corrected = check(repo)

    assert flagged.exit_code == 1
    assert "docs/privacy-statement.md: error: version 2026-03-05 (commit" in flagged.output
    assert "This version is published already, so write either in versions/privacy-statement/2026-03-05.yml " \
        "instead" in flagged.output
    assert "2026-03-07" not in flagged.output
    assert corrected.exit_code == 0, corrected.output
    archived = repo.read(today="2026-03-10").documents[0].versions[1]
    assert archived.editorial_reason == "The addresses were collected all along, as the contact form says."


def test_material_sections_in_the_configuration_replace_the_default_list(repo: SiteRepo):
    repo.configure(documents=[{"source": STATEMENT, "slug": "privacy-statement", "title": "Privacy Statement",
                               "material_sections": ["security", "retention"]}])
    first_version(repo)
    repo.write_statement(statement("We collect web logs and email addresses.", "We encrypt connections."),
                         summary="Clarifies wording.")
    repo.commit("2026-03-05T10:00:00-08:00")

    result = check(repo)

    assert result.exit_code == 1
    assert "changes the section 'Security' (#security), which says a section your configuration lists as " \
        "material" in result.output
    assert "#information-we-collect" not in result.output
    assert re.search(r"mkdocs\.yml:\d+: warning: setting 'material_sections' of the Privacy Statement lists "
                     "'retention', but version 2026-03-05 has no section with that id", result.output)
    assert "lists 'security'" not in result.output


def test_the_ccpa_profile_guards_its_sections(repo: SiteRepo):
    repo.configure(documents=NOTICE_DOCUMENTS)
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.write(f"docs/{NOTICE}", EXAMPLE_NOTICE)
    repo.commit("2026-03-02T10:00:00-08:00")
    head, body = EXAMPLE_NOTICE.split("\n---\n", 1)
    editorial = "---\ntitle: California Notice\nrevision:\n  material: false\n  summary: Rewords the purposes.\n---\n"
    repo.write(f"docs/{NOTICE}", editorial + body.replace("## Purposes of use\n\nWe use",
                                                          "## Purposes of use\n\nWe may use"))
    repo.commit("2026-03-05T10:00:00-08:00")

    result = check(repo)

    assert result.exit_code == 1
    assert "of the California Notice is classified editorial ('material: false'), but it changes the section " \
        "'Purposes of use' (#purposes-of-use), which says how information is used" in result.output


def test_the_archive_and_the_archived_page_show_the_editorial_reason(repo: SiteRepo):
    first_version(repo)
    repo.write_statement(statement("We collect web-server logs."), summary="Corrects a typo.",
                         editorial_reason="Spells <web-server> as the rest of the site does.")
    repo.commit("2026-03-05T10:00:00-08:00")

    build = repo.build(today="2026-03-10")

    assert build.ok, build.output
    shown = ("Editorial, although it edits a section whose changes are usually material: Spells &lt;web-server&gt; "
             "as the rest of the site does.")
    assert shown in build.page("privacy-statement/versions")
    assert shown in build.page("privacy-statement/versions/2026-03-05")
    assert "usually material" not in build.page("privacy-statement/versions/2026-03-02")
