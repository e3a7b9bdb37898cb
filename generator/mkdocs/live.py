"""Live preview: after one full build, saving an offer file updates only what it changes.

`register serve` (MkDocs's live-reload server) would rebuild the whole site on
every save: minutes for a national register. Instead, the plugin keeps what the
last full build made (MkDocs's configuration, files, navigation and template
environment, and the register's pages) in `LiveSite`, and `LiveBuilder` stands
in for MkDocs's builder:

- when only existing offer files changed, it reloads the register, renders the
  pages those offers can change (their fact sheets, the fact sheets they stack
  towards or replace and the ones that stack towards them, their providers'
  pages, the lists, the home page), compares each with the page already
  written, and writes only the pages that differ: record pages into their theme
  frames as the full build does, the others through MkDocs's own page build
  (theme template, plugins, writing);
- the machine-readable files and the search index, which cover the whole
  register, are refreshed afterwards by a background thread; the preview of
  the page is there before they are;
- anything else (a new, deleted or moved offer, a provider, register.yml,
  mkdocs.yml, the hand-written pages or the theme) gets a full build, as
  does an incremental update that fails for any reason.

An invalid offer leaves the preview as it was and logs every problem, as the
full build does.

MkDocs has no public API for building single pages; this uses `_populate_page`
and `_build_page` from `mkdocs.commands.build` (MkDocs 1.6), the functions its
own build loop calls for each page. tests/mkdocs/test_live.py pins their behaviour.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.commands.build import _build_page, _populate_page

from generator.feed import index as machine_readable
from generator.feed.index import exports
from generator.mkdocs import search
from generator.mkdocs.record_pages import RecordPageWriter
from generator.register import RecordCache, cycle_collection_paused, load_register
from generator.reporting import load_report
from generator.site.pages import (
    Catalogue,
    Renderer,
    SitePage,
    browse_chunks,
    browse_pages,
    home_page,
    offer_page,
    policies_page,
    provider_page,
    providers_page,
)

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation

    from generator.models import Offer

log = logging.getLogger("mkdocs.plugins.register")

Stamps = dict[str, tuple[int, int]]
"""Modification time (ns) and size of each watched file, by path; `FOLDER` for a folder."""
FOLDER = (-1, -1)
"""A folder's stamp: only that it is there counts (saving a file may change its time)."""


