"""Loading YAML safely, keeping the source position of every key and value.

The loader builds plain Python data from the parser's event stream itself,
instead of using a YAML constructor, so that it can:

- refuse what a register never needs and an attacker could abuse: anchors and
  aliases (YAML bombs), tags of any kind (`!!python/…`), several documents in
  one file, oversized files and very deep nesting;
- report duplicate keys (the YAML libraries silently keep the last one);
- resolve plain scalars the way partners expect: `0613` stays the text "0613"
  (an ISCED-F code, not a number), `NO` stays "NO" (Norway, not false) and dates
  stay text for the models to check;
- remember where each key and value starts, so that every problem, including
  pydantic's type errors, points at a line and column.

Most files break none of these rules, and remembering positions is most of the
cost of reading a file. So a file is first read on a quick path that builds only
the data and gives up at the first thing out of the ordinary; a file it gives up
on is read again on the careful path, which reports every problem with its
position. The positions of a file read on the quick path are found, by the
careful path, the first time a problem about the file asks for one. Both paths
read the same events and resolve scalars with the same function, so they give
the same data (`tests/load/test_loading_paths.py` holds them to it).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Loc, Position, Problem, Severity, count

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_PROBLEMS_PER_FILE = 50
UTF8_BOM = b"\xef\xbb\xbf"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_REFERENCE_LOADER = yaml.SafeLoader
"""PyYAML's own Python parser: slower, but it sets no nesting limit of its own, so a file
the fast parser refuses is read again with it, and the register's rules (`MAX_DEPTH`)
decide, not the limit of whichever libyaml is installed."""
_PARSER_DEPTH_WORDS = ("nesting depth", "nest level", "nesting level", "flow level")
"""How parsers word their own nesting limit (libyaml: "exceeded maximum nesting depth")."""

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
_NOT_TEXT_STARTS = frozenset("~nNtTfF+-.0123456789")
"""The first characters of the plain scalars `_resolve_plain` turns into something else."""
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)$")


@dataclass
class SourceDocument:
    """The data of one YAML file, with the position of every key and value.

    `text` is the file's text; when the positions were not recorded while reading
    (`positions` is None), they are found in it the first time they are needed.
    """

    file: str
    data: Any = None
    text: str = field(default="", repr=False)
    positions: _Positions | None = field(default=None, repr=False, compare=False)

    @property
    def value_positions(self) -> dict[Loc, Position]:
        """Where each value starts, keyed by its field path."""
        return self._positions().values

    @property
    def key_positions(self) -> dict[Loc, Position]:
        """Where each key of a map starts, keyed by the field path of its value."""
        return self._positions().keys

    def _positions(self) -> _Positions:
        if self.positions is None:
            builder = _Builder(self.file)
            _feed(builder, self.text)
            self.positions = builder.positions
        return self.positions

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """Where the value (or key) at `loc` starts; the nearest enclosing one if absent."""
        loc = tuple(loc)
        if key and loc in self.key_positions:
            return self.key_positions[loc]
        while loc:
            if loc in self.value_positions:
                return self.value_positions[loc]
            loc = loc[:-1]
        return self.value_positions.get((), Position(1, 1))

    def problem(
        self,
        loc: Loc,
        message: str,
        code: str,
        hint: str = "",
        *,
        severity: Severity = Severity.ERROR,
        key: bool = False,
    ) -> Problem:
        """A problem about the field at `loc` in this file."""
        return Problem(
            self.file, self.position(loc, key=key), message, code, tuple(loc), hint, severity
        )


class _Fatal(Exception):
    """A problem after which the rest of the file cannot be read."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def load_yaml_file(path: Path, display: str) -> tuple[SourceDocument | None, list[Problem]]:
    """Read and parse one YAML file; returns the document (None if unreadable) and problems.

    Only regular files are read: a symbolic link could point outside the register
    (e.g. at a server's secrets), and a named pipe or device would block the build.
    """
    try:
        status = path.lstat()
        if stat.S_ISLNK(status.st_mode):
            return None, [_not_a_file(display, "is a symbolic link", "file-symlink")]
        if not stat.S_ISREG(status.st_mode):
            return None, [_not_a_file(display, "is not a regular file", "file-not-regular")]
        if status.st_size > MAX_FILE_BYTES:
            return None, [_file_too_large(display, status.st_size)]
        raw = _read_bytes(path, status.st_size)
    except OSError as exc:
        return None, [
            Problem(
                display,
                Position(),
                f"cannot be read: {exc.strerror}",
                "file-unreadable",
                hint="check that the file exists and is readable",
            )
        ]
    return load_yaml_bytes(raw, display)


