"""The site's address has one source, register.yml, and a preview can be built for another."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.models.config import SITE_URL_VARIABLE
from tests.support.registers import CliRun, RegisterDir, line_of, replace

PRODUCTION = "https://register.trivium-alliance.eu/"

_ABSOLUTE = re.compile(rb"https?://[^\s\"'<>)\\]+")


def _absolute_urls(site: Path) -> dict[str, set[str]]:
    """Every absolute http(s) address in the built site, with the files it appears in."""
    found: dict[str, set[str]] = {}
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".jsonld", ".xml", ".ics", ".yaml"}:
            for match in _ABSOLUTE.findall(path.read_bytes()):
                found.setdefault(match.decode(), set()).add(str(path.relative_to(site)))
    return found


def _on_host(urls: dict[str, set[str]], prefix: str) -> set[str]:
    return {url for url in urls if url.startswith(prefix)}


def test_mkdocs_yml_does_not_repeat_the_site_address() -> None:
    repo = Path(__file__).resolve().parents[2]
    assert not re.search(r"^site_url:", (repo / "mkdocs.yml").read_text("utf-8"), re.MULTILINE)


def test_changing_register_yml_moves_pages_sitemap_and_feeds(
    sample_copy: RegisterDir, cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    config = (sample_copy.root / "register.yml").read_text(encoding="utf-8")
    sample_copy.write(
        "register.yml",
        replace(config, f"site_url: {PRODUCTION}", "site_url: https://new.example.eu/reg"),
    )
    site = tmp_path / "site"
    run = cli("build", sample_copy.root, "--site-dir", site, "--no-search")
    assert run.code == 0, run.err
    urls = _absolute_urls(site)
    assert not _on_host(urls, PRODUCTION), sorted(_on_host(urls, PRODUCTION))[:5]
    moved = _on_host(urls, "https://new.example.eu/reg/")
    canonical = (site / "offers" / "bim-for-site-supervisors" / "index.html").read_text("utf-8")
    assert 'rel="canonical" href="https://new.example.eu/reg/offers/bim-for-site-supervisors/"' in (
        canonical
    )
    assert "<loc>https://new.example.eu/reg/about/</loc>" in (site / "sitemap.xml").read_text(
        "utf-8"
    )
    places = set().union(*(urls[url] for url in moved))
    assert {"api/v1/catalogue.json", "api/v1/dcat.jsonld", "feed.xml", "sitemap.xml"} <= places


def test_a_different_site_url_in_mkdocs_yml_is_an_error_naming_both_files(
    sample_copy: RegisterDir, cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    mkdocs = (sample_copy.root / "mkdocs.yml").read_text(encoding="utf-8")
    sample_copy.write("mkdocs.yml", "site_url: https://old.example.eu/\n" + mkdocs)
    run = cli("build", sample_copy.root, "--site-dir", tmp_path / "site", "--no-search")
    assert run.code == 1
    assert "mkdocs.yml" in run.err and "register.yml" in run.err
    assert "https://old.example.eu/" in run.err and PRODUCTION in run.err
    assert "delete site_url from mkdocs.yml" in run.err
    assert not (tmp_path / "site").exists()


def test_the_same_site_url_in_mkdocs_yml_is_accepted(
    sample_copy: RegisterDir, cli: Callable[..., CliRun], tmp_path: Path
) -> None:
    mkdocs = (sample_copy.root / "mkdocs.yml").read_text(encoding="utf-8")
    sample_copy.write("mkdocs.yml", f"site_url: {PRODUCTION.rstrip('/')}\n" + mkdocs)
    run = cli("build", sample_copy.root, "--site-dir", tmp_path / "site", "--no-search")
    assert run.code == 0, run.err


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_preview_points_every_absolute_link_at_the_preview(
    sample_copy: RegisterDir,
    cli: Callable[..., CliRun],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    preview = "https://preview.example.org/pr-7/"
    site = tmp_path / "site"
    args: list[str | Path] = ["build", sample_copy.root, "--site-dir", site, "--no-search"]
    if how == "option":
        args += ["--site-url", preview.rstrip("/")]
    else:
        monkeypatch.setenv(SITE_URL_VARIABLE, preview)
    run = cli(*args)
    assert run.code == 0, run.err
    urls = _absolute_urls(site)
    assert not _on_host(urls, PRODUCTION), sorted(_on_host(urls, PRODUCTION))[:5]
    assert len(_on_host(urls, preview)) > 100
    # The preview's links are checked under the preview's path.
    monkeypatch.setenv(SITE_URL_VARIABLE, preview)
    run = cli("check-links", "--root", sample_copy.root, site)
    assert run.code == 0, run.out


@pytest.mark.parametrize(
    "url",
    [
        "register.example.eu",
        "https://user:secret@register.example.eu/",
        "https://r.example.eu/?a=1",
    ],
)
def test_an_unusable_preview_address_is_a_usage_error(
    sample_copy: RegisterDir, cli: Callable[..., CliRun], tmp_path: Path, url: str
) -> None:
    run = cli("build", sample_copy.root, "--site-dir", tmp_path / "site", "--site-url", url)
    assert run.code == 2
    assert "--site-url" in run.err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://editor:hunter2@register.example.eu/", "url-credentials"),
        ("https://register.example.eu/?lang=en", "url-format"),
        ("https://register.example.eu/#top", "url-format"),
        ("https://register.example.eu/#", "url-format"),
    ],
)
def test_site_url_with_credentials_query_or_fragment_is_refused(
    reg: RegisterDir, url: str, code: str
) -> None:
    config = (reg.root / "register.yml").read_text(encoding="utf-8")
    current = re.search(r"^site_url: (.*)$", config, re.MULTILINE)
    assert current is not None
    text = replace(config, current.group(0), f"site_url: {url}")
    reg.write("register.yml", text)
    problems = {p.code: p for p in reg.load().problems.items}
    assert code in problems
    assert problems[code].file == "register.yml"
    assert problems[code].line == line_of(text, "site_url")
