"""The `register` command line: validate, scaffold new files, write JSON Schemas, build, serve.

Exit codes: 0 success (register valid), 1 invalid register (or a failed build or
link check), 2 usage error, 130 interrupted (SIGINT or SIGTERM).

What only one command needs (MkDocs for build and serve, git for the pull-request
checks, the link checker) is imported by that command, so that `register validate`
starts without loading them.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import os
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from generator import __version__, vocabularies
from generator.load import placeholders
from generator.load.checks import Record, check_identity, check_offer, check_provider
from generator.load.discovery import offer_files, provider_files
from generator.load.reading import load_yaml_file
from generator.load.validation import validate_document
from generator.models import Offer, Provider, RegisterConfig
from generator.models.config import CONFIG_FILE, SITE_URL_VARIABLE, site_url_override
from generator.models.fields import SLUG, suggest_slug
from generator.models.schema import SCHEMA_DIR, stale_schemas, write_schemas
from generator.problems import Position, Problem, ProblemList, count, printable
from generator.register import (
    default_config,
    find_root,
    load_config,
    load_register,
    offer_key,
    provider_key,
)
from generator.reporting import (
    FORMATS,
    Summary,
    escape_data,
    github_annotation,
    render,
    text_lines,
)
from generator.urls import SEARCH_BUNDLE_DIR

if TYPE_CHECKING:
    from generator.contrib.pull_request import PullRequest

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # the shell's code for Ctrl+C
PR_FORMATS = ("text", "github")


class UsageError(Exception):
    """A mistake in how the command was called (exit code 2)."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    parser = argparse.ArgumentParser(
        prog="register",
        description="Validate and publish a register of micro-credential offers.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help="check every provider and offer, reporting all problems at once"
    )
    validate.add_argument(
        "path",
        nargs="?",
        default=".",
        type=Path,
        help="the register folder (default: the current one), or one file to check",
    )
    validate.add_argument("--format", choices=FORMATS, default="text", help="output format")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")

    new = commands.add_parser("new", help="write a commented skeleton of a new file")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    offer = kinds.add_parser("offer", help="a new offer of an existing provider")
    offer.add_argument("--provider", required=True, help="the provider's id")
    offer.add_argument("--id", required=True, dest="offer_id", help="the new offer's id")
    offer.add_argument("--title", help="the offer's title (default: made from the id)")
    provider = kinds.add_parser("provider", help="a new provider")
    provider.add_argument("--id", required=True, dest="provider_id", help="the provider's id")
    provider.add_argument("--name", required=True, help="legal name")
    provider.add_argument(
        "--type", required=True, dest="provider_type", choices=vocabularies.PROVIDER_TYPES.codes
    )
    provider.add_argument("--country", required=True, help="ISO 3166-1 code, e.g. DE")
    provider.add_argument("--website", required=True, help="https://…")
    provider.add_argument("--contact", required=True, help="contact email")
    provider.add_argument("--maintainer", required=True, help="your GitHub user name")
    for flag in ("erasmus-code", "pic", "schac", "eter-id", "deqar-id"):
        provider.add_argument(f"--{flag}", help=f"identifier: {flag.replace('-', ' ')}")
    for sub in (offer, provider):
        sub.add_argument("--root", type=Path, default=Path("."), help="the register folder")
        sub.add_argument("--force", action="store_true", help="overwrite an existing file")

    schema = commands.add_parser("schema", help="write the JSON Schemas of the register files")
    schema.add_argument("--root", type=Path, default=Path("."), help="the register folder")
    schema.add_argument(
        "--check", action="store_true", help="only check that the committed schemas are current"
    )

    ownership = commands.add_parser(
        "check-ownership",
        help="check that the author of a pull request may change every file it changes",
    )
    ownership.add_argument(
        "--base", required=True, help="the branch the pull request targets, e.g. origin/main"
    )
    ownership.add_argument(
        "--author", help="the pull request author's GitHub user name (default: $GITHUB_ACTOR)"
    )
    changes = commands.add_parser(
        "check-changes",
        help="check that a pull request deletes, moves or reuses no published offer",
    )
    changes.add_argument(
        "--base", required=True, help="the branch the pull request targets, e.g. origin/main"
    )
    for sub in (ownership, changes):
        sub.add_argument(
            "--head",
            default="HEAD",
            help="the pull request's commit (default: HEAD); its files are read from git "
            "objects, never from the work tree, so commit a change to have it checked",
        )
        sub.add_argument("--root", type=Path, default=Path("."), help="the register folder")
        sub.add_argument("--format", choices=PR_FORMATS, default="text", help="output format")

    codeowners = commands.add_parser(
        "codeowners", help="write .github/CODEOWNERS from the provider records and editors"
    )
    codeowners.add_argument("--root", type=Path, default=Path("."), help="the register folder")
    codeowners.add_argument(
        "--check", action="store_true", help="only check that the committed file is current"
    )

    build = commands.add_parser("build", help="build the public site (pages, search index)")
    build.add_argument(
        "--site-dir", type=Path, default=None, help="output folder (default: site/ in the root)"
    )
    build.add_argument("--no-search", action="store_true", help="skip the search index")
    build.add_argument(
        "--site-url",
        help="build for this address instead of register.yml's site_url, e.g. a preview's "
        f"(default: ${SITE_URL_VARIABLE} if set); every absolute link points at it",
    )
    build.add_argument("--verbose", action="store_true", help="show MkDocs's progress messages")

    serve = commands.add_parser("serve", help="preview the site; rebuilds when a file changes")
    serve.add_argument("--address", default="127.0.0.1:8000", help="host:port to listen on")
    for sub in (build, serve):
        sub.add_argument(
            "path", nargs="?", type=Path, default=None, help="the register folder (default: .)"
        )
        sub.add_argument("--root", type=Path, default=Path("."), help="the same, as an option")

    links = commands.add_parser(
        "check-links",
        help="check that every internal link, anchor and asset of a built site resolves",
    )
    links.add_argument(
        "site", nargs="?", type=Path, default=None, help="the built site (default: site/)"
    )
    links.add_argument("--root", type=Path, default=Path("."), help="the register folder")
    links.add_argument(
        "--base-path",
        default=None,
        help="the path the site is served under (default: the path of site_url)",
    )

    synth = commands.add_parser(
        "synth", help="write a valid synthetic register of N offers (for benchmarks)"
    )
    synth.add_argument("out", type=Path, help="folder to write (replaced if it exists)")
    synth.add_argument("--offers", type=int, required=True, help="number of offers")
    synth.add_argument("--providers", type=int, default=None, help="number of providers")
    synth.add_argument("--seed", type=int, default=1, help="random seed (same seed, same files)")
    return parser