def _read_bytes(path: Path, size: int) -> bytes:
    """The whole file, as `path.read_bytes()` reads it, in half the system calls.

    `size` is the size the file had a moment ago: usually the first read gets it all.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        parts: list[bytes] = []
        while part := os.read(descriptor, size + 1 if not parts else 65_536):
            parts.append(part)
        return b"".join(parts)
    finally:
        os.close(descriptor)


def load_yaml_bytes(raw: bytes, display: str) -> tuple[SourceDocument | None, list[Problem]]:
    """Parse YAML from UTF-8 bytes; returns the document and problems."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [_file_too_large(display, len(raw))]
    problems: list[Problem] = []
    if raw.startswith(UTF8_BOM):
        # Read on, so that the partner sees every other problem of the file at once.
        problems.append(_byte_order_mark(display))
        raw = raw[len(UTF8_BOM) :]
    try:
        text = _decode(raw, display)
        document, found = _parse(text, display)
    except _Fatal as fatal:
        return None, [*problems, fatal.problem]
    return document, [*problems, *found]


def cap_problems(problems: list[Problem], display: str, total: int | None = None) -> list[Problem]:
    """At most MAX_PROBLEMS_PER_FILE problems, then one line saying how many were left out.

    `total` is the number of problems found when only the first ones were described.
    """
    total = len(problems) if total is None else total
    if total <= MAX_PROBLEMS_PER_FILE:
        return problems
    kept = problems[:MAX_PROBLEMS_PER_FILE]
    extra = total - MAX_PROBLEMS_PER_FILE
    return [
        *kept,
        Problem(
            display,
            kept[-1].position,
            f"… and {count(extra, 'more problem')} like these",
            "too-many-problems",
            hint="fix the problems above and validate again",
        ),
    ]


def _not_a_file(display: str, message: str, code: str) -> Problem:
    return Problem(
        display,
        Position(),
        message,
        code,
        hint="the register accepts only ordinary files: replace it with the file itself",
    )


def _byte_order_mark(display: str) -> Problem:
    return Problem(
        display,
        Position(),
        "starts with a byte-order mark (an invisible character some editors add)",
        "encoding-bom",
        hint="save the file as UTF-8 without BOM (in Notepad: 'UTF-8', not 'UTF-8 with BOM')",
    )


def _file_too_large(display: str, size: int) -> Problem:
    return Problem(
        display,
        Position(),
        f"is too large ({size / 1_000_000:.1f} MB; a register file may be at most "
        f"{MAX_FILE_BYTES // 1_000_000} MB)",
        "file-too-large",
        hint="an offer or provider file is a few kilobytes; check that this is the right file",
    )


def _decode(raw: bytes, display: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Fatal(
            Problem(
                display,
                Position(),
                "is saved as UTF-16; register files must be UTF-8",
                "encoding",
                hint="save the file with the encoding UTF-8",
            )
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _Fatal(
            Problem(
                display,
                Position(line, column),
                f"is not valid UTF-8 (byte 0x{raw[exc.start]:02X} cannot be read)",
                "encoding",
                hint="save the file with the encoding UTF-8; the character at this place was "
                "probably typed in another encoding (e.g. Windows-1252)",
            )
        ) from None


def _parse(text: str, display: str) -> tuple[SourceDocument | None, list[Problem]]:
    try:
        data = _read_plain(text)
    except (_OutOfTheOrdinary, yaml.YAMLError):
        return _parse_with_positions(text, display)
    return SourceDocument(display, data, text), []


def _parse_with_positions(text: str, display: str) -> tuple[SourceDocument | None, list[Problem]]:
    builder = _Builder(display, text)
    try:
        try:
            _feed(builder, text)
        except yaml.YAMLError as fast_error:
            if _Loader is _REFERENCE_LOADER:
                raise
            # The fast parser may stop at a limit of its own (libyaml's nesting depth) before
            # the register's check sees the file: the reference parser reads it again. Where
            # the reference parser reads what the fast one refused, the refusal stands, unless
            # it was the parser's own nesting limit, which the register's rules replace.
            builder = _Builder(display, text)
            _feed(builder, text, _REFERENCE_LOADER)
            if not _is_parser_depth_limit(fast_error):
                raise fast_error from None
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, display)]
    except yaml.reader.ReaderError as exc:
        return None, [_reader_problem(exc, text, display)]
    except yaml.YAMLError as exc:
        return None, [
            Problem(
                display,
                Position(),
                f"is not valid YAML: {exc}",
                "yaml-syntax",
                hint="check the indentation and quotes",
            )
        ]
    except _Fatal as fatal:
        return None, [fatal.problem]
    problems = builder.problems
    if builder.documents == 0:
        problems.append(
            Problem(
                display,
                Position(),
                "is empty",
                "file-empty",
                hint="write the fields of the record, or start from `register new`",
            )
        )
        return None, problems
    document = SourceDocument(display, builder.data, text, builder.positions)
    return document, cap_problems(problems, display)


