"""Problems: what validation reports, as values rather than exceptions.

Every check in the project returns a list of `Problem`s. A problem always names
a file and a line (line 1 when the whole file is at fault), the field path it is
about, what is wrong and how to fix it, so a partner can act on it without
reading code.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

Loc = tuple[str | int, ...]


class Severity(StrEnum):
    """How serious a problem is: errors make the register invalid, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


class Position(NamedTuple):
    """A 1-based line and column in a source file (a tuple: one is made per YAML node)."""

    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the register, located precisely enough to fix."""

    file: str
    position: Position
    message: str
    code: str
    loc: Loc = ()
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def line(self) -> int:
        """The 1-based line number."""
        return self.position.line

    @property
    def column(self) -> int:
        """The 1-based column number."""
        return self.position.column

    @property
    def field_path(self) -> str:
        """The field path in the dotted form partners read, e.g. `editions[0].start`."""
        return format_loc(self.loc)

    @property
    def is_error(self) -> bool:
        """True when the problem makes the register invalid."""
        return self.severity is Severity.ERROR

    def as_error(self) -> Problem:
        """The same problem, raised to an error (used by `--strict`)."""
        return Problem(
            self.file, self.position, self.message, self.code, self.loc, self.hint, Severity.ERROR
        )

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, then position, then code."""
        return (self.file, self.line, self.column, self.code)


@dataclass
class ProblemList:
    """Problems collected while checking, never stopping at the first."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        """Record one problem."""
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record several problems."""
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        """The problems that make the register invalid."""
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """The problems worth fixing that do not make the register invalid."""
        return [p for p in self.items if not p.is_error]

    def sorted(self) -> list[Problem]:
        """All problems ordered by file and position."""
        return sorted(self.items, key=Problem.sort_key)


_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` with line breaks, control and invisible formatting characters written as escapes.

    Messages quote what a partner wrote; quoted as it is, a line break would split the
    report's line, an ANSI escape would drive the terminal and a direction override would
    turn the rest of the line around.
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group(0)
        code = ord(char)
        return _ESCAPES.get(char) or (f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")

    return _UNPRINTABLE.sub(escape, text)


def format_loc(loc: Loc) -> str:
    """Render a field path: ('editions', 0, 'start') -> 'editions[0].start'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def did_you_mean(value: object, choices: Sequence[str]) -> str:
    """A "did you mean …?" hint for a misspelt key or code, or "" when nothing is close."""
    text = str(value)
    lowered = {choice.lower(): choice for choice in choices}
    if text.lower() in lowered:
        return f"did you mean `{lowered[text.lower()]}`? (codes are case-sensitive)"
    normalised = text.lower().replace(" ", "-").replace("_", "-")
    if normalised in lowered and lowered[normalised] != text:
        return f"did you mean `{lowered[normalised]}`?"
    close = difflib.get_close_matches(text.lower(), list(lowered), n=2, cutoff=0.6)
    if not close:
        return ""
    names = " or ".join(f"`{lowered[c]}`" for c in close)
    return f"did you mean {names}?"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """A number with its noun in agreement: `1 offer`, `2 offers`, `0 offers`."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def list_choices(choices: Sequence[str], limit: int = 12) -> str:
    """A short readable list of allowed values."""
    shown = ", ".join(f"`{c}`" for c in choices[:limit])
    if len(choices) > limit:
        shown += f", … ({len(choices)} in all)"
    return shown
