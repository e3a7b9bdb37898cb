"""Presenting problems: readable text, JSON for tools, GitHub workflow annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.problems import Problem, count, printable

if TYPE_CHECKING:
    from generator.register import LoadResult

FORMATS = ("text", "json", "github")


@dataclass(frozen=True)
class Summary:
    """What was checked and what was found."""

    providers: int
    offers: int
    errors: int
    warnings: int
    files_with_problems: int
    seconds: float

    @classmethod
    def of(
        cls, problems: Sequence[Problem], providers: int, offers: int, seconds: float
    ) -> Summary:
        """The summary of a check that found `problems`."""
        errors = sum(p.is_error for p in problems)
        return cls(
            providers=providers,
            offers=offers,
            errors=errors,
            warnings=len(problems) - errors,
            files_with_problems=len({p.file for p in problems if p.is_error}),
            seconds=seconds,
        )

    @property
    def valid(self) -> bool:
        """True when there are no errors."""
        return self.errors == 0

    def line(self) -> str:
        """The one-line verdict printed after validation."""
        checked = f"{count(self.providers, 'provider')}, {count(self.offers, 'offer')}"
        warnings = count(self.warnings, "warning")
        if self.valid:
            return f"valid: {checked}, {warnings} ({self.seconds:.2f} s)"
        return (
            f"invalid: {count(self.errors, 'error')} and {warnings} in "
            f"{count(self.files_with_problems, 'file')} ({checked} valid; {self.seconds:.2f} s)"
        )


def describe(problem: Problem) -> str:
    """The problem as a sentence: the field it is about, then what is wrong."""
    message = printable(problem.message)
    if problem.field_path:
        return f"{printable(problem.field_path)}: {message}"
    subject = "the folder" if problem.file.endswith("/") else "the file"
    return f"{subject} {message}"


def format_text(problems: Sequence[Problem], summary: Summary) -> str:
    """Compiler-style lines (`file:line:column: severity: …`) with a hint under each."""
    lines = [line for problem in problems for line in text_lines(problem)]
    lines.append(summary.line())
    return "\n".join(lines)


def load_report(result: LoadResult, seconds: float) -> str:
    """The text report of a loaded register: every problem, sorted, and the summary line."""
    problems = result.problems.sorted()
    summary = Summary.of(problems, *result.valid_counts(), seconds)
    return format_text(problems, summary)


def text_lines(problem: Problem) -> list[str]:
    """One problem as a compiler-style line, and its hint indented below."""
    lines = [
        f"{printable(problem.file)}:{problem.line}:{problem.column}: {problem.severity}: "
        f"{describe(problem)} [{problem.code}]"
    ]
    if problem.hint:
        lines.append(f"    hint: {printable(problem.hint)}")
    return lines


def format_json(problems: Sequence[Problem], summary: Summary) -> str:
    """A JSON document with a summary and every problem, for tools and editors."""
    document = {
        "valid": summary.valid,
        "summary": {
            "providers": summary.providers,
            "offers": summary.offers,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "seconds": round(summary.seconds, 3),
        },
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "severity": str(p.severity),
                "code": p.code,
                "field": p.field_path,
                "message": p.message,
                "hint": p.hint,
            }
            for p in problems
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def escape_data(text: str) -> str:
    """Text that GitHub Actions reads as data on one line of its log, never as a command.

    The runner decodes `%25`, `%0D` and `%0A` in a workflow command's message; a line
    break left as it is would end the line and let what follows (`::error …`,
    `::stop-commands::…`) be read as a command of its own. Characters that cannot be
    written as UTF-8 (from file names that are not) are written as escapes.
    """
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Sequence[Problem], summary: Summary) -> str:
    """GitHub Actions workflow commands, shown as annotations on the pull request's lines."""
    lines = [github_annotation(problem) for problem in problems]
    lines.append(summary.line())
    return "\n".join(lines)


def github_annotation(problem: Problem) -> str:
    """One problem as a GitHub Actions workflow command (`::error file=…,line=…::…`)."""
    message = describe(problem)
    if problem.hint:
        message += f" (hint: {problem.hint})"
    return workflow_command(
        str(problem.severity), problem.file, problem.line, problem.column, problem.code, message
    )


def workflow_command(
    severity: str, file: str, line: int, column: int, title: str, message: str
) -> str:
    """A GitHub Actions workflow command that annotates a line of a file in the pull request."""
    properties = ",".join(
        [
            f"file={_escape_property(file)}",
            f"line={line}",
            f"col={column}",
            f"title={_escape_property(title)}",
        ]
    )
    return f"::{severity} {properties}::{escape_data(message)}"


def render(problems: Sequence[Problem], summary: Summary, output_format: str) -> str:
    """The report in the requested format."""
    renderers = {"text": format_text, "json": format_json, "github": format_github}
    return renderers[output_format](problems, summary)
