"""Finding the record files: `providers/<id>.yaml` and `offers/<provider>/<id>.yaml`.

Files in the wrong place are reported rather than skipped in silence: a `.yml`
extension, an offer outside a provider's folder, a folder nested too deep.
Hidden files and files that are not YAML (e.g. a README) are left alone.
Symbolic links are reported and never followed: a link could make the build
read, and publish, a file from outside the register.

Folders are listed with `os.scandir`, whose entries know their own type: a
register of 10,000 offers is found without a system call per file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from generator.problems import Position, Problem, ProblemList

YAML_SUFFIX = ".yaml"
YAML_SUFFIXES = (YAML_SUFFIX, ".yml")


def provider_files(root: Path, folder: Path, problems: ProblemList) -> list[Path]:
    """The provider files in `folder`, reporting anything misplaced."""
    if not _folder_exists(root, folder, "add one file per provider to it", problems):
        return []
    files: list[Path] = []
    for path, is_dir, _, _ in _visible_entries(folder, root=root, problems=problems):
        if is_dir:
            problems.add(
                _misplaced(
                    root,
                    path,
                    "is a folder inside the providers folder",
                    "misplaced-folder",
                    "provider files sit directly in the providers folder; offers go in the offers "
                    "folder",
                )
            )
        elif _is_record_file(root, path, problems):
            files.append(path)
    return files


def offer_files(root: Path, folder: Path, problems: ProblemList) -> list[Path]:
    """The offer files in the provider folders of `folder`, reporting anything misplaced."""
    if not _folder_exists(root, folder, "add one folder per provider to it", problems):
        return []
    files: list[Path] = []
    for entry, _, is_file, _ in _visible_entries(folder, root=root, problems=problems):
        if is_file:
            if entry.suffix in YAML_SUFFIXES:
                problems.add(
                    _misplaced(
                        root,
                        entry,
                        "is not inside a provider's folder",
                        "misplaced-offer",
                        f"move it to `{_relative(root, folder)}/<provider-id>/`",
                    )
                )
            continue
        for path, is_dir, _, parts in _visible_entries(
            entry, root=root, problems=problems, recursive=True
        ):
            if is_dir:
                continue
            if len(parts) > 1:  # in a folder inside the provider's folder
                if path.suffix in YAML_SUFFIXES:
                    problems.add(
                        _misplaced(
                            root,
                            path,
                            "is nested too deep",
                            "misplaced-offer",
                            f"move it directly into `{_relative(root, entry)}/`",
                        )
                    )
            elif _is_record_file(root, path, problems):
                files.append(path)
    return files


def _folder_exists(root: Path, folder: Path, hint: str, problems: ProblemList) -> bool:
    if folder.is_dir():
        return True
    problems.add(
        Problem(
            f"{_relative(root, folder)}/",
            Position(),
            "is missing",
            "folder-missing",
            hint=f"create the folder and {hint}",
        )
    )
    return False


def _is_record_file(root: Path, path: Path, problems: ProblemList) -> bool:
    """True for a `.yaml` file; `.yml` or `.YAML` is reported, other files are ignored."""
    if path.suffix != YAML_SUFFIX and path.suffix.lower() in YAML_SUFFIXES:
        problems.add(
            _misplaced(
                root,
                path,
                f"has the extension {path.suffix}",
                "file-extension",
                f"rename it to `{path.stem}.yaml`",
            )
        )
    return path.suffix == YAML_SUFFIX


class _Entry(NamedTuple):
    """A file or folder found in a listed folder."""

    path: Path
    is_dir: bool
    is_file: bool
    parts: tuple[str, ...]
    """The names leading to it from the listed folder."""


def _visible_entries(
    folder: Path,
    *,
    root: Path,
    problems: ProblemList,
    recursive: bool = False,
    parts: tuple[str, ...] = (),
) -> list[_Entry]:
    """The entries of `folder` that are not hidden, reporting (and leaving out) symbolic links.

    They come in the order of their paths (`pathlib`'s order: name by name).
    """
    found: list[_Entry] = []
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda e: os.path.normcase(e.name))
    for item in entries:
        if item.name.startswith("."):
            continue
        path = folder / item.name
        if item.is_symlink():
            problems.add(
                _misplaced(
                    root,
                    path,
                    "is a symbolic link",
                    "file-symlink",
                    "the register accepts only ordinary files and folders: replace the link "
                    "with what it points to",
                )
            )
            continue
        is_dir = item.is_dir()
        found.append(_Entry(path, is_dir, item.is_file(), (*parts, item.name)))
        if recursive and is_dir:
            found.extend(
                _visible_entries(
                    path, root=root, problems=problems, recursive=True, parts=(*parts, item.name)
                )
            )
    return sorted(found, key=lambda e: [os.path.normcase(name) for name in e.parts])


def _misplaced(root: Path, path: Path, message: str, code: str, hint: str) -> Problem:
    return Problem(_relative(root, path), Position(), message, code, hint=hint)


def _relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
