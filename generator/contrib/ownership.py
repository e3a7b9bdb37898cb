"""Who may change which file of the register, and the CODEOWNERS file that says the same.

The rule (SPEC §6): a change to `offers/<provider>/…` or `providers/<provider>.yaml`
must come from one of that provider's `maintainers` or from a register editor
(`editors` in register.yml). Every other file (register.yml, the generator, the
workflows, the hand-written pages, the schemas, the tests) belongs to the editors: a
pull request by anyone else that touches one is refused as needing an editor's review.
The one exception is `.github/CODEOWNERS`, which is generated from the provider
records: a maintainer who changes their `maintainers` may commit the regenerated file,
as long as it is exactly what `register codeowners` writes.

Whose word counts is read at the pull request's base (see `pull_request`): the
maintainers and editors already merged. A pull request that adds its author to a
provider's maintainers cannot use the addition to change that provider's files; a
provider that is new in the pull request has no base, so its own file must list the
author.

A provider's records are plain files: a symbolic link or a submodule entry among them
is refused. An offer that names another provider as an awarding body shows on that
provider's page, so the pull request that adds the name needs that provider's consent
(`joint_awards` in its file, see `generator.load.joint_awards`), as merged or as changed
in the same pull request, a change its maintainers alone may make.

The check runs the base branch's code (`.github/workflows/judge.yml`) and reads the pull
request only as git objects, so a pull request cannot rewrite the rules that judge it.
As a required status check it blocks merging; branch protection requiring an approving
review by the CODEOWNERS (each provider's maintainers for its records, the editors for
everything else) is what binds for every file the check lets through.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.contrib.pull_request import Change, PullRequest, logins, same_login
from generator.load.joint_awards import consent_hint
from generator.problems import Problem
from generator.register import Register
from generator.reporting import workflow_command

CODEOWNERS_FILE = ".github/CODEOWNERS"
CODE = "ownership"


@dataclass(frozen=True)
class Decision:
    """Whether the author may make one change to one file, and why."""

    path: str
    change: str
    allowed: bool
    reason: str
    hint: str = ""

    def lines(self) -> list[str]:
        """The decision as text: a verdict line, then the hint for a refusal."""
        verdict = "allowed" if self.allowed else "refused"
        lines = [f"{verdict}  {self.path} ({self.change}): {self.reason}"]
        if self.hint and not self.allowed:
            lines.append(f"    hint: {self.hint}")
        return lines

    def annotation(self) -> str:
        """A refusal as a GitHub annotation on the file (`::error file=…::…`)."""
        message = f"{self.reason} (hint: {self.hint})" if self.hint else self.reason
        return workflow_command("error", self.path, 1, 1, f"{CODE}: {self.change}", message)


def _at(login: str) -> str:
    return f"@{login.removeprefix('@')}"


def _people(names: list[str]) -> str:
    return ", ".join(_at(name) for name in names) if names else "nobody"


class _Rules:
    """The ownership rules applied to one pull request and one author."""

    def __init__(self, pr: PullRequest, author: str) -> None:
        self.pr = pr
        self.author = author
        self.editors = pr.editors
        self.is_editor = any(same_login(author, editor) for editor in self.editors)
        self.maintainers = cache(self._maintainers)

    def decide(self, path: str, change: str) -> Decision:
        """The decision for one changed path."""
        who = _at(self.author)
        unasked = self._consent_missing(path, change)
        if unasked is not None:
            return unasked
        if self.is_editor:
            return Decision(path, change, True, f"{who} is a register editor")
        provider = self._provider_of(path)
        entry = self.pr.head_tree.entries.get(path)
        if provider is not None and entry is not None and not entry.is_file:
            return Decision(
                path,
                change,
                False,
                f"it is {entry.kind}, and a provider's records are plain files",
                "commit the file itself instead of a link or submodule (`git rm --cached "
                "<path>`, put the file there, `git add <path>`)",
            )
        if provider is None:
            if path == self.pr.from_register(CODEOWNERS_FILE) and self._codeowners_current():
                return Decision(
                    path,
                    change,
                    True,
                    "it is generated from the provider records and matches them",
                )
            return Decision(
                path,
                change,
                False,
                f"only a register editor ({_people(self.editors)}) may change this file, "
                f"and {who} is not one: it is not part of a provider's records",
                "leave the file out of your pull request, or ask a register editor to "
                "review the change"
                + (
                    "; for CODEOWNERS, run `register codeowners` instead of editing it"
                    if path == self.pr.from_register(CODEOWNERS_FILE)
                    else ""
                ),
            )
        base, head = self.maintainers(provider)
        record = self.pr.from_register(f"{self.pr.providers_dir}/{provider}.yaml")
        if base is not None:
            if any(same_login(self.author, name) for name in base):
                return Decision(path, change, True, f"{who} is a maintainer of `{provider}`")
            if head is not None and any(same_login(self.author, name) for name in head):
                return Decision(
                    path,
                    change,
                    False,
                    f"{who} adds themselves to the maintainers of `{provider}` in this pull "
                    "request, and an addition only counts once it is merged",
                    "split the pull request: first a current maintainer "
                    f"({_people(base)}) or a register editor merges the change to "
                    f"`maintainers` in {record}; then make your other changes",
                )
            return Decision(
                path,
                change,
                False,
                f"only the maintainers of `{provider}` ({_people(base)}) or a register editor "
                f"may change it, and {who} is neither",
                f"ask one of them to make the change, or to add you to `maintainers` in "
                f"{record} first (in a pull request of its own)",
            )
        if head is None:
            return Decision(
                path,
                change,
                False,
                f"it is in the folder of the provider `{provider}`, which does not exist",
                f"add {record} in the same pull request with yourself in `maintainers` "
                "(`register new provider`), or move the file to your provider's folder",
            )
        if any(same_login(self.author, name) for name in head):
            return Decision(
                path, change, True, f"{who} is a maintainer of the new provider `{provider}`"
            )
        return Decision(
            path,
            change,
            False,
            f"the new provider `{provider}` does not list {who} among its maintainers "
            f"({_people(head)})",
            f"add your GitHub user name to `maintainers` in {record}",
        )

    def _provider_of(self, path: str) -> str | None:
        """The provider whose records hold `path`, or None for every other file."""
        relative = self.pr.in_register(path)
        if relative is None:
            return None
        parts = relative.split("/")
        offers = self.pr.offers_dir.split("/")
        if parts[: len(offers)] == offers and len(parts) >= len(offers) + 2:
            return parts[len(offers)]
        providers = self.pr.providers_dir.split("/")
        if parts[: len(providers)] == providers and len(parts) == len(providers) + 1:
            name = parts[-1]
            if name.endswith(".yaml") and len(name) > len(".yaml"):
                return name.removesuffix(".yaml")
        return None

    def _maintainers(self, provider: str) -> tuple[list[str] | None, list[str] | None]:
        """A provider's maintainers at the base and in the working tree (None: no file)."""
        path = self.pr.from_register(f"{self.pr.providers_dir}/{provider}.yaml")
        sides: list[list[str] | None] = []
        for raw, data in (
            (self.pr.base_bytes(path), self.pr.base_data(path)),
            (self.pr.head_bytes(path), self.pr.head_data(path)),
        ):
            if raw is None:
                sides.append(None)
            else:
                sides.append(logins(data.get("maintainers")) if isinstance(data, dict) else [])
        return sides[0], sides[1]

    def _consent_missing(self, path: str, change: str) -> Decision | None:
        """A refusal when the offer at `path` gains an awarding body that has not agreed.

        The consent counts as merged on the base, or as the pull request's change to the
        awarding body's own file, which is judged as any change to that file.
        """
        relative = self.pr.in_register(path) or ""
        if not relative.startswith(f"{self.pr.offers_dir}/") or not relative.endswith(".yaml"):
            return None  # not an offer's place: no need to load the register
        record = self.pr.head_register.records.get(relative)
        data = self.pr.head_data(path)
        if record is None or record.kind != "offer" or not isinstance(data, dict):
            return None
        offer_id, provider = record.id, data.get("provider")
        before = self.pr.base_data(path)
        had: list[object] = []
        if isinstance(before, dict) and (before.get("id"), before.get("provider")) == (
            offer_id,
            provider,
        ):
            had = _items(before.get("awarding_bodies"))
        sides = (self.pr.base_register.register, self.pr.head_register.register)
        for body in _items(data.get("awarding_bodies")):
            if not isinstance(body, str) or body == provider or body in had:
                continue
            records = [side.providers.get(body) for side in sides]
            if any(r is not None and r.awards_jointly(offer_id, str(provider)) for r in records):
                continue
            file = self.pr.from_register(f"{self.pr.providers_dir}/{body}.yaml")
            if records[1] is None and self.pr.head_tree.kind(file) is None:
                continue  # no such provider: `register validate` reports the reference
            maintainers, _ = self.maintainers(body)
            return Decision(
                path,
                change,
                False,
                f"it names `{body}` as an awarding body, and `{body}` has not agreed: the "
                f"offer would show on its page and in its feed without its maintainers "
                f"({_people(maintainers or [])}) being asked",
                consent_hint(body, file, offer_id, str(provider))
                + ", in this pull request (a change only they may make) or in one of theirs",
            )
        return None

    def _codeowners_current(self) -> bool:
        """Whether the head's CODEOWNERS is what `register codeowners` writes from the head."""
        result = self.pr.head_register
        if blocking_problems(result.problems.errors, result.register):
            return False
        committed = self.pr.head_bytes(self.pr.from_register(CODEOWNERS_FILE))
        return committed == codeowners_text(result.register).encode("utf-8")


