"""The size budget: a site that would not fit its host fails the build, saying what takes the space.

GitHub Pages publishes sites of at most 1 GB, and other hosts have limits of their own:
`site_size_limit_mb` in register.yml (default 1,000 MB, that is 1 GB) sets the budget.
`generator.mkdocs.build` checks the staging folder before it replaces the published site,
so a site over budget leaves the previous one in place, and the message names the
largest folders and kinds of file, which is where to cut.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MB = 1_000_000
"""A megabyte as hosts count it (GitHub Pages' 1 GB is 1,000 MB)."""
DEFAULT_LIMIT_MB = 1000
"""GitHub Pages' limit on a published site."""
FOLDER_DEPTH = 3
"""Folders are reported down to this depth, e.g. `api/v1/offers/`."""
DOMINANT = 0.9
"""A folder whose one subfolder holds this share of it is reported as that subfolder."""
SHOWN = 6


@dataclass
class SiteSize:
    """What a built site holds: bytes in total, by folder and by kind of file."""

    total: int = 0
    files: int = 0
    folders: dict[str, int] = field(default_factory=dict)
    """Bytes under each folder (site-relative, ending in `/`), down to `FOLDER_DEPTH`."""
    kinds: dict[str, tuple[int, int]] = field(default_factory=dict)
    """(bytes, files) of each file-name extension, e.g. `.html`."""


def measure(site: Path) -> SiteSize:
    """Add up the sizes of every file under `site`."""
    size = SiteSize()
    for folder, _, names in os.walk(site):
        relative = PurePosixPath(Path(folder).relative_to(site).as_posix())
        parents = relative.parts[:FOLDER_DEPTH]
        for name in names:
            nbytes = os.stat(os.path.join(folder, name)).st_size
            size.total += nbytes
            size.files += 1
            for depth in range(1, len(parents) + 1):
                key = "/".join(parents[:depth]) + "/"
                size.folders[key] = size.folders.get(key, 0) + nbytes
            suffix = PurePosixPath(name).suffix.lower() or "(no extension)"
            kind_bytes, kind_files = size.kinds.get(suffix, (0, 0))
            size.kinds[suffix] = (kind_bytes + nbytes, kind_files + 1)
    return size


def largest_folders(size: SiteSize, count: int = SHOWN) -> list[tuple[str, int]]:
    """The largest folders, each said once: `api/v1/` rather than `api/` when it is most of it."""

    def dominated(folder: str, nbytes: int) -> bool:
        depth = folder.count("/")
        return any(
            other.startswith(folder) and other.count("/") == depth + 1 and sub >= DOMINANT * nbytes
            for other, sub in size.folders.items()
        )

    shown = [(f, n) for f, n in size.folders.items() if n and not dominated(f, n)]
    return sorted(shown, key=lambda item: (-item[1], item[0]))[:count]


def _mb(nbytes: int) -> str:
    return f"{nbytes / MB:,.1f} MB"


def over_budget(site: Path, limit_mb: int, setting: str = "site_size_limit_mb") -> str | None:
    """Why the site in `site` exceeds `limit_mb`, naming what takes the space; None if it fits."""
    size = measure(site)
    if size.total <= limit_mb * MB:
        return None
    folders = ", ".join(f"{folder} {_mb(nbytes)}" for folder, nbytes in largest_folders(size))
    kinds = sorted(size.kinds.items(), key=lambda item: (-item[1][0], item[0]))[:SHOWN]
    by_kind = ", ".join(f"{kind} {_mb(n)} ({files:,} files)" for kind, (n, files) in kinds)
    return (
        f"the site would be {_mb(size.total)} in {size.files:,} files, over its size limit of "
        f"{limit_mb:,} MB ({setting} in register.yml); the previous site is left in place\n"
        f"    largest folders: {folders}\n"
        f"    largest kinds of file: {by_kind}\n"
        f"    hint: raise {setting} if the host allows more (GitHub Pages: {DEFAULT_LIMIT_MB:,} "
        "MB), or publish less of what takes the most space"
    )
