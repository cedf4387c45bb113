"""Site settings in mkdocs.yml: every mistake an editor can make is refused, naming the key and the fix."""

from pathlib import Path

import pytest
from sites import SITE_URL, STATEMENT, SiteRepo

from policypress import settings
from policypress.errors import PolicyError

STATEMENT_DOCUMENT = {"source": STATEMENT, "slug": "privacy-statement", "title": "Privacy Statement"}
RELATIVE = "To fix: give the path relative to the docs folder, e.g. privacy-statement.md."


def load(tmp_path: Path, *, documents: list | None = None, files: tuple[str, ...] = (STATEMENT,),
         site_url: object = SITE_URL, **block) -> settings.Settings:
    """Settings read from a policypress block, with ``files`` written into a fresh docs/ folder."""
    docs = tmp_path / "docs"
    for name in files:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# A page\n")
    raw = {"timezone": "America/Los_Angeles", "documents": documents or [STATEMENT_DOCUMENT], **block}
    return settings.load(raw, config_file=tmp_path / "mkdocs.yml", docs_dir=docs, site_url=site_url)


def refused(tmp_path: Path, **arguments) -> str:
    """The message a legal editor reads when ``load`` refuses the settings."""
    with pytest.raises(PolicyError) as caught:
        load(tmp_path, **arguments)
    message = str(caught.value)
    assert message.startswith("mkdocs.yml: setting '")
    assert "To fix: " in message
    assert "Traceback" not in message
    return message


def three_documents(first: dict, third: dict) -> list[dict]:
    return [
        {"source": STATEMENT, "slug": "privacy-statement", "title": "Privacy Statement", **first},
        {"source": "ccpa-notice.md", "slug": "ccpa-notice", "title": "California Notice"},
        {"source": "cookies.md", "slug": "cookies", "title": "Cookie Notice", **third},
    ]


# -- timezone ------------------------------------------------------------------------------------


def test_a_timezone_of_localtime_is_refused_with_an_iana_example(tmp_path):
    message = refused(tmp_path, timezone="localtime")

    assert "setting 'extra.policypress.timezone' is 'localtime'" in message
    assert "whichever computer builds the site" in message
    assert "To fix: use the IANA name of the organization's time zone, e.g. America/Los_Angeles" in message


@pytest.mark.parametrize("zone", ["UTC+2", "", "/usr/share/zoneinfo/Europe/Berlin", "posixrules", "Factory",
                                  "America/Los Angeles", "Europe/Atlantis", "../zoneinfo/UTC", 5, None])
def test_a_timezone_that_is_not_an_iana_name_is_refused(tmp_path, zone):
    message = refused(tmp_path, timezone=zone)

    assert "setting 'extra.policypress.timezone' is " in message
    assert "e.g. America/Los_Angeles" in message


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin", "America/Los_Angeles", "Etc/GMT-2"])
def test_an_iana_timezone_name_is_accepted(tmp_path, zone):
    assert load(tmp_path, timezone=zone).timezone.key == zone


# -- days ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["banner_days", "notice_period_days"])
@pytest.mark.parametrize("days", [-1, 367, 100000, 30.5, True, "30", None])
def test_a_number_of_days_outside_0_to_366_is_refused_with_the_range(tmp_path, key, days):
    message = refused(tmp_path, **{key: days})

    assert f"setting 'extra.policypress.{key}' is {days!r}, but it must be a whole number of days from 0 to 366" \
        in message
    assert "To fix: use a whole number from 0 to 366, e.g. 30." in message


@pytest.mark.parametrize("days", [0, 366])
def test_no_banner_and_a_years_notice_are_both_allowed(tmp_path, days):
    loaded = load(tmp_path, banner_days=days, notice_period_days=days)

    assert (loaded.banner_days, loaded.notice_period_days) == (days, days)


# -- paths ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("source, problem, fix", [
    ("/srv/site/docs/privacy-statement.md", "'/srv/site/docs/privacy-statement.md', an absolute path", RELATIVE),
    ("C:/site/docs/privacy-statement.md", "'C:/site/docs/privacy-statement.md', an absolute path", RELATIVE),
    ("../privacy-statement.md", "'../privacy-statement.md', which leads outside the docs folder", RELATIVE),
    ("legal/../../privacy-statement.md", "'legal/../../privacy-statement.md', which leads outside the docs folder",
     RELATIVE),
    ("legal\\privacy-statement.md", "'legal\\privacy-statement.md', which has a backslash",
     "To fix: write / between folders: 'legal/privacy-statement.md'."),
    ("privacy-statement.html", "'privacy-statement.html', which is not a Markdown file (.md)", RELATIVE),
    ("", "'', which is not a path", RELATIVE),
    (7, "7, which is not a path", RELATIVE),
    (None, "missing", RELATIVE),
])
def test_a_source_outside_the_docs_folder_or_not_markdown_is_refused(tmp_path, source, problem, fix):
    document = {**STATEMENT_DOCUMENT, "source": source} if source is not None else {"title": "Privacy Statement"}

    message = refused(tmp_path, documents=[document])

    assert f"setting 'extra.policypress.documents[0].source' is {problem}" in message
    assert fix in message


