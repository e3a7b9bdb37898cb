"""Finding the record files: `providers/<id>.yaml` and `offers/<provider>/<id>.yaml`.

Files in the wrong place are reported rather than skipped in silence: a `.yml`
extension, an offer outside a provider's folder, a folder nested too deep.
Hidden files and files that are not YAML (e.g. a README) are left alone.
Symbolic links are reported and never followed: a link could make the build
read, and publish, a file from outside the register.
"""

from __future__ import annotations

from pathlib import Path

from generator.problems import Position, Problem, ProblemList

YAML_SUFFIX = ".yaml"
YAML_SUFFIXES = (YAML_SUFFIX, ".yml")


def provider_files(root: Path, folder: Path, problems: ProblemList) -> list[Path]:
    """The provider files in `folder`, reporting anything misplaced."""
    if not _folder_exists(root, folder, "add one file per provider to it", problems):
        return []
    files: list[Path] = []
    for path in _visible_entries(folder, root=root, problems=problems):
        if path.is_dir():
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
    for entry in _visible_entries(folder, root=root, problems=problems):
        if entry.is_file():
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
        for path in _visible_entries(entry, root=root, problems=problems, recursive=True):
            if path.is_dir():
                continue
            if path.parent != entry:
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


def _visible_entries(
    folder: Path, *, root: Path, problems: ProblemList, recursive: bool = False
) -> list[Path]:
    """The entries of `folder` that are not hidden, reporting (and leaving out) symbolic links."""
    found: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_symlink():
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
        found.append(path)
        if recursive and path.is_dir():
            found.extend(_visible_entries(path, root=root, problems=problems, recursive=True))
    return sorted(found)


def _misplaced(root: Path, path: Path, message: str, code: str, hint: str) -> Problem:
    return Problem(_relative(root, path), Position(), message, code, hint=hint)


def _relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
