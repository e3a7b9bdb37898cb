"""A smoke run of the benchmark script at N = 40 (the real runs are not part of the suite).

Forty offers are enough for every step to run and write its row; two hundred took twice
the time and tested nothing more.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.registers import REPO

pytestmark = pytest.mark.slow


def test_benchmark_script_writes_a_results_table(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            "--sizes",
            "40",
            "--work",
            str(tmp_path / "work"),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = out.read_text()
    assert "| `register build` (pages + feed + search) |" in text
    assert "ratio build ÷ mkdocs+Pagefind" in text
    assert "N = 40" in text
    build = next(line for line in text.splitlines() if line.startswith("| `register build`"))
    total = re.search(r"\((\d+) MB all processes\)", build)
    assert total is not None and int(total.group(1)) > 0  # sampled from /proc
    harvest = next(line for line in text.splitlines() if line.startswith("| for harvesters"))
    assert harvest.endswith(" MB / 1 |")  # 40 offers: one page
    live = next(line for line in text.splitlines() if line.startswith("| live preview"))
    assert " s (data files and search index then " in live  # the update ran, no full build
    search = next(line for line in text.splitlines() if line.startswith("| search page"))
    assert " KB / " in search or "not installed" in search
    assert (tmp_path / "work" / "site-40" / "pagefind" / "pagefind-entry.json").is_file()


def test_the_large_sizes_have_their_flags() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--help"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "--with-50k" in result.stdout and "--with-100k" in result.stdout
