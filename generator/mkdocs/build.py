"""Building and serving the site through MkDocs, as the `register build` and `serve` commands.

MkDocs here is whichever engine `generator.mkdocs.engine` chose: MkDocs itself, or
ProperDocs with `REGISTER_ENGINE=properdocs`; both run these same calls.

A build never leaves a half-written site behind: MkDocs writes into a fresh
folder next to the output, and only a complete build (pages and search index)
replaces the previous site, by renaming. A failed build leaves the old site as
it was. That holds however the build ends: invalid data, a site over its size
budget (`generator.size_budget`), a write that fails (e.g. a full disk), Ctrl+C
(SIGINT) or SIGTERM (a CI job being cancelled), which ends the build as Ctrl+C does. The two renames that swap the sites run with those
signals held back, so an interrupt never falls between them.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from generator import size_budget
from generator.mkdocs import engine

MKDOCS_FILE = "mkdocs.yml"

# Material 9.8 prints an end-of-life banner on every run; the register's users cannot act on it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class BuildError(Exception):
    """The site could not be built; the message says why (e.g. the register's problems)."""


def _config_file(root: Path) -> Path:
    config_file = root / MKDOCS_FILE
    if not config_file.is_file():
        raise BuildError(f"{config_file} not found: the register folder needs an {MKDOCS_FILE}")
    return config_file


def _check_engine() -> None:
    try:
        engine.check()
    except engine.EngineError as error:
        raise BuildError(str(error)) from None


def build_site(
    root: Path,
    site_dir: Path,
    *,
    search: bool = True,
    quiet: bool = True,
    site_url: str | None = None,
    today: str | None = None,
    frames: bool = True,
) -> Path:
    """Build the register in `root` into `site_dir`, replacing it only when the build succeeded.

    `site_url` builds the site for another address than register.yml's (a preview's);
    `today` (YYYY-MM-DD) fixes the day that decides which editions are upcoming;
    `frames=False` has MkDocs render every page itself (the same files, slower).
    """
    config_file = _config_file(root)
    _check_engine()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    engine.logger().setLevel(logging.WARNING if quiet else logging.INFO)
    config = None
    try:
        with _sigterm_interrupts(), _messages_shown(not quiet):
            config = load_config(str(config_file), site_dir=str(staging))
            for name, plugin in config.plugins.items():
                if name == "register":
                    plugin.config.search = search and plugin.config.search
                    plugin.site_url = site_url
                    plugin.config.frames = frames and plugin.config.frames
                    if today is not None:
                        plugin.config.today = today
            # A plugin with `on_startup` is kept for the whole process (for `serve`): each
            # build tells it that this is a build.
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
            _check_size_budget(config, staging)
            with _signals_held():
                previous = _replace(staging, site_dir)
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
    except MkDocsException as error:
        shutil.rmtree(staging, ignore_errors=True)
        plugin = config.plugins.get("register") if config is not None else None
        raise BuildError(getattr(plugin, "failure", None) or str(error)) from error
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        where = f" ({error.filename})" if error.filename else ""
        raise BuildError(
            f"the site could not be written: {error.strerror or error}{where}"
        ) from error
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return site_dir


def _check_size_budget(config: MkDocsConfig, staging: Path) -> None:
    """Refuse a staged site larger than register.yml's `site_size_limit_mb`, before the swap."""
    plugin = config.plugins.get("register")
    register = getattr(plugin, "register", None)
    if register is None:
        return
    problem = size_budget.over_budget(staging, register.config.site_size_limit_mb)
    if problem is not None:
        raise BuildError(problem)


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """Let SIGTERM stop the build the way Ctrl+C does, so that the clean-up runs."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set signal handlers; `serve` builds elsewhere
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back until the block is done; they arrive right after it."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _replace(new: Path, target: Path) -> Path | None:
    """Put `new` where `target` is; returns where the replaced site went, for deleting."""
    if not target.exists():
        new.rename(target)
        return None
    old = target.with_name(f".{target.name}.previous")
    shutil.rmtree(old, ignore_errors=True)
    target.rename(old)
    new.rename(target)
    return old


def serve_site(root: Path, address: str) -> None:
    """Serve the register with live reload: a saved offer updates its pages (`generator.mkdocs.live`)."""
    config_file = _config_file(root)
    _check_engine()
    # What MkDocs's own command line would show: the address, each update, every problem.
    engine.logger().setLevel(logging.INFO)
    with _messages_shown():
        mkdocs_serve(str(config_file), dev_addr=address, livereload=True)


@contextmanager
def _messages_shown(shown: bool = True) -> Iterator[None]:
    """Print MkDocs's messages and the plugin's (INFO and up, as the logger's level lets
    them through) on stderr, as MkDocs's own command line does, while this lasts."""
    if not shown:
        yield
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = engine.logger()
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