def test_a_source_written_with_a_leading_dot_folder_is_read_as_the_plain_path(tmp_path):
    loaded = load(tmp_path, documents=[{**STATEMENT_DOCUMENT, "source": "./privacy-statement.md"}])

    assert loaded.documents[0].source == STATEMENT


@pytest.mark.parametrize("previous, problem, fix", [
    (5, "5, which is not a path", RELATIVE),
    ("/old/privacy.md", "'/old/privacy.md', an absolute path", RELATIVE),
    ("../privacy.md", "'../privacy.md', which leads outside the docs folder", RELATIVE),
    ("old\\privacy.md", "'old\\privacy.md', which has a backslash",
     "To fix: write / between folders: 'old/privacy.md'."),
    ("privacy.html", "'privacy.html', which is not a Markdown file (.md)", RELATIVE),
])
def test_a_previous_path_must_be_a_markdown_path_inside_the_docs_folder(tmp_path, previous, problem, fix):
    message = refused(tmp_path, documents=[{**STATEMENT_DOCUMENT, "previous_paths": ["privacy.md", previous]}])

    assert f"setting 'extra.policypress.documents[0].previous_paths[1]' is {problem}" in message
    assert fix in message


def test_a_previous_path_that_is_the_documents_own_source_is_refused(tmp_path):
    message = refused(tmp_path, documents=[{**STATEMENT_DOCUMENT, "previous_paths": ["privacy.md", STATEMENT]}])

    assert "setting 'extra.policypress.documents[0].previous_paths[1]' is 'privacy-statement.md', " \
        "the document's own source" in message
    assert "To fix: list only the paths the document had before it was renamed" in message


# -- one file, one document -------------------------------------------------------------------------


@pytest.mark.parametrize("first, third, key, declared_by", [
    ({}, {"source": STATEMENT}, "documents[2].source", "documents[0].source"),
    ({"previous_paths": ["cookies.md"]}, {}, "documents[2].source", "documents[0].previous_paths[0]"),
    ({"previous_paths": ["privacy.md"]}, {"previous_paths": ["privacy.md"]}, "documents[2].previous_paths[0]",
     "documents[0].previous_paths[0]"),
])
def test_a_file_declared_by_two_documents_is_refused_naming_both(tmp_path, first, third, key, declared_by):
    message = refused(tmp_path, documents=three_documents(first, third),
                      files=(STATEMENT, "ccpa-notice.md", "cookies.md"))

    assert f"setting 'extra.policypress.{key}' is " in message
    assert f"which {declared_by} already declares" in message
    assert "To fix: give each file to one document only" in message


def test_a_slug_used_by_two_documents_is_refused_naming_both(tmp_path):
    message = refused(tmp_path, documents=three_documents({}, {"slug": "privacy-statement"}),
                      files=(STATEMENT, "ccpa-notice.md", "cookies.md"))

    assert "setting 'extra.policypress.documents[2].slug' is 'privacy-statement', " \
        "which documents[0].slug already uses" in message


# -- addresses -------------------------------------------------------------------------------------


@pytest.mark.parametrize("page, address", [
    ("privacy.md", "/privacy/"),
    ("privacy/index.md", "/privacy/"),
    ("privacy/faq.md", "/privacy/faq/"),
    ("privacy/versions/2020-01-01.md", "/privacy/versions/2020-01-01/"),
    ("privacy/logo.png", "/privacy/logo.png"),
])
def test_a_slug_whose_addresses_an_ordinary_page_already_has_is_refused(tmp_path, page, address):
    message = refused(tmp_path, documents=[{**STATEMENT_DOCUMENT, "slug": "privacy"}], files=(STATEMENT, page))

    assert f"setting 'extra.policypress.documents[0].slug' is 'privacy', but docs/{page} is " in message
    assert f"published at {address}, among the addresses of the Privacy Statement" in message
    assert f"To fix: rename or move docs/{page}, or choose another slug for the document." in message


