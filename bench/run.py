"""Benchmark the register's build against bare MkDocs + Pagefind and Hugo on equivalent content.

    .venv/bin/python bench/run.py                 # N = 1,000 and 10,000
    .venv/bin/python bench/run.py --with-50k      # also N = 50,000
    .venv/bin/python bench/run.py --with-100k     # also N = 100,000 (an EU-wide register;
                                                  # validate and build only)
    .venv/bin/python bench/run.py --sizes 200     # a quick smoke run

For each N it writes a synthetic register (`register synth`, with the size budget
raised: the site's bytes are measured here, not judged), then measures in one run,
each command as a separate process (wall time, CPU time of the process and its
children, peak RSS of the largest process, peak PSS of all its processes together), with
the load average before and after:

- `register validate`, and the full `register build` (pages, feed, search index);
- the site's size (and per offer), `catalogue.json` raw and gzip, the offer pages'
  HTML size, and the files for harvesters: the offers' bulk file, `changes.json`, the
  pages of offers;
- `register build` again after one offer's title changed (the deploy workflow's rebuild);
- the live preview: `bench/live.py` builds as `register serve` does, edits one
  offer and times the update of its pages (and the background refresh);
- the search page in Chromium (`bench/search_transfer.py`, when Chromium is
  installed): bytes for the page load, a first query and a later one;
- baseline 1: the same fact sheets (each one's own article, as an HTML block in
  Markdown: the same text) built by bare mkdocs-material (pages not in the nav) and
  indexed by Pagefind's CLI;
- baseline 2: the same Markdown rendered by Hugo with a minimal theme, then indexed by
  Pagefind, when `hugo` is installed (Debian: `apt-get install -y hugo`).

It prints issue 18's goals (each figure, its goal, met or not) and a table of every
figure with ratios (ours ÷ baseline), and writes both to `bench/results.md` (or
`--out`), with the command that produced them.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
BENCH_SIZE_LIMIT_MB = 100_000


@dataclass(frozen=True)
class Run:
    """What one command cost: `rss_mb` is the peak RSS of its largest process, `total_mb`
    the peak of the memory of all its processes together (PSS: a page that processes
    share counts once), 0 where /proc cannot tell."""

    wall: float
    cpu: float
    rss_mb: float
    total_mb: float = 0.0

    def __add__(self, other: Run) -> Run:
        return Run(
            self.wall + other.wall,
            self.cpu + other.cpu,
            max(self.rss_mb, other.rss_mb),
            max(self.total_mb, other.total_mb),
        )


def measure(command: list[str], cwd: Path | None = None) -> Run:
    """Run a command to completion; fail loudly if it fails."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    sampler = _TreeMemory(process.pid)
    sampler.start()
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    sampler.done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{output[-3000:]}")
    # ru_maxrss of wait4 covers the process and the largest of its waited-for children.
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, sampler.peak_mb)


class _TreeMemory(threading.Thread):
    """Samples, every half second, the PSS of a process and all its descendants (Linux)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_mb = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.5):
            total = sum(_pss_kb(pid) for pid in _descendants(self.pid))
            self.peak_mb = max(self.peak_mb, total / 1024)


def _descendants(pid: int) -> list[int]:
    """`pid` and every process below it, from /proc's lists of children."""
    found, waiting = [], [pid]
    while waiting:
        current = waiting.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                waiting += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def _pss_kb(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    match = re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)
    return int(match.group(1)) if match else 0


def tree_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of a folder."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


# --- equivalent Markdown for the baselines -------------------------------------------


ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
TAG = re.compile(r"<[^>]+>")


