"""A translation keeps the structure of the text it translates (rule translation-parity): the original's heading
ids, at its levels and in its order, its links and its tables, so a section cited in one language is the same
section in every other."""

from dataclasses import replace
from datetime import date

import pytest
from sites import STATEMENT, SiteRepo, front_matter

from policypress import check, configuration, versioning
from policypress.errors import Finding, Severity

TRANSLATION = "privacy-statement.es.md"
DOCUMENTS = [{"source": STATEMENT, "slug": "privacy-statement", "title": "Privacy Statement",
              "translations": [{"lang": "es", "title": "Declaración de privacidad"}]}]
FIRST = "2026-01-14T10:00:00-08:00"

ORIGINAL = """\
## Information we collect

We collect web logs.

### Web server logs

| Field | Why we keep it | Retention |
| --- | --- | --- |
| IP address | To block abuse | 90 days |
| Time of the request | To diagnose errors | 90 days |

## Security

We protect what we keep. See [our security page](https://www.example.org/security).

## Contact us

Write to [the privacy office](https://www.example.org/privacy) or [by email](mailto:privacy@example.org)."""

SPANISH = """\
## Información que recopilamos {#information-we-collect}

Recopilamos registros web.

### Registros del servidor web {#web-server-logs}

| Campo | Por qué lo conservamos | Conservación |
| --- | --- | --- |
| Dirección IP | Para bloquear abusos | 90 días |
| Hora de la solicitud | Para diagnosticar errores | 90 días |

## Seguridad {#security}

Protegemos lo que conservamos. Consulte [nuestra página de seguridad](https://www.example.org/security).

## Contáctenos {#contact-us}

Escriba a [la oficina de privacidad](https://www.example.org/privacy) o [por correo](mailto:privacy@example.org)."""


def write_translation(repo: SiteRepo, body: str, translates: date = date(2026, 1, 14)) -> None:
    repo.write(f"docs/{TRANSLATION}", front_matter("Declaración de privacidad", True, "Primera traducción.",
                                                   extra={"translates": translates})
               + f"# Declaración de privacidad {{#privacy-statement}}\n\n{body}\n")


def translated(repo: SiteRepo, spanish: str) -> SiteRepo:
    """The Privacy Statement and its Spanish translation, committed together."""
    repo.configure(documents=DOCUMENTS)
    repo.write_statement(ORIGINAL, material=True, summary="First version.")
    write_translation(repo, spanish)
    repo.commit(FIRST)
    return repo


def parity(repo: SiteRepo, today: str = "2026-01-14") -> list[Finding]:
    """The check's parity findings, run in this process as ``policypress check`` runs it."""
    config = configuration.read_config(repo.root / "mkdocs.yml")
    settings = replace(config.settings, today=date.fromisoformat(today))
    findings = check.check(settings, versioning.read_record(settings), config.renderer)
    return [f for f in findings if f"(rule {check.TRANSLATION_PARITY})" in f.problem]


def line_of(text: str, wanted: str) -> int:
    """The line of ``wanted`` in the translation's file, as the editor opens it."""
    lines = (front_matter("Declaración de privacidad", True, "Primera traducción.",
                          extra={"translates": date(2026, 1, 14)})
             + f"# Declaración de privacidad {{#privacy-statement}}\n\n{text}\n").splitlines()
    return next(number for number, line in enumerate(lines, 1) if wanted in line)


def test_a_translation_with_the_originals_structure_passes(repo: SiteRepo):
    translated(repo, SPANISH)

    result = repo.policypress("check", today="2026-01-14")

    assert parity(repo) == []
    assert result.exit_code == 0, result.output
    assert "2 documents checked: 0 errors, 0 warnings." in result.output


def test_a_translated_heading_without_the_originals_id_fails_at_its_line(repo: SiteRepo):
    spanish = SPANISH.replace("## Seguridad {#security}", "## Seguridad")

    [finding] = parity(translated(repo, spanish))
    result = repo.policypress("check", today="2026-01-14")

    assert finding.severity is Severity.ERROR
    assert finding.where == f"docs/{TRANSLATION}"
    assert finding.line == line_of(spanish, "## Seguridad")
    assert finding.problem == (
        "the heading 'Seguridad' of the Spanish translation of the Privacy Statement has the id 'seguridad', where "
        "version 2026-01-14 of the Privacy Statement, the text it translates, has 'security' ('Security'), so links "
        "citing /es/privacy-statement/#security reach no section (rule translation-parity).")
    assert "write the heading with the original's id: '## Seguridad {#security}'" in finding.fix
    assert result.exit_code == 1
    assert f"docs/{TRANSLATION}:{finding.line}: error: the heading 'Seguridad'" in result.output


