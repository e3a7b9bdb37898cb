"""The register: every provider and offer, loaded, validated and cross-checked.

`load_register(root)` is the one entry point that outputs (pages, feeds, the
CLI) use. It reads the configuration, finds the record files, validates each
one, runs the checks, and returns the `Register` together with every problem
found. It never stops at the first problem.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any, Literal

from generator.load import checks
from generator.load.checks import Record
from generator.load.discovery import offer_files, provider_files
from generator.load.history import file_dates
from generator.load.joint_awards import check_joint_awards
from generator.load.nqf_checks import check_national_levels
from generator.load.parallel import load_yaml_files
from generator.load.reading import SourceDocument, load_yaml_file
from generator.load.validation import validate_document
from generator.models import Offer, Provider, RegisterConfig
from generator.models.config import CONFIG_FILE, Publisher
from generator.models.text import DEFAULT_LANGUAGE, LocalizedText
from generator.problems import Position, Problem, ProblemList


@dataclass(frozen=True, order=True)
class RecordKey:
    """Which record a file holds: an offer or a provider, by its id."""

    kind: Literal["offer", "provider"]
    id: str

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"


def offer_key(offer_id: str) -> RecordKey:
    """The key of an offer's record."""
    return RecordKey("offer", offer_id)


def provider_key(provider_id: str) -> RecordKey:
    """The key of a provider's record."""
    return RecordKey("provider", provider_id)


@dataclass
class Register:
    """All valid providers and offers of a register, keyed by id."""

    root: Path
    config: RegisterConfig
    providers: dict[str, Provider] = field(default_factory=dict)
    offers: dict[str, Offer] = field(default_factory=dict)
    files: dict[RecordKey, str] = field(default_factory=dict)
    """Source file of each record, relative to the root."""

    def offers_of(self, provider_id: str) -> list[Offer]:
        """The offers a provider publishes or awards, sorted by id."""
        return sorted(
            (
                o
                for o in self.offers.values()
                if o.provider == provider_id or provider_id in o.awarding_body_ids
            ),
            key=lambda o: o.id,
        )


@dataclass
class LoadResult:
    """The register (with every record that passed validation) and all problems found."""

    register: Register
    problems: ProblemList
    records: dict[str, RecordKey] = field(default_factory=dict)
    """The record of every file that passed validation, keyed by file. Unlike
    `Register.files`, it keeps files that share an id."""
    excluded: set[str] = field(default_factory=set)
    """Valid offer files left out as staff development (`staff_development: exclude`)."""

    @property
    def is_valid(self) -> bool:
        """True when no problem is an error."""
        return not self.problems.errors

    def valid_counts(self) -> tuple[int, int]:
        """How many providers and offers are valid: in the register, and their file has no error.

        A record with an error of the checks (a missing currency, a clashing id) is in the
        register, so that the checks across records see it, but it is not valid.
        """
        failing = {p.file for p in self.problems.errors}
        files = self.register.files
        providers = sum(files[provider_key(i)] not in failing for i in self.register.providers)
        offers = sum(files[offer_key(i)] not in failing for i in self.register.offers)
        return providers, offers