def _feed(builder: _Builder, text: str, loader_class: type = _Loader) -> None:
    loader = loader_class(text)
    try:
        next_event = loader.get_event
        while (event := next_event()) is not None:
            builder.feed(event)
    finally:
        loader.dispose()


def _is_parser_depth_limit(error: yaml.YAMLError) -> bool:
    """Whether the parser stopped at its own nesting limit (not at a mistake in the file)."""
    problem = getattr(error, "problem", None) or str(error)
    return any(words in problem for words in _PARSER_DEPTH_WORDS)


def _reader_problem(exc: yaml.reader.ReaderError, text: str, display: str) -> Problem:
    before = text[: exc.position]
    line = before.count("\n") + 1
    column = exc.position - (before.rfind("\n") + 1) + 1
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    return Problem(
        display,
        Position(line, column),
        f"contains the invisible control character U+{char:04X}, which YAML does not allow",
        "yaml-control-character",
        hint="delete the character (retype the line if you cannot see it)",
    )


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    char = source_line[column - 1] if 0 < column <= len(source_line) else ""
    problem = exc.problem or "syntax error"
    if _is_parser_depth_limit(exc):
        return _too_deep(display, Position(line, column))
    if char == "\t" or (
        "\t" in source_line[: max(column, 1)] and "cannot start any token" in problem
    ):
        return Problem(
            display,
            Position(line, column),
            "contains a tab character; YAML is indented with spaces",
            "yaml-tab",
            hint="replace the tab with spaces (two per level of indentation)",
        )
    value = source_line.split(": ", 1)[1].lstrip() if ": " in source_line else ""
    if value[:1] in ("!", "&", "*", "@", "`", "%", "|", ">") and "tag" not in problem:
        hint = f'a value starting with `{value[0]}` must be in quotes, e.g. "{value[:20]}…"'
    elif "mapping values are not allowed" in problem:
        hint = (
            'a value containing `: ` must be in quotes, e.g. title: "Data: a primer"; '
            "otherwise check this line's indentation"
        )
    elif "could not find expected ':'" in problem:
        hint = "each line needs `field: value`; check for a missing colon or an unclosed quote"
    elif "found undefined tag handle" in problem or "tag" in problem:
        hint = "remove the `!` tag: register files use plain YAML without tags"
    elif "found unknown escape character" in problem:
        hint = "in double quotes, write a backslash as \\\\ or use single quotes"
    elif "control characters are not allowed" in problem:
        hint = "remove the invisible control character from this line"
    else:
        hint = "check the indentation, quotes and colons on this line and the one above"
    return Problem(
        display, Position(line, column), f"is not valid YAML: {problem}", "yaml-syntax", hint=hint
    )


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    loc: Loc
    pending_key: str | None = None


class _OutOfTheOrdinary(Exception):
    """The quick path gives up: the file needs the careful path."""