def test_a_section_left_untranslated_fails_pointing_where_it_belongs(repo: SiteRepo):
    spanish = SPANISH.replace(SPANISH[SPANISH.index("## Seguridad"):SPANISH.index("## Contáctenos")], "")

    findings = parity(translated(repo, spanish))

    missing = next(f for f in findings if "no heading with the id 'security'" in f.problem)
    assert missing.severity is Severity.ERROR
    assert missing.line == line_of(spanish, "### Registros del servidor web")
    assert "translate the section 'Security', after the section 'Registros del servidor web', under a heading " \
        "with the original's id: '## <its title in Spanish> {#security}'" in missing.fix


def test_a_heading_the_original_lacks_warns(repo: SiteRepo):
    spanish = SPANISH.replace("## Contáctenos", "## Cookies\n\nNo usamos cookies.\n\n## Contáctenos")

    [finding] = parity(translated(repo, spanish))

    assert finding.severity is Severity.WARNING
    assert finding.line == line_of(spanish, "## Cookies")
    assert finding.problem.startswith("the heading 'Cookies' of the Spanish translation of the Privacy Statement "
                                      "has the id 'cookies', which no heading of version 2026-01-14 of the Privacy "
                                      "Statement")


def test_a_heading_at_another_level_warns(repo: SiteRepo):
    spanish = SPANISH.replace("### Registros del servidor web", "## Registros del servidor web")

    [finding] = parity(translated(repo, spanish))

    assert finding.severity is Severity.WARNING
    assert finding.line == line_of(spanish, "## Registros del servidor web")
    assert "is a level-2 heading ('##'), where version 2026-01-14 of the Privacy Statement, the text it " \
        "translates, has a level-3 heading ('### Web server logs')" in finding.problem
    assert finding.fix.startswith("write it with '###'")


def test_a_section_out_of_the_originals_order_warns_once_for_the_one_moved(repo: SiteRepo):
    security = SPANISH[SPANISH.index("## Seguridad"):SPANISH.index("## Contáctenos")]
    spanish = security + SPANISH.replace(security, "")

    [finding] = parity(translated(repo, spanish))

    assert finding.severity is Severity.WARNING
    assert finding.line == line_of(spanish, "## Seguridad")
    assert finding.problem.startswith(
        "the heading 'Seguridad' (#security) of the Spanish translation of the Privacy Statement comes after "
        "'Declaración de privacidad', but after 'Web server logs' in version 2026-01-14 of the Privacy Statement")


def test_a_changed_link_target_warns_for_the_link_lost_and_the_link_added(repo: SiteRepo):
    spanish = SPANISH.replace("https://www.example.org/security", "https://www.example.org/es/seguridad")

    missing, added = parity(translated(repo, spanish))

    assert {missing.severity, added.severity} == {Severity.WARNING}
    assert missing.problem.startswith("the Spanish translation of the Privacy Statement has no link to "
                                      "https://www.example.org/security, which version 2026-01-14 of the Privacy "
                                      "Statement, the text it translates, has under 'Security'")
    assert missing.line == line_of(spanish, "## Seguridad")
    assert added.problem.startswith("the Spanish translation of the Privacy Statement links to "
                                    "https://www.example.org/es/seguridad under 'Seguridad', which version")
    assert added.line == line_of(spanish, "https://www.example.org/es/seguridad")


def test_links_are_counted_so_a_link_given_once_of_twice_warns(repo: SiteRepo):
    original_twice = ORIGINAL + " Or use [the form](https://www.example.org/privacy)."
    repo.configure(documents=DOCUMENTS)
    repo.write_statement(original_twice, material=True, summary="First version.")
    write_translation(repo, SPANISH)
    repo.commit(FIRST)

    [finding] = parity(repo)

    assert finding.problem.startswith("the Spanish translation of the Privacy Statement links to "
                                      "https://www.example.org/privacy once, where version 2026-01-14 of the Privacy "
                                      "Statement, the text it translates, does twice: one is under 'Contact us'")