def write_markdown(site: Path, docs: Path) -> int:
    """One Markdown page per fact sheet of the built `site` under `docs/offers/`; the count.

    Each carries the fact sheet's own article, every text and Annex I value of it, as
    an HTML block with the page's title in its front matter: both sides render, and
    index, the same text (the baselines do not make it from the records, which is
    part of the register's work).
    """
    (docs / "offers").mkdir(parents=True, exist_ok=True)
    count = 0
    for page in sorted((site / "offers").glob("*/index.html")):
        article = ARTICLE.search(page.read_text(encoding="utf-8"))
        if article is None:
            raise SystemExit(f"no article in {page}")
        body = article.group(1).strip()
        heading = HEADING.search(body)
        title = TAG.sub("", heading.group(1)).strip() if heading else page.parent.name
        title = json.dumps(html.unescape(title), ensure_ascii=False)  # a YAML string too
        markdown = f"---\ntitle: {title}\n---\n\n{body}\n"
        (docs / "offers" / f"{page.parent.name}.md").write_text(markdown, encoding="utf-8")
        count += 1
    return count


def mkdocs_baseline(site: Path, work: Path) -> Run:
    """Bare mkdocs-material over the Markdown (offers not in the nav), then Pagefind's CLI."""
    project = work / "mkdocs-baseline"
    shutil.rmtree(project, ignore_errors=True)
    docs = project / "docs"
    write_markdown(site, docs)
    (docs / "index.md").write_text("# Offers\n\nA register of micro-credential offers.\n")
    (project / "mkdocs.yml").write_text(
        "site_name: Baseline\nsite_url: https://example.eu/\ntheme:\n  name: material\n"
        "nav:\n  - index.md\nnot_in_nav: |\n  /offers/\nplugins: []\n"
        "markdown_extensions:\n  - tables\n"
    )
    build = measure([str(BIN / "mkdocs"), "build", "--quiet"], cwd=project)
    index = measure([sys.executable, "-m", "pagefind", "--site", "site", "--silent"], cwd=project)
    return build + index


HUGO_LAYOUT = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{{ .Title }}</title></head><body><main>{{ .Content }}</main></body></html>
"""


def hugo_baseline(site: Path, work: Path) -> Run | None:
    """Hugo rendering the same Markdown with a one-template theme, then Pagefind; None without Hugo."""
    hugo = shutil.which("hugo")
    if hugo is None:
        return None
    project = work / "hugo-baseline"
    shutil.rmtree(project, ignore_errors=True)
    content = project / "content"
    write_markdown(site, content)
    layouts = project / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (layouts / name).write_text(HUGO_LAYOUT)
    (project / "hugo.toml").write_text(
        'baseURL = "https://example.eu/"\ntitle = "Baseline"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
        "[markup.goldmark.renderer]\nunsafe = true\n"
    )
    build = measure([hugo, "--quiet", "-d", "public"], cwd=project)
    index = measure([sys.executable, "-m", "pagefind", "--site", "public", "--silent"], cwd=project)
    return build + index


# --- one size ------------------------------------------------------------------------


@dataclass
class Result:
    n: int
    validate: Run
    build: Run
    site_bytes: int
    site_files: int
    catalogue_raw: int
    catalogue_gzip: int
    page_median: int
    page_max: int
    bulk_gzip: int
    changes_raw: int
    offer_pages: int
    load: tuple[float, float]
    """The 1-minute load average before and after this size's measurements."""
    mkdocs: Run | None = None
    hugo: Run | None = None
    live: dict[str, float] | None = None
    search: dict[str, int] | None = None
    rebuild: Run | None = None
    """None where not measured (`BUILD_ONLY_FROM`), or not installed (Hugo)."""


def _json_of(command: list[str]) -> dict | None:
    """The JSON line a helper script prints, or None (with its error) when it fails."""
    process = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    if process.returncode != 0:
        print(f"  {' '.join(command[1:2])} failed: {process.stderr.strip()[-300:]}", flush=True)
        return None
    return json.loads(process.stdout.strip().splitlines()[-1])


BUILD_ONLY_FROM = 100_000
"""From this size on, only `validate` and the build are measured (the goal is that it
builds, with its time and memory); the baselines, the rebuild and the live preview
would take over an hour more."""


