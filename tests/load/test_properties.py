"""Property tests: however a valid file is mutated, validation returns problems, never raises."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.register import load_register
from tests.support.registers import CONFIG, OFFER, PROVIDER, fuzz_examples

pytestmark = pytest.mark.slow
SETTINGS = settings(
    max_examples=fuzz_examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "0613",
            "not-applicable",
            "https://x.org",
            "javascript:x",
            "<b>x</b>",
            "2026-02-30",
            "2026-09-01",
            "en",
            "DE",
            "EUR",
            "micro-credential",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(_paths(value, (*prefix, index)))
    return found


def _set(data: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return data


def _delete(data: Any, path: tuple) -> Any:
    if not path:
        return data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    return data


@st.composite
def mutated_documents(draw: st.DrawFn, base: str) -> str:
    data = yaml.safe_load(base)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["set", "delete", "add-key", "wrap"]))
        if action == "set":
            data = _set(data, path, draw(values))
        elif action == "delete":
            data = _delete(data, path)
        elif action == "add-key":
            target = data
            for part in path:
                target = target[part]
            if isinstance(target, dict):
                target[draw(st.text(min_size=1, max_size=15))] = draw(values)
        else:
            current = data
            for part in path:
                current = current[part]
            data = _set(data, path, [current] if draw(st.booleans()) else {"x": current})
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def corrupted_bytes(draw: st.DrawFn, base: str) -> bytes:
    raw = bytearray(base.encode())
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        position = draw(st.integers(min_value=0, max_value=len(raw)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = draw(
            st.one_of(
                st.binary(min_size=1, max_size=4),
                st.sampled_from(
                    [
                        b"\t",
                        b":",
                        b"- ",
                        b"&a ",
                        b"*a",
                        b"!!python/name:os.system ",
                        b"{",
                        b"[",
                        b"'",
                        b'"',
                        b"\n  ",
                        b"\xff",
                        b"\x00",
                        b"---\n",
                        b"? ",
                    ]
                ),
            )
        )
        if action == "insert":
            raw[position:position] = chunk
        elif action == "delete":
            del raw[position : position + len(chunk)]
        else:
            raw[position : position + len(chunk)] = chunk
    return bytes(raw)


def _register(tmp_path: Path) -> Path:
    root = tmp_path / "register"
    (root / "providers").mkdir(parents=True, exist_ok=True)
    (root / "offers" / "rhine-university").mkdir(parents=True, exist_ok=True)
    (root / "register.yml").write_text(CONFIG)
    (root / "providers" / "rhine-university.yaml").write_text(PROVIDER)
    return root


def _assert_only_problems(root: Path) -> None:
    result = load_register(root)  # must not raise
    for problem in result.problems.items:
        assert problem.file and problem.line >= 1 and problem.column >= 1
        assert problem.message


@SETTINGS
@given(document=mutated_documents(OFFER))
def test_mutated_offers_only_yield_problems(tmp_path: Path, document: str) -> None:
    root = _register(tmp_path)
    relative = "offers/rhine-university/data-literacy-basics.yaml"
    (root / relative).write_text(document, encoding="utf-8")
    _assert_only_problems(root)


@SETTINGS
@given(document=mutated_documents(PROVIDER))
def test_mutated_providers_only_yield_problems(tmp_path: Path, document: str) -> None:
    root = _register(tmp_path)
    (root / "offers/rhine-university/data-literacy-basics.yaml").write_text(OFFER)
    relative = "providers/rhine-university.yaml"
    (root / relative).write_text(document, encoding="utf-8")
    _assert_only_problems(root)


@SETTINGS
@given(raw=corrupted_bytes(OFFER))
def test_corrupted_bytes_only_yield_problems(tmp_path: Path, raw: bytes) -> None:
    root = _register(tmp_path)
    relative = "offers/rhine-university/data-literacy-basics.yaml"
    (root / relative).write_bytes(raw)
    _assert_only_problems(root)


@SETTINGS
@given(document=mutated_documents(CONFIG))
def test_mutated_configuration_only_yields_problems(tmp_path: Path, document: str) -> None:
    root = _register(tmp_path)
    (root / "offers/rhine-university/data-literacy-basics.yaml").write_text(OFFER)
    (root / "register.yml").write_text(document, encoding="utf-8")
    _assert_only_problems(root)