def test_a_document_published_at_its_own_sources_address_is_fine(tmp_path):
    documents = [{**STATEMENT_DOCUMENT, "previous_paths": ["privacy-statement/old.md"]},
                 {"source": "notices/ccpa/index.md", "slug": "notices", "title": "California Notice"}]

    loaded = load(tmp_path, documents=documents,
                  files=(STATEMENT, "privacy-statement/old.md", "notices/ccpa/index.md", "index.md", ".privacy/x.md"))

    assert [spec.slug for spec in loaded.documents] == ["privacy-statement", "notices"]


@pytest.mark.parametrize("slug", ["assets", "search", "stylesheets", "javascripts", "404"])
def test_a_slug_the_site_uses_for_its_own_files_is_refused(tmp_path, slug):
    message = refused(tmp_path, documents=[{**STATEMENT_DOCUMENT, "slug": slug}])

    assert f"setting 'extra.policypress.documents[0].slug' is '{slug}', an address the site already uses " \
        "for its own files" in message
    assert "To fix: choose another slug, e.g. privacy-statement" in message


# -- site_url --------------------------------------------------------------------------------------


@pytest.mark.parametrize("site_url", [None, "", "  "])
def test_a_missing_site_url_is_refused_with_an_example_address(tmp_path, site_url):
    message = refused(tmp_path, site_url=site_url)

    assert message == (
        "mkdocs.yml: setting 'site_url' is missing; feeds and versions.json need the site's permanent address. "
        "To fix: set site_url to the address where the site is published, e.g. https://privacy.example.org/."
    )


@pytest.mark.parametrize("site_url", ["privacy.example.org", "ftp://privacy.example.org/", "https://",
                                      "file:///srv/site/", "https://[privacy.example.org/", 42])
def test_a_site_url_that_is_not_a_web_address_is_refused(tmp_path, site_url):
    message = refused(tmp_path, site_url=site_url)

    assert f"setting 'site_url' is {site_url!r}, which is not a web address (https:// and a host name)" in message
    assert "e.g. https://privacy.example.org/" in message


def test_the_site_url_is_kept_in_the_settings(tmp_path):
    assert load(tmp_path, site_url="http://privacy.example.org/legal/").site_url == \
        "http://privacy.example.org/legal/"


def test_the_policypress_command_refuses_a_site_without_a_site_url(tmp_path):
    repo = SiteRepo.create(tmp_path / "site-repo", site_url="")
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")

    result = repo.policypress("check", today="2026-03-02")

    assert result.exit_code == 1
    assert "mkdocs.yml: error: setting 'site_url' is missing" in result.output
    assert "To fix: set site_url to the address where the site is published" in result.output


def test_a_build_without_a_site_url_fails_with_the_message_and_no_traceback(tmp_path):
    repo = SiteRepo.create(tmp_path / "site-repo", site_url="")
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-03-02T10:00:00-08:00")

    build = repo.build()

    assert not build.ok
    assert "mkdocs.yml: setting 'site_url' is missing" in build.output
    assert "To fix: set site_url to the address where the site is published, e.g. https://privacy.example.org/." \
        in build.output
    assert "Traceback" not in build.output


# -- material_sections and archive_noindex ------------------------------------------------------


@pytest.mark.parametrize("sections, key, problem", [
    ("retention", "documents[0].material_sections", "is 'retention', but it must be a list of heading ids"),
    (["retention", "#rights"], "documents[0].material_sections[1]", "is '#rights', which is not a heading id"),
    ([3], "documents[0].material_sections[0]", "is 3, which is not a heading id"),
])
def test_material_sections_must_list_heading_ids(tmp_path, sections, key, problem):
    message = refused(tmp_path, documents=[{**STATEMENT_DOCUMENT, "material_sections": sections}])

    assert f"setting 'extra.policypress.{key}' {problem}" in message


def test_material_sections_are_kept_once_each_in_their_order(tmp_path):
    loaded = load(tmp_path, documents=[{**STATEMENT_DOCUMENT, "material_sections": ["rights", "retention", "rights"]}])

    assert loaded.documents[0].material_sections == ("rights", "retention")
    assert load(tmp_path).documents[0].material_sections is None


def test_archive_noindex_is_true_or_false(tmp_path):
    assert load(tmp_path, archive_noindex=True).archive_noindex is True
    assert load(tmp_path).archive_noindex is False
    assert "setting 'extra.policypress.archive_noindex' is 'yes'" in refused(tmp_path, archive_noindex="yes")
