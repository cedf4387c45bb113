"""Front matter and body normalisation: what counts as a change to the text."""

import pytest

from policypress import frontmatter
from policypress.errors import PolicyError


def test_line_endings_trailing_spaces_and_surrounding_blank_lines_do_not_count():
    assert frontmatter.normalise("\n\nText.  \r\nMore.\t\r\n\n\n") == frontmatter.normalise("Text.\nMore.")


def test_the_body_starts_after_the_front_matter():
    source = frontmatter.parse("---\ntitle: T\nrevision:\n  material: false\n  summary: S\n---\n# T\n", "a.md")
    assert source.body == "# T\n"
    assert frontmatter.change_note(source).material is False
    assert source.line_of("revision.summary") == 5


def test_a_text_without_front_matter_has_no_revision_block():
    source = frontmatter.parse("# Just text\n", "a.md")
    with pytest.raises(PolicyError, match="no 'revision' block"):
        frontmatter.change_note(source)


@pytest.mark.parametrize("value, message", [
    ("'yes please'", "revision.material' is 'yes please'"),
    ("true\n  effective: 2026-1-30", "revision.effective' is '2026-1-30'"),
])
def test_bad_values_are_named_with_their_line(value, message):
    source = frontmatter.parse(f"---\nrevision:\n  material: {value}\n  summary: S\n---\nT\n", "a.md")
    with pytest.raises(PolicyError, match=message) as error:
        frontmatter.change_note(source)
    assert "a.md, line" in str(error.value)


def test_a_summary_is_plain_text_with_its_spacing_tidied():
    source = frontmatter.parse("---\nrevision:\n  material: true\n  summary: |\n    Two\n    lines.\n---\nT\n", "a.md")
    assert frontmatter.change_note(source).summary == "Two lines."


def test_a_key_written_twice_is_an_error_not_a_silent_choice():
    with pytest.raises(PolicyError, match=r"'revision.summary' appears twice \(lines 4 and 5\)"):
        frontmatter.parse("---\nrevision:\n  material: true\n  summary: A\n  summary: B\n---\nT\n", "a.md")


def test_an_impossible_date_is_an_error_naming_the_file():
    with pytest.raises(PolicyError, match="a date that does not exist") as error:
        frontmatter.parse("---\nrevision:\n  effective: 2026-02-30\n---\nT\n", "docs/a.md")
    assert str(error.value).startswith("docs/a.md:")


def _note(revision: str) -> frontmatter.ChangeNote:
    return frontmatter.change_note(frontmatter.parse(f"---\nrevision:\n{revision}---\nT\n", "a.md"))


def test_an_editorial_reason_is_read_as_one_line_of_plain_text():
    note = _note("  material: false\n  summary: Fixes a typo.\n  editorial_reason: >\n    Spells 'receives'\n"
                 "    correctly.\n")

    assert note.editorial_reason == "Spells 'receives' correctly."
    assert _note("  material: false\n  summary: Fixes a typo.\n").editorial_reason is None


@pytest.mark.parametrize("reason, problem, fix", [
    ("''", "'revision.editorial_reason' is ''", "write why the change alters no meaning"),
    ("true", "'revision.editorial_reason' is True", "or remove the key"),
])
def test_an_empty_editorial_reason_is_refused_naming_its_line(reason, problem, fix):
    with pytest.raises(PolicyError) as error:
        _note(f"  material: false\n  summary: S.\n  editorial_reason: {reason}\n")
    message = str(error.value)
    assert problem in message and "a.md, line 5" in message and fix in message


def test_an_editorial_reason_on_a_material_change_is_refused_with_the_fix():
    with pytest.raises(PolicyError) as error:
        _note("  material: true\n  summary: Adds cookies.\n  editorial_reason: Only a link.\n")

    message = str(error.value)
    assert "front matter key 'revision.editorial_reason' explains why a change is editorial, but 'material' is " \
        "true" in message
    assert "To fix: remove 'editorial_reason' from a material change" in message


def test_a_day_of_editorial_changes_keeps_each_reason_and_a_material_day_none():
    from policypress.version import ChangeNote, fold

    typo = ChangeNote(False, "Fixes a typo.", editorial_reason="A spelling.")
    link = ChangeNote(False, "Fixes a link.", editorial_reason="A moved page.")
    plain = ChangeNote(False, "Rewords.")

    assert fold([typo, plain, link, typo]).editorial_reason == "A spelling. A moved page."
    assert fold([typo, ChangeNote(True, "Adds cookies.")]).editorial_reason is None
