"""`policypress at`: which version was in force at an instant, as the organization's day decides."""

import json
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from histories import histories
from hypothesis import given, settings
from hypothesis import strategies as st
from sites import SiteRepo

from policypress import instant, timeline, version_list
from policypress.document import Document, DocumentSpec
from policypress.errors import PolicyError
from policypress.urls import Urls

LOS_ANGELES = ZoneInfo("America/Los_Angeles")
URLS = Urls.for_site("https://privacy.example.org/")


def statement_history(repo: SiteRepo) -> None:
    """A first version on 14 January, and a material change landing on 20 January for 1 March."""
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-01-14T10:00:00-08:00")
    repo.write_statement("We collect web logs and share them with auditors.", material=True,
                         summary="Adds sharing with auditors.", effective="2026-03-01")
    repo.commit("2026-01-20T10:00:00-08:00")


def test_before_the_first_version_takes_effect_nothing_is_in_force(repo: SiteRepo):
    statement_history(repo)

    result = repo.policypress("at", "2026-01-13", today="2026-03-05")

    assert result.exit_code == 0, result.output
    assert "none in force: the first version, 2026-01-14, takes effect on 2026-01-14." in result.output


def test_a_day_gives_the_version_in_force_with_its_address_and_hash(repo: SiteRepo):
    statement_history(repo)
    first = repo.read(today="2026-03-05").documents[0].versions[0]

    result = repo.policypress("at", "2026-02-01", today="2026-03-05")

    assert result.exit_code == 0, result.output
    assert "version 2026-01-14, in force from 2026-01-14 up to 2026-03-01 (not included)" in result.output
    assert "https://privacy.test-health.example/privacy-statement/versions/2026-01-14/" in result.output
    assert f"sha256 {first.sha256}" in result.output


def test_an_instant_counts_on_its_day_in_the_organizations_time_zone(repo: SiteRepo):
    statement_history(repo)

    # 07:00 UTC on 1 March is still 28 February in Los Angeles; 08:00 UTC is its midnight.
    late = repo.policypress("at", "2026-03-01T07:00:00Z", "privacy-statement", today="2026-03-05")
    midnight = repo.policypress("at", "2026-03-01T00:00:00-08:00", today="2026-03-05")

    assert "which is 2026-02-28 in America/Los_Angeles" in late.output
    assert "version 2026-01-14," in late.output
    assert "version 2026-01-20, in force from 2026-03-01 with no end date yet" in midnight.output


def test_a_time_without_an_offset_is_refused_with_the_fix(repo: SiteRepo):
    statement_history(repo)

    result = repo.policypress("at", "2026-02-01T10:00:00", today="2026-03-05")

    assert result.exit_code == 1
    assert "has no UTC offset" in result.output
    assert "add the offset, e.g. 2026-02-01T10:00:00-08:00" in result.output


def test_json_names_the_version_its_dates_address_and_exact_text(repo: SiteRepo):
    statement_history(repo)

    result = repo.policypress("at", "2026-03-02", "--json", today="2026-03-05")

    answer = json.loads(result.output)
    assert answer["day"] == "2026-03-02"
    assert answer["documents"] == [{
        "slug": "privacy-statement", "title": "Privacy Statement", "at": "2026-03-02", "version": "2026-01-20",
        "effective": "2026-03-01", "effective_to": None,
        "url": "https://privacy.test-health.example/privacy-statement/versions/2026-01-20/",
        "sha256": repo.read(today="2026-03-05").documents[0].versions[1].sha256,
        "source_url": "https://privacy.test-health.example/privacy-statement/versions/2026-01-20/source.md",
    }]


def test_an_unknown_slug_lists_the_sites_documents(repo: SiteRepo):
    statement_history(repo)

    result = repo.policypress("at", "2026-02-01", "cookies", today="2026-03-05")

    assert result.exit_code == 1
    assert "The site has: privacy-statement." in result.output


@pytest.mark.parametrize("written", ["2026-02-30", "yesterday", "2026-02-01 noon"])
def test_what_is_not_a_day_or_an_instant_says_how_to_write_one(written):
    with pytest.raises(PolicyError, match="write a day as YYYY-MM-DD"):
        instant.read_instant(written, LOS_ANGELES)


# -- over generated histories: the answer agrees with versions.json's intervals ----------------------


@st.composite
def instants(draw):
    """Somewhere in the histories' years, written with any whole-hour or half-hour UTC offset."""
    moment = datetime(2025, 12, 1, tzinfo=UTC) + timedelta(minutes=draw(st.integers(0, 600 * 24 * 60)))
    offset = timedelta(minutes=30 * draw(st.integers(-24, 28)))
    return moment.astimezone(timezone(offset)).isoformat()


@settings(max_examples=200, deadline=None)
@given(histories(), instants())
def test_at_any_instant_one_version_or_none_is_in_force_as_versions_json_says(landed, written):
    moment = instant.read_instant(written, LOS_ANGELES)
    line = timeline.resolve(landed, "Statement")
    document = Document(DocumentSpec("s.md", "s", "Statement"), line, date(2026, 6, 1))
    listed = json.loads(version_list.versions_json((document,), URLS, "America/Los_Angeles"))
    intervals = listed["documents"][0]["versions"]

    [answer] = json.loads(instant.as_json(instant.in_force_at((document,), moment), moment, URLS))["documents"]

    day = datetime.fromisoformat(written).astimezone(LOS_ANGELES).date().isoformat()
    covering = [v for v in intervals
                if v["effective"] <= day and (v["effective_to"] is None or day < v["effective_to"])]
    assert len(covering) <= 1
    assert answer["at"] == day
    assert answer["version"] == (covering[0]["version"] if covering else None)
    if covering:
        for key in ("effective", "effective_to", "url", "sha256", "source_url"):
            assert answer[key] == covering[0][key]
    else:
        assert day < min(v["effective"] for v in intervals)
