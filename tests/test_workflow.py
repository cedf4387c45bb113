"""The publish workflow: checks and builds every pull request, deploys main daily and on push."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from sites import PROJECT

from policypress import render_cache, schedule

WORKFLOW = PROJECT / ".github" / "workflows" / "publish.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def step_running(workflow: dict, command: str) -> dict:
    return next(s for job in workflow["jobs"] for s in steps(workflow, job) if command in s.get("run", ""))


def step_using(workflow: dict, action: str) -> dict:
    return next(s for job in workflow["jobs"] for s in steps(workflow, job) if s.get("uses", "").startswith(action))


def test_it_runs_on_push_to_main_pull_requests_and_a_daily_schedule(workflow):
    on = triggers(workflow)
    assert on["push"]["branches"] == ["main"]
    assert "pull_request" in on
    minute, hour, *every_day = on["schedule"][0]["cron"].split()
    assert every_day == ["*", "*", "*"] and minute.isdigit() and hour.isdigit()


def test_it_checks_out_the_whole_history(workflow):
    assert step_using(workflow, "actions/checkout")["with"]["fetch-depth"] == 0


def test_it_checks_then_builds_strictly_then_verifies_before_deploying(workflow):
    build = [s.get("run") or s.get("uses") for s in steps(workflow, "build")]
    order = [next(i for i, s in enumerate(build) if s and word in s) for word in (
        "actions/checkout", "pip install", "policypress check", "mkdocs build --strict",
        "policypress verify --missing-ok --against", "actions/upload-pages-artifact")]
    assert order == sorted(order)
    assert "/versions.json" in step_running(workflow, "policypress verify")["run"]
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert step_using(workflow, "actions/deploy-pages")


def test_pull_requests_are_checked_and_built_but_never_deployed(workflow):
    not_on_pull_requests = "github.event_name != 'pull_request'"
    assert "if" not in step_running(workflow, "policypress check")
    assert "if" not in step_running(workflow, "mkdocs build --strict")
    assert step_running(workflow, "policypress verify")["if"] == not_on_pull_requests
    assert step_using(workflow, "actions/upload-pages-artifact")["if"] == not_on_pull_requests
    assert workflow["jobs"]["deploy"]["if"] == not_on_pull_requests


def test_it_deploys_with_pages_artifacts_not_a_branch(workflow):
    assert step_using(workflow, "actions/upload-pages-artifact")["with"]["path"] == "site"
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "gh-pages" not in WORKFLOW.read_text("utf-8")
    assert workflow["permissions"] == {"contents": "read"}


# One workflow: the repository's is the one every new site gets

TEMPLATE = PROJECT / "src" / "policypress" / "starter_site" / "github" / "workflows" / "publish.yml"


def test_the_repositorys_workflow_is_the_one_new_sites_get():
    # policypress new writes the template with its cron line for the site's time zone; this
    # repository's example site is in Los Angeles, for which the template is already written.
    assert WORKFLOW.read_bytes() == TEMPLATE.read_bytes()
    assert schedule.with_daily_cron(TEMPLATE.read_text("utf-8"), "America/Los_Angeles") == TEMPLATE.read_text("utf-8")


def test_the_daily_run_is_just_after_midnight_in_the_sites_time_zone(workflow):
    cron, comment = schedule.daily_cron("America/Los_Angeles")

    assert triggers(workflow)["schedule"] == [{"cron": cron}]
    assert cron == "10 8 * * *"
    assert f"# {comment}\n" in WORKFLOW.read_text("utf-8")


@pytest.mark.parametrize("timezone, cron, local", [
    ("America/New_York", "10 5 * * *", "00:10 in New York in winter, 01:10 in summer (daylight saving time)"),
    ("America/Los_Angeles", "10 8 * * *", "00:10 in Los Angeles in winter, 01:10 in summer (daylight saving time)"),
    ("Australia/Sydney", "10 14 * * *", "00:10 in Sydney in winter, 01:10 in summer (daylight saving time)"),
    ("Europe/Berlin", "10 23 * * *", "00:10 in Berlin in winter, 01:10 in summer (daylight saving time)"),
    ("Asia/Tokyo", "10 15 * * *", "00:10 in Tokyo,"),
    ("Asia/Kolkata", "40 18 * * *", "00:10 in Kolkata,"),
    ("UTC", "10 0 * * *", "00:10 in UTC,"),
    ("Africa/Casablanca", "10 0 * * *", "00:10 or 01:10 in Casablanca, depending on the time of year"),
])
def test_the_daily_cron_is_never_before_local_midnight_and_says_when_it_runs_there(timezone, cron, local):
    expression, comment = schedule.daily_cron(timezone)

    assert expression == cron
    minute, hour = cron.split()[:2]
    assert comment.startswith(f"Every day at {int(hour):02}:{int(minute):02} UTC: {local}")
    assert comment.endswith("as GitHub's cron runs in UTC.")


def test_a_new_sites_workflow_differs_only_in_its_schedule():
    template = TEMPLATE.read_text("utf-8")

    for_new_york = schedule.with_daily_cron(template, "America/New_York")

    changed = [(old, new) for old, new in zip(template.splitlines(), for_new_york.splitlines(), strict=True)
               if old != new]
    assert [new.strip() for _, new in changed] == [
        "# Every day at 05:10 UTC: 00:10 in New York in winter, 01:10 in summer (daylight saving time), as GitHub's "
        "cron runs in UTC.",
        '- cron: "10 5 * * *"',
    ]


# Pull requests: a summary for reviewers and a site to preview

def test_pull_requests_get_a_review_summary_of_what_merging_would_publish(workflow):
    summary = step_running(workflow, "policypress diff --format markdown")

    assert summary["run"] == 'policypress diff --format markdown --base "$BASE" >> "$GITHUB_STEP_SUMMARY"'
    assert summary["env"] == {"BASE": "${{ github.event.pull_request.base.sha }}"}
    # Written even when the check or the build failed, as long as policypress is installed.
    assert summary["if"] == "github.event_name == 'pull_request' && !cancelled() && steps.install.outcome == 'success'"
    assert step_running(workflow, "pip install")["id"] == "install"


def test_pull_requests_attach_the_built_site_to_preview_and_never_deploy_it(workflow):
    preview = step_using(workflow, "actions/upload-artifact")
    build = [s.get("run") or s.get("uses") for s in steps(workflow, "build")]

    assert preview["if"] == "github.event_name == 'pull_request'"
    assert preview["with"]["path"] == "site" and preview["with"]["include-hidden-files"] is True  # .well-known/
    assert build.index(preview["uses"]) > build.index("mkdocs build --strict")
    assert workflow["jobs"]["deploy"]["if"] == "github.event_name != 'pull_request'"


def test_the_checkout_keeps_no_credentials(workflow):
    assert step_using(workflow, "actions/checkout")["with"]["persist-credentials"] is False


# Linters: actionlint and zizmor find nothing, but what each workflow explains in a comment

def workflow_files(tmp_path) -> list:
    """Every workflow in the repository, the template, and the template as written for another zone."""
    new_york = tmp_path / "new-york" / ".github" / "workflows" / "publish.yml"
    new_york.parent.mkdir(parents=True)
    new_york.write_text(schedule.with_daily_cron(TEMPLATE.read_text("utf-8"), "America/New_York"), "utf-8")
    return [*sorted(WORKFLOW.parent.glob("*.y*ml")), TEMPLATE, new_york]


def linter(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: install the test extras (python -m pip install -e '.[test]').")
    return found


def test_actionlint_finds_nothing_in_any_workflow(tmp_path):
    files = workflow_files(tmp_path)

    result = subprocess.run([linter("actionlint"), "-no-color", *map(str, files)], capture_output=True, text=True)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def zizmor(*args: str) -> list[dict]:
    # --offline: no audit may reach GitHub (tests run without a network); --no-config: a stray
    # zizmor.yml cannot change what is allowed.
    result = subprocess.run([linter("zizmor"), "--offline", "--no-config", "--no-progress", "--format", "json",
                             *args], capture_output=True, text=True)
    assert result.stdout.strip(), result.stderr
    return json.loads(result.stdout)


def test_zizmor_finds_nothing_in_any_workflow_but_what_its_comments_explain(tmp_path):
    files = workflow_files(tmp_path)

    findings = zizmor(*map(str, files))
    ignoring_comments = zizmor("--no-ignores", *map(str, files))

    assert findings == []
    # Each finding silenced is an unpinned GitHub action on a line whose comment says so, and each
    # such comment silences a finding (none is left over from a line that no longer needs it).
    silenced = sorted((location["symbolic"]["key"]["Local"]["verbatim_path"],
                       location["concrete"]["location"]["start_point"]["row"], finding["ident"])
                      for finding in ignoring_comments for location in finding["locations"]
                      if location["symbolic"]["kind"] == "Primary")
    commented = sorted((str(path), row, "unpinned-uses") for path in files
                       for row, line in enumerate(path.read_text("utf-8").splitlines())
                       if "# zizmor: ignore[unpinned-uses]" in line)
    assert commented and silenced == commented
    for path, row, _ in commented:
        assert re.search(r"uses: actions/[a-z-]+@v\d+ ", Path(path).read_text("utf-8").splitlines()[row])


def test_builds_reuse_the_cache_folder_of_earlier_runs(workflow):
    cache = step_using(workflow, "actions/cache")
    assert cache["with"]["path"] == render_cache.CACHE_FOLDER
    # A new key every run, so that each run saves what it added; restored from the newest earlier run.
    assert "github.run_id" in cache["with"]["key"]
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])
    build = steps(workflow, "build")
    assert build.index(cache) < build.index(step_running(workflow, "mkdocs build"))
