"""Synthetic registers: valid, realistic in shape, and the same for the same seed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.contrib.synth import write_synthetic_register
from generator.register import load_register
from tests.support.registers import CliRun


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_a_synthetic_register_is_valid_and_complete(tmp_path: Path) -> None:
    write_synthetic_register(tmp_path / "reg", offers=150, providers=4, seed=7)
    result = load_register(tmp_path / "reg")
    assert result.is_valid, result.problems.sorted()[:3]
    register = result.register
    assert len(register.offers) == 150 and len(register.providers) == 4
    offers = list(register.offers.values())
    assert len({o.field for o in offers}) > 30  # fields spread across ISCED-F
    assert len({o.level.eqf for o in offers}) >= 5
    assert all(3 <= len(o.learning_outcomes) <= 7 for o in offers)
    lengths = sorted(len(o.description.default) for o in offers if o.description)
    assert 500 < lengths[len(lengths) // 2] < 2500  # like the sample's fuller descriptions


def test_the_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    write_synthetic_register(tmp_path / "a", offers=40, providers=2, seed=3)
    write_synthetic_register(tmp_path / "b", offers=40, providers=2, seed=3)
    write_synthetic_register(tmp_path / "c", offers=40, providers=2, seed=4)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_cli_writes_a_register_and_refuses_nonsense(
    cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    run = cli("synth", tmp_path / "reg", "--offers", "20", "--seed", "2")
    assert run.code == 0 and "wrote 20 offers from 1 provider " in run.out
    assert cli("validate", tmp_path / "reg").code == 0
    refused = cli("synth", tmp_path / "bad", "--offers", "0")
    assert refused.code == 2 and "at least 1" in refused.err