def _read_plain(text: str) -> Any:
    """The quick path: the data of a file that breaks no rule, without positions.

    Raises `_OutOfTheOrdinary` at the first thing the careful path would report
    (a second document, an anchor, an alias, a tag, nesting too deep, a list or map
    as a key, a repeated key, no document at all), and lets YAML errors through.
    """
    loader = _Loader(text)
    try:
        next_event = loader.get_event
        documents = 0
        data: Any = None
        # The container being filled, whether it is a map, the key waiting for its value.
        container: Any = None
        is_map = False
        key: str | None = None
        stack: list[tuple[Any, bool]] = []
        while (event := next_event()) is not None:
            kind = event.__class__
            if kind is yaml.ScalarEvent:
                if event.anchor is not None or event.tag not in (None, "!"):
                    raise _OutOfTheOrdinary
                if is_map and key is None:
                    key = event.value
                    if key in container:
                        raise _OutOfTheOrdinary
                    continue
                # `_stray_list_item`'s first test, inline: this line runs for every value.
                if (
                    event.implicit[0]
                    and (" -" in event.value or "\n-" in event.value)
                    and _stray_list_item(event, text) is not None
                ):
                    raise _OutOfTheOrdinary
                value = _resolve_plain(event.value) if event.implicit[0] else event.value
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None or event.tag not in (None, "!"):
                    raise _OutOfTheOrdinary
                if len(stack) >= MAX_DEPTH or (is_map and key is None):
                    raise _OutOfTheOrdinary
                value = {} if kind is yaml.MappingStartEvent else []
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                container, is_map = stack.pop()
                continue
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _OutOfTheOrdinary
                continue
            elif kind is yaml.AliasEvent:
                raise _OutOfTheOrdinary
            else:
                continue  # the starts and ends of the stream, the end of the document
            if container is None:
                data = value
            elif is_map:
                container[key] = value
                key = None
            else:
                container.append(value)
            if kind is not yaml.ScalarEvent:
                stack.append((container, is_map))
                container, is_map = value, kind is yaml.MappingStartEvent
    finally:
        loader.dispose()
    if documents == 0:
        raise _OutOfTheOrdinary
    return data


@dataclass
class _Positions:
    """Where the values and the keys of a document start, keyed by field path."""

    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)