def find_root(start: Path) -> Path | None:
    """The register root at or above `start`: the folder that holds `register.yml`."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def default_config() -> RegisterConfig:
    """The configuration files are checked with where there is no valid `register.yml`.

    Nothing is published with it (a register with errors is not built): its name and
    publisher only say that the configuration is missing.
    """
    missing = LocalizedText({DEFAULT_LANGUAGE: f"(no valid {CONFIG_FILE})"})
    return RegisterConfig.model_construct(
        name=missing,
        publisher=Publisher.model_construct(name=missing),
        site_url="https://example.org/",
        default_language=DEFAULT_LANGUAGE,
        languages=[DEFAULT_LANGUAGE],
        editors=[],
        offers_dir="offers",
        providers_dir="providers",
        staff_development="refuse",
    )


def load_config(root: Path, problems: ProblemList) -> RegisterConfig:
    """Read `register.yml`; falls back to `default_config()` after reporting problems."""
    path = root / CONFIG_FILE
    fallback = default_config()
    if not path.is_file():
        problems.add(
            Problem(
                CONFIG_FILE,
                Position(),
                "is missing: the register's name, publisher and web address (site_url) "
                "are needed to publish it",
                "config-missing",
                hint="create register.yml with the register's name, publisher, "
                "site_url and languages (see the README)",
            )
        )
        return fallback
    document, load_problems = load_yaml_file(path, CONFIG_FILE)
    problems.extend(load_problems)
    if document is None:
        return fallback
    default = DEFAULT_LANGUAGE
    if isinstance(document.data, dict) and isinstance(document.data.get("default_language"), str):
        default = document.data["default_language"]
    config, config_problems = validate_document(
        RegisterConfig, document, {"default_language": default}
    )
    problems.extend(config_problems)
    if config is None:
        return fallback
    if config.default_language not in config.languages:
        problems.add(
            document.problem(
                ("languages",),
                f"does not include the default language `{config.default_language}`",
                "config-languages",
                f"add `{config.default_language}` to `languages`",
            )
        )
    return config


@dataclass
class RecordCache:
    """The records of files that have not changed since the last load, and their problems.

    The live preview reloads the register after every save; with a cache, only the
    saved file is read, validated and checked on its own again, and the checks across
    records run as always. A file counts as unchanged while its modification time,
    change time and size are the same and the register's default language is too. The
    problems of a record's own checks hold while the configuration and the day (dates
    "still to come" are judged against it) are the same.
    """

    entries: dict[Path, tuple[tuple[int, int, int, str], Record[Any] | None, list[Problem]]] = (
        field(default_factory=dict)
    )
    checked: dict[Path, tuple[Record[Any], list[Problem]]] = field(default_factory=dict)
    """What the single-record checks found in each record, for `checked_with`."""
    checked_with: tuple[RegisterConfig, date] | None = None
    listing: Listing | None = None
    """The record files the last load found, for a load told that only some files changed."""

    def stamp(self, path: Path, language: str) -> tuple[int, int, int, str]:
        """What must stay the same for the cached record of `path` to hold."""
        try:
            status = path.stat()
        except OSError:
            return (-1, -1, -1, language)
        return (status.st_mtime_ns, status.st_ctime_ns, status.st_size, language)

    def checks_of(
        self, path: Path, record: Record[Any], run: Callable[[], list[Problem]]
    ) -> list[Problem]:
        """The problems `run` (the record's own checks) finds, remembered for the same record."""
        found = self.checked.get(path)
        if found is not None and found[0] is record:
            return found[1]
        problems = run()
        self.checked[path] = (record, problems)
        return problems

    def check_with(self, config: RegisterConfig, today: date) -> None:
        """Forget the checks' problems unless they were found with this configuration today."""
        if self.checked_with != (config, today):
            self.checked.clear()
            self.checked_with = (config, today)


@dataclass(frozen=True)
class Listing:
    """The record files found in the register's folders, and what finding them reported."""

    folders: tuple[Path, Path]
    """The providers and the offers folder."""
    provider_paths: list[Path]
    offer_paths: list[Path]
    providers_found: list[Problem]
    offers_found: list[Problem]


def load_register(
    root: Path, cache: RecordCache | None = None, changed: Collection[Path] | None = None
) -> LoadResult:
    """Load, validate and cross-check the register at `root`, reusing `cache` where it holds.

    `changed`, with a cache, vouches that only these record files changed since the
    cache's last load, and no file or folder was added, removed or renamed (the live
    preview watches them): the folders are not listed again, nor the other files' stamps
    taken. Without it, or if it names a file the last load did not find, all are.
    """
    with cycle_collection_paused():
        return _load_register(root, cache, changed)


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Hold Python's cycle collector back while a register loads (or the live preview updates).

    Loading makes millions of objects that all stay alive, and the collector would walk
    them again and again (a third of the time at 10,000 offers) to find no garbage.
    Afterwards they count as old objects (freezing and unfreezing moves them to the oldest
    generation), so the collector's next quick pass does not walk them all either.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()


def _load_register(
    root: Path, cache: RecordCache | None, changed: Collection[Path] | None
) -> LoadResult:
    problems = ProblemList()
    config = load_config(root, problems)
    context: dict[str, Any] = {"default_language": config.default_language}
    register = Register(root=root, config=config)

    providers_dir = root / config.providers_dir
    offers_dir = root / config.offers_dir
    provider_records: list[Record[Provider]] = []
    # Records that exist but are invalid: references to them are not "unknown" (their own
    # file already has its errors), so one mistake is reported once.
    invalid_provider_ids: set[str] = set()
    invalid_offer_ids: set[str] = set()
    language = config.default_language
    changed = set(changed) if changed is not None else None
    listing = cache.listing if cache is not None and changed is not None else None
    if (
        listing is None
        or listing.folders != (providers_dir, offers_dir)
        or not (changed or set()) <= {*listing.provider_paths, *listing.offer_paths}
    ):
        listing, changed = _listing(root, providers_dir, offers_dir), None
    provider_paths, offer_paths = listing.provider_paths, listing.offer_paths
    problems.extend(listing.providers_found)
    offer_records: list[Record[Offer]] = []
    records: dict[str, RecordKey] = {}
    excluded: set[str] = set()
    stamps = {}
    if cache is not None:
        cache.listing = listing
        stamps = _stamps_of([*provider_paths, *offer_paths], cache, language, changed)
    fresh = [
        path
        for path in [*provider_paths, *offer_paths]
        if cache is None or cache.entries.get(path, (None,))[0] != stamps[path]
    ]
    if cache is not None:
        cache.check_with(config, checks.validation_today())

    def checked(path: Path, record: Record[Any], run: Callable[[], list[Problem]]) -> list[Problem]:
        return run() if cache is None else cache.checks_of(path, record, run)

    with closing(load_yaml_files(root, fresh)) as loaded:

        def record_of(model: type[Provider] | type[Offer], path: Path, folder: str) -> Any:
            entry = cache.entries.get(path) if cache is not None else None
            if entry is not None and entry[0] == stamps[path]:
                problems.extend(entry[2])
                return entry[1]
            found = ProblemList()
            record = _record(model, path, next(loaded), context, found, folder=folder)
            problems.extend(found.items)
            if cache is not None:
                cache.entries[path] = (stamps[path], record, found.items)
            return record

        for path in provider_paths:
            record = record_of(Provider, path, folder="")
            if record is None:
                invalid_provider_ids.add(path.stem)
            else:
                records[record.source.file] = provider_key(record.model.id)
                problems.extend(checked(path, record, partial(checks.check_provider, record)))
                provider_records.append(record)
        problems.extend(listing.offers_found)
        for path in offer_paths:
            folder = path.parent.name
            record = record_of(Offer, path, folder=folder)
            if record is None:
                invalid_offer_ids.add(path.stem)
                continue
            if (
                config.staff_development == "exclude"
                and record.model.provision == "staff-development"
            ):
                excluded.add(record.source.file)
                continue
            records[record.source.file] = offer_key(record.model.id)
            problems.extend(checked(path, record, partial(checks.check_offer, record, config)))
            offer_records.append(record)

    identified: list[Record[Provider] | Record[Offer]] = [*provider_records, *offer_records]
    for record in identified:
        problems.extend(checks.check_identity(record))
    provider_records = _oldest_first(root, provider_records, _provider_keys)
    offer_records = _oldest_first(root, offer_records, lambda record: [record.model.id])
    problems.extend(checks.check_unique_ids(provider_records, "provider"))
    problems.extend(checks.check_unique_identifiers(provider_records))
    problems.extend(checks.check_unique_ids(offer_records, "offer"))

    providers = _first_by_id(provider_records)
    offers = _first_by_id(offer_records)
    problems.extend(
        checks.check_references(
            offer_records, set(providers) | invalid_provider_ids, set(offers) | invalid_offer_ids
        )
    )
    problems.extend(checks.check_replacements(offers))
    problems.extend(checks.check_stacking_cycles(offers))
    problems.extend(checks.check_replacement_cycles(offers))
    problems.extend(checks.check_withdrawn_targets(offers))
    problems.extend(check_national_levels(offers, providers))
    problems.extend(check_joint_awards(offers, providers))

    register.providers = {pid: r.model for pid, r in sorted(providers.items())}
    register.offers = {oid: r.model for oid, r in sorted(offers.items())}
    register.files = {provider_key(k): r.source.file for k, r in providers.items()}
    register.files.update({offer_key(k): r.source.file for k, r in offers.items()})
    return LoadResult(register, problems, records, excluded)


def _listing(root: Path, providers_dir: Path, offers_dir: Path) -> Listing:
    """Find the record files. The offer files are found before any file is read, so that all
    are read in one go; what finding them reports comes after the providers' problems, as
    when each folder is read in turn."""
    providers_found, offers_found = ProblemList(), ProblemList()
    provider_paths = provider_files(root, providers_dir, providers_found)
    offer_paths = offer_files(root, offers_dir, offers_found)
    return Listing(
        (providers_dir, offers_dir),
        provider_paths,
        offer_paths,
        providers_found.items,
        offers_found.items,
    )


def _stamps_of(
    paths: list[Path], cache: RecordCache, language: str, changed: Collection[Path] | None
) -> dict[Path, tuple[int, int, int, str]]:
    """Each file's stamp: taken now, or for a file not `changed`, the one it was read with."""
    if changed is None:
        return {path: cache.stamp(path, language) for path in paths}
    stamps = {}
    for path in paths:
        entry = cache.entries.get(path)
        if entry is None or path in changed or entry[0][3] != language:
            stamps[path] = cache.stamp(path, language)
        else:
            stamps[path] = entry[0]
    return stamps


def _provider_keys(record: Record[Provider]) -> list[Hashable]:
    """What no two providers share: the id and each identifier."""
    return [record.model.id, *checks.identity_keys(record.model)]


def _oldest_first(
    root: Path, records: list[Record[Any]], keys: Callable[[Record[Any]], list[Hashable]]
) -> list[Record[Any]]:
    """The records, those that share a key ordered by when their file was added, oldest first.

    Of two files with one id (or one provider's PIC), the one added later is the one to
    change: its partner took an id that was already used, perhaps by another provider's
    published offer. git tells which file was committed first (a file not committed yet is
    the newest); outside git, or for files of one commit, the file changed last on disk is
    taken as the newer. git is asked only when keys clash.
    """
    counts = Counter(key for record in records for key in set(keys(record)))
    clashing = [record for record in records if any(counts[key] > 1 for key in keys(record))]
    if not clashing:
        return records
    committed = file_dates(root, [record.source.file for record in clashing])
    never = datetime.max.replace(tzinfo=UTC)

    def added(record: Record[Any]) -> tuple[datetime, int]:
        dates = committed.get(record.source.file)
        try:
            changed = (root / record.source.file).stat().st_mtime_ns
        except OSError:
            changed = 0
        return (dates.first_published if dates else never, changed)

    age = {id(record): rank for rank, record in enumerate(sorted(clashing, key=added))}
    # A stable sort: the clashing records go after the others, oldest first.
    return sorted(records, key=lambda record: age.get(id(record), -1))


def _first_by_id(records: list[Record[Any]]) -> dict[str, Record[Any]]:
    by_id: dict[str, Record[Any]] = {}
    for record in records:
        by_id.setdefault(record.model.id, record)
    return by_id


def _record(
    model: type[Provider] | type[Offer],
    path: Path,
    loaded: tuple[SourceDocument | None, list[Problem]],
    context: dict[str, Any],
    problems: ProblemList,
    folder: str,
) -> Record[Any] | None:
    """The record of a loaded file, or None when it could not be loaded or is invalid."""
    document, load_problems = loaded
    problems.extend(load_problems)
    if document is None or any(p.is_error for p in load_problems):
        return None
    instance, model_problems = validate_document(model, document, context)
    problems.extend(model_problems)
    if instance is None:
        return None
    return Record(instance, document, folder=folder, stem=path.stem)