@dataclass
class LiveSite:
    """What the last full build left for incremental updates."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    data: Catalogue
    today: date
    pages: dict[str, SitePage]
    """The pages MkDocs renders, as written, by source path; the plugin reads them from here."""
    records: RecordPageWriter
    """Writes the pages of single records into their frames."""
    record_urls: set[str]
    search: bool
    offers_dir: Path
    watched: list[Path]
    stamps: Stamps = field(default_factory=dict)
    renderer: Renderer | None = None
    """Kept from one update to the next: its templates are compiled once."""


class LivePreview:
    """What one `register serve` keeps between builds: the last full build and the records.

    The plugin holds it (MkDocs keeps a plugin that has `on_startup` for the whole of
    `serve`), so nothing of it outlives the command or leaks into another build.
    """

    def __init__(self) -> None:
        self.site: LiveSite | None = None
        self.lock = threading.Lock()
        """Held while anything loads the register or writes to the served folder."""
        self.records = RecordCache()
        """The validated records of unchanged files, shared by every load while serving."""

    def settled(self) -> None:
        """Wait until no load or write holds the served folder."""
        with self.lock:
            pass

    def remember(self, site: LiveSite) -> None:
        """Keep the state of a full build that has just finished."""
        site.stamps = _stamps(site.watched)
        site.renderer = Renderer(
            site.data, site.today, exports(site.data, site.today), keep_cards=True
        )
        # Here, so that the first update does not wait for them: the templates compiled,
        # and every card of the browse list rendered once (an edited title shifts the list).
        site.renderer.compile_templates()
        for _ in browse_pages(site.data, site.renderer):
            pass
        self.site = site

    def forget(self) -> None:
        """Drop the kept state (e.g. when a build fails)."""
        self.site = None


def _stamps(paths: list[Path]) -> Stamps:
    stamps: Stamps = {}
    for base in paths:
        files: Iterable[str] = [str(base)] if base.is_file() else _walk(base, stamps)
        for path in files:
            try:
                status = os.stat(path)
            except OSError:
                continue
            stamps[path] = (status.st_mtime_ns, status.st_size)
    return stamps


def _walk(base: Path, stamps: Stamps) -> Iterator[str]:
    """The files under `base`; its folders (and links to folders) go into `stamps`."""
    for folder, folders, names in os.walk(base):
        for name in folders:
            stamps[os.path.join(folder, name)] = FOLDER
        for name in names:
            yield os.path.join(folder, name)


def changed_offer_files(site: LiveSite, now: Stamps) -> list[str] | None:
    """The offer files edited since the last build (`now`: the stamps at present); None if
    anything else changed, or nothing."""
    if set(now) != set(site.stamps):
        return None  # a file or folder was added, deleted or moved
    changed = [path for path, stamp in now.items() if site.stamps[path] != stamp]
    offers_dir = str(site.offers_dir) + os.sep
    if not changed or not all(p.startswith(offers_dir) and p.endswith(".yaml") for p in changed):
        return None
    return sorted(changed)


def _offer_ids(files: list[str]) -> list[str]:
    """The ids of the offers in these files (an offer's file is named by its id)."""
    return sorted(Path(path).stem for path in files)


class LiveBuilder:
    """MkDocs's builder for `serve`, updating only the changed pages when it can."""

    def __init__(self, preview: LivePreview, full_build: Callable[..., None]) -> None:
        self.preview = preview
        self.full_build = full_build
        self.refresher = _Refresher(preview)

    def __call__(self, config: MkDocsConfig | None = None) -> None:
        site = self.preview.site
        now = _stamps(site.watched) if site is not None and config is None else {}
        changed = changed_offer_files(site, now) if site is not None and now else None
        if site is not None and changed:
            started = time.perf_counter()
            try:
                with self.preview.lock, cycle_collection_paused():
                    updated = update(self.preview, site, changed, now)
            except Exception:
                log.exception("The quick update failed; building the whole site instead")
            else:
                if updated is not None:
                    log.info(
                        "Updated %d page(s) for %s in %.2f s; the data files and the search "
                        "index follow in the background",
                        updated,
                        ", ".join(_offer_ids(changed)),
                        time.perf_counter() - started,
                    )
                    self.refresher.request(site)
                return
        self.refresher.wait()
        self.preview.forget()
        with self.preview.lock:
            self.full_build(config) if config is not None else self.full_build()


def update(preview: LivePreview, site: LiveSite, changed: list[str], stamps: Stamps) -> int | None:
    """Re-render the pages the edited offer files change; returns how many were written.

    `stamps` are those of the watched files the change was found with: the next change
    is looked for against them.

    Returns None when the register is now invalid (the problems are logged and the
    preview stays as it was). Raises when only a full build can bring the site up
    to date (e.g. the browse list gained a page).
    """
    started = time.perf_counter()
    offer_ids = _offer_ids(changed)
    # Only these files changed (the stamps say so): the folders need not be listed again.
    result = load_register(site.data.register.root, preview.records, [Path(p) for p in changed])
    if not result.is_valid:
        report = load_report(result, time.perf_counter() - started)
        log.error("The register has errors; the preview is unchanged.\n%s", report)
        site.stamps = stamps
        return None
    old = site.data
    data = Catalogue(result.register, dates=old.dates)
    renderer = site.renderer or Renderer(data, site.today, exports(data, site.today))
    # Only the edited offers' links can have changed (a new or removed offer is a full build).
    renderer.use(data, {**renderer.exports, **exports(data, site.today, offer_ids)})
    documents = site.files.documentation_pages()
    written = 0
    for page in _candidates(old, data, renderer, offer_ids):
        if page.url in site.record_urls:
            written += site.records.write(page)
            continue
        if page.src_path not in site.pages:
            raise LookupError(f"{page.url} is a new page")
        if site.pages[page.src_path] == page:
            continue
        site.pages[page.src_path] = page
        _write_page(site, page, documents)
        written += 1
    site.data = data
    site.stamps = stamps
    return written


def _candidates(
    old: Catalogue, new: Catalogue, renderer: Renderer, offer_ids: list[str]
) -> Iterator[SitePage]:
    """Every page the edited offers may change, rendered from the new register."""
    offer_set: set[str] = set()
    provider_set: set[str] = set()
    for data in (old, new):
        for offer_id in offer_ids:
            offer = data.register.offers.get(offer_id)
            if offer is None:
                continue
            offer_set.update(_related_offers(data, offer))
            provider_set.update([offer.provider, *offer.awarding_body_ids])
    yield home_page(new, renderer)
    old_chunks, new_chunks = browse_chunks(old), browse_chunks(new)
    if len(old_chunks) != len(new_chunks):
        raise LookupError("the browse list has a different number of pages")
    numbers = {
        number
        for number, (before, after) in enumerate(zip(old_chunks, new_chunks, strict=True), 1)
        if [o.id for o in before] != [o.id for o in after] or any(o.id in offer_ids for o in after)
    }
    yield from browse_pages(new, renderer, numbers)
    yield providers_page(new, renderer)
    yield policies_page(new, renderer)
    for offer_id in sorted(offer_set):
        if offer_id in new.register.offers:
            yield offer_page(new, renderer, new.register.offers[offer_id])
    for provider_id in sorted(provider_set):
        if provider_id in new.register.providers:
            yield provider_page(new, renderer, new.register.providers[provider_id])


def _related_offers(data: Catalogue, offer: Offer) -> set[str]:
    """The offer and every offer whose fact sheet names it (stacking and replacement)."""
    related = {offer.id}
    if offer.integration:
        related.update(offer.integration.towards_offers)
    if offer.replaces:
        related.add(offer.replaces)
    related.update(o.id for o in data.stacks_from.get(offer.id, []))
    if offer.replaced_by:  # the offer that replaces it names it in `replaces` (a valid register)
        related.add(offer.replaced_by)
    return related


def _write_page(site: LiveSite, page: SitePage, documents: Sequence[File]) -> None:
    """Run one page through MkDocs's page build: plugins, theme template, writing."""
    file = site.files.get_file_from_path(page.src_path)
    if file is None or file.page is None:
        raise LookupError(f"MkDocs has no page {page.src_path}")
    _populate_page(file.page, site.config, site.files)
    _build_page(file.page, site.config, documents, site.nav, site.env)


class _Refresher:
    """One background thread that rewrites the machine-readable files and the search index."""

    def __init__(self, preview: LivePreview) -> None:
        self.preview = preview
        self._wanted: LiveSite | None = None
        self._condition = threading.Condition()
        self._busy = False
        self._thread: threading.Thread | None = None

    def request(self, site: LiveSite) -> None:
        """Refresh for `site` soon; a request made while one runs is done after it."""
        with self._condition:
            self._wanted = site
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, daemon=True, name="live-refresh")
                self._thread.start()
            self._condition.notify_all()

    def wait(self) -> None:
        """Wait until no refresh is pending or running."""
        with self._condition:
            self._condition.wait_for(lambda: self._wanted is None and not self._busy)

    def _run(self) -> None:
        while True:
            with self._condition:
                site, self._wanted = self._wanted, None
                if site is None:
                    return
                self._busy = True
            try:
                refresh(self.preview, site)
            except Exception:
                log.exception("Refreshing the data files and the search index failed")
            finally:
                with self._condition:
                    self._busy = False
                    self._condition.notify_all()


def refresh(preview: LivePreview, site: LiveSite) -> None:
    """Rewrite the machine-readable files that changed, then re-index the site."""
    started = time.perf_counter()
    files = machine_readable.machine_readable_files(site.data, site.today)
    output = Path(site.config.site_dir)
    with preview.lock:
        changed = [path for path, content in files.items() if _content(output / path) != content]
        for path in changed:
            target = output / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[path])
    if site.search:
        search.index_site(output, site.data, site.today)
    log.info(
        "Data files (%d changed) and search index refreshed in %.1f s",
        len(changed),
        time.perf_counter() - started,
    )


def _content(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