def run() -> None:
    """The `register` console script: `main`, then the process ends at once.

    A build leaves gigabytes of objects (a 10,000-offer register and its catalogue)
    that Python would otherwise free one by one on the way out: 4.5 s at 10,000 offers,
    after the site was already in place. The functions registered to run at exit
    (logging's flush, multiprocessing's clean-up) still run, and the output is flushed.
    """
    code = main()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        # A reader that went away (`| head`), or a closed stream, is not an error.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        if args.command == "validate":
            return run_validate(args.path, args.format, args.strict)
        if args.command == "new":
            return run_new(args)
        if args.command == "schema":
            return run_schema(args.root, args.check)
        if args.command == "check-ownership":
            return run_check_ownership(args.root, args.base, args.author, args.format, args.head)
        if args.command == "check-changes":
            return run_check_changes(args.root, args.base, args.format, args.head)
        if args.command == "codeowners":
            return run_codeowners(args.root, args.check)
        if args.command == "build":
            root = args.path or args.root
            return run_build(root, args.site_dir, not args.no_search, args.verbose, args.site_url)
        if args.command == "serve":
            return run_serve(args.path or args.root, args.address)
        if args.command == "check-links":
            return run_check_links(args.root, args.site, args.base_path)
        if args.command == "synth":
            return run_synth(args.out, args.offers, args.providers, args.seed)
    except UsageError as exc:
        print(f"register: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("register: interrupted; nothing was published", file=sys.stderr)
        return EXIT_INTERRUPTED

    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE


def emit(text: str) -> None:
    """Print to standard output; a reader that stops early (`| head`) is not an error."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


# --- build and serve ------------------------------------------------------------


def _register_root(path: Path) -> Path:
    """The register folder at or above `path`.

    A folder with records but no register.yml counts too, so that the missing file is
    reported as a problem of the register (exit 1), not as a usage error.
    """
    root = find_root(path)
    if root is None and any((path / name).exists() for name in ("offers", "providers")):
        return path.resolve()
    if root is None:
        raise UsageError(f"no {CONFIG_FILE} in {path} or its parents: is this a register folder?")
    return root


def run_build(
    root: Path, site_dir: Path | None, search: bool, verbose: bool, site_url: str | None = None
) -> int:
    """Build the site; on invalid data print every problem and leave the old site untouched."""
    from generator.mkdocs.build import BuildError, build_site

    started = time.perf_counter()
    root = _register_root(root)
    target = site_dir if site_dir is not None else root / "site"
    if site_url is not None:
        try:
            site_url = site_url_override(site_url)
        except ValueError as error:
            raise UsageError(f"--site-url: {error}") from None
    try:
        built = build_site(root, target, search=search, quiet=not verbose, site_url=site_url)
    except BuildError as error:
        print(f"register: build failed\n{error}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print(
            f"register: build interrupted; {target} is replaced only by a complete build",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    emit(f"built: {built} ({time.perf_counter() - started:.2f} s)")
    return EXIT_OK


def run_check_links(root: Path, site: Path | None, base_path: str | None) -> int:
    """Check the links of a built site; print each broken one as `page:line: …`."""
    from generator.contrib.linkcheck import check_site, format_broken

    root = _register_root(root)
    site = site if site is not None else root / "site"
    if not site.is_dir():
        raise UsageError(f"no built site at {site}: run `register build` first")
    if base_path is None:
        # A preview built for another address (REGISTER_SITE_URL) is checked under its path.
        site_url = os.environ.get(SITE_URL_VARIABLE) or load_config(root, ProblemList()).site_url
        base_path = urlsplit(site_url).path or "/"
    started = time.perf_counter()
    broken = check_site(site, base_path=base_path, ignore=[f"{SEARCH_BUNDLE_DIR}/**"])
    if broken:
        print(format_broken(broken))
        print(f"broken links: {len(broken)}")
        return EXIT_INVALID
    pages = sum(1 for _ in site.rglob("*.html"))
    emit(f"links ok: {count(pages, 'page')} ({time.perf_counter() - started:.2f} s)")
    return EXIT_OK


def run_serve(root: Path, address: str) -> int:
    """Serve the site locally with live reload until interrupted."""
    from generator.mkdocs.build import BuildError, serve_site

    root = _register_root(root)
    try:
        serve_site(root, address)
    except BuildError as error:
        print(f"register: {error}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        pass
    return EXIT_OK


# --- validate -----------------------------------------------------------------


def run_validate(path: Path, output_format: str, strict: bool) -> int:
    """Validate a register folder, or a single file, and print the report."""
    started = time.perf_counter()
    if not path.exists():
        raise UsageError(f"{path} does not exist")
    if path.is_dir():
        root = find_root(path) or path.resolve()
        result = load_register(root)
        problems = result.problems
        providers, offers = result.valid_counts()
    else:
        problems, providers, offers = _validate_single_file(path)
    items = problems.sorted()
    if strict:
        items = [p.as_error() for p in items]
    summary = Summary.of(items, providers, offers, time.perf_counter() - started)
    emit(render(items, summary, output_format))
    return EXIT_OK if summary.valid else EXIT_INVALID


def _validate_single_file(path: Path) -> tuple[ProblemList, int, int]:
    """Check one file; within a register the whole register is checked, as its links need.

    Returns the file's problems and how many valid providers and offers it holds (0 or 1).
    """
    root = find_root(path.parent)
    if root is None:
        config = default_config()
        problems, record = _check_standalone(path, path.as_posix(), config)
    else:
        result = load_register(root)
        display = path.resolve().relative_to(root).as_posix()
        problems = ProblemList([p for p in result.problems.items if p.file == display])
        kinds = [key.kind for key, file in result.register.files.items() if file == display]
        if problems.errors:
            return problems, 0, 0
        if kinds or problems.items:
            return problems, kinds.count("provider"), kinds.count("offer")
        # Not a record file of this register (e.g. outside its folders): check it on its own.
        problems, record = _check_standalone(path, display, result.register.config)
    if record is None or problems.errors:
        return problems, 0, 0
    return problems, int(isinstance(record, Provider)), int(isinstance(record, Offer))


def _check_standalone(
    path: Path, display: str, config: RegisterConfig
) -> tuple[ProblemList, Provider | Offer | None]:
    """Check one file with no register around it: loading, types and single-record rules."""
    problems = ProblemList()
    if path.suffix not in (".yaml", ".yml"):
        problems.add(
            Problem(
                display,
                Position(),
                "is not a YAML file (.yaml)",
                "file-extension",
                hint="register files are YAML files ending in .yaml",
            )
        )
        return problems, None
    document, load_problems = load_yaml_file(path, display)
    problems.extend(load_problems)
    if document is None or any(p.is_error for p in load_problems):
        return problems, None
    if path.name == CONFIG_FILE:
        load_config(path.parent, problems)
        return problems, None
    model = _guess_kind(path, document.data)
    instance, model_problems = validate_document(
        model, document, {"default_language": config.default_language}
    )
    problems.extend(model_problems)
    if instance is None:
        return problems, None
    folder, stem = path.parent.name, path.stem
    if isinstance(instance, Provider):
        problems.extend(check_provider(Record(instance, document, folder=folder, stem=stem)))
    else:
        offer = Record(instance, document, folder=folder, stem=stem)
        problems.extend(check_offer(offer, config))
        problems.extend(p for p in check_identity(offer) if p.code == "id-file-name")
    return problems, instance


_PROVIDER_ONLY_FIELDS = {"identifiers", "maintainers", "type", "country", "recognition_policy"}


def _guess_kind(path: Path, data: object) -> type[Provider] | type[Offer]:
    """Whether a file outside a register is a provider or an offer (by folder, then content)."""
    if path.parent.name == "providers":
        return Provider
    if path.parent.parent.name == "offers":
        return Offer
    if isinstance(data, dict) and _PROVIDER_ONLY_FIELDS & set(map(str, data)):
        return Provider
    return Offer


# --- new ----------------------------------------------------------------------------


def run_new(args: argparse.Namespace) -> int:
    """Write a skeleton provider or offer file, then list what is left to write and choose."""
    from generator.contrib.scaffold import offer_skeleton, provider_skeleton, write_new_file

    root = find_root(args.root)
    if root is None:
        raise UsageError(f"no {CONFIG_FILE} found in {args.root.resolve()} or above")
    config = load_config(root, ProblemList())
    if args.kind == "offer":
        _check_id(args.offer_id, "offer")
        provider_file = root / config.providers_dir / f"{args.provider}.yaml"
        if not provider_file.is_file():
            raise UsageError(
                f"there is no provider `{args.provider}` ({provider_file.relative_to(root)}); "
                "create it first with `register new provider`"
            )
        path = root / config.offers_dir / args.provider / f"{args.offer_id}.yaml"
        _refuse_used_id(root, config, "offer", args.offer_id, path)
        title = args.title or args.offer_id.replace("-", " ").capitalize()
        text = offer_skeleton(
            offer_id=args.offer_id,
            provider=args.provider,
            title=title,
            config=config,
            today=date.today(),
        )
    else:
        _check_id(args.provider_id, "provider")
        identifiers = {
            key: value
            for key in ("erasmus_code", "pic", "schac", "eter_id", "deqar_id")
            if (value := getattr(args, key))
        }
        if not identifiers:
            raise UsageError(
                "give at least one identifier: --erasmus-code, --pic, --schac, --eter-id or "
                "--deqar-id (principle 9, Authentic)"
            )
        path = root / config.providers_dir / f"{args.provider_id}.yaml"
        _refuse_used_id(root, config, "provider", args.provider_id, path)
        text = provider_skeleton(
            provider_id=args.provider_id,
            name=args.name,
            provider_type=args.provider_type,
            country=args.country,
            website=args.website,
            contact=args.contact,
            maintainer=args.maintainer,
            identifiers=identifiers,
        )
    try:
        write_new_file(path, text, force=args.force)
    except FileExistsError:
        raise UsageError(
            f"{path.relative_to(root)} exists already (use --force to overwrite)"
        ) from None
    emit(f"wrote {path.relative_to(root)}")
    return _report_what_is_left(path, path.relative_to(root).as_posix())


def _refuse_used_id(root: Path, config: RegisterConfig, kind: str, new_id: str, path: Path) -> None:
    """Refuse an id that a file other than `path` already uses, in any folder, withdrawn or not.

    Offer ids are unique across the register and never reused, so that links and
    aggregators' records keep pointing at one offer; the file of another provider is
    not the partner's to change, so the clash is stopped before it is written.
    """
    result = load_register(root)
    key = offer_key(new_id) if kind == "offer" else provider_key(new_id)
    used = result.register.files.get(key)
    if used is None:
        # A file that does not validate is not in the register, but its name is its id.
        if kind == "offer":
            candidates = offer_files(root, root / config.offers_dir, ProblemList())
        else:
            candidates = provider_files(root, root / config.providers_dir, ProblemList())
        used = next((p.relative_to(root).as_posix() for p in candidates if p.stem == new_id), None)
    if used is None or root / used == path:
        return
    offer = result.register.offers.get(new_id) if kind == "offer" else None
    withdrawn = " (a withdrawn offer: its id stays taken)" if offer and offer.is_withdrawn else ""
    raise UsageError(
        f"the {kind} id `{new_id}` is already used by {used}{withdrawn}; {kind} ids are unique "
        "across the register and never reused: choose another id"
    )


def _report_what_is_left(path: Path, display: str) -> int:
    """Print what a new file still needs: its texts to write and its values to choose.

    Exit 0 when placeholders are all that is left; any other problem is a real one.
    """
    problems, _, _ = _validate_single_file(path)
    items = problems.sorted()
    lines = [line for problem in items for line in text_lines(problem)]
    texts = sum(p.code == placeholders.TEXT_CODE for p in items)
    values = sum(p.code == placeholders.VALUE_CODE for p in items)
    if texts or values:
        lines.append(
            f"to do in {display}: {count(texts, 'text')} to write and "
            f"{count(values, 'value')} to choose; then run `register validate`"
        )
    others = [p for p in problems.errors if p.code not in placeholders.CODES]
    if others:
        lines.append(f"{display} has {count(len(others), 'other error')}: fix them too")
    emit("\n".join(lines))
    return EXIT_INVALID if others else EXIT_OK


def _check_id(value: str, kind: str) -> None:
    if not SLUG.fullmatch(value):
        raise UsageError(
            f"`{value}` is not a valid {kind} id; use lowercase words joined by hyphens, "
            f"e.g. `{suggest_slug(value) or 'data-literacy-basics'}`"
        )


# --- schema -----------------------------------------------------------------------------


def run_schema(root: Path, check: bool) -> int:
    """Write the JSON Schemas, or with `check`, report whether the committed ones are current."""
    folder = (find_root(root) or root) / SCHEMA_DIR
    if check:
        stale = stale_schemas(folder)
        for name in stale:
            emit(f"{SCHEMA_DIR}/{name} is out of date; run `register schema`")
        return EXIT_INVALID if stale else EXIT_OK
    for path in write_schemas(folder):
        emit(f"wrote {path}")
    return EXIT_OK


# --- pull-request checks ---------------------------------------------------------------


def _pull_request(root: Path, base: str, head: str) -> PullRequest:
    from generator.contrib.pull_request import PullRequest
    from generator.git import GitError

    try:
        pull_request = PullRequest(_register_root(root), base, head)
    except GitError as error:
        raise UsageError(str(error)) from None
    if head == "HEAD" and (pending := pull_request.uncommitted()):
        print(
            f"register: note: {count(pending, 'changed file')} not committed, so not checked: "
            "the check reads the pull request's commits",
            file=sys.stderr,
        )
    return pull_request


def _log_line(line: str, output_format: str) -> str:
    """A plain line of a pull-request check's report, made safe for the log it goes to.

    File names come from the pull request: a name with a line break could otherwise
    start a workflow command (`::error …`, `::stop-commands::`) in the GitHub log.
    """
    return escape_data(line) if output_format == "github" else printable(line)


def run_check_ownership(
    root: Path, base: str, author: str | None, output_format: str, head: str = "HEAD"
) -> int:
    """List each changed file as allowed or refused for the author; exit 1 on any refusal."""
    if author is not None and not author.strip().removeprefix("@"):
        raise UsageError("--author is empty: give the pull request author's GitHub user name")
    author = (author or os.environ.get("GITHUB_ACTOR", "")).strip().removeprefix("@")
    if not author:
        raise UsageError(
            "whose pull request is it? Give --author <GitHub user name> (or set GITHUB_ACTOR)"
        )
    from generator.contrib.ownership import check_ownership

    pull_request = _pull_request(root, base, head)
    decisions = check_ownership(pull_request, author)
    lines: list[str] = []
    for decision in decisions:
        if output_format == "github" and not decision.allowed:
            lines.append(decision.annotation())
        else:
            lines.extend(_log_line(line, output_format) for line in decision.lines())
    refused, total = sum(not d.allowed for d in decisions), len(decisions)
    files = f"changed file{'s' * (total != 1)}"
    if not decisions:
        lines.append(f"ownership: no files changed since {base}")
    elif refused:
        lines.append(
            f"ownership: {refused} of {total} {files} refused for @{author}; a provider's "
            "files are changed by its maintainers, everything else by a register editor"
        )
    else:
        every = "the" if total == 1 else f"all {total}"
        lines.append(f"ownership: @{author} may change {every} {files}")
    lines[-1] = _log_line(lines[-1], output_format)
    emit("\n".join(lines))
    return EXIT_INVALID if refused else EXIT_OK


def run_check_changes(root: Path, base: str, output_format: str, head: str = "HEAD") -> int:
    """Report published offers deleted, moved or reused since `base`; exit 1 if any."""
    from generator.contrib.changes import check_changes

    pull_request = _pull_request(root, base, head)
    problems = sorted(check_changes(pull_request), key=Problem.sort_key)
    lines: list[str] = []
    for problem in problems:
        if output_format == "github":
            lines.append(github_annotation(problem))
        else:
            lines.extend(printable(line) for line in text_lines(problem))
    if problems:
        files = len({p.file for p in problems})
        lines.append(
            f"changes: {count(len(problems), 'problem')} in {count(files, 'file')}: published "
            "offers are withdrawn, never deleted, moved or reused"
        )
    else:
        lines.append(f"changes: no published offer deleted, moved or reused since {base}")
    lines[-1] = _log_line(lines[-1], output_format)
    emit("\n".join(lines))
    return EXIT_INVALID if problems else EXIT_OK


def run_codeowners(root: Path, check: bool) -> int:
    """Write .github/CODEOWNERS, or with `check`, report whether the committed one is current."""
    from generator.contrib.ownership import (
        CODEOWNERS_FILE,
        blocking_problems,
        codeowners_is_current,
        write_codeowners,
    )

    root = _register_root(root)
    result = load_register(root)
    blocking = blocking_problems(result.problems.errors, result.register)
    if blocking:
        lines = [line for problem in blocking for line in text_lines(problem)]
        lines.append(
            f"codeowners: fix the problems above first: {CODEOWNERS_FILE} is made from "
            "register.yml and the provider files"
        )
        emit("\n".join(lines))
        return EXIT_INVALID
    if check:
        if codeowners_is_current(root, result.register):
            emit(f"{CODEOWNERS_FILE} is up to date")
            return EXIT_OK
        emit(
            f"{CODEOWNERS_FILE} is out of date with the provider records; "
            "run `register codeowners` and commit the file"
        )
        return EXIT_INVALID
    path = write_codeowners(root, result.register)
    emit(f"wrote {path.relative_to(root).as_posix()}")
    return EXIT_OK


# --- synth ------------------------------------------------------------------------------


def run_synth(out: Path, offers: int, providers: int | None, seed: int) -> int:
    """Write a synthetic register; one provider per 100 offers unless told otherwise."""
    from generator.contrib.synth import write_synthetic_register

    if offers < 1 or (providers is not None and providers < 1):
        raise UsageError("--offers and --providers must be at least 1")
    providers = providers or max(1, offers // 100)
    started = time.perf_counter()
    write_synthetic_register(out, offers, providers, seed)
    emit(
        f"wrote {count(offers, 'offer')} from {count(providers, 'provider')} to {out} "
        f"({time.perf_counter() - started:.1f} s)"
    )
    return EXIT_OK