def _items(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _touched(change: Change) -> list[tuple[str, str]]:
    """The paths a change touches, each with what happened to it."""
    if change.old_path is None or change.status == "C":
        return [(change.path, change.description)]
    return [(change.old_path, f"renamed to {change.path}"), (change.path, change.description)]


def check_ownership(pr: PullRequest, author: str) -> list[Decision]:
    """A decision for every path the pull request changes, in the order git lists them."""
    rules = _Rules(pr, author)
    return [rules.decide(path, what) for change in pr.changes() for path, what in _touched(change)]


# --- CODEOWNERS ------------------------------------------------------------------------


def codeowners_text(register: Register) -> str:
    """The CODEOWNERS file: editors own everything; each provider's maintainers its records.

    GitHub applies the last matching line, so the editors' catch-all comes first.
    """
    config = register.config
    lines = [
        "# Generated by `register codeowners` from register.yml (editors) and",
        f"# {config.providers_dir}/*.yaml (maintainers); do not edit by hand.",
        "# The last matching line wins: editors own everything a provider does not.",
    ]
    if config.editors:
        lines.append("* " + " ".join(_at(editor) for editor in config.editors))
    else:
        lines.append("# (register.yml lists no editors)")
    for provider_id, provider in register.providers.items():
        owners = " ".join(_at(name) for name in provider.maintainers)
        lines.append(f"/{config.offers_dir}/{provider_id}/ {owners}")
        lines.append(f"/{config.providers_dir}/{provider_id}.yaml {owners}")
    return "\n".join(lines) + "\n"


def blocking_problems(errors: list[Problem], register: Register) -> list[Problem]:
    """The errors that make CODEOWNERS incomplete: in register.yml or a provider file."""
    providers = f"{register.config.providers_dir}/"
    return [p for p in errors if p.file == "register.yml" or p.file.startswith(providers)]


def codeowners_is_current(root: Path, register: Register) -> bool:
    """Whether `root`'s committed CODEOWNERS is what `codeowners_text` writes."""
    path = root / CODEOWNERS_FILE
    return path.is_file() and path.read_text(encoding="utf-8") == codeowners_text(register)


def write_codeowners(root: Path, register: Register) -> Path:
    """Write `.github/CODEOWNERS` under `root`; returns its path."""
    path = root / CODEOWNERS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(codeowners_text(register), encoding="utf-8", newline="\n")
    return path
