"""The publish workflow: checks and builds every pull request, deploys main daily and on push."""

import pytest
import yaml
from sites import PROJECT

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
