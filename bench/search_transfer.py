"""Bytes the search page transfers in Chromium: page load, a first query, then a later one.

    .venv/bin/python bench/search_transfer.py SITE_DIR [--query welding] [--later safety]

Serves a built site at `/` on a free local port, opens the browse page in
Debian's Chromium (through Playwright), waits until it is idle, types one query
and waits for the results. Each response's size is counted as a compressing
static host would send it (text, JavaScript, JSON and SVG gzip-encoded; Pagefind's
index files are gzip already) and raw. Prints one JSON line. `bench/run.py` runs
it for each N when Chromium is installed.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
COMPRESSED_TYPES = re.compile(r"^(text/|application/(javascript|json|xml)|image/svg\+xml)")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No access log."""


def measure(site: Path, query: str, later: str = "safety") -> dict[str, int]:
    """Raw and gzip-served bytes and request counts for the page load and each query."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    phases: dict[str, list[Any]] = {"load": [], "query": [], "later": []}
    current = ["load"]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            page = browser.new_page()
            page.on("requestfinished", lambda request: phases[current[0]].append(request))
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/browse/")
            page.wait_for_load_state("networkidle")
            result: dict[str, int] = {}
            for phase, words in (("query", query), ("later", later)):
                current[0] = phase
                # The status names the previous query's count until this one is answered.
                page.evaluate(
                    "() => { document.querySelector('#register-search-status').textContent = ''; }"
                )
                page.fill("#register-search-input", words)
                page.wait_for_function(
                    """(words) => document.querySelector('#register-search-input').value === words
                        && /^\\d+ offers? found$/.test(
                        document.querySelector('#register-search-status').textContent.trim())
                        && document.querySelectorAll('#register-search-results > li').length > 0""",
                    arg=words,
                )
                page.wait_for_load_state("networkidle")
                result[f"{phase}_found"] = page.locator("#register-search-results > li").count()
            result["found"] = result["query_found"]
            for phase, requests in phases.items():
                raw = wire = 0
                for response in (request.response() for request in requests):
                    if response is None or not 200 <= response.status < 300:
                        continue
                    body = response.body()
                    raw += len(body)
                    compressible = COMPRESSED_TYPES.match(response.headers.get("content-type", ""))
                    wire += len(gzip.compress(body, 6)) if compressible else len(body)
                result |= {
                    f"{phase}_raw": raw,
                    f"{phase}_wire": wire,
                    f"{phase}_requests": len(requests),
                }
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="welding")
    parser.add_argument("--later", default="safety")
    args = parser.parse_args()
    print(json.dumps(measure(args.site, args.query, args.later)))


if __name__ == "__main__":
    main()
