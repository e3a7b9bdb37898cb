"""The built sample site, served from a sub-path and driven in Debian's Chromium.

The sample register is built once with the `register` command line (the
`sample_site` fixture of `tests/conftest.py`, shared with the other modules) and
served at `http://127.0.0.1:<port>/register/`, the way a GitHub Pages project site
is hosted, so every test also proves that links and Pagefind's bundle work away from
the domain root. Without Chromium or Playwright the suite skips, except under
CI=true, where it fails: CI must never pass by skipping.

The server and the browser live as long as this package's tests (one Chromium for
all of them) and are closed when it is done: Playwright's sync API cannot
run twice at once in a thread, and other test modules may start their own.

Screenshots land in `test-artifacts/screenshots/`, and also in `docs/screenshots/`
with REGISTER_UPDATE_SCREENSHOTS=1.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request

REPO = Path(__file__).resolve().parents[2]
SUB_PATH = "register"
CHROMIUM = Path(os.environ.get("REGISTER_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
DOC_SCREENSHOTS = REPO / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}


def unavailable(reason: str) -> NoReturn:
    """Skip the browser suite, or fail it under CI, where skipping would hide a gap."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        """Drop the access log line."""


@pytest.fixture(scope="package")
def base_url(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample site built by the CLI and served under `/register/` on a free local port."""
    assert (sample_site / "pagefind" / "pagefind.js").is_file(), "the build made no Pagefind index"
    www = tmp_path_factory.mktemp("www")
    (www / SUB_PATH).symlink_to(sample_site, target_is_directory=True)
    with serve_folder(www) as url:
        yield f"{url}{SUB_PATH}/"


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free local port; yields its URL (ending in `/`)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        unavailable(f"Chromium not installed at {CHROMIUM}: apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed: pip install -e '.[test]'")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh context; fails the test on script errors or requests off the site.

    The site must work without any third-party host: no web fonts, no CDN, no analytics.
    """
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    problems: list[str] = []
    outside: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        # A missing favicon is the browser's guess, not the site's request.
        if "favicon" in (message.location or {}).get("url", ""):
            return
        problems.append(f"console: {message.text} ({message.location.get('url', '')})")

    def on_request(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in {"data", "blob", "about"}:
            return
        if parts.hostname != "127.0.0.1":
            outside.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("request", on_request)
    yield page
    context.close()
    assert not problems, "script errors on the page:\n" + "\n".join(problems)
    assert not outside, "requests to other hosts:\n" + "\n".join(outside)


@pytest.fixture(scope="session")
def screenshot() -> Callable[..., Path]:
    """Save a PNG of a page as a test artifact (and as documentation when asked to).

    Call it as `screenshot(page, "name.png", full_page=False)`.
    """

    def save(page: Page, name: str, *, full_page: bool = False) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / name
        page.screenshot(path=str(path), full_page=full_page)
        if os.environ.get("REGISTER_UPDATE_SCREENSHOTS") == "1":
            DOC_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, DOC_SCREENSHOTS / name)
        return path

    return save
