"""policypress's own words: every catalog says what the English one says, in its own language."""

from datetime import date

import pytest
from babel import Locale

from policypress import redline, views, words

OTHERS = [lang for lang in words.languages() if lang != words.REFERENCE]
REFERENCE = words.of(words.REFERENCE)


def plural_categories(lang: str) -> set[str]:
    return {*Locale.parse(lang).plural_form.rules, "other"}


def test_spanish_is_one_of_the_languages():
    assert {"en", "es"} <= set(words.languages())


@pytest.mark.parametrize("lang", OTHERS)
def test_a_catalog_has_exactly_the_reference_keys(lang):
    assert set(words.of(lang).messages) == set(REFERENCE.messages)


@pytest.mark.parametrize("lang", OTHERS)
def test_each_message_keeps_the_reference_fields(lang):
    catalog = words.of(lang).messages
    for key, message in REFERENCE.messages.items():
        expected = message if isinstance(message, dict) else {"": message}
        given = catalog[key] if isinstance(catalog[key], dict) else {"": catalog[key]}
        assert isinstance(catalog[key], dict) == isinstance(message, dict), key
        wanted = set().union(*map(words.fields, expected.values()))
        for form, text in given.items():
            assert words.fields(text) == wanted, (key, form)


@pytest.mark.parametrize("lang", words.languages())
def test_plural_messages_have_every_category_of_the_language(lang):
    catalog = words.of(lang).messages
    for key, message in catalog.items():
        if isinstance(message, dict):
            assert set(message) == plural_categories(lang), key


def test_dates_and_counts_follow_babel():
    spanish = words.of("es")
    assert REFERENCE.date(date(2026, 11, 28)) == "November 28, 2026"
    assert spanish.date(date(2026, 11, 28)) == "28 de noviembre de 2026"
    assert [REFERENCE.count("changes_count", n) for n in (1, 3)] == ["1 change", "3 changes"]
    assert [spanish.count("changes_count", n) for n in (1, 3, 1_000_000)] == [
        "1 cambio", "3 cambios", "1000000 de cambios"]


def test_a_spanish_redline_reads_in_spanish():
    spanish = words.of("es")
    old, new = "<h2 id='datos'>Datos</h2><p>Usamos cookies.</p>", "<h2 id='datos'>Datos</h2><p>Usamos registros.</p>"

    result = redline.redline(old, new, redline.Labels.of(spanish))
    view = views.redline_view(result, spanish)

    assert '<span class="pp-sr">eliminado: </span>' in result.html
    assert '<span class="pp-sr">agregado: </span>' in result.html
    assert view.sentence == "1 cambio en 1 sección."
    assert [change.label for section in view.sections for change in section.changes] == ["cambio 1"]


def test_the_same_redline_in_english_differs_only_by_its_labels():
    old, new = "<p>We use cookies.</p>", "<p>We use logs.</p>"
    english = redline.redline(old, new).html
    spanish = redline.redline(old, new, redline.Labels.of(words.of("es"))).html

    assert spanish.replace("eliminado: ", "deleted: ").replace("agregado: ", "inserted: ") == english


def test_an_unknown_language_is_refused_with_a_fix():
    with pytest.raises(words.PolicyError, match="no words in the language"):
        words.of("xx")