def test_a_link_to_another_documents_translation_counts_as_a_link_to_that_document(repo: SiteRepo):
    repo.configure(documents=[*DOCUMENTS, {"source": "ccpa-notice.md", "slug": "ccpa-notice",
                                           "title": "California Notice",
                                           "translations": [{"lang": "es", "title": "Aviso de California"}]}])
    repo.write_statement(ORIGINAL + "\n\nSee [the California notice](ccpa-notice.md).", material=True,
                         summary="First version.")
    repo.write_statement("We collect web logs.", path="ccpa-notice.md", title="California Notice",
                         summary="First version.")
    repo.write("docs/ccpa-notice.es.md", front_matter("Aviso de California", True, "Primera traducción.",
                                                      extra={"translates": date(2026, 1, 14)})
               + "# Aviso de California {#california-notice}\n\nRecopilamos registros web.\n")
    write_translation(repo, SPANISH + "\n\nConsulte [el aviso de California](ccpa-notice.es.md).")
    repo.commit(FIRST)

    assert parity(repo) == []


def test_a_table_left_out_warns_naming_it_and_its_heading(repo: SiteRepo):
    table = SPANISH[SPANISH.index("| Campo"):SPANISH.index("## Seguridad")]
    spanish = SPANISH.replace(table, "Conservamos la dirección IP y la hora durante 90 días.\n\n")

    [finding] = parity(translated(repo, spanish))

    assert finding.severity is Severity.WARNING
    assert finding.line == line_of(spanish, "### Registros del servidor web")
    assert finding.problem == (
        "the Spanish translation of the Privacy Statement lacks the table under 'Web server logs' of version "
        "2026-01-14 of the Privacy Statement, the text it translates (its 1st table: | Field | Why we keep it | "
        "Retention |); the translation has 0 tables, the original 1 (rule translation-parity).")


def test_a_table_with_a_column_fewer_warns_at_the_table(repo: SiteRepo):
    spanish = (SPANISH.replace(" Conservación |", "").replace("| --- | --- | --- |", "| --- | --- |")
               .replace(" 90 días |", ""))

    [finding] = parity(translated(repo, spanish))

    assert finding.severity is Severity.WARNING
    assert finding.line == line_of(spanish, "| Campo |")
    assert finding.problem == (
        "the 1st table of the Spanish translation of the Privacy Statement, under 'Registros del servidor web', has "
        "2 columns, where the table of version 2026-01-14 of the Privacy Statement, the text it translates, has 3 "
        "(rule translation-parity).")
    assert "give it the original's columns in its order (| Field | Why we keep it | Retention |)" in finding.fix


def test_a_table_with_a_row_fewer_warns(repo: SiteRepo):
    spanish = SPANISH.replace("| Hora de la solicitud | Para diagnosticar errores | 90 días |\n", "")

    [finding] = parity(translated(repo, spanish))

    assert "has 1 row, where the table of version 2026-01-14 of the Privacy Statement, the text it translates, " \
        "has 2" in finding.problem
    assert finding.fix == "translate each row of the original's table into a row of its own."


@pytest.fixture
def original_moved_on(repo: SiteRepo) -> SiteRepo:
    """The original renames its Security section and adds one on cookies after the translation was made."""
    translated(repo, SPANISH)
    newer = ORIGINAL.replace("## Security", "## Keeping data safe").replace(
        "## Contact us", "## Cookies\n\nWe set no cookies.\n\n## Contact us")
    repo.write_statement(newer, material=False, summary="Renames a section and adds one on cookies.")
    repo.commit("2026-02-10T10:00:00-08:00")
    return repo


def test_a_translation_is_compared_with_the_version_it_translates_not_the_originals_newest(
        original_moved_on: SiteRepo):
    assert parity(original_moved_on, today="2026-02-10") == []


def test_a_translation_of_a_newer_version_that_still_names_the_older_one_is_told_to_say_so(
        original_moved_on: SiteRepo):
    cookies = "## Cookies {#cookies}\n\nNo usamos cookies.\n\n"
    write_translation(original_moved_on, SPANISH.replace("## Contáctenos", cookies + "## Contáctenos"))
    original_moved_on.commit("2026-02-11T10:00:00-08:00")

    [finding] = parity(original_moved_on, today="2026-02-11")

    assert "the id 'cookies', which no heading of version 2026-01-14 of the Privacy Statement" in finding.problem
    assert finding.fix.endswith("Version 2026-02-10 of the Privacy Statement has it: if you translated that version, "
                                "say so with 'translates: 2026-02-10' in the front matter.")
