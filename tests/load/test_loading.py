"""The YAML loader: safe parsing, positions, and every way a file can be refused."""

from __future__ import annotations

import pytest
import yaml

from generator.load import reading as loading
from generator.load.reading import MAX_DEPTH, MAX_FILE_BYTES, MAX_PROBLEMS_PER_FILE, load_yaml_bytes
from generator.problems import Position


def problems_of(raw: bytes) -> list[tuple[int, int, str]]:
    _, problems = load_yaml_bytes(raw, "offers/p/o.yaml")
    return [(p.line, p.column, p.code) for p in problems]


def test_plain_scalars_resolve_as_partners_expect() -> None:
    raw = (
        b"field: 0613\ncountry: NO\nanswer: yes\nflag: true\noff: False\ncount: 12\n"
        b"ects: 2.5\nday: 2026-09-01\nempty:\ntilde: ~\nquoted: '12'\ninf: .inf\n"
    )
    document, problems = load_yaml_bytes(raw, "f.yaml")
    assert problems == []
    assert document.data == {
        "field": "0613",  # an ISCED-F code keeps its leading zero
        "country": "NO",  # Norway, not false
        "answer": "yes",
        "flag": True,
        "off": False,
        "count": 12,
        "ects": 2.5,
        "day": "2026-09-01",  # dates are checked by the models
        "empty": None,
        "tilde": None,
        "quoted": "12",
        "inf": ".inf",
    }


def test_positions_of_keys_and_values_are_recorded() -> None:
    raw = b"id: x\nworkload:\n  ects: 3\nlist:\n  - a\n  - b: 1\n"
    document, _ = load_yaml_bytes(raw, "f.yaml")
    assert document.position(("workload", "ects")) == Position(3, 9)
    assert document.position(("workload", "ects"), key=True) == Position(3, 3)
    assert document.position(("list", 1, "b")) == Position(6, 8)
    # Absent paths fall back to the nearest enclosing value.
    assert document.position(("workload", "hours")) == Position(3, 3)


def test_bom_is_reported_and_the_rest_still_read() -> None:
    document, problems = load_yaml_bytes(b"\xef\xbb\xbfid: x\nid: y\n", "f.yaml")
    assert [(p.code, p.position.line) for p in problems] == [
        ("encoding-bom", 1),
        ("yaml-duplicate-key", 2),
    ]
    assert document is not None and document.data == {"id": "y"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(b"id: x\nworkload:\n\tects: 3\n", (3, 1, "yaml-tab"), id="tab"),
        pytest.param(b"id: x\ntitle: a\ntitle: b\n", (3, 1, "yaml-duplicate-key"), id="duplicate"),
        pytest.param(b"a: &x [1]\nb: 2\n", (1, 4, "yaml-anchor"), id="anchor"),
        pytest.param(b"a: 1\nb: *x\n", (2, 4, "yaml-alias"), id="undefined-alias"),
        pytest.param(
            b"a: !!python/object/apply:os.system ['ls']\n", (1, 4, "yaml-tag"), id="python-tag"
        ),
        pytest.param(b"a: !custom value\n", (1, 4, "yaml-tag"), id="custom-tag"),
        pytest.param(b"a: !!str 12\n", (1, 4, "yaml-tag"), id="core-tag"),
        pytest.param(b"id: x\ntitle: caf\xe9\n", (2, 11, "encoding"), id="latin-1"),
        pytest.param("id: x".encode("utf-16"), (1, 1, "encoding"), id="utf-16"),
        pytest.param(b"", (1, 1, "file-empty"), id="empty"),
        pytest.param(b"# only a comment\n\n", (1, 1, "file-empty"), id="comment-only"),
        pytest.param(b"a: 1\n---\nb: 2\n", (2, 1, "yaml-multiple-documents"), id="two-docs"),
        pytest.param(b"title: Data: a primer\n", (1, 12, "yaml-syntax"), id="colon"),
        pytest.param(b"title: 'unclosed\nid: x\n", (3, 1, "yaml-syntax"), id="unclosed-quote"),
        pytest.param(b"a: b\nc: d\x07e\n", (2, 5, "yaml-control-character"), id="control-char"),
        pytest.param(b"? [a, b]\n: c\n", (1, 3, "yaml-complex-key"), id="complex-key"),
    ],
)
def test_refusals_name_a_line_and_column(raw: bytes, expected: tuple[int, int, str]) -> None:
    assert expected in problems_of(raw)


def test_alias_is_refused_where_it_is_used() -> None:
    codes = problems_of(b"a: &x [1, 2]\nb: *x\n")
    assert (1, 4, "yaml-anchor") in codes
    assert (2, 4, "yaml-alias") in codes


