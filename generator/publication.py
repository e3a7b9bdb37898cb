"""What one build publishes: every page and every machine-readable file, from the register.

This is where the pipeline comes together, independent of any site engine: the catalogue
is made from the register once, the feeds are written from it, and the pages are made
from it, linking to the machine-readable versions each offer has. The MkDocs adapter
(`generator/mkdocs/`) hands the pages to its theme and writes the files; another engine
needs only another adapter. The live preview re-renders the pages an edit changes
through the same functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from generator import shares
from generator.catalogue import Catalogue
from generator.feed import index
from generator.feed.written import FolderSink
from generator.load.history import file_dates
from generator.models import reference
from generator.register import Register
from generator.site import apidoc, harvest_guides
from generator.site.page import Exports, RecordPage, SitePage
from generator.site.pages import site_pages
from generator.urls import API_PAGE_URL, FIELDS_URL


@dataclass(frozen=True)
class Publication:
    """One build's output before any engine sees it."""

    catalogue: Catalogue
    today: date
    """The day that decides which editions are upcoming."""
    exports: Exports
    pages: list[SitePage | RecordPage]
    """Every generated page, records' pages first, then the documentation pages; a page of
    one record is made only when it is written (`RecordPage`)."""
    machine: index.MachineFiles
    """What makes the machine-readable files, part by part."""

    @cached_property
    def files(self) -> dict[str, bytes]:
        """Every machine-readable file, by site-relative path, all held at once."""
        return self.machine.everything()

    def write_files(self, site_dir: Path) -> list[str]:
        """Write every machine-readable file under `site_dir`; returns their paths, in order.

        The parts are made in parallel processes, each file written as soon as it is made
        (`generator.feed.written`), so that no process holds more than the file it makes;
        then the files that describe them.
        """
        parts = self.machine.parts
        claims = shares.Claims(len(parts), 1)

        def share(number: int, count: int) -> list[tuple[int, list[str], index.Omissions]]:
            sink = FolderSink(site_dir)
            done = []
            for chunk in claims:
                for part in chunk:
                    paths, omitted = self.machine.write(part, sink)
                    done.append((part, paths, omitted))
            return done

        count = min(shares.share_count(len(self.catalogue.register.offers)), len(parts))
        made = sorted(part for done in shares.in_shares(share, count) for part in done)
        omitted = {name: omission for _, _, left_out in made for name, omission in left_out.items()}
        described = self.machine.describe(omitted)
        sink = FolderSink(site_dir)
        for path, content in described.items():
            with sink.open(path) as file:
                file.write(content)
        return [path for _, paths, _ in made for path in paths] + list(described)


def catalogue_of(register: Register) -> Catalogue:
    """The register with the git dates of its record files (none outside git)."""
    return Catalogue(register, dates=file_dates(register.root, list(register.files.values())))


def publish(catalogue: Catalogue, today: date) -> Publication:
    """Every page and file of the site of `catalogue` on `today`."""
    exports = index.exports(catalogue, today)
    pages = [*site_pages(catalogue, today, exports), *documentation_pages(catalogue)]
    machine = index.machine_readable_parts(catalogue, today)
    return Publication(catalogue, today, exports, pages, machine)


def documentation_pages(catalogue: Catalogue) -> list[SitePage]:
    """The pages generated from the models and the feed's description, not from records."""
    config = catalogue.register.config
    return [
        SitePage(
            url=FIELDS_URL,
            title="Field reference",
            markdown=reference.field_reference(),
            description="Every field of offer, provider and register files, from the models.",
        ),
        SitePage(
            url=API_PAGE_URL,
            title="Data and API",
            markdown=apidoc.api_documentation(
                config.site_url, config.name.default, config.repository_url
            ),
            description="The register's open data: JSON API, JSON Schemas, ELM, CSV, "
            "Atom, iCalendar and DCAT-AP, with examples.",
        ),
        *harvest_guides.guide_pages(catalogue),
    ]
