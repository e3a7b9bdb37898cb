"""Time a live-preview update: build a register as `register serve` does, edit one offer, update.

    .venv/bin/python bench/live.py REGISTER SITE_DIR

Prints one JSON line: the first full build, the update of the pages after the
title of one offer changed (what the browser waits for), and the background
refresh of the data files and the search index that follows. `bench/run.py`
runs it for each N.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.mkdocs import live


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("register", type=Path)
    parser.add_argument("site", type=Path)
    args = parser.parse_args()
    shutil.rmtree(args.site, ignore_errors=True)

    started = time.perf_counter()
    config = load_config(str(args.register / "mkdocs.yml"), site_dir=str(args.site))
    # As `register serve` does: the plugin keeps its live preview (and the records it
    # loaded) for the whole command.
    config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build(config)
    full = time.perf_counter() - started
    preview = config.plugins["register"].preview
    preview.settled()

    offers = sorted((args.register / "offers").glob("*/*.yaml"))
    offer = offers[len(offers) // 2]
    text = offer.read_text(encoding="utf-8")
    edited = re.sub(r"^(title:\n  en: [\"']?)", r"\1Revised ", text, count=1, flags=re.M)
    if edited == text:
        sys.exit(f"no title to edit in {offer}")
    offer.write_text(edited, encoding="utf-8")

    def no_full_build(*_: object) -> None:
        sys.exit("the edit asked for a full build")

    builder = live.LiveBuilder(preview, no_full_build)
    started = time.perf_counter()
    builder()
    update = time.perf_counter() - started
    builder.refresher.wait()
    refresh = time.perf_counter() - started - update
    offer.write_text(text, encoding="utf-8")
    page = args.site / "offers" / offer.stem / "index.html"
    if "Revised " not in page.read_text(encoding="utf-8"):
        sys.exit(f"{page} was not updated")
    print(json.dumps({"full": full, "update": update, "refresh": refresh, "offer": offer.stem}))


if __name__ == "__main__":
    main()
