"""`policypress check` on the wording of the newest text: burden on the reader, files from other hosts,
summaries that say nothing; and findings a site accepts on purpose, with a reason."""

import pytest
from sites import SiteRepo

TODAY = "2026-03-02"
LANDS = "2026-03-02T10:00:00-08:00"


def check_statement(repo: SiteRepo, body: str, *, material: bool = False, summary: str = "First version.",
                    accepted: list | None = None):
    if accepted is not None:
        repo.configure(settings={"accepted": accepted})
    repo.write_statement(body, material=material, summary=summary)
    repo.commit(LANDS)
    return repo.policypress("check", today=TODAY)


# Burden on the reader


@pytest.mark.parametrize(("sentence", "quoted"), [
    ("This statement may change, so please check back often.", "check back"),
    ("We encourage you to review this Privacy Statement periodically.",
     "you to review this Privacy Statement periodically"),
    ("Visit this page from time to time to see what changed.", "Visit this page from time to time"),
    ("It is your responsibility to review this statement for changes.", "It is your responsibility to review"),
    ("Your continued use of the site after a change constitutes acceptance of it.",
     "continued use of the site after a change constitutes acceptance"),
    ("You may wish to reread this statement.", "reread"),
])
def test_wording_that_leaves_readers_to_spot_changes_fails_quoting_it(repo: SiteRepo, sentence, quoted):
    result = check_statement(repo, f"We collect web logs.\n\n## Changes\n\n{sentence}")

    assert result.exit_code == 1, result.output
    assert f'docs/privacy-statement.md:14: error: version 2026-03-02 of the Privacy Statement leaves readers to ' \
        f'spot changes themselves: "{quoted}" (rule reader-burden).' in result.output
    assert "WP260 rev.01, para. 29" in result.output
    assert "We announce material changes on this page 30 days before they take effect" in result.output


def test_wording_matches_the_rendered_text_across_line_breaks_and_emphasis(repo: SiteRepo):
    result = check_statement(repo, "We collect web logs. Please **check\nback** for changes.")

    assert result.exit_code == 1
    assert '"check back" (rule reader-burden)' in result.output


@pytest.mark.parametrize("sentence", [
    "We notify you by email before a material change takes effect.",
    "We review this statement regularly and update it when our practices change.",
    "From time to time we invite visitors to take part in surveys.",
    "If you visit our clinic regularly, bring your insurance card.",
])
def test_wording_that_says_how_the_organization_notifies_passes(repo: SiteRepo, sentence):
    result = check_statement(repo, sentence)

    assert result.exit_code == 0, result.output
    assert "reader-burden" not in result.output


# Files from other hosts


@pytest.mark.parametrize(("html", "kind", "url"), [
    ('<img src="https://cdn.example.com/x.png" alt="Logo">', "an image", "https://cdn.example.com/x.png"),
    ('<iframe src="//maps.example.net/embed?clinic=1" title="Map"></iframe>', "a frame",
     "//maps.example.net/embed?clinic=1"),
    ('<link rel="stylesheet" href="https://fonts.example.org/css">', "a stylesheet", "https://fonts.example.org/css"),
    ('<video src="/assets/intro.mp4" poster="https://img.example.com/poster.jpg"></video>', "a video",
     "https://img.example.com/poster.jpg"),
])
def test_a_file_loaded_from_another_host_fails_naming_it(repo: SiteRepo, html, kind, url):
    result = check_statement(repo, f"We collect web logs.\n\n{html}")

    host = url.split("//")[1].split("/")[0]
    assert result.exit_code == 1, result.output
    assert f"docs/privacy-statement.md:12: error: version 2026-03-02 of the Privacy Statement loads {kind} from " \
        f"another host, {host}: {url} (rule third-party-resource)." in result.output


