"""GitHub Actions workflows: valid syntax, no zizmor findings, least privilege, main-only deploys."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def test_there_are_workflows():
    names = {w.name for w in WORKFLOWS}
    assert {"pr.yml", "deploy.yml"} <= names


def test_workflows_match_githubs_schema():
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_offline_finds_nothing():
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--config", str(ROOT / ".github" / "zizmor.yml"),
                             "--no-progress", str(ROOT / ".github" / "workflows")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


def test_zizmor_would_catch_an_unpinned_third_party_action(tmp_path):
    bad = tmp_path / "workflows"
    bad.mkdir()
    (bad / "bad.yml").write_text(
        "on: push\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    permissions: {}\n"
        "    steps:\n      - uses: someone/some-action@main\n")
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--config", str(ROOT / ".github" / "zizmor.yml"),
                             "--no-progress", str(bad)], capture_output=True, text=True)
    assert result.returncode != 0


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


def test_every_workflow_drops_default_permissions_and_grants_per_job():
    for path in WORKFLOWS:
        workflow = load(path)
        assert workflow.get("permissions") == {}, f"{path.name}: top-level permissions must be {{}}"
        assert "concurrency" in workflow, f"{path.name}: no concurrency group"
        for name, job in workflow["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {name} sets no permissions"
            writes = {k for k, v in (job["permissions"] or {}).items() if v == "write"}
            assert writes <= {"pages", "id-token", "issues"}, f"{path.name}: job {name} writes {writes}"


def test_no_workflow_runs_pr_code_with_write_access():
    for path in WORKFLOWS:
        triggers = load(path).get(True) or load(path).get("on")  # PyYAML reads the key `on` as True
        assert "pull_request_target" not in (triggers or {}), f"{path.name} uses pull_request_target"


def test_deploy_publishes_only_main():
    workflow = load(ROOT / ".github" / "workflows" / "deploy.yml")
    triggers = workflow.get(True) or workflow.get("on")
    assert triggers["push"]["branches"] == ["main"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == "github.ref == 'refs/heads/main'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_workflows_build_with_the_mkdocs_2_notice_silenced():
    for path in WORKFLOWS:
        text = path.read_text()
        if "make build" in text or "make test" in text:
            assert load(path)["env"]["NO_MKDOCS_2_WARNING"] == "1", path.name