def bench_size(n: int, seed: int, work: Path, reuse: bool = False) -> Result:
    register = work / f"register-{n}"
    site = work / f"site-{n}"
    config_file = register / "register.yml"
    if not (reuse and config_file.is_file()):
        print(f"N={n}: writing the synthetic register …", flush=True)
        subprocess.run(
            [
                str(BIN / "register"),
                "synth",
                str(register),
                "--offers",
                str(n),
                "--seed",
                str(seed),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    load_before = os.getloadavg()[0]
    # The build's size budget would stop a large synthetic register (its default is GitHub
    # Pages's 1 GB); here the site's bytes are measured, not judged.
    if "site_size_limit_mb" not in config_file.read_text(encoding="utf-8"):
        with config_file.open("a", encoding="utf-8") as config:
            config.write(f"site_size_limit_mb: {BENCH_SIZE_LIMIT_MB}\n")
    print(f"N={n}: register validate …", flush=True)
    validate = measure([str(BIN / "register"), "validate", str(register)])
    print(f"N={n}: register build …", flush=True)
    shutil.rmtree(site, ignore_errors=True)
    build = measure(
        [str(BIN / "register"), "build", "--root", str(register), "--site-dir", str(site)]
    )
    site_bytes, site_files = tree_size(site)
    # Above 100 MB the plain catalogue is published only gzip-compressed (API 1.3.0).
    plain = site / "api" / "v1" / "catalogue.json"
    catalogue = (
        plain.read_bytes()
        if plain.exists()
        else gzip.decompress((site / "api" / "v1" / "catalogue.json.gz").read_bytes())
    )
    pages = [p.stat().st_size for p in (site / "offers").glob("*/index.html")]
    api = site / "api" / "v1"
    offer_pages = list((api / "catalogue" / "offers").glob("*.json"))
    built = Result(
        n,
        validate,
        build,
        site_bytes,
        site_files,
        len(catalogue),
        len(gzip.compress(catalogue, 6)),
        int(statistics.median(pages)),
        max(pages),
        (api / "offers.ndjson.gz").stat().st_size,
        (api / "changes.json").stat().st_size,
        len(offer_pages),
        load=(load_before, os.getloadavg()[0]),
    )
    if n >= BUILD_ONLY_FROM:
        return built
    print(f"N={n}: rebuild after editing one offer …", flush=True)
    rebuild = _rebuild_after_one_edit(register, site)
    print(f"N={n}: live preview update (register serve) …", flush=True)
    live = _json_of(
        [sys.executable, str(REPO / "bench" / "live.py"), str(register), str(work / f"live-{n}")]
    )
    shutil.rmtree(work / f"live-{n}", ignore_errors=True)
    search = None
    if CHROMIUM.exists():
        print(f"N={n}: search transfer in Chromium …", flush=True)
        search = _json_of([sys.executable, str(REPO / "bench" / "search_transfer.py"), str(site)])
    print(f"N={n}: baseline mkdocs-material + Pagefind …", flush=True)
    mkdocs = mkdocs_baseline(site, work)
    print(f"N={n}: baseline Hugo …", flush=True)
    hugo = hugo_baseline(site, work)
    return replace(
        built,
        mkdocs=mkdocs,
        hugo=hugo,
        live=live,
        search=search,
        rebuild=rebuild,
        load=(load_before, os.getloadavg()[0]),
    )


def _rebuild_after_one_edit(register: Path, site: Path) -> Run:
    """`register build` again, as the deploy workflow does, after one offer's title changed."""
    offer = sorted((register / "offers").glob("*/*.yaml"))[0]
    text = offer.read_text(encoding="utf-8")
    edited = re.sub(r"^(title:\n  en: [\"']?)", r"\1Revised ", text, count=1, flags=re.M)
    if edited == text:
        raise SystemExit(f"no title to edit in {offer}")
    offer.write_text(edited, encoding="utf-8")
    try:
        return measure(
            [str(BIN / "register"), "build", "--root", str(register), "--site-dir", str(site)]
        )
    finally:
        offer.write_text(text, encoding="utf-8")


def _ratio(ours: float, theirs: float | None) -> str:
    return f"{ours / theirs:.2f}×" if theirs else "–"


def goals(results: list[Result]) -> str:
    """Issue 18's goals, each measured in this run: figure, goal, met or not."""
    by_n = {r.n: r for r in results}
    lines = ["| measure | this run | goal | met |", "|---|---|---|---|"]

    def row(name: str, value: float | None, shown: str, limit: float, goal: str) -> None:
        met = "–" if value is None else ("yes" if value <= limit else "**no**")
        lines.append(f"| {name} | {shown if value is not None else 'not run'} | {goal} | {met} |")

    ten, fifty, hundred = by_n.get(10_000), by_n.get(50_000), by_n.get(100_000)
    if ten and ten.mkdocs:
        ratio = ten.build.wall / ten.mkdocs.wall
        row(
            "10k build ÷ bare mkdocs-material + Pagefind",
            ratio,
            f"{ratio:.2f}× ({ten.build.wall:.1f} s vs {ten.mkdocs.wall:.1f} s)",
            0.7,
            "≤ 0.7×",
        )
        hugo = ten.build.wall / ten.hugo.wall if ten.hugo else None
        row(
            "10k build ÷ (Hugo + Pagefind on Hugo's output)",
            hugo,
            f"{hugo:.2f}× ({ten.build.wall:.1f} s vs {ten.hugo.wall:.1f} s)" if ten.hugo else "",
            2.0,
            "≤ 2×",
        )
    if ten and fifty:
        scale = fifty.build.wall / ten.build.wall
        row("50k build ÷ 10k build", scale, f"{scale:.2f}×", 5.5, "≤ 5.5×")
    if hundred:
        lines.append(
            f"| 100k offers | built: {hundred.build.wall:.0f} s wall, {hundred.build.cpu:.0f} s "
            f"CPU, peak {hundred.build.total_mb / 1024:.1f} GB all processes "
            f"({hundred.build.rss_mb / 1024:.1f} GB the largest) | builds on this machine | yes |"
        )
    for r in (ten, fifty):
        if r:
            peak = r.build.total_mb / 1024
            row(
                f"peak memory at {r.n // 1000}k, all processes",
                peak,
                f"{peak:.2f} GB ({r.build.rss_mb / 1024:.2f} GB the largest)",
                2.0,
                "≤ 2 GB at 50k",
            )
    for r in results:
        if r.n >= 10_000:
            per = r.site_bytes / r.n / 1000
            row(
                f"site bytes per offer at {r.n // 1000}k",
                per,
                f"{per:.1f} KB ({r.site_bytes / 1e6:.0f} MB)",
                25,
                "≤ 25 KB",
            )
    if ten and ten.search:
        first = (ten.search["load_wire"] + ten.search["query_wire"]) / 1000
        row("search page at 10k: load + first query", first, f"{first:.0f} KB", 300, "≤ 300 KB")
        if "later_wire" in ten.search:
            later = ten.search["later_wire"] / 1000
            row("search page at 10k: a later query", later, f"{later:.0f} KB", 100, "≤ 100 KB")
    if ten and ten.live:
        update = ten.live["update"]
        row("live update after one edit at 10k", update, f"{update:.2f} s", 1.0, "≤ 1 s")
    if ten and ten.rebuild:
        rebuild = ten.rebuild.wall
        row("rebuild after one edited offer at 10k", rebuild, f"{rebuild:.1f} s", 60, "≤ 60 s")
        row(
            "`register validate` at 10k, wall",
            ten.validate.wall,
            f"{ten.validate.wall:.2f} s",
            3.0,
            "≤ 3 s",
        )
        row(
            "`register validate` at 10k, CPU",
            ten.validate.cpu,
            f"{ten.validate.cpu:.2f} s",
            4.0,
            "≤ 4 s",
        )
    return "\n".join(lines)


def table(results: list[Result]) -> str:
    """The results as a Markdown table, one column per N."""
    header = "| measure | " + " | ".join(f"N = {r.n:,}" for r in results) + " |"
    lines = [header, "|---|" + "---|" * len(results)]

    def row(name: str, cell) -> None:
        lines.append(f"| {name} | " + " | ".join(cell(r) for r in results) + " |")

    def run(value: Run | None, r: Result | None = None) -> str:
        if value is None:
            return "not run at this size" if r and r.n >= BUILD_ONLY_FROM else "not installed"
        return (
            f"{value.wall:.1f} s wall, {value.cpu:.1f} s CPU, {value.rss_mb:.0f} MB "
            f"({value.total_mb:.0f} MB all processes)"
        )

    row("`register validate`", lambda r: run(r.validate))
    row("`register build` (pages + feed + search)", lambda r: run(r.build))
    row("bare mkdocs-material + Pagefind", lambda r: run(r.mkdocs, r))
    row("Hugo (minimal theme) + Pagefind", lambda r: run(r.hugo, r))
    row(
        "**ratio build ÷ mkdocs+Pagefind** (wall)",
        lambda r: _ratio(r.build.wall, r.mkdocs.wall if r.mkdocs else None),
    )
    row(
        "**ratio build ÷ Hugo** (wall)",
        lambda r: _ratio(r.build.wall, r.hugo.wall if r.hugo else None),
    )
    row("rebuild after editing one offer", lambda r: run(r.rebuild, r))
    row("site size", lambda r: f"{r.site_bytes / 1e6:.1f} MB in {r.site_files:,} files")
    row("site bytes per offer", lambda r: f"{r.site_bytes / r.n / 1e3:.1f} KB")
    row("load average (1 min) before / after", lambda r: f"{r.load[0]:.2f} / {r.load[1]:.2f}")
    row(
        "`catalogue.json` raw / gzip",
        lambda r: f"{r.catalogue_raw / 1e6:.2f} MB / {r.catalogue_gzip / 1e6:.2f} MB",
    )
    row(
        "offer page HTML, median / max",
        lambda r: f"{r.page_median / 1e3:.1f} KB / {r.page_max / 1e3:.1f} KB",
    )
    row(
        "for harvesters: `offers.ndjson.gz` / `changes.json` / pages of offers",
        lambda r: f"{r.bulk_gzip / 1e6:.2f} MB / {r.changes_raw / 1e6:.2f} MB / {r.offer_pages:,}",
    )
    row(
        "live preview: pages updated after editing one offer (`register serve`)",
        lambda r: (
            f"{r.live['update']:.2f} s (data files and search index then "
            f"{r.live['refresh']:.1f} s in the background)"
            if r.live
            else "–"
        ),
    )
    row(
        "search page in Chromium: load / first query (gzip-served)",
        lambda r: (
            f"{r.search['load_wire'] / 1e3:.0f} KB / {r.search['query_wire'] / 1e3:.0f} KB"
            f" = {(r.search['load_wire'] + r.search['query_wire']) / 1e3:.0f} KB"
            if r.search
            else (
                "not run at this size"
                if r.n >= BUILD_ONLY_FROM
                else "failed: see the run's output"
                if CHROMIUM.exists()
                else "Chromium not installed"
            )
        ),
    )
    if len(results) > 1:
        first, last = results[0], results[-1]
        scale = last.n / first.n
        lines.append("")
        lines.append(
            f"Scaling {first.n:,} → {last.n:,} offers (×{scale:g}): build time ×"
            f"{last.build.wall / first.build.wall:.2f}, validate ×"
            f"{last.validate.wall / first.validate.wall:.2f}."
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--with-50k", action="store_true", help="also N = 50,000")
    parser.add_argument("--with-100k", action="store_true", help="also N = 100,000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--reuse", action="store_true", help="reuse the synthetic registers already in --work"
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/register-bench"))
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results.md")
    args = parser.parse_args()
    sizes = [
        *args.sizes,
        *([50_000] if args.with_50k else []),
        *([100_000] if args.with_100k else []),
    ]
    args.work.mkdir(parents=True, exist_ok=True)
    command = "python bench/run.py " + " ".join(sys.argv[1:])
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    results: list[Result] = []
    for n in sizes:
        results.append(bench_size(n, args.seed, args.work, args.reuse))
        # Written after each size, so a long run that fails later keeps what it measured.
        text = (
            f"# Benchmark results\n\nCommand: `{command.strip()}` — "
            f"{time.strftime('%Y-%m-%d')}, {machine}. One run each, in one session.\n\n"
            f"## Goals (issue 18)\n\n{goals(results)}\n\n## All figures\n\n{table(results)}\n"
        )
        print("\n" + text, flush=True)
        if args.out:
            args.out.write_text(text)


if __name__ == "__main__":
    main()
