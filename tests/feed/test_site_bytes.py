"""`bench/site_bytes.py`: a built site's bytes per offer by class of file.

It runs as a standalone script (standard library only), so it is run here as one, on a
small site laid out as a build lays it out.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.registers import REPO

SCRIPT = REPO / "bench" / "site_bytes.py"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=60
    )


def site(tmp_path: Path) -> Path:
    files = {
        "api/v1/index.json": json.dumps({"offers": 2}),
        "offers/a/index.html": "x" * 1000,
        "offers/b/index.html": "x" * 3000,
        "offers/a/calendar.ics": "x" * 10,
        "api/v1/elm/a.jsonld": "x" * 400,
        "api/v1/elm.jsonld.gz": "x" * 40,
        "api/v1/qdr/p.xml": "x" * 200,
        "api/v1/qdr.xml": "x" * 300,
        "api/v1/providers/p/elm.jsonld": "x" * 500,
        "api/v1/providers/p/catalogue.json": "x" * 60,
        "api/v1/providers/p.json": "x" * 6,
        "pagefind/fragment/1.pf_fragment": "x" * 70,
        "robots.txt": "x" * 4,
    }
    root = tmp_path / "site"
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    return root


def test_each_file_is_counted_once_in_its_class(tmp_path: Path) -> None:
    root = site(tmp_path)
    result = run(str(root), "--json")
    assert result.returncode == 0, result.stderr
    measured = json.loads(result.stdout)
    classes = {name: entry["bytes"] for name, entry in measured["classes"].items()}
    assert classes == {
        "fact sheet HTML": 4000,
        "offer calendar": 10,
        "search index (Pagefind)": 70,
        "offer ELM JSON-LD": 400,
        "register ELM bundle": 40,
        "provider ELM bundles": 500,
        "register QDR XML": 300,
        "provider QDR XML": 200,
        "provider catalogues": 60,
        "provider JSON": 6,
        "other API files": len(json.dumps({"offers": 2})),
        "other": 4,
    }
    total = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    assert measured["total_bytes"] == total == sum(classes.values())
    assert measured["offers"] == 2
    assert measured["bytes_per_offer"] == round(total / 2)
    assert measured["classes"]["fact sheet HTML"]["bytes_per_offer"] == 2000


def test_the_table_puts_the_largest_class_first(tmp_path: Path) -> None:
    result = run(str(site(tmp_path)))
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert rows[1].startswith("| fact sheet HTML | 2 | 4,000 | 2.00 |")
    assert rows[-1].startswith("| **all files** | 13 |")


def test_a_folder_that_is_not_a_built_site_is_refused(tmp_path: Path) -> None:
    result = run(str(tmp_path))
    assert result.returncode == 2
    assert "is not a built site (no api/v1/index.json)" in result.stderr
