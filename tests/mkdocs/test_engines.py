"""The engines: MkDocs itself and ProperDocs, its maintained fork, publish the same site.

The engine is chosen once per process (`generator.mkdocs.engine`), so each build
runs in its own Python process. The one difference allowed is the generator tag
Material writes into every HTML page, which names the engine; Pagefind's filter
chunks vary from run to run whatever the engine (see tests/test_reproducible.py).
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from generator.mkdocs import engine
from tests.mkdocs.test_reproducible import PAGEFIND_VARIES
from tests.mkdocs.test_serve import free_port, wait_for
from tests.support.registers import REPO, RegisterDir, replace

TODAY = "2026-11-20"
ENGINE_PACKAGES = ("mkdocs", "properdocs", "material", "zensical")
ADAPTER = "generator.mkdocs"
ADAPTER_USERS = {
    "generator/cli.py": "runs the build and serve commands",
}
"""Modules outside the adapter that import it, and what for."""

needs_properdocs = pytest.mark.skipif(
    importlib.util.find_spec("properdocs") is None,
    reason="ProperDocs is not installed (pip install properdocs, or the project's test extras)",
)

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')

BUILD = """
import json, sys
from pathlib import Path
from generator.mkdocs.build import build_site
from generator.mkdocs import engine, live

build_site(Path(sys.argv[1]), Path(sys.argv[2]), today=sys.argv[3])
files = {
    name: getattr(module, "__file__", None) or ""
    for name, module in sys.modules.items()
    if name == "mkdocs" or name.startswith("mkdocs.")
}
print(json.dumps({
    "engine": engine.running(),
    "modules": files,
    "build_page": live._build_page.__module__,
}))
"""


def _build(engine_name: str, site: Path) -> dict[str, object]:
    """Build the sample with `engine_name` in a new process; what it loaded, as JSON."""
    run = subprocess.run(
        [sys.executable, "-c", BUILD, str(REPO), str(site), TODAY],
        env={**os.environ, engine.ENGINE_VARIABLE: engine_name},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.splitlines()[-1])


def _tree(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and not p.relative_to(site).as_posix().startswith(PAGEFIND_VARIES)
    }


@needs_properdocs
def test_mkdocs_and_properdocs_publish_the_same_site(tmp_path: Path) -> None:
    on_mkdocs = _build("mkdocs", tmp_path / "mkdocs")
    on_properdocs = _build("properdocs", tmp_path / "properdocs")
    assert on_mkdocs["engine"] == "mkdocs" and on_properdocs["engine"] == "properdocs"
    assert on_properdocs["build_page"] == "properdocs.commands.build"
    # With both installed (Material requires MkDocs), ProperDocs answers every `mkdocs.…`.
    properdocs_dir = Path(importlib.util.find_spec("properdocs").origin).parent
    modules: dict[str, str] = on_properdocs["modules"]  # type: ignore[assignment]
    assert modules
    assert [n for n, f in modules.items() if not f.startswith(str(properdocs_dir))] == []

    first, second = _tree(tmp_path / "mkdocs"), _tree(tmp_path / "properdocs")
    assert sorted(first) == sorted(second)
    assert len([p for p in first if p.endswith(".html")]) > 60
    tags = {GENERATOR_TAG.search(second[p]).group() for p in second if p.endswith(".html")}
    assert tags == {
        b'<meta name="generator" content="mkdocs-ProperDocs %s, mkdocs-material-%s">'
        % (version("properdocs").encode(), version("mkdocs-material").encode())
    }
    differing = sorted(
        path
        for path in first
        if GENERATOR_TAG.sub(b"", first[path]) != GENERATOR_TAG.sub(b"", second[path])
    )
    assert differing == []


@needs_properdocs
def test_properdocs_serves_with_page_by_page_updates(sample_copy: RegisterDir) -> None:
    """ProperDocs's server runs the live preview (its `_build_page`, its `server.builder`)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--address", f"127.0.0.1:{port}"],
        cwd=sample_copy.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", engine.ENGINE_VARIABLE: "properdocs"},
    )
    try:
        url = f"http://127.0.0.1:{port}/offers/heat-pump-installation/"
        assert wait_for(url, "mkdocs-ProperDocs", 60), "the preview did not start on ProperDocs"
        path = sample_copy.root / "offers/technikum-murtal/heat-pump-installation.yaml"
        text = path.read_text()
        path.write_text(replace(text, "Air-to-Water Heat Pumps", "Air-to-Water Heat Pumps (2027)"))
        assert wait_for(url, "Air-to-Water Heat Pumps (2027)", 60), "the edit was not rebuilt"
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=10)
    assert "Updated " in errors, errors  # the page-by-page update, not a full build


def test_only_the_adapter_knows_the_engine() -> None:
    """Outside `generator/mkdocs/`, nothing imports MkDocs, ProperDocs or the theme."""
    engine_imports, adapter_imports = [], set()
    for path in sorted((REPO / "generator").rglob("*.py")):
        relative = path.relative_to(REPO).as_posix()
        if relative.startswith("generator/mkdocs/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                if name.split(".")[0] in ENGINE_PACKAGES:
                    engine_imports.append(f"{relative}: {name}")
                if name == ADAPTER or name.startswith(f"{ADAPTER}."):
                    adapter_imports.add(relative)
    assert engine_imports == []
    assert adapter_imports <= set(ADAPTER_USERS)


def test_an_engine_is_not_switched_once_mkdocs_is_loaded() -> None:
    # conftest has imported the CLI, and so MkDocs itself, into this process.
    other = "properdocs" if engine.running() == "mkdocs" else "mkdocs"
    with pytest.raises(engine.EngineError, match=f"{engine.running()} is loaded"):
        engine.choose(other)
    assert engine.choose(engine.running()) == engine.running()


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(engine.EngineError, match="one of mkdocs, properdocs"):
        engine.choose("hugo")


def test_properdocs_asked_for_but_missing_fails_the_build_with_a_hint(tmp_path: Path) -> None:
    # `None` in sys.modules makes `import properdocs` fail, installed or not.
    hide = "import sys; sys.modules['properdocs'] = None; from generator.cli import main; "
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            hide + f"sys.exit(main(['build', '--site-dir', {str(tmp_path)!r}]))",
        ],
        cwd=REPO,
        env={**os.environ, engine.ENGINE_VARIABLE: "properdocs"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "ProperDocs is not installed: pip install properdocs" in run.stderr
