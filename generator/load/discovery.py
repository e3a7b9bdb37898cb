"""Finding the record files: `providers/<id>.yaml` and `offers/<provider>/<id>.yaml`.

Every file is read or reported, never skipped in silence: a `.yml` extension, an
offer outside a provider's folder, a folder nested too deep, a name that Windows
cannot check out (a device name such as `con.yaml`, a final space or dot, a
forbidden character) are errors; a file that is not YAML (e.g. a README) is a
warning. Hidden files (`.draft.yaml`) are left alone: they are how partners keep
drafts and tools keep their settings.
Symbolic links are reported and never followed: a link could make the build
read, and publish, a file from outside the register.

Folders are listed with `os.scandir`, whose entries know their own type: a
register of 10,000 offers is found without a system call per file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from generator.models.fields import is_windows_reserved
from generator.problems import Position, Problem, ProblemList, Severity

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
            if entry.suffix.lower() in YAML_SUFFIXES:
                problems.add(
                    _misplaced(
                        root,
                        entry,
                        "is not inside a provider's folder",
                        "misplaced-offer",
                        f"move it to `{_relative(root, folder)}/<provider-id>/`",
                    )
                )
            else:
                problems.add(_not_read(root, entry))
            continue
        for path, is_dir, _, parts in _visible_entries(
            entry, root=root, problems=problems, recursive=True
        ):
            if is_dir:
                continue
            if len(parts) > 1:  # in a folder inside the provider's folder
                if path.suffix.lower() in YAML_SUFFIXES:
                    problems.add(
                        _misplaced(
                            root,
                            path,
                            "is nested too deep",
                            "misplaced-offer",
                            f"move it directly into `{_relative(root, entry)}/`",
                        )
                    )
                else:
                    problems.add(_not_read(root, path))
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
    """True for a `.yaml` file; `.yml` or `.YAML` is an error, other files are warned about."""
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
    elif path.suffix != YAML_SUFFIX:
        problems.add(_not_read(root, path))
    return path.suffix == YAML_SUFFIX


def _not_read(root: Path, path: Path) -> Problem:
    """The warning for a file in a record folder that is no record (a README, a `.txt`)."""
    return Problem(
        _relative(root, path),
        Position(),
        "is not a `.yaml` file, so the register does not read it",
        "file-not-read",
        hint="if it is an offer or provider, name it `<id>.yaml`; otherwise move it out of "
        "the folder",
        severity=Severity.WARNING,
    )


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
        refused = _name_problem(item.name)
        if refused:
            problems.add(_misplaced(root, path, *refused))
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


_UNPORTABLE = frozenset('<>:"|?*\\') | {chr(code) for code in range(32)}
"""Characters Windows forbids in a name."""


def _name_problem(name: str) -> tuple[str, str, str] | None:
    """Why a file or folder of this name is not read, as (message, code, hint), or None.

    Each of these names breaks a checkout somewhere, or vanishes: Windows drops a final
    space or dot (`x.yaml.` becomes `x.yaml`) and refuses device names and some characters.
    A file that is not read is reported, never skipped in silence.
    """
    if name != name.rstrip(" ."):
        return (
            f"has a name ending in {'a space' if name.endswith(' ') else 'a dot'}, so it is "
            "not read (and Windows cannot check it out)",
            "file-name",
            f"rename it to `{name.rstrip(' .')}`",
        )
    if not _UNPORTABLE.isdisjoint(name):
        return (
            'has a name with a character that Windows does not allow (one of < > : " | ? * '
            "\\ or a control character), so it is not read",
            "file-name",
            "rename it using lowercase letters, digits and hyphens, like the id inside it",
        )
    if is_windows_reserved(name):
        return (
            f"is named `{name.split('.', 1)[0]}`, a device name that Windows reserves, so it is "
            "not read (the repository could not be checked out on Windows)",
            "file-name-reserved",
            "choose another id for the record, and name the file after it",
        )
    return None


def _misplaced(root: Path, path: Path, message: str, code: str, hint: str) -> Problem:
    return Problem(_relative(root, path), Position(), message, code, hint=hint)


def _relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