class _Builder:
    """The careful path: parser events into data plus positions, recording problems.

    `text` is the file's text, to report what the events alone do not show; without it
    (when only the positions are wanted) those problems are not looked for.
    """

    def __init__(self, display: str, text: str = "") -> None:
        self.file = display
        self.text = text
        self.data: Any = None
        self.positions = _Positions()
        self.problems: list[Problem] = []
        self.documents = 0
        self.stack: list[_Frame] = []
        self.has_root = False

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _Fatal(
                    self._problem(
                        event,
                        "contains more than one YAML document (`---`)",
                        "yaml-multiple-documents",
                        "keep one record per file; remove the second `---`",
                    )
                )
        elif isinstance(event, yaml.AliasEvent):
            self.problems.append(
                self._problem(
                    event,
                    f"uses the alias `*{event.anchor}`; anchors and aliases are not allowed",
                    "yaml-alias",
                    "write the value out in full; if the `*` is part of the text, put the whole "
                    "value in quotes",
                )
            )
            self._add(None, event)
        elif isinstance(event, yaml.ScalarEvent):
            self._check_node(event)
            frame = self.stack[-1] if self.stack else None
            is_key = (
                frame is not None
                and isinstance(frame.container, dict)
                and frame.pending_key is None
            )
            loc = self._add(_resolve(event), event)
            if self.text and event.implicit[0] and not is_key:
                self._check_plain_text(event, loc)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self._check_node(event)
            if len(self.stack) >= MAX_DEPTH:
                raise _Fatal(_too_deep(self.file, _position(event)))
            container: dict[str, Any] | list[Any] = (
                {} if isinstance(event, yaml.MappingStartEvent) else []
            )
            loc = self._add(container, event)
            self.stack.append(_Frame(container, loc))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self.stack.pop()

    def _check_node(self, event: yaml.NodeEvent) -> None:
        if event.anchor is not None:
            self.problems.append(
                self._problem(
                    event,
                    f"defines the anchor `&{event.anchor}`; anchors and aliases are not allowed",
                    "yaml-anchor",
                    "remove `&…` and write each value out in full",
                )
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            self.problems.append(
                self._problem(
                    event,
                    f"uses the tag `{tag}`; tags are not allowed",
                    "yaml-tag",
                    "remove the tag (the part starting with `!`); if the `!` is part of the text, "
                    "put the whole value in quotes",
                )
            )

    def _add(self, value: Any, event: yaml.Event) -> Loc:
        """Place a key or value in the current container; returns the value's loc."""
        position = _position(event)
        if not self.stack:
            if self.has_root:
                return ()
            self.has_root = True
            self.data = value
            self.positions.values[()] = position
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            loc = (*frame.loc, len(frame.container))
            frame.container.append(value)
            self.positions.values[loc] = position
            return loc
        if frame.pending_key is None:
            return self._add_key(frame, value, event, position)
        loc = (*frame.loc, frame.pending_key)
        frame.container[frame.pending_key] = value
        self.positions.values[loc] = position
        frame.pending_key = None
        return loc

    def _add_key(self, frame: _Frame, value: Any, event: yaml.Event, position: Position) -> Loc:
        if isinstance(event, yaml.AliasEvent):
            event = yaml.ScalarEvent(
                None, None, (False, True), f"*{event.anchor}", event.start_mark, event.end_mark
            )
        if not isinstance(event, yaml.ScalarEvent):
            raise _Fatal(
                self._problem(
                    event,
                    "uses a list or map as a key",
                    "yaml-complex-key",
                    "keys are plain field names such as `title`",
                )
            )
        key = event.value
        assert isinstance(frame.container, dict)
        loc = (*frame.loc, key)
        if key in frame.container:
            first = self.positions.keys[loc]
            self.problems.append(
                self._problem(
                    event,
                    f"repeats the field `{key}` (first given on line {first.line})",
                    "yaml-duplicate-key",
                    "keep one of the two and delete the other",
                )
            )
        else:
            self.positions.keys[loc] = position
        frame.pending_key = key
        return loc

    def _check_plain_text(self, event: yaml.ScalarEvent, loc: Loc) -> None:
        stray = _stray_list_item(event, self.text)
        if stray is None:
            return
        self.problems.append(
            Problem(
                self.file,
                stray,
                "this line starts with `- ` but is not a new list item: YAML joins it to the "
                "text above, because its dash is indented more than the items before it",
                "yaml-list-item-in-text",
                loc,
                "if it is a list item, align its `-` with the `-` of the items above; if the "
                "dash belongs to the text, put the whole text in quotes or write it as a block "
                "(`field: |` and the text on the lines below)",
            )
        )

    def _problem(self, event: yaml.Event, message: str, code: str, hint: str) -> Problem:
        return Problem(self.file, _position(event), message, code, hint=hint)


def _too_deep(display: str, position: Position) -> Problem:
    """Nesting beyond `MAX_DEPTH`, found by the register's check or by the parser's own limit."""
    return Problem(
        display,
        position,
        f"is nested more than {MAX_DEPTH} levels deep",
        "yaml-too-deep",
        hint="flatten the structure: register files need only a few levels of lists and maps",
    )


_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML counts as a line break (the lines of its marks)."""


def _stray_list_item(event: yaml.ScalarEvent, text: str) -> Position | None:
    """Where a plain text's continuation line starts with `- `, or None.

    YAML reads such a line as more of the text: a list item indented one space too far
    (`   - Choose…` under `  - Clean…`) silently becomes the end of the item before it.
    Folding turns the line break into a space (a newline after a blank line), so only a
    text with ` -` or a newline and `-` in it can hold one.
    """
    if " -" not in event.value and "\n-" not in event.value:
        return None
    start_mark, end_mark = event.start_mark, event.end_mark
    assert start_mark is not None and end_mark is not None  # the parser marks every event
    start, end = start_mark.line, end_mark.line
    if start == end:
        return None
    lines = _LINE_BREAKS.split(text, maxsplit=end + 1)
    for number in range(start + 1, min(end, len(lines) - 1) + 1):
        line = lines[number]
        rest = line.lstrip(" \t")
        if rest == "-" or rest.startswith(("- ", "-\t")):
            return Position(number + 1, len(line) - len(rest) + 1)
    return None


def _position(event: yaml.Event) -> Position:
    mark = event.start_mark
    # The parser marks every event it gives; only an event made by hand has none.
    assert mark is not None
    return Position(mark.line + 1, mark.column + 1)


def _resolve(event: yaml.ScalarEvent) -> Any:
    """The value of a scalar: plain scalars become null, booleans and numbers where obvious."""
    return _resolve_plain(event.value) if event.implicit[0] else event.value


def _resolve_plain(value: str) -> Any:
    """The value of a plain (unquoted) scalar."""
    if value and value[0] not in _NOT_TEXT_STARTS:
        return value  # most values are text: skip the tests below
    if value in _NULLS:
        return None
    if value in _TRUES:
        return True
    if value in _FALSES:
        return False
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value