@pytest.mark.parametrize("markdown", [
    '<img src="/assets/x.png" alt="Logo">',
    '<img src="https://privacy.test-health.example/assets/x.png" alt="Logo">',
    '<a href="https://other.example/">Another site</a>',
    "[Another site](https://other.example/)",
])
def test_own_files_and_links_to_other_sites_pass(repo: SiteRepo, markdown):
    result = check_statement(repo, f"We collect web logs. {markdown}")

    assert result.exit_code == 0, result.output


# Summaries that say nothing


@pytest.mark.parametrize("summary", ["TBD", "[SUMMARY]", "Updates.", "misc", "Changes"])
def test_a_material_version_whose_summary_says_nothing_fails(repo: SiteRepo, summary):
    result = check_statement(repo, "We collect web logs.", material=True, summary=summary)

    assert result.exit_code == 1, result.output
    assert f'docs/privacy-statement.md:5: error: version 2026-03-02 of the Privacy Statement is a material change ' \
        f'with the summary "{summary}", which does not say what changed (rule placeholder-summary).' in result.output
    assert "versions/privacy-statement/2026-03-02.yml" in result.output


@pytest.mark.parametrize(("material", "summary"), [(False, "TBD"), (True, "Adds a section on cookies.")])
def test_an_editorial_version_or_a_real_summary_passes(repo: SiteRepo, material, summary):
    result = check_statement(repo, "We collect web logs.", material=material, summary=summary)

    assert result.exit_code == 0, result.output


def test_only_the_newest_summary_is_checked_as_older_ones_are_published(repo: SiteRepo):
    repo.write_statement("We collect web logs.", material=True, summary="TBD")
    repo.commit("2026-03-02T10:00:00-08:00")
    repo.write_statement("We collect cookies.", material=True, summary="Adds cookies.", effective="2026-04-04")
    repo.commit("2026-03-05T10:00:00-08:00")

    result = repo.policypress("check", today="2026-03-05")

    assert result.exit_code == 0, result.output


# Accepted findings


def test_an_accepted_finding_is_not_reported(repo: SiteRepo):
    accepted = [{"rule": "third-party-resource", "text": "https://maps.example.net/embed",
                 "reason": "The map is the only way to show our clinics; the notice above it says so."},
                {"rule": "reader-burden", "text": "Check Back", "reason": "Quoted from the old statement."}]

    result = check_statement(repo, 'Our clinics: <iframe src="https://maps.example.net/embed" title="Map"></iframe>'
                             '\n\nThe old text said "check back".', accepted=accepted)

    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.output


def test_an_accepted_finding_for_text_no_longer_there_warns_to_remove_the_entry(repo: SiteRepo):
    accepted = [{"rule": "reader-burden", "text": "check back", "reason": "Legal asked for it."}]

    result = check_statement(repo, "We notify you by email.", accepted=accepted)

    assert result.exit_code == 0, result.output
    assert "warning: setting 'extra.policypress.accepted' accepts 'check back' for rule reader-burden, but no " \
        "document has it." in result.output


@pytest.mark.parametrize(("entry", "problem"), [
    ({"rule": "reader-burden", "text": "check back"}, "setting 'extra.policypress.accepted[0].reason' is missing."),
    ({"rule": "reader-burden", "text": "check back", "reason": " "},
     "setting 'extra.policypress.accepted[0].reason' is missing."),
    ({"rule": "wording", "text": "check back", "reason": "Why."},
     "setting 'extra.policypress.accepted[0].rule' is 'wording', which is no rule that can be accepted."),
    ({"rule": "reader-burden", "reason": "Why."}, "setting 'extra.policypress.accepted[0].text' is missing."),
    ({"rule": "reader-burden", "text": "x", "reason": "Why.", "until": "2027"},
     "setting 'extra.policypress.accepted[0].until' is not a key of an accepted finding."),
])
def test_a_bad_accepted_entry_is_a_settings_error_naming_the_key(repo: SiteRepo, entry, problem):
    result = check_statement(repo, "We collect web logs.", accepted=[entry])

    assert result.exit_code == 1
    assert f"mkdocs.yml: error: {problem}" in result.output
