"""The MkDocs plugin: a thin adapter from the register's pages to MkDocs's documented events.

- `on_config` loads and validates the register (an invalid register stops the
  build with every problem listed) and points the theme at the register's
  language and stylesheet;
- `on_files` adds one generated file per section or documentation page from
  `generator.site.pages` (those outside the navigation marked "not in nav"), and the
  machine-readable files from `generator.feed.index`; the pages of single records
  (offers, providers, policies: nearly all pages of a large register) are not
  MkDocs's: `on_post_build` writes them into theme frames (`generator.mkdocs.frames`,
  `generator.mkdocs.record_pages`), in parallel, and `on_template_context` lists
  them in the sitemap;
- `on_page_markdown` / `on_page_content` give each generated page its title,
  template and HTML body, skipping Markdown rendering for them;
- `on_post_build` writes the record pages, then runs the Pagefind indexer over the
  written site;
- `on_serve` watches the YAML records, so `mkdocs serve` reloads on every edit,
  and hands the rebuilds to `generator.mkdocs.live`, which updates only the pages an
  edited offer changes.

Everything the site shows is decided in `generator.site.pages` and its templates.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urljoin, urlsplit

import jinja2
import yaml
from markupsafe import escape
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from generator import shares, urls
from generator.catalogue import iso_time
from generator.mkdocs import engine, frames, live, search
from generator.mkdocs.record_pages import RecordPageWriter
from generator.models.config import CONFIG_FILE, SITE_URL_VARIABLE, site_url_override
from generator.publication import Publication, catalogue_of, publish
from generator.register import Register, load_register
from generator.reporting import load_report
from generator.site import csp
from generator.site.page import RecordPage, SitePage

log = logging.getLogger("mkdocs.plugins.register")

TEMPLATE = "register.html"

SECTION_URLS = frozenset(
    {
        urls.HOME_URL,
        urls.BROWSE_URL,
        urls.COMPARE_URL,
        urls.PATHWAYS_URL,
        urls.PROVIDERS_URL,
        urls.RECOGNITION_URL,
        urls.FIELDS_URL,
        urls.API_PAGE_URL,
    }
)
"""Generated pages that the navigation in mkdocs.yml may list; every other one is not in nav."""


class RegisterPluginConfig(Config):
    """Options of the `register` plugin in mkdocs.yml."""

    root = config_options.Optional(config_options.Dir(exists=True))
    """Folder holding register.yml; defaults to the folder of mkdocs.yml."""
    search = config_options.Type(bool, default=True)
    """Build the Pagefind search index after the pages."""
    today = config_options.Optional(config_options.Type(str))
    """Date (YYYY-MM-DD) that decides which editions are upcoming; defaults to today."""
    frames = config_options.Type(bool, default=True)
    """Write record pages into theme frames; off, MkDocs renders each of them itself
    (the same files, slower: the tests compare the two)."""


class RegisterPlugin(BasePlugin[RegisterPluginConfig]):
    """Generates the register's pages inside an MkDocs build."""

    def __init__(self) -> None:
        self.register: Register | None = None
        self.pages: dict[str, SitePage] = {}
        """The pages MkDocs renders (and the frames), by source path."""
        self.record_pages: list[RecordPage] = []
        """The pages written into frames after MkDocs's build, in the site's order."""
        self.frame_sources: set[str] = set()
        self.publication: Publication | None = None
        """What this build made, kept for the live preview to update it page by page."""
        self.preview: live.LivePreview | None = None
        """The live preview's state, for the whole of `register serve` (None otherwise)."""
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: jinja2.Environment | None = None
        self.root: Path | None = None
        self.failure: str | None = None
        """The problem report when the register was invalid, for callers that show it."""
        self.site_url: str | None = None
        """The address to build for instead of register.yml's `site_url` (a preview's)."""
        self.indexing: shares.Alongside[tuple[int, float]] | None = None
        """The search index being made in a process of its own, while the build goes on."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Start a build or a `serve`.

        Defining this event makes MkDocs keep this plugin for the whole of `serve`, so the
        live preview's state lives here.
        """
        self.preview = live.LivePreview() if command == "serve" else None

    def on_shutdown(self) -> None:
        """The end of a build (however it ended) or of `serve`: nothing is kept."""
        self._stop_index()
        self.preview = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and validate the register; the theme speaks the register's default language.

        register.yml's `site_url` is the one source of the site's address: MkDocs gets it
        from there (canonical links, sitemap), so pages and feeds cannot disagree.
        """
        self.root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        self.failure = None
        try:
            engine.check()  # e.g. REGISTER_ENGINE=properdocs under the `mkdocs` command
        except engine.EngineError as error:
            raise PluginError(str(error)) from None
        started = time.perf_counter()
        result = load_register(self.root, self.preview.records if self.preview else None)
        if not result.is_valid:
            self.failure = load_report(result, time.perf_counter() - started)
            raise PluginError(f"The register has errors; nothing was built.\n{self.failure}")
        self.register = result.register
        self._check_site_url_is_not_set_twice(config)
        override = self.site_url or os.environ.get(SITE_URL_VARIABLE) or None
        if override is not None:
            try:
                site_url = site_url_override(override)
            except ValueError as error:
                source = SITE_URL_VARIABLE if self.site_url is None else "--site-url"
                raise PluginError(f"{source}: {error}") from None
            self.register.config = self.register.config.model_copy(update={"site_url": site_url})
        register_config = self.register.config
        # Also under `serve`: the preview's pages are then byte for byte those of a build.
        config.site_url = register_config.site_url
        config.theme["language"] = register_config.default_language
        # MkDocs renders theme templates without autoescaping: every text handed to the theme
        # (site name, page titles, descriptions, table of contents) is escaped here.
        config.site_name = escape(register_config.name.default)
        return config

    def _check_site_url_is_not_set_twice(self, config: MkDocsConfig) -> None:
        assert self.register is not None
        written = _site_url_in(Path(config.config_file_path))
        expected = self.register.config.site_url
        if written is not None and written.rstrip("/") != expected.rstrip("/"):
            self.failure = (
                f"{Path(config.config_file_path).name}: error: site_url is {written!r} there but "
                f"{expected!r} in {CONFIG_FILE}\n    hint: the site's address is set in "
                f"{CONFIG_FILE} only: delete site_url from {Path(config.config_file_path).name}"
            )
            raise PluginError(self.failure)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add the generated pages and the machine-readable files to the site's files."""
        assert self.register is not None
        today = date.fromisoformat(self.config.today) if self.config.today else date.today()
        self.publication = publish(catalogue_of(self.register), today)
        self.pages, self.record_pages, self.frame_sources = {}, [], set()
        self._start_index(config)
        started = time.perf_counter()
        paths = self.publication.write_files(Path(config.site_dir))
        log.info("Data files: %d written in %.1f s", len(paths), time.perf_counter() - started)
        for path in paths:
            files.append(_WrittenAlready.generated(config, path, content=b""))
        for page in self.publication.pages:
            if isinstance(page, RecordPage):
                if self.config.frames:
                    self.record_pages.append(page)
                    continue
                page = page.make()
            self.pages[page.src_path] = page
            inclusion = (
                InclusionLevel.UNDEFINED if page.url in SECTION_URLS else InclusionLevel.NOT_IN_NAV
            )
            files.append(File.generated(config, page.src_path, content="", inclusion=inclusion))
        return files

    def on_template_context(
        self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """The sitemap lists the record pages too, each where MkDocs would have put it."""
        if template_name != "sitemap.xml" or not self.record_pages or self.files is None:
            return context
        assert self.publication is not None
        mkdocs_pages = self.files.documentation_pages()
        generated = [f for f in mkdocs_pages if f.src_uri in self.pages]
        by_source = {f.src_uri: f for f in generated}
        listed: list[Any] = [f for f in mkdocs_pages if f.src_uri not in self.pages]
        base = config.site_url or ""
        base = base if base.endswith("/") else base + "/"
        for page in self.publication.pages:
            if not isinstance(page, RecordPage):
                listed.append(by_source[page.src_path])
                continue
            canonical = urljoin(base, page.url) if config.site_url else None
            listed.append(
                SimpleNamespace(
                    page=SimpleNamespace(
                        is_link=False,
                        canonical_url=canonical,
                        abs_url=urlsplit(canonical).path if canonical else None,
                        update_date=self._page_date(page),
                    )
                )
            )
        context["pages"] = listed
        return context

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Give generated pages their title and template; HTML pages skip Markdown entirely.

        Every page's date (the sitemap's `lastmod`) comes from the data, not the clock, so
        that a build is the same on another day: a record's page has its file's last commit,
        every other page the catalogue's time (the newest change to any record).
        """
        generated = self.pages.get(page.file.src_uri)
        page.update_date = self._page_date(generated)
        if generated is None:
            return markdown
        page.meta["title"] = escape(generated.title)
        page.meta["template"] = TEMPLATE
        page.meta["register_head"] = generated.head
        if generated.description:
            page.meta["description"] = escape(generated.description)
        if generated.hide:
            page.meta["hide"] = list(generated.hide)
        return generated.markdown if generated.markdown is not None else ""

    def _page_date(self, generated: SitePage | RecordPage | None) -> str:
        assert self.publication is not None
        catalogue = self.publication.catalogue
        dates = catalogue.dates.get(generated.source) if generated and generated.source else None
        moment = iso_time(dates.last_modified) if dates else catalogue.generated
        return moment[:10]

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Replace the (empty) rendered Markdown of generated pages with their HTML body."""
        generated = self.pages.get(page.file.src_uri)
        if generated is None or generated.html is None:
            return html
        # The table of contents also gives Material's "skip to content" link its target.
        page.toc = get_toc(
            [
                {"level": 2, "id": anchor, "name": escape(title), "children": []}
                for anchor, title in generated.sections
            ]
        )
        return generated.html

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Give every page its Content-Security-Policy (a frame gets it once it is filled)."""
        if page.file.src_uri in self.frame_sources:
            return output
        return csp.with_policy(output)

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """The 404 page gets the same policy as the others."""
        return (
            csp.with_policy(output_content) if template_name.endswith(".html") else output_content
        )

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Keep the navigation, for page-by-page updates while serving."""
        self.nav = nav
        return nav

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """Keep the theme's template environment and the files, for page-by-page updates."""
        self.env, self.files = env, files
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the record pages, then index the register's offers with Pagefind (or
        collect the index made meanwhile, `_start_index`)."""
        started = time.perf_counter()
        count = self.record_writer(config).write_all(self.record_pages)
        log.info("Record pages: %d written in %.1f s", count, time.perf_counter() - started)
        indexed: int | None = None
        try:
            if self.indexing is not None:
                indexing, self.indexing = self.indexing, None
                indexed, seconds = indexing.result()
            elif self.config.search and self.publication is not None:
                indexed, seconds = search.index_timed(*_index_work(config, self.publication))
        except search.SearchIndexError as error:
            raise PluginError(str(error)) from error
        if indexed is not None:
            log.info("Search index: %d offers in %.1f s", indexed, seconds)
        if self.preview is not None:
            self.preview.remember(self._live_site(config))

    def _start_index(self, config: MkDocsConfig) -> None:
        """Start making the search index in a process of its own, where that pays.

        The index is made from the search records, not from the written pages, so it is
        made while the data files and the pages are written (`shares.Alongside`). The
        records are made here and handed over: the other process holds only them.
        """
        publication = self.publication
        assert publication is not None
        if (
            self.config.search
            and shares.share_count(len(publication.catalogue.register.offers)) > 1
        ):
            self.indexing = shares.Alongside(search.index_timed, *_index_work(config, publication))

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build: stop the search index that was being made for it."""
        self._stop_index()

    def _stop_index(self) -> None:
        if self.indexing is not None:
            self.indexing.stop()
            self.indexing = None

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a provider, offer or the register configuration changes.

        An edit to an existing offer updates only the pages it changes (`generator.mkdocs.live`).
        """
        if self.register is not None and self.root is not None:
            register_config = self.register.config
            for folder in (register_config.offers_dir, register_config.providers_dir):
                if (self.root / folder).is_dir():
                    server.watch(str(self.root / folder))
            server.watch(str(self.root / "register.yml"))
        if self.preview is None:  # `serve` without `on_startup` (an older MkDocs)
            self.preview = live.LivePreview()
            self.preview.remember(self._live_site(config))
        server.builder = live.LiveBuilder(self.preview, builder)
        return server

    def record_writer(self, config: MkDocsConfig) -> RecordPageWriter:
        """A writer of record pages into this build's site folder."""
        return RecordPageWriter(lambda key: self._render_frame(key, config), Path(config.site_dir))

    def _render_frame(self, key: frames.FrameKey, config: MkDocsConfig) -> tuple[str, str]:
        """The theme's rendering of the frame for `key`, and the slug the frame was given.

        The frame goes through MkDocs's own page build (events, theme template, writing)
        at an address of its own for this process, then is read back and removed.
        """
        assert self.files is not None and self.nav is not None and self.env is not None
        slug = f"{frames.SLUG}{os.getpid()}"
        page = frames.frame_page(key, slug)
        self.pages[page.src_path] = page
        self.frame_sources.add(page.src_path)
        file = File.generated(
            config, page.src_path, content="", inclusion=InclusionLevel.NOT_IN_NAV
        )
        mkdocs_page = Page(None, file, config)
        try:
            _populate_page(mkdocs_page, config, self.files)
            _build_page(mkdocs_page, config, self.files.documentation_pages(), self.nav, self.env)
            written = Path(file.abs_dest_path)
            html = written.read_text(encoding="utf-8")
        finally:
            shutil.rmtree(Path(file.abs_dest_path).parent, ignore_errors=True)
            del self.pages[page.src_path]
        return html, slug

    def _live_site(self, config: MkDocsConfig) -> live.LiveSite:
        assert self.register is not None and self.publication is not None
        assert self.files is not None and self.nav is not None and self.env is not None
        register_config = self.register.config
        root = self.register.root
        theme_dir = config.theme.custom_dir
        watched = [
            root / register_config.offers_dir,
            root / register_config.providers_dir,
            root / "register.yml",
            Path(config.config_file_path),
            Path(config.docs_dir),
            *([Path(theme_dir)] if theme_dir else []),
        ]
        return live.LiveSite(
            config=config,
            files=self.files,
            nav=self.nav,
            env=self.env,
            data=self.publication.catalogue,
            today=self.publication.today,
            pages=self.pages,
            records=self.record_writer(config),
            record_urls={page.url for page in self.record_pages},
            search=self.config.search,
            offers_dir=root / register_config.offers_dir,
            watched=watched,
        )


class _WrittenAlready(File):
    """A file the plugin has written into the site; MkDocs knows it, so pages can link to it."""

    def copy_file(self, dirty: bool = False) -> None:
        """MkDocs's copy of static files leaves this one as the plugin wrote it."""


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's plain keys; MkDocs's own tags (`!ENV`, `!!python/name:`) read as None."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _site_url_in(config_file: Path) -> str | None:
    """The `site_url` written in mkdocs.yml itself (MkDocs's `serve` changes the loaded one)."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    except (OSError, yaml.YAMLError):
        return None  # MkDocs itself has read the file; it reports what is wrong with it
    value = data.get("site_url") if isinstance(data, dict) else None
    return str(value) if value else None


def _index_work(
    config: MkDocsConfig, publication: Publication
) -> tuple[Path, list[search.SearchRecord], str, int]:
    """What `search.index_timed` indexes for this build: where, which records, in which
    language, in parts of how many."""
    register_config = publication.catalogue.register.config
    return (
        Path(config.site_dir),
        search.search_records(publication.catalogue, publication.today),
        register_config.default_language,
        register_config.search_part_size,
    )
