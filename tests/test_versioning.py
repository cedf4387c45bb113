"""The version model, scenario by scenario, on real repositories and real builds."""

from sites import SiteRepo


def numbers(build, slug="privacy-statement"):
    return [v["version"] for v in build.versions(slug)]


def test_a_correction_committed_at_2330_in_los_angeles_is_dated_that_day(repo: SiteRepo):
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2026-01-14T23:30:00-08:00")  # already 15 January in UTC

    build = repo.build()

    assert build.ok, build.output
    assert numbers(build) == ["2026-01-14"]
    assert "Version <strong>2026-01-14</strong>" in build.page("privacy-statement")
    assert "January 14, 2026" in build.page("privacy-statement")