def test_billion_laughs_is_refused_without_expansion() -> None:
    lines = [b"a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [
        f"a{i}: &a{i} [".encode() + b", ".join([f"*a{i - 1}".encode()] * 9) + b"]"
        for i in range(1, 10)
    ]
    _, problems = load_yaml_bytes(b"\n".join(lines) + b"\n", "bomb.yaml")
    assert problems and all(
        p.code in {"yaml-anchor", "yaml-alias", "too-many-problems"} for p in problems
    )
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert problems[-1].code == "too-many-problems"


def test_deep_nesting_is_refused() -> None:
    raw = b"a: " + b"[" * (MAX_DEPTH + 5) + b"]" * (MAX_DEPTH + 5) + b"\n"
    assert problems_of(raw)[0][2] == "yaml-too-deep"


def test_deep_block_nesting_is_refused() -> None:
    raw = "".join(f"{'  ' * i}k{i}:\n" for i in range(MAX_DEPTH + 3)).encode() + b"  " * 40 + b"v\n"
    assert any(code == "yaml-too-deep" for _, _, code in problems_of(raw))


def _parser_with_limit(limit: int | None) -> type:
    """A parser that stops at its own nesting limit, worded as libyaml words it (None: no limit)."""

    class LimitedLoader(yaml.SafeLoader):
        depth = 0

        def get_event(self):  # type: ignore[no-untyped-def]
            event = super().get_event()
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                self.depth += 1
                if limit is not None and self.depth > limit:
                    raise yaml.scanner.ScannerError(
                        "while increasing flow level",
                        event.start_mark,
                        "exceeded maximum nesting depth",
                        event.start_mark,
                    )
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                self.depth -= 1
            return event

    return LimitedLoader


def _nested(depth: int) -> bytes:
    return b"id: x\nlist: " + b"[" * depth + b"]" * depth + b"\n"


@pytest.mark.parametrize(
    ("fast_limit", "reference_limit"),
    [
        (MAX_DEPTH // 2, None),  # the fast parser stops below the register's limit
        (MAX_DEPTH * 4, None),  # and above it
        (None, None),  # no limit at all
        (MAX_DEPTH // 2, MAX_DEPTH // 2),  # both parsers stop before the register's check
    ],
    ids=["fast-below", "fast-above", "no-limit", "both-below"],
)
def test_depth_is_one_problem_whatever_the_parser_limit(
    monkeypatch: pytest.MonkeyPatch, fast_limit: int | None, reference_limit: int | None
) -> None:
    monkeypatch.setattr(loading, "_Loader", _parser_with_limit(fast_limit))
    monkeypatch.setattr(loading, "_REFERENCE_LOADER", _parser_with_limit(reference_limit))
    document, problems = load_yaml_bytes(_nested(MAX_DEPTH + 10), "f.yaml")
    assert document is None
    assert [(p.line, p.code) for p in problems] == [(2, "yaml-too-deep")]
    if reference_limit is None:
        # Nesting the register allows is read, whatever the fast parser's own limit.
        document, problems = load_yaml_bytes(_nested(MAX_DEPTH - 2), "f.yaml")
        assert problems == [] and document is not None
        assert document.data["id"] == "x"


def test_depth_beyond_the_installed_parser_limit_is_too_deep() -> None:
    """libyaml stops at its own limit (1,000 flow levels in PyYAML 6.0.4) before any event."""
    _, problems = load_yaml_bytes(_nested(5_000), "f.yaml")
    assert [(p.line, p.code) for p in problems] == [(2, "yaml-too-deep")]


def test_oversized_content_is_refused_before_parsing() -> None:
    raw = b"description: " + b"x" * (MAX_FILE_BYTES + 1) + b"\n"
    _, problems = load_yaml_bytes(raw, "big.yaml")
    assert [(p.line, p.code) for p in problems] == [(1, "file-too-large")]
    assert "MB" in problems[0].message


def test_top_level_list_and_scalar_load_for_the_validator_to_refuse() -> None:
    document, problems = load_yaml_bytes(b"- a\n- b\n", "f.yaml")
    assert problems == [] and document.data == ["a", "b"]
    document, problems = load_yaml_bytes(b"just text\n", "f.yaml")
    assert problems == [] and document.data == "just text"


def test_tab_message_tells_how_to_fix() -> None:
    _, problems = load_yaml_bytes(b"a:\n\tb: 1\n", "f.yaml")
    assert "tab" in problems[0].message and "spaces" in problems[0].hint
