"""The `register` command line, run as partners and CI run it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.models.schema import render_schemas
from tests.support.registers import OFFER, CliRun, RegisterDir, line_of, replace

Cli = Callable[..., CliRun]
OFFER_FILE = "offers/rhine-university/data-literacy-basics.yaml"


def broken(reg: RegisterDir) -> str:
    text = replace(OFFER, "ects: 3", "ects: three")
    text = replace(text, "hours: 80", "hours: 80\n  etcs: 3")
    reg.offer(text)
    return text


# --- validate -------------------------------------------------------------------------


def test_valid_register_exits_0_with_a_summary(reg: RegisterDir, cli: Cli) -> None:
    run = cli("validate", reg.root)
    assert run.code == 0
    assert run.out.startswith("valid: 1 provider, 1 offer, 0 warnings (")
    assert len(run.out.strip().splitlines()) == 1


def test_invalid_register_exits_1_listing_every_problem(reg: RegisterDir, cli: Cli) -> None:
    text = broken(reg)
    run = cli("validate", reg.root)
    assert run.code == 1
    lines = run.out.splitlines()
    ects = line_of(text, "ects: three")
    assert (
        f"{OFFER_FILE}:{ects}:9: error: workload.ects: expected a number, found the text "
        "`three` [float-parsing]" in lines
    )
    assert (
        f"{OFFER_FILE}:{ects + 2}:3: error: workload.etcs: `etcs` is not a known field "
        "[unknown-field]" in lines
    )
    assert "    hint: did you mean `ects`?" in lines
    assert lines[-1].startswith("invalid: 2 errors and 0 warnings in 1 file")


def test_validate_defaults_to_the_register_around_the_current_folder(
    reg: RegisterDir, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(reg.root / "offers" / "rhine-university")
    assert cli("validate").code == 0


def test_json_format(reg: RegisterDir, cli: Cli) -> None:
    broken(reg)
    run = cli("validate", "--format", "json", reg.root)
    assert run.code == 1
    report = json.loads(run.out)
    assert report["valid"] is False
    assert report["summary"]["errors"] == 2
    first = report["problems"][0]
    assert set(first) == {"file", "line", "column", "severity", "code", "field", "message", "hint"}
    assert first["file"] == OFFER_FILE


def test_github_format_annotates_file_and_line(reg: RegisterDir, cli: Cli) -> None:
    text = broken(reg)
    run = cli("validate", "--format", "github", reg.root)
    assert run.code == 1
    line = line_of(text, "ects: three")
    assert run.out.splitlines()[0] == (
        f"::error file={OFFER_FILE},line={line},col=9,title=float-parsing::workload.ects: "
        "expected a number, found the text `three` (hint: write a number such as 5 or 2.5 "
        "(with a decimal point))"
    )


def test_github_format_escapes_newlines_and_percent(reg: RegisterDir, cli: Cli) -> None:
    reg.offer(
        replace(OFFER, "title: Data literacy for public servants", 'title: "100% data\\nliteracy"')
    )
    run = cli("validate", "--format", "github", reg.root)
    annotation = run.out.splitlines()[0]
    assert "title.en" not in annotation
    assert annotation.startswith(f"::error file={OFFER_FILE},line=3,col=8,title=text-multiline::")


def test_strict_turns_warnings_into_errors(reg: RegisterDir, cli: Cli) -> None:
    reg.offer(replace(OFFER, "hours: 80", "hours: 200"))
    assert cli("validate", reg.root).code == 0
    run = cli("validate", "--strict", reg.root)
    assert run.code == 1
    assert ": error: workload.hours:" in run.out


def test_usage_errors_exit_2(reg: RegisterDir, cli: Cli) -> None:
    assert cli("validate", reg.root / "nowhere").code == 2
    assert cli("validate", "--format", "xml", reg.root).code == 2
    assert cli("frobnicate").code == 2
    assert cli().code == 2


def test_single_file_in_a_register_reports_that_file(reg: RegisterDir, cli: Cli) -> None:
    broken(reg)
    reg.write("providers/other.yaml", "id: other\n")
    run = cli("validate", reg.root / OFFER_FILE)
    assert run.code == 1
    assert "providers/other.yaml" not in run.out
    assert run.out.count(OFFER_FILE) == 2


def test_single_file_outside_a_register(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "loose.yaml"
    path.write_text(replace(OFFER, "eqf: 6", "eqf: nine"))
    run = cli("validate", path)
    assert run.code == 1
    assert f"{path.as_posix()}:{line_of(OFFER, 'eqf: 6')}:8: error: level.eqf:" in run.out


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.yaml", b""),
        ("list.yaml", b"- a\n- b\n"),
        ("tab.yaml", b"id: x\n\ttitle: y\n"),
        ("bomb.yaml", b"a: &a [x, x]\nb: &b [*a, *a]\n"),
        ("latin1.yaml", b"id: caf\xe9\n"),
        ("tag.yaml", b"id: !!python/name:os.system\n"),
        ("provider.yaml", b"id: p\nidentifiers: {pic: 1}\nmaintainers: [x]\n"),
        ("notes.txt", b"some notes\n"),
    ],
)
def test_any_broken_standalone_file_names_file_and_line(
    tmp_path: Path, cli: Cli, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    run = cli("validate", path)
    assert run.code == 1
    first = run.out.splitlines()[0]
    assert first.startswith(f"{path.as_posix()}:")
    assert first.split(":")[1].isdigit()  # a line number
    assert "Traceback" not in run.out + run.err


def _python_m_validate(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_python_dash_m_is_equivalent(reg: RegisterDir) -> None:
    done = _python_m_validate(reg.root)
    assert done.returncode == 0
    assert done.stdout.startswith("valid: 1 provider, 1 offer")


def test_the_process_ends_with_the_command_s_code_and_all_its_output(reg: RegisterDir) -> None:
    """`run` ends the process at once (`os._exit`), after flushing what was written."""
    offer = next(reg.root.glob("offers/*/*.yaml"))
    offer.write_text(offer.read_text(encoding="utf-8") + "unknown_field: 1\n", encoding="utf-8")
    done = _python_m_validate(reg.root)
    assert done.returncode == 1
    assert "unknown_field" in done.stdout
    assert done.stdout.rstrip().splitlines()[-1].startswith("invalid:")


# --- new ----------------------------------------------------------------------------


def test_new_offer_writes_a_commented_skeleton_that_lists_what_is_left(
    reg: RegisterDir, cli: Cli
) -> None:
    run = cli(
        "new",
        "offer",
        "--provider",
        "rhine-university",
        "--id",
        "green-retrofit",
        "--title",
        "Green building retrofit",
        "--root",
        reg.root,
    )
    assert run.code == 0, run.out
    path = reg.root / "offers/rhine-university/green-retrofit.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schemas/offer.schema.json\n")
    assert 'title: "Green building retrofit"' in text
    result = reg.load()
    # Nothing is published until every text is written and every value chosen.
    assert {p.code for p in result.problems.items} == {"skeleton-text", "value-not-chosen"}
    assert "green-retrofit" not in result.register.offers
    assert run.out.splitlines()[-1].startswith(
        "to do in offers/rhine-university/green-retrofit.yaml: "
    )


def test_new_offer_refuses_unknown_provider_bad_id_and_overwrite(
    reg: RegisterDir, cli: Cli
) -> None:
    run = cli("new", "offer", "--provider", "nobody", "--id", "x-y", "--root", reg.root)
    assert run.code == 2 and "register new provider" in run.err
    run = cli(
        "new", "offer", "--provider", "rhine-university", "--id", "Bad Id", "--root", reg.root
    )
    assert run.code == 2 and "`bad-id`" in run.err
    run = cli(
        "new",
        "offer",
        "--provider",
        "rhine-university",
        "--id",
        "data-literacy-basics",
        "--root",
        reg.root,
    )
    assert run.code == 2 and "exists already" in run.err


def test_new_provider_writes_a_skeleton(reg: RegisterDir, cli: Cli) -> None:
    args = [
        "new",
        "provider",
        "--id",
        "danube-college",
        "--name",
        "Danube Vocational College",
        "--type",
        "vet-provider",
        "--country",
        "AT",
        "--website",
        "https://www.danube.at/",
        "--contact",
        "office@danube.at",
        "--maintainer",
        "eva-huber",
        "--root",
        str(reg.root),
    ]
    assert cli(*args).code == 2  # no identifier given
    run = cli(*args, "--pic", "999555111")
    assert run.code == 0, run.out
    text = (reg.root / "providers/danube-college.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../schemas/provider.schema.json\n")
    assert '  pic: "999555111"\n' in text
    codes = {p.code for p in reg.load().problems.items if p.file == "providers/danube-college.yaml"}
    assert codes == {"skeleton-text", "value-not-chosen"}


# --- schema -----------------------------------------------------------------------------


def test_schema_writes_and_checks(reg: RegisterDir, cli: Cli) -> None:
    assert cli("schema", "--check", "--root", reg.root).code == 1
    assert cli("schema", "--root", reg.root).code == 0
    assert cli("schema", "--check", "--root", reg.root).code == 0
    names = sorted(p.name for p in (reg.root / "schemas").iterdir())
    assert names == sorted(render_schemas())


def test_build_verbose_shows_the_progress_lines(
    cli: Callable[..., CliRun], sample_copy: RegisterDir, tmp_path: Path
) -> None:
    """`--verbose` printed nothing: the plugin's messages went to a logger without a handler."""
    quiet = cli("build", sample_copy.root, "--site-dir", tmp_path / "quiet", "--no-search")
    verbose = cli(
        "build", sample_copy.root, "--site-dir", tmp_path / "verbose", "--no-search", "--verbose"
    )

    assert quiet.code == verbose.code == 0
    assert "Record pages:" not in quiet.err
    assert re.search(r"^INFO +- +Data files: \d+ written", verbose.err, re.MULTILINE)
    assert re.search(r"^INFO +- +Record pages: \d+ written", verbose.err, re.MULTILINE)
