"""Bytes per offer of a built site, by class of file: where a site's size goes.

    .venv/bin/python bench/site_bytes.py REGISTER/site
    .venv/bin/python bench/site_bytes.py REGISTER/site --json    # for bench/run.py

Each file falls in the first class whose rule matches its site-relative path (`CLASSES`);
the table gives each class's files, bytes, bytes per offer and share of the site, the
largest first, then the total. The number of offers is `offers` in `api/v1/index.json`.
Standalone on purpose: it needs only the standard library, so any checkout's Python runs it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

CLASSES: list[tuple[str, str]] = [
    ("fact sheet HTML", r"offers/[^/]+/index\.html"),
    ("offer calendar", r"offers/[^/]+/calendar\.ics"),
    ("provider pages HTML", r"(providers|recognition)/.+\.html"),
    ("other HTML", r".+\.html"),
    ("search index (Pagefind)", r"pagefind/.+"),
    ("theme assets", r"assets/.+"),
    ("offer JSON", r"api/v1/offers/[^/]+\.json"),
    ("offer ELM JSON-LD", r"api/v1/elm/[^/]+\.jsonld"),
    ("register ELM bundle", r"api/v1/elm\.jsonld(\.gz)?"),
    ("provider ELM bundles", r"api/v1/providers/[^/]+/elm\.jsonld(\.gz)?"),
    ("register QDR XML", r"api/v1/qdr\.xml(\.gz)?"),
    ("provider QDR XML", r"api/v1/qdr/[^/]+\.xml(\.gz)?"),
    ("catalogue.json", r"api/v1/catalogue\.json(\.gz)?"),
    ("catalogue pages", r"api/v1/catalogue/.+\.json"),
    ("provider catalogues", r"api/v1/providers/[^/]+/catalogue\.json"),
    ("provider JSON", r"api/v1/providers/[^/]+\.json"),
    ("bulk NDJSON", r"api/v1/.+\.ndjson\.gz"),
    ("changes.json", r"api/v1/changes\.json"),
    ("CSV and CSVW", r"api/v1/catalogue\.csv.*"),
    ("Atom feeds", r"(.+/)?feed\.xml"),
    ("register calendar", r"calendar\.ics"),
    ("sitemap", r"sitemap\.xml(\.gz)?"),
    ("other API files", r"api/v1/.+"),
    ("other", r".*"),
]
"""(class, regular expression matching the whole site-relative path), first match wins."""


@dataclass
class Tally:
    """What one class of files weighs."""

    files: int = 0
    bytes: int = 0


def classify(path: str) -> str:
    """The class of a site-relative path (`CLASSES`)."""
    for name, pattern in CLASSES:
        if re.fullmatch(pattern, path):
            return name
    raise AssertionError("the last class matches every path")


def tally(site: Path) -> dict[str, Tally]:
    """Files and bytes of every class in `site`, in `CLASSES` order (empty classes left out)."""
    found: dict[str, Tally] = {name: Tally() for name, _ in CLASSES}
    for file in site.rglob("*"):
        if file.is_file():
            entry = found[classify(file.relative_to(site).as_posix())]
            entry.files += 1
            entry.bytes += file.stat().st_size
    return {name: entry for name, entry in found.items() if entry.files}


def offer_count(site: Path) -> int:
    """How many offers the site publishes, from its API index."""
    index = json.loads((site / "api" / "v1" / "index.json").read_text(encoding="utf-8"))
    return int(index["offers"])


@dataclass
class Measurement:
    """A site's bytes, by class."""

    site: str
    offers: int
    classes: dict[str, Tally]

    @property
    def total_bytes(self) -> int:
        return sum(entry.bytes for entry in self.classes.values())

    @property
    def total_files(self) -> int:
        return sum(entry.files for entry in self.classes.values())

    def per_offer(self, size: int) -> float:
        return size / self.offers

    def document(self) -> dict[str, object]:
        """The measurement as JSON-ready data (bytes per offer rounded to whole bytes)."""
        return {
            "site": self.site,
            "offers": self.offers,
            "total_bytes": self.total_bytes,
            "total_files": self.total_files,
            "bytes_per_offer": round(self.per_offer(self.total_bytes)),
            "classes": {
                name: {
                    "files": entry.files,
                    "bytes": entry.bytes,
                    "bytes_per_offer": round(self.per_offer(entry.bytes)),
                }
                for name, entry in self.classes.items()
            },
        }

    def table(self) -> str:
        """The measurement as a Markdown table, the largest class first."""
        total = self.total_bytes
        lines = [
            f"{self.site}: {self.offers:,} offers, {total / 1e6:.1f} MB in "
            f"{self.total_files:,} files, {self.per_offer(total) / 1000:.1f} KB per offer",
            "",
            "| class | files | bytes | KB per offer | share |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, entry in sorted(self.classes.items(), key=lambda item: -item[1].bytes):
            lines.append(
                f"| {name} | {entry.files:,} | {entry.bytes:,} | "
                f"{self.per_offer(entry.bytes) / 1000:.2f} | {entry.bytes / total:.1%} |"
            )
        lines.append(
            f"| **all files** | {self.total_files:,} | {total:,} | "
            f"{self.per_offer(total) / 1000:.2f} | 100% |"
        )
        return "\n".join(lines)


def measure(site: Path) -> Measurement:
    """Every file of a built site, classed."""
    return Measurement(str(site), offer_count(site), tally(site))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (REGISTER/site)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if not (args.site / "api" / "v1" / "index.json").is_file():
        parser.error(f"{args.site} is not a built site (no api/v1/index.json)")
    measured = measure(args.site)
    print(json.dumps(measured.document(), indent=1) if args.json else measured.table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
