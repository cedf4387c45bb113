"""Translations: each language its own timeline, dated and honest about lagging behind its original.

Real repositories with controlled commit dates, read by the engine in this process (``publish``,
``read``) and by the command line; the pages themselves are checked in tests/browser/.
"""

from __future__ import annotations

import pytest
from sites import STATEMENT, SiteRepo, front_matter

from policypress import translations

TRANSLATION = "privacy-statement.es.md"
DOCUMENTS = [{"source": STATEMENT, "slug": "privacy-statement", "title": "Privacy Statement",
              "translations": [{"lang": "es", "title": "Declaración de privacidad"}]}]


def spanish(body: str, translates: str | None, *, material: bool = False, summary: str = "Un cambio.",
            effective: str | None = None, immediate: str | None = None) -> str:
    extra = {"translates": _date(translates)} if translates else {}
    return (front_matter("Declaración de privacidad", material, summary, effective, extra=extra, immediate=immediate)
            + f"# Declaración de privacidad\n\n{body}\n")


def _date(value: str):
    from datetime import date

    return date.fromisoformat(value)


@pytest.fixture
def site(tmp_path) -> SiteRepo:
    """An original with one version (2026-01-05) and its Spanish translation of it (2026-01-12)."""
    repo = SiteRepo.create(tmp_path / "site", documents=DOCUMENTS)
    repo.write_statement("We collect little.", material=True, summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.write(f"docs/{TRANSLATION}", spanish("Recopilamos poco.", "2026-01-05", material=True,
                                               summary="Primera versión."))
    repo.commit("2026-01-12T10:00:00-08:00")
    return repo


def _documents(published):
    return {document.slug: document for document in published}


# -- declaring translations ------------------------------------------------------------------


def test_a_translation_is_a_document_of_its_own_under_its_language(site):
    record = site.read(today="2026-01-20")
    original, translation = record.documents
    assert translation.slug == "es/privacy-statement"
    assert (translation.spec.lang, translation.spec.translation_of, translation.spec.source) == \
        ("es", "privacy-statement", TRANSLATION)
    assert [(v.number, v.translates.isoformat()) for v in translation.versions] == [("2026-01-12", "2026-01-05")]
    assert original.spec.lang == "en" and not original.spec.is_translation


@pytest.mark.parametrize(("entry", "settings", "says"), [
    ({"lang": "es", "title": "D", "source": "es/statement.md"}, {}, "'extra.policypress.documents[0].translations[0]"
     ".source' names the translation 'es/statement.md', but there is no such file under docs/"),
    ({"lang": "en", "title": "Statement"}, {}, "is 'en', the language the documents are written in"),
    ({"lang": "xx", "title": "X"}, {}, "is 'xx', a language policypress has no words for"),
    ({"lang": "es"}, {}, "'extra.policypress.documents[0].translations[0].title' is missing"),
    ({"lang": "es", "title": "D", "slug": "x"}, {}, "translations[0].slug' is not a translation setting"),
    ({"lang": "es", "title": "D"}, {"binding_language": "de"}, "'extra.policypress.binding_language' is 'de', "
     "a language policypress has no words for"),
])
def test_a_misdeclared_translation_names_the_setting_and_the_fix(tmp_path, entry, settings, says):
    documents = [{**DOCUMENTS[0], "translations": [entry]}]
    repo = SiteRepo.create(tmp_path / "site", documents=documents, settings=settings)
    repo.write_statement("Text.", material=True, summary="First version.")
    repo.write(f"docs/{TRANSLATION}", spanish("Texto.", "2026-01-05"))
    repo.commit("2026-01-05T10:00:00-08:00")
    published = repo.publish(today="2026-01-20")
    assert published.error is not None
    assert says in str(published.error), str(published.error)
    assert "To fix:" in str(published.error)


def test_the_binding_language_is_one_the_site_publishes_in(tmp_path):
    repo = SiteRepo.create(tmp_path / "site", settings={"binding_language": "es"})
    repo.write_statement("Text.", material=True, summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")
    error = str(repo.publish(today="2026-01-20").error)
    assert "'extra.policypress.binding_language' is 'es', a language no document is published in" in error
    assert "To fix: use one of ['en']" in error


def test_a_document_slug_may_not_be_a_language_prefix(tmp_path):
    documents = [*DOCUMENTS, {"source": "es.md", "slug": "es", "title": "Notice"}]
    repo = SiteRepo.create(tmp_path / "site", documents=documents)
    repo.write_statement("Text.", material=True, summary="First version.")
    repo.write_statement("Notice.", material=True, summary="First version.", path="es.md", title="Notice")
    repo.write(f"docs/{TRANSLATION}", spanish("Texto.", "2026-01-05"))
    repo.commit("2026-01-05T10:00:00-08:00")
    error = str(repo.publish(today="2026-01-20").error)
    assert "'extra.policypress.documents[1].slug' is 'es', the address prefix of the site's pages in that " \
           "language (/es/…)" in error


# -- each translation has its own timeline ----------------------------------------------------


def test_a_translation_folds_its_own_days_and_keeps_its_own_versions(site):
    site.write(f"docs/{TRANSLATION}", spanish("Recopilamos muy poco.", "2026-01-05", summary="Aclara."))
    site.commit("2026-02-02T09:00:00-08:00")
    site.write(f"docs/{TRANSLATION}", spanish("Recopilamos muy poco, y lo guardamos.", "2026-01-05",
                                              summary="Aclara más."))
    site.commit("2026-02-02T17:00:00-08:00")
    translation = site.read(today="2026-03-01").documents[1]
    assert [v.number for v in translation.versions] == ["2026-01-12", "2026-02-02"]
    assert translation.versions[-1].summary == "Aclara. Aclara más."


def test_a_translation_that_does_not_say_what_it_translates_is_refused_with_its_commit(site):
    site.write(f"docs/{TRANSLATION}", spanish("Otro texto.", None, summary="Cambia."))
    commit = site.commit("2026-02-02T09:00:00-08:00")
    error = str(site.publish(today="2026-03-01").error)
    assert f"docs/{TRANSLATION} (commit {commit[:12]}, version 2026-02-02)" in error
    assert "does not say which version of the Privacy Statement it translates" in error
    assert "add 'translates: YYYY-MM-DD'" in error and "(one of 2026-01-05)" in error
    assert "versions/privacy-statement/es/2026-02-02.yml with 'translates: <version date>'" in error


@pytest.mark.parametrize(("translates", "says"), [
    ("2025-12-31", "it says 'translates: 2025-12-31', but the Privacy Statement has no version of that date"),
    ("2026-03-02", "a version of the Privacy Statement that landed after this translation did (2026-02-02)"),
])
def test_a_translation_must_name_a_version_its_original_had(site, translates, says):
    site.write(f"docs/{TRANSLATION}", spanish("Otro texto.", translates, summary="Cambia."))
    site.commit("2026-02-02T09:00:00-08:00")
    if translates == "2026-03-02":
        site.write_statement("We collect less.", summary="Shorter.")
        site.commit("2026-03-02T10:00:00-08:00")
    assert says in str(site.publish(today="2026-03-10").error)


def test_a_published_translation_is_corrected_in_its_own_folder(site):
    site.write(f"docs/{TRANSLATION}", spanish("Otro texto.", "2025-12-31", summary="Cambia."))
    site.commit("2026-02-02T09:00:00-08:00")
    site.write("versions/privacy-statement/es/2026-02-02.yml", "translates: 2026-01-05\n")
    site.commit("2026-02-03T09:00:00-08:00")
    translation = site.read(today="2026-03-01").documents[1]
    assert translation.versions[-1].translates.isoformat() == "2026-01-05"
    assert translation.versions[-1].corrected


def test_history_from_before_git_is_imported_into_the_language_folder(site):
    site.write("versions/privacy-statement/es/2025-06-01.md",
               spanish("Texto antiguo.", "2026-01-05", material=True, summary="Primera versión."))
    site.commit("2026-01-13T10:00:00-08:00")
    # An imported translation of a version that landed later is refused like any other.
    assert "landed after this translation did (2025-06-01)" in str(site.publish(today="2026-01-20").error)


def test_a_translations_folder_holds_files_only(site):
    site.write("versions/privacy-statement/es/old/2025-06-01.md", spanish("Texto.", "2026-01-05"))
    site.commit("2026-01-13T10:00:00-08:00")
    error = str(site.publish(today="2026-01-20").error)
    assert error.startswith("versions/privacy-statement/es/old/: a document's folder holds files only, not folders.")
    assert "move its files up into versions/privacy-statement/es/ and remove the folder" in error


def test_a_folder_for_a_language_the_document_has_no_translation_in_is_refused(site):
    site.write("versions/privacy-statement/fr/2025-06-01.md", spanish("Texte.", "2026-01-05"))
    site.commit("2026-01-13T10:00:00-08:00")
    error = str(site.publish(today="2026-01-20").error)
    assert "versions/privacy-statement/fr/" in error
    assert "a document's folder holds its files and a folder for each of its translations (es)" in error


# -- lag --------------------------------------------------------------------------------------


def test_lag_appears_when_the_original_moves_on_and_clears_when_the_translation_catches_up(site):
    record = site.read(today="2026-01-20")
    original, translation = record.documents
    assert translations.newest_lag(translation, original) is None

    site.write_statement("We collect little, and delete it.", material=True, summary="Deletion.",
                         effective="2026-03-10")
    site.commit("2026-02-01T10:00:00-08:00")
    original, translation = site.read(today="2026-02-05").documents
    lag = translations.newest_lag(translation, original)
    assert lag.translated.number == "2026-01-05"
    assert [v.number for v in lag.behind] == ["2026-02-01"]
    assert [v.number for v in lag.material] == ["2026-02-01"]
    assert lag.overdue(original.today, 0) == ()

    site.write(f"docs/{TRANSLATION}", spanish("Recopilamos poco, y lo borramos.", "2026-02-01", material=True,
                                              summary="Borrado.", effective="2026-03-10"))
    site.commit("2026-02-03T10:00:00-08:00")
    original, translation = site.read(today="2026-02-05").documents
    assert translations.newest_lag(translation, original) is None


def test_the_notice_rule_applies_to_a_translation_on_its_own(site):
    site.write(f"docs/{TRANSLATION}", spanish("Recopilamos más.", "2026-01-05", material=True, summary="Más datos."))
    site.commit("2026-02-02T09:00:00-08:00")
    findings = [str(f) for f in site.publish(today="2026-02-05").findings]
    assert any("version 2026-02-02 of the Declaración de privacidad is a material change" in f and
               f"docs/{TRANSLATION}" in f for f in findings), findings


# -- what is published ------------------------------------------------------------------------


def test_versions_json_lists_each_translation_inside_its_document(site):
    listing = site.publish(today="2026-01-20").versions_json()
    (document,) = listing["documents"]
    assert (document["slug"], document["lang"]) == ("privacy-statement", "en")
    (translation,) = document["translations"]
    assert (translation["slug"], translation["lang"], translation["title"]) == \
        ("privacy-statement", "es", "Declaración de privacidad")
    assert translation["url"] == "https://privacy.test-health.example/es/privacy-statement/"
    (version,) = translation["versions"]
    assert version["translates"] == "2026-01-05"
    assert version["url"] == "https://privacy.test-health.example/es/privacy-statement/versions/2026-01-12/"
    assert "translates" not in document["versions"][0]


def test_each_language_has_its_pages_feeds_and_source_files(site):
    published = site.publish(today="2026-01-20")
    for address in ("es/privacy-statement", "es/privacy-statement/versions",
                    "es/privacy-statement/versions/2026-01-12", "es/privacy-statement/versions/compare"):
        assert published.page(address).view.lang == "es"
    assert published.page("privacy-statement").view.lang == "en"
    assert "Recopilamos poco." in published.file("es/privacy-statement/versions/2026-01-12/source.md")
    assert "<feed" in published.file("es/privacy-statement/feed.xml")
    assert "Declaración de privacidad" in published.file("es/feed.xml")
    assert "Declaración" not in published.file("feed.xml")
    assert [feed.url for feed in published.site_view_in("es").feeds] == ["/es/feed.xml",
                                                                          "/es/privacy-statement/feed.xml"]


def test_the_command_line_takes_a_language(site):
    shown = site.policypress("versions", "privacy-statement", "--lang", "es", today="2026-01-20")
    assert shown.exit_code == 0, shown.output
    assert "Declaración de privacidad (/es/privacy-statement/)" in shown.output
    assert "[translates 2026-01-05] Primera versión." in shown.output
    assert "Privacy Statement (" not in shown.output
    at = site.policypress("at", "2026-01-15", "privacy-statement", "--lang", "es", today="2026-01-20")
    assert "version 2026-01-12, in force from 2026-01-12" in at.output, at.output
    missing = site.policypress("versions", "privacy-statement", "--lang", "fr", today="2026-01-20")
    assert missing.exit_code != 0
    assert "there is no document with the slug 'privacy-statement' in the language 'fr'" in missing.output


# -- check: a lagging translation warns, then fails once a material change it lacks is in force ---------


def _lag_findings(repo: SiteRepo, today: str) -> list[str]:
    shown = repo.policypress("check", today=today)
    return [line for line in shown.output.splitlines() if "translation-lag" in line]


def test_a_lagging_translation_warns_then_fails_after_the_grace_period(tmp_path):
    repo = SiteRepo.create(tmp_path / "site", documents=DOCUMENTS, settings={"translation_grace_days": 10})
    repo.write_statement("We collect little.", material=True, summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.write(f"docs/{TRANSLATION}", spanish("Recopilamos poco.", "2026-01-05", material=True,
                                              summary="Primera versión."))
    repo.commit("2026-01-06T10:00:00-08:00")
    assert _lag_findings(repo, "2026-01-20") == []

    repo.write_statement("We collect little, and delete it.", material=True, summary="Deletion.",
                         effective="2026-03-10")
    repo.commit("2026-02-01T10:00:00-08:00")
    (warning,) = _lag_findings(repo, "2026-02-05")
    assert warning.startswith(f"docs/{TRANSLATION}:6: warning: the Spanish translation of the Privacy Statement "
                              "renders version 2026-01-05 ('translates: 2026-01-05'), but the Privacy Statement has "
                              "changed since: 2026-02-01 (material). This becomes an error on 2026-03-20")
    assert _lag_findings(repo, "2026-03-19")[0].startswith(f"docs/{TRANSLATION}:6: warning:")
    (error,) = _lag_findings(repo, "2026-03-20")
    assert error.startswith(f"docs/{TRANSLATION}:6: error:")
    assert "took effect on 2026-03-10, and the 10 days of grace ended on 2026-03-20" in error
    assert repo.policypress("check", today="2026-03-20").exit_code == 1

    repo.write(f"docs/{TRANSLATION}", spanish("Recopilamos poco, y lo borramos.", "2026-02-01", material=True,
                                              summary="Borrado.", immediate="El texto en inglés ya está en vigor."))
    repo.commit("2026-03-21T10:00:00-07:00")
    assert _lag_findings(repo, "2026-03-22") == []


def test_an_editorial_change_of_the_original_only_warns(site):
    site.write_statement("We collect little (typo fixed).", summary="Typo.")
    site.commit("2026-02-01T10:00:00-08:00")
    (warning,) = _lag_findings(site, "2027-02-01")
    assert ": warning:" in warning and "2026-02-01 (editorial)" in warning and "becomes an error" not in warning


# -- the pages: switcher, binding text, lag ---------------------------------------------------


def test_a_translated_page_says_which_text_binds_and_what_it_renders(site):
    page = site.publish(today="2026-01-20").page("es/privacy-statement")
    view = page.view
    assert [(s.text, [(link.label, link.url) for link in s.links]) for s in view.translation_notice] == [
        ("Esta es una traducción. Solo el texto en inglés es jurídicamente vinculante",
         [("leerlo", "/privacy-statement/")]),
        ("Esta traducción corresponde a la versión en inglés del 5 de enero de 2026",
         [("leer esa versión", "/privacy-statement/versions/2026-01-05/")]),
    ]
    assert not view.is_lagging
    assert [(link.lang, link.name, link.url, link.note) for link in view.languages] == \
        [("en", "English", "/privacy-statement/", None)]
    english = site.publish(today="2026-01-20").page("privacy-statement").view
    assert english.translation_notice == ()
    assert [(link.name, link.url) for link in english.languages] == [("Español", "/es/privacy-statement/")]


def test_the_lag_notice_names_both_dates_and_links_the_redline(site):
    site.write_statement("We collect little, and delete it.", summary="Deletion.")
    site.commit("2026-02-01T10:00:00-08:00")
    site.write_statement("We collect little, and delete it soon.", summary="Sooner.")
    site.commit("2026-02-03T10:00:00-08:00")
    published = site.publish(today="2026-02-05")
    view = published.page("es/privacy-statement").view
    assert view.is_lagging
    _, reflects, updated = view.translation_notice
    assert reflects.text == "Esta traducción refleja la versión en inglés del 5 de enero de 2026."
    assert updated.text == "La versión en inglés se actualizó el 3 de febrero de 2026"
    assert [(link.label, link.url) for link in updated.links] == [
        ("leerla", "/privacy-statement/versions/2026-02-03/"),
        ("ver qué cambió", "/privacy-statement/versions/compare/?from=2026-01-05&to=2026-02-03"),
    ]
    # The archive of the translation says so too; an English page does not.
    assert published.page("es/privacy-statement/versions").view.is_lagging
    assert not published.page("privacy-statement").view.is_lagging


def test_the_switcher_leads_each_page_to_the_one_that_answers_it(site):
    site.write_statement("We collect little, and delete it.", material=True, summary="Deletion.",
                         effective="2026-03-10")
    site.commit("2026-02-01T10:00:00-08:00")
    site.write(f"docs/{TRANSLATION}", spanish("Recopilamos poco, y lo borramos.", "2026-02-01", material=True,
                                              summary="Borrado.", effective="2026-03-10"))
    site.commit("2026-02-02T10:00:00-08:00")
    published = site.publish(today="2026-03-20")

    def switch(address: str) -> tuple[str, str | None]:
        (link,) = published.page(address).view.languages
        return link.url, link.note

    # An archived version: the translation's version in force on the day it took effect, if there was one.
    assert switch("privacy-statement/versions/2026-01-05") == ("/es/privacy-statement/versions/", "no Spanish "
                                                               "version was in force on this version's date; the "
                                                               "link leads to all Spanish versions")
    assert switch("privacy-statement/versions/2026-02-01") == ("/es/privacy-statement/versions/2026-02-02/", None)
    assert switch("privacy-statement/versions/2026-02-01/changes") == \
        ("/es/privacy-statement/versions/2026-02-02/changes/", None)
    assert switch("es/privacy-statement/versions/2026-02-02/changes") == \
        ("/privacy-statement/versions/2026-02-01/changes/", None)
    assert switch("es/privacy-statement/versions/2026-01-12") == ("/privacy-statement/versions/2026-01-05/", None)
    assert switch("es/privacy-statement/versions") == ("/privacy-statement/versions/", None)
    assert switch("es/privacy-statement/versions/compare") == ("/privacy-statement/versions/compare/", None)


def test_a_page_with_no_answer_in_the_other_language_leads_to_its_archive_and_says_so(site):
    site.write_statement("We collect little, and delete it.", summary="Deletion.")
    site.commit("2026-02-01T10:00:00-08:00")
    published = site.publish(today="2026-02-05")
    (link,) = published.page("privacy-statement/versions/2026-02-01/changes").view.languages
    assert link.url == "/es/privacy-statement/versions/"
    assert link.note == "this change is not in a Spanish version yet; the link leads to all Spanish versions"


def test_the_banner_of_a_language_announces_the_originals_change_its_translation_lacks(site):
    site.write_statement("We collect little, and delete it.", material=True, summary="Deletion.",
                         effective="2026-03-10")
    site.commit("2026-02-01T10:00:00-08:00")
    published = site.publish(today="2026-02-05")
    (notice,) = published.site_view_in("es").banner.notices
    assert notice.key == "privacy-statement/2026-02-01"
    assert notice.wording.sentence.endswith("10 de marzo de 2026 (en inglés)"), notice.wording.sentence
    assert [link.url for link in notice.wording.links][0] == "/privacy-statement/upcoming/"
    (english,) = published.banner.notices
    assert "Privacy Statement" in english.wording.sentence


# -- verify: a translation's published record is checked like its original's -------------------


def test_verify_checks_each_translation_and_what_it_translates(site, tmp_path):
    import json

    listing = site.publish(today="2026-01-20").versions_json()
    live = tmp_path / "live" / "versions.json"
    live.parent.mkdir()
    live.write_text(json.dumps(listing), "utf-8")
    intact = site.policypress("verify", "--against", str(live), today="2026-01-20")
    assert intact.exit_code == 0, intact.output
    assert "All 2 published versions are intact." in intact.output

    # As if history had been rewritten so that the published translation now says it renders another text.
    listing["documents"][0]["translations"][0]["versions"][0]["translates"] = "2025-12-01"
    live.write_text(json.dumps(listing), "utf-8")
    rewritten = site.policypress("verify", "--against", str(live), today="2026-01-20")
    assert rewritten.exit_code == 1
    assert "version 2026-01-12 of the Declaración de privacidad was published as translating version 2025-12-01 " \
           "of the original but this build says it translates version 2026-01-05" in rewritten.output
    assert "versions/privacy-statement/es/2026-01-12.yml with 'translates: 2026-01-05'" in rewritten.output


def test_a_change_of_the_original_still_to_take_effect_is_named_with_its_effective_date(site):
    site.write_statement("We collect little, and delete it.", material=True, summary="Deletion.",
                         effective="2026-03-10")
    site.commit("2026-02-01T10:00:00-08:00")
    published = site.publish(today="2026-02-05")
    _, _, updated = published.page("es/privacy-statement").view.translation_notice
    assert updated.text == ("La versión en inglés se revisó el 1 de febrero de 2026; sus cambios entran en vigor el "
                            "10 de marzo de 2026")
    # Its upcoming page has no Spanish answer yet: the switcher says so.
    (link,) = published.page("privacy-statement/upcoming").view.languages
    assert (link.url, link.note) == ("/es/privacy-statement/versions/", "this change is not in a Spanish version "
                                     "yet; the link leads to all Spanish versions")


def test_a_translations_headings_link_in_its_language(site):
    published = site.publish(today="2026-01-20")
    for page in ("es/privacy-statement", "es/privacy-statement/versions/2026-01-12"):
        assert 'title="Enlace permanente"' in published.text(page)
    assert 'title="Permanent link"' in published.text("privacy-statement/versions/2026-01-05")


def test_when_the_translation_binds_the_original_says_so(tmp_path):
    repo = SiteRepo.create(tmp_path / "site", documents=DOCUMENTS, settings={"binding_language": "es"})
    repo.write_statement("We collect little.", material=True, summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.write(f"docs/{TRANSLATION}", spanish("Recopilamos poco.", "2026-01-05", material=True,
                                              summary="Primera versión."))
    repo.commit("2026-01-06T10:00:00-08:00")
    published = repo.publish(today="2026-01-20")
    (binding,) = published.page("privacy-statement").view.translation_notice
    assert binding.text == "Only the Spanish text of this document is legally binding"
    assert [link.url for link in binding.links] == ["/es/privacy-statement/"]
    spanish_notice = published.page("es/privacy-statement").view.translation_notice
    assert [sentence.text for sentence in spanish_notice] == [
        "Esta traducción corresponde a la versión en inglés del 5 de enero de 2026"]


def test_a_renamed_translation_keeps_its_history_once_its_old_path_is_declared(tmp_path):
    repo = SiteRepo.create(tmp_path / "site", documents=DOCUMENTS)
    repo.write_statement("We collect little.", material=True, summary="First version.")
    repo.write("docs/privacy-statement-es.md", spanish("Recopilamos poco.", "2026-01-05", material=True,
                                                      summary="Primera versión."))
    repo.configure(documents=[{**DOCUMENTS[0], "translations": [
        {"lang": "es", "title": "Declaración de privacidad", "source": "privacy-statement-es.md"}]}])
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.git("mv", "docs/privacy-statement-es.md", f"docs/{TRANSLATION}")
    repo.configure(documents=DOCUMENTS)
    repo.commit("2026-01-07T10:00:00-08:00")
    error = str(repo.publish(today="2026-01-20").error)
    assert error.startswith("mkdocs.yml, extra.policypress.documents[0].translations[0]: commit ")
    assert "fix=" not in error and "previous_paths: [privacy-statement-es.md]" in error

    repo.configure(documents=[{**DOCUMENTS[0], "translations": [
        {"lang": "es", "title": "Declaración de privacidad", "previous_paths": ["privacy-statement-es.md"]}]}])
    repo.commit("2026-01-08T10:00:00-08:00")
    translation = repo.read(today="2026-01-20").documents[1]
    assert [v.number for v in translation.versions] == ["2026-01-05"]
