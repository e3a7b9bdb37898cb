"""Broken and hostile files through the whole CLI: exit 1, file and line named, fast, no traceback.

Each case drops one bad file into a valid register and runs `register validate`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from conftest import OFFER, PROVIDER, CliRun, RegisterDir, line_of, replace

OFFER_FILE = "offers/rhine-university/data-literacy-basics.yaml"
PROVIDER_FILE = "providers/rhine-university.yaml"


@dataclass(frozen=True)
class Case:
    """A bad file, where it goes, and the problem it must produce."""

    name: str
    content: bytes
    code: str
    line: int
    file: str = OFFER_FILE


def offer_case(name: str, old: str, new: str, code: str, marker: str | None = None) -> Case:
    text = replace(OFFER, old, new)
    return Case(name, text.encode(), code, line_of(text, marker or new.splitlines()[0]))


def provider_case(name: str, old: str, new: str, code: str) -> Case:
    text = replace(PROVIDER, old, new)
    return Case(name, text.encode(), code, line_of(text, new.splitlines()[0]), PROVIDER_FILE)


BOMB = b"a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + b"".join(
    f"{c}: &{c} [".encode() + b", ".join([f"*{p}".encode()] * 9) + b"]\n"
    for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)

CASES = [
    Case("syntax-error", OFFER.replace("title: Data", "title: [Data").encode(), "yaml-syntax", 4),
    Case(
        "tab-indent",
        OFFER.replace("  ects: 3", "\tects: 3").encode(),
        "yaml-tab",
        line_of(OFFER, "ects: 3"),
    ),
    Case(
        "duplicate-key",
        (OFFER + "status: closed\n").encode(),
        "yaml-duplicate-key",
        OFFER.count("\n") + 1,
    ),
    offer_case(
        "unknown-key", "status: open", "status: open\nflavour: vanilla", "unknown-field", "flavour"
    ),
    offer_case("misspelt-key", "summary:", "sumary:", "unknown-field"),
    offer_case("misspelt-enum", "mode: blended", "mode: blendid", "vocabulary"),
    offer_case("wrong-type-number", "ects: 3", "ects: three", "float-parsing"),
    offer_case("wrong-type-list", "languages: [en, de]", "languages: {en: yes}", "list-type"),
    offer_case(
        "wrong-type-map",
        "participation:\n  mode: blended\n  timing: mixed\n  schedule: part-time-light\n"
        "  location: Campus Koblenz",
        "participation: online",
        "model-type",
    ),
    offer_case("eqf-9", "eqf: 6", "eqf: 9", "eqf-level"),
    offer_case("negative-ects", "ects: 3", "ects: -3", "greater-than"),
    offer_case(
        "huge-number", "capacity: 25", "capacity: 99999999999999999999999", "less-than-equal"
    ),
    offer_case("impossible-date", "start: 2026-09-01", "start: 2026-02-30", "date-impossible"),
    offer_case("bad-language", "languages: [en, de]", "languages: [en, german]", "code-unknown"),
    offer_case("bad-currency", "currency: EUR", "currency: EURO", "code-unknown"),
    offer_case("bad-isced", 'field: "0688"', 'field: "6880"', "vocabulary"),
    provider_case("bad-country", "country: DE", "country: Germany", "code-unknown"),
    provider_case("bad-deqar", '  pic: "999123456"', "  deqar_id: DEQAR-123", "format"),
    offer_case(
        "dangling-awarding-body",
        "learning_outcomes:",
        "awarding_bodies: [danube-college]\nlearning_outcomes:",
        "provider-reference",
        "awarding_bodies",
    ),
    offer_case(
        "dangling-stack-target",
        "  option: standalone",
        "  option: stackable\n  towards_offers: [msc-data-science]",
        "offer-reference",
        "towards_offers",
    ),
    offer_case(
        "self-stacking",
        "  option: standalone",
        "  option: stackable\n  towards_offers: [data-literacy-basics]",
        "stacking-self",
        "towards_offers",
    ),
    offer_case(
        "path-traversal-id", "id: data-literacy-basics", "id: ../../etc/passwd", "id-format"
    ),
    offer_case("uppercase-id", "id: data-literacy-basics", "id: Data-Literacy", "id-format"),
    offer_case("space-id", "id: data-literacy-basics", "id: data literacy", "id-format"),
    offer_case("zero-width-id", "id: data-literacy-basics", "id: data-lit\u200beracy", "id-format"),
    offer_case("rtl-override-id", "id: data-literacy-basics", "id: data\u202eyc", "id-format"),
    offer_case(
        "rtl-override-text",
        "title: Data literacy",
        "title: Data \u202eliteracy",
        "text-bidi-control",
    ),
    offer_case(
        "javascript-url",
        "url: https://www.hs-rhein.de/data-literacy",
        "url: javascript:alert(document.cookie)",
        "url-scheme",
    ),
    offer_case(
        "data-url",
        "url: https://www.hs-rhein.de/data-literacy",
        "url: data:text/html;base64,PHNjcmlwdD4=",
        "url-scheme",
    ),
    offer_case(
        "script-in-title",
        "title: Data literacy for public servants",
        "title: <script>alert(1)</script>",
        "text-html",
    ),
    offer_case(
        "event-handler-html",
        "summary: Read,",
        "summary: <img src=x onerror=alert(1)> Read,",
        "text-html",
    ),
    offer_case(
        "markdown-image",
        "summary: Read,",
        "summary: See ![x](https://track.example/p.gif) Read,",
        "text-image",
    ),
    offer_case("unquoted-bang", "summary: Read,", "summary: !Important: read,", "yaml-tag"),
    offer_case(
        "markdown-js-link",
        "summary: Read,",
        'summary: "[win](javascript:alert(1))" Read,',
        "yaml-syntax",
    ),
    offer_case(
        "markdown-js-link-quoted",
        "summary: Read, question and present data in everyday administrative work.",
        "summary: '[win](javascript:alert(1))'",
        "text-link-scheme",
    ),
    offer_case(
        "long-string",
        "title: Data literacy for public servants",
        "title: " + "x" * 5000,
        "text-too-long",
        "title: xxx",
    ),
    offer_case(
        "staff-development",
        "provision: lifelong-learning",
        "provision: staff-development",
        "staff-development",
    ),
    Case("alias-bomb", BOMB, "yaml-anchor", 1),
    Case(
        "python-tag", b"id: !!python/object/apply:os.system ['touch /tmp/pwned']\n", "yaml-tag", 1
    ),
    Case(
        "custom-tag",
        OFFER.replace("status: open", "status: !status open").encode(),
        "yaml-tag",
        line_of(OFFER, "status: open"),
    ),
    Case(
        "non-utf8",
        OFFER.replace("Campus Koblenz", "Campus K\u00f6blenz").encode("latin-1"),
        "encoding",
        line_of(OFFER, "Campus Koblenz"),
    ),
    Case("utf16", OFFER.encode("utf-16"), "encoding", 1),
    Case("empty-file", b"", "file-empty", 1),
    Case("whitespace-file", b"\n\n   \n", "file-empty", 1),
    Case("null-document", b"~\n", "file-not-a-map", 1),
    Case("top-level-list", b"- id: data-literacy-basics\n- title: x\n", "file-not-a-map", 1),
    Case("top-level-scalar", b"data literacy\n", "file-not-a-map", 1),
    Case(
        "deep-nesting",
        b"id: x\ndescription: " + b"[" * 5000 + b"]" * 5000 + b"\n",
        "yaml-too-deep",
        2,
    ),
    Case(
        "deep-block-nesting",
        b"".join(f"{'  ' * i}k{i}:\n".encode() for i in range(200)) + b"  " * 200 + b"v\n",
        "yaml-too-deep",
        33,
    ),
    Case(
        "two-documents",
        (OFFER + "---\nid: other\n").encode(),
        "yaml-multiple-documents",
        OFFER.count("\n") + 1,
    ),
    Case("binary-garbage", bytes(range(256)) * 4, "encoding", 2),
    Case("control-characters", b"id: x\ntitle: a\x1bb\n", "yaml-control-character", 2),
    Case("provider-as-list", b"- rhine-university\n", "file-not-a-map", 1, PROVIDER_FILE),
    Case("provider-empty", b"", "file-empty", 1, PROVIDER_FILE),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_file_is_reported_with_file_and_line(
    reg: RegisterDir, cli: Callable[..., CliRun], case: Case
) -> None:
    reg.write_bytes(case.file, case.content)
    started = time.perf_counter()
    run = cli("validate", reg.root)
    elapsed = time.perf_counter() - started
    assert run.code == 1
    assert "Traceback" not in run.out + run.err
    expected = f"{case.file}:{case.line}:"
    matching = [
        line
        for line in run.out.splitlines()
        if line.startswith(expected) and f"[{case.code}]" in line
    ]
    assert matching, f"no {case.code} at {expected}\n{run.out}"
    assert elapsed < 1.0, f"{case.name} took {elapsed:.2f} s"


def test_twenty_megabyte_file_is_refused_quickly(
    reg: RegisterDir, cli: Callable[..., CliRun]
) -> None:
    reg.write_bytes(OFFER_FILE, b"description: " + b"x" * 20_000_000 + b"\n")
    started = time.perf_counter()
    run = cli("validate", reg.root)
    assert time.perf_counter() - started < 1.0
    assert run.code == 1
    assert f"{OFFER_FILE}:1:1: error: the file is too large (20.0 MB" in run.out


def test_duplicate_offer_id_across_providers(reg: RegisterDir, cli: Callable[..., CliRun]) -> None:
    reg.write(
        "providers/danube-college.yaml", PROVIDER.replace("rhine-university", "danube-college")
    )
    reg.write(
        "offers/danube-college/data-literacy-basics.yaml",
        OFFER.replace("provider: rhine-university", "provider: danube-college"),
    )
    run = cli("validate", reg.root)
    assert run.code == 1
    assert (
        f"{OFFER_FILE}:1:5: error: id: the offer id `data-literacy-basics` is already used"
        in run.out
    )


def test_cyclic_stacking_across_files(reg: RegisterDir, cli: Callable[..., CliRun]) -> None:
    first = replace(
        OFFER, "  option: standalone", "  option: stackable\n  towards_offers: [chart-design]"
    )
    reg.offer(first)
    second = replace(OFFER, "id: data-literacy-basics", "id: chart-design")
    second = replace(
        second,
        "  option: standalone",
        "  option: stackable\n  towards_offers: [data-literacy-basics]",
    )
    reg.offer(second, offer_id="chart-design")
    run = cli("validate", reg.root)
    assert run.code == 1
    assert "stacking goes round in a circle" in run.out


def test_a_broken_offer_is_reported_once_not_again_by_offers_naming_it(
    reg: RegisterDir, cli: Callable[..., CliRun]
) -> None:
    reg.offer(
        replace(
            OFFER, "  option: standalone", "  option: stackable\n  towards_offers: [chart-design]"
        )
    )
    broken = replace(OFFER, "id: data-literacy-basics", "id: chart-design")
    reg.offer(replace(broken, "  ects: 3", "  ects: three"), offer_id="chart-design")
    run = cli("validate", reg.root)
    assert run.code == 1
    assert "chart-design.yaml" in run.out and "expected a number" in run.out
    assert "there is no offer with the id" not in run.out
    assert "invalid: 1 error" in run.out
