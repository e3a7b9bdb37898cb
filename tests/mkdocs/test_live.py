"""Live preview: an edited offer updates exactly the pages a full build would change.

The sample register is built as `register serve` builds it (the plugin keeping its
state for `generator.mkdocs.live`); then a file is edited and the live builder runs, the
way MkDocs's file watcher calls it.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.mkdocs import live
from generator.mkdocs.build import build_site
from tests.support.registers import RegisterDir

pytestmark = pytest.mark.slow

OFFER = "offers/edilizia-adriatica/bim-for-site-supervisors.yaml"
TITLE = "title: BIM for Site Supervisors\n"


class Served:
    """The sample built for serving, and a live builder that records full builds."""

    def __init__(self, root: Path, site: Path, preview: live.LivePreview) -> None:
        self.root, self.site = root, site
        self.full_builds = 0
        self.builder = live.LiveBuilder(preview, self._full_build)

    def _full_build(self) -> None:
        self.full_builds += 1

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def rebuild(self) -> None:
        """What the file watcher does after a change: call the builder, let the refresh end."""
        self.builder()
        self.builder.refresher.wait()

    def digest(self) -> dict[str, str]:
        return {
            p.relative_to(self.site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(self.site.rglob("*"))
            if p.is_file()
        }


@pytest.fixture
def served(
    sample_copy: RegisterDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Served]:
    site = tmp_path / "served"
    config = load_config(str(sample_copy.root / "mkdocs.yml"), site_dir=str(site))
    plugin = config.plugins["register"]
    plugin.config.search = False
    # As `register serve` starts: MkDocs keeps this plugin, with its preview, for the command.
    config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build(config)
    assert plugin.preview is not None and plugin.preview.site is not None
    yield Served(sample_copy.root, site, plugin.preview)
    config.plugins.on_shutdown()


def full_build_digest(served: Served, site: Path) -> dict[str, str]:
    """What a full build of the register as it is now writes, file by file."""
    full = build_site(served.root, site, search=False)
    return {
        p.relative_to(full).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in full.rglob("*")
        if p.is_file()
    }


def test_an_edited_offer_gives_the_pages_of_a_full_build(served: Served, tmp_path: Path) -> None:
    before = served.digest()
    served.edit(OFFER, TITLE, "title: BIM on Site for Supervisors\n")
    served.rebuild()
    assert served.full_builds == 0
    after = served.digest()
    changed = sorted(path for path in after if after[path] != before[path])
    # Byte for byte what a full build of the edited register writes.
    assert after == full_build_digest(served, tmp_path / "full")
    pages = [path for path in changed if path.endswith(".html")]
    assert "offers/bim-for-site-supervisors/index.html" in pages
    assert "providers/edilizia-adriatica/index.html" in pages
    assert len(pages) <= 5, pages  # the fact sheet, its provider, the list, …: not the site
    assert "api/v1/offers/bim-for-site-supervisors.json" in changed
    assert "api/v1/catalogue.json" in changed


def test_the_offer_that_replaces_an_edited_one_names_it_anew(
    served: Served, tmp_path: Path
) -> None:
    replaced = "offers/mittelrhein-university/introduction-research-data-management.yaml"
    title = "title: Introduction to Research Data Management\n"
    before = served.digest()
    served.edit(replaced, title, "title: First Steps in Research Data Management\n")
    served.rebuild()
    assert served.full_builds == 0
    after = served.digest()
    assert (
        after["offers/research-data-management-fair/index.html"]
        != (before["offers/research-data-management-fair/index.html"])
    )
    assert after == full_build_digest(served, tmp_path / "full")


def test_an_offer_made_invalid_leaves_the_preview_as_it_was(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    before = served.digest()
    served.edit(OFFER, "status: open", "status: perhaps")
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.register"):
        served.rebuild()
    assert served.full_builds == 0
    assert served.digest() == before
    assert re.search(rf"{OFFER}:\d+:\d+: error: status:", caplog.text)


@pytest.mark.parametrize(
    "change",
    ["provider", "new-offer", "deleted-offer", "register", "docs", "new-folder", "folder-link"],
)
def test_anything_but_an_offer_edit_gets_a_full_build(served: Served, change: str) -> None:
    if change == "provider":
        served.edit("providers/edilizia-adriatica.yaml", "\nwebsite:", "\nwebsite:")
        path = served.root / "providers/edilizia-adriatica.yaml"
        path.write_text(path.read_text() + "\n")
    elif change == "new-offer":
        text = (served.root / OFFER).read_text(encoding="utf-8")
        (served.root / OFFER).with_name("bim-2.yaml").write_text(
            text.replace("id: bim-for-site-supervisors", "id: bim-2"), encoding="utf-8"
        )
    elif change == "deleted-offer":
        (served.root / OFFER).unlink()
    elif change == "new-folder":  # the register lists folders: only a full build does
        (served.root / "offers" / "new-provider").mkdir()
    elif change == "folder-link":
        (served.root / "offers" / "linked").symlink_to(
            served.root / "offers" / "edilizia-adriatica"
        )
    elif change == "register":
        path = served.root / "register.yml"
        path.write_text(path.read_text() + "\n")
    else:
        (served.root / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    served.rebuild()
    assert served.full_builds == 1


def test_nothing_kept_means_a_full_build(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    served.builder.preview.forget()
    served.edit(OFFER, TITLE, "title: BIM on Site\n")
    served.rebuild()
    assert served.full_builds == 1
