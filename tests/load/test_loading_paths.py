"""The loader's quick path and careful path agree: same data, problems and positions.

A file is read on the quick path (data only) unless it breaks a rule; its
positions are then found by the careful path when a problem asks for one. These
tests read every file of the sample register and of the adversarial corpus both
ways and compare.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.reading import SourceDocument, _parse_with_positions, load_yaml_bytes

REPO = Path(__file__).resolve().parents[2]
FILES = sorted(
    [
        *REPO.glob("offers/*/*.yaml"),
        *REPO.glob("providers/*.yaml"),
        *REPO.glob("tests/adversarial/base/**/*.yaml"),
        *REPO.glob("tests/adversarial/cases/*/**/*.yaml"),
    ]
)

EDGE_CASES = [
    b"",
    b"# only a comment\n",
    b"---\n",
    b"--- \n...\n",
    b"just text\n",
    b"- a\n- b: [1, {c: d}]\n",
    b"a: 1\n---\nb: 2\n",
    b"a: &x 1\nb: *x\n",
    b"*x\n",
    b"a: ! 12\nb: !<!> x\nc: !!str 1\n",
    b"? [a, b]\n: c\n",
    b"? *x\n: c\n",
    b"a: 1\na: 2\n",
    b"a: {b: 1, b: 2}\n",
    b"a: " + b"[" * 40 + b"]" * 40 + b"\n",
    b"a: " + b"[" * 31 + b"]" * 31 + b"\n",
    b"0613: NO\n12: 2.5\nnull: ~\ntrue: yes\n'x': -.5e3\ny: +12\nz: .inf\nw: 1_000\n",
    b"a: |\n  text\n  more\nb: >\n  folded\n  line\n",
    b"{a: 1, b: [x, 'y', \"z\"]}\n",
    b"a:\n  - - - deep\n",
]


def _both_ways(raw: bytes, display: str) -> None:
    quick, quick_problems = load_yaml_bytes(raw, display)
    text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="strict")
    careful, careful_problems = _parse_with_positions(text, display)
    assert [p for p in quick_problems if p.code != "encoding-bom"] == careful_problems
    if careful is None:
        assert quick is None
        return
    assert isinstance(quick, SourceDocument)
    assert quick.data == careful.data
    assert _typed(quick.data) == _typed(careful.data)  # 1 == 1.0 == True, but not here
    assert quick.value_positions == careful.value_positions
    assert quick.key_positions == careful.key_positions


def _typed(value: object) -> object:
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return (type(value).__name__, value)


def test_there_are_files_to_compare() -> None:
    assert len(FILES) > 150


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_file_reads_the_same_both_ways(path: Path) -> None:
    raw = path.read_bytes()
    try:
        raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: refused before either path")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        pytest.skip("UTF-16: refused before either path")
    _both_ways(raw, path.relative_to(REPO).as_posix())


@pytest.mark.parametrize("raw", EDGE_CASES)
def test_edge_cases_read_the_same_both_ways(raw: bytes) -> None:
    _both_ways(raw, "f.yaml")


def test_positions_of_a_quick_read_are_found_when_asked_for() -> None:
    document, problems = load_yaml_bytes(b"id: x\nworkload:\n  ects: 3\n", "f.yaml")
    assert problems == [] and document is not None
    assert document.positions is None  # not recorded while reading
    assert document.position(("workload", "ects")) == (3, 9)
    assert document.position(("workload",), key=True) == (2, 1)
