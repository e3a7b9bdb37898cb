"""The package type-checks: mypy at its default settings, with the pydantic plugin.

The settings are `[tool.mypy]` in `pyproject.toml`; the field types are `Annotated`
aliases (`generator/models/fields.py`) so that mypy reads each model field as the
`str`, number or `LocalizedText` the code gets. Run it alone with
`.venv/bin/python -m mypy generator`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.registers import REPO


@pytest.mark.slow
def test_mypy_finds_no_error_in_the_package(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy"), "generator"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("Success: no issues found"), run.stdout
