"""No silent deletions: a published record is withdrawn, never deleted, moved or reused.

An offer is published once it is in the register of the pull request's base branch.
Its page, its record in the feed and every link to it must keep working. So the check
compares two sets, each read from git objects by this (the base's) code: the records
the base publishes and those the pull request's head publishes (see `pull_request`).
Every offer of the base, withdrawn or not, must still be published by the head, in a
regular file at the same path, with the same id and the same provider. Whatever git
calls the change that breaks this, it is refused:

- the file is deleted (`offer-deleted`);
- it is renamed or moved to another folder, another provider's included (`offer-moved`):
  its id and address are for good;
- it, or one of its folders, becomes a symbolic link, a submodule entry (gitlink) or a
  folder (`offer-replaced`): the site would skip it or read something else;
- the file gets another `id` (`offer-id-changed`);
- the file no longer passes validation, becomes staff development in a register that
  leaves staff development out, or is otherwise not published any more
  (`offer-unpublished`);
- the offer gets another provider (`offer-provider-changed`).

Besides, a new file must not take the id of a published offer, in any provider's
folder, even one it deletes (`offer-id-reused`): an id names one offer forever; and a
provider with published offers keeps its file (`provider-deleted`, whatever happened to
it).

The fix is the same each time: keep the file, set `status: withdrawn` and add
`withdrawal: {date, reason}`; the page stays online as a notice. Each problem names the
file, what happened and that fix.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.contrib.pull_request import PullRequest
from generator.load.reading import load_yaml_bytes
from generator.models import Offer
from generator.problems import Loc, Position, Problem
from generator.register import offer_key, provider_key

WITHDRAW = "set `status: withdrawn` and add `withdrawal: {date, reason}` instead"


@dataclass(frozen=True)
class _Gone:
    """Why a published record's file no longer publishes it on the head, and the code."""

    code: str
    what: str
    """What happened to the file, as the start of a sentence: `the file was deleted` …"""
    hint: str
    path: str
    """The file the problem is reported on (where the record went, for a move)."""
    lasting: str = "whose page, feed record and links must keep working"


def check_changes(pr: PullRequest) -> list[Problem]:
    """Every published offer or provider the head no longer publishes, and every reused id."""
    base, head = pr.base_register, pr.head_register
    renamed = {c.old_path: c.path for c in pr.changes() if c.status == "R" and c.old_path}
    problems: list[Problem] = []
    published_at: dict[str, str] = {}
    for offer_id, offer in base.register.offers.items():
        path = pr.from_register(base.register.files[offer_key(offer_id)])
        published_at[offer_id] = path
        if head.records.get(pr.in_register(path) or "") == offer_key(offer_id):
            if pr.base_tree.entries[path] != pr.head_tree.entries[path]:
                problems.extend(_provider_changed(pr, path, offer))
            continue
        gone = _why_gone(pr, path, offer_id, "offer", renamed)
        problems.append(
            Problem(
                gone.path,
                Position(),
                f"{gone.what}, but it holds the published offer `{offer_id}`, {gone.lasting}",
                gone.code,
                hint=gone.hint,
            )
        )
    for provider_id in base.register.providers:
        offers = sorted(
            pr.from_register(base.register.files[offer_key(offer.id)])
            for offer in base.register.offers.values()
            if offer.provider == provider_id
        )
        path = pr.from_register(base.register.files[provider_key(provider_id)])
        kept = head.records.get(pr.in_register(path) or "") == provider_key(provider_id)
        if not offers or kept:
            continue
        gone = _why_gone(pr, path, provider_id, "provider", renamed)
        count = len(offers)
        problems.append(
            Problem(
                gone.path,
                Position(),
                f"{gone.what}, but the provider `{provider_id}` has {count} published "
                f"offer{'s' if count != 1 else ''} ({offers[0]}{', …' if count > 1 else ''})",
                "provider-deleted",
                hint=f"{_restore(pr, path)}; to stop publishing, keep every offer file and "
                f"{WITHDRAW} of deleting it",
            )
        )
    for change in pr.changes():
        if change.status != "D":
            # A moved offer keeps its own id: that is reported as the move, not as reuse.
            own = _offer_id_at(pr, change.old_path) if change.status == "R" else None
            problems.extend(_reused_id(pr, published_at, change.path, own))
    return problems


def _restore(pr: PullRequest, path: str) -> str:
    return f"restore the file (`git checkout {pr.base_ref} -- {path}`)"


def _why_gone(
    pr: PullRequest, path: str, record_id: str, kind: str, renamed: dict[str, str]
) -> _Gone:
    """What the head did to the file that published a record at the base."""
    head = pr.head_register
    relative = pr.in_register(path) or ""
    restore = _restore(pr, path)
    fix = f"{WITHDRAW} of deleting the file"
    if path in renamed:
        new = renamed[path]
        return _Gone(
            f"{kind}-moved",
            f"was renamed or moved from {path}",
            f"move it back (`git mv {new} {path}`); to replace the {kind}, withdraw it where "
            "it is (`status: withdrawn`, `withdrawal: {date, reason}`, `replaced_by: "
            f"<new-id>`) and give the new one `replaces: {record_id}`",
            new,
            "whose folder, file name and id are for good",
        )
    blocked = pr.head_tree.blocked_by(path)
    if blocked is not None:
        folder, what = blocked
        return _Gone(
            f"{kind}-replaced",
            f"is gone: its folder {folder} was replaced by {what}",
            f"restore the folder as plain files (`git rm --cached {folder}`, then "
            f"`git checkout {pr.base_ref} -- {folder}`), then {fix}",
            path,
        )
    now_there = pr.head_tree.kind(path)
    if now_there is None:
        return _Gone(f"{kind}-deleted", "was deleted", f"{restore}, then {fix}", path)
    if now_there != "a file" and now_there != "an executable file":
        return _Gone(
            f"{kind}-replaced",
            f"was replaced by {now_there}, which the register does not read",
            f"{restore.replace('restore the file', 'put the file back')}, then {fix}",
            path,
        )
    now = head.records.get(relative)
    if now is not None and now.kind == kind:
        new_id = now.id
        return _Gone(
            f"{kind}-id-changed",
            f"now has the id `{new_id}`",
            f"write `id: {record_id}` again: an id is for good; to replace the {kind}, "
            f"withdraw it and publish the new one in a file of its own with `replaces: "
            f"{record_id}`",
            path,
        )
    if relative in head.excluded:
        return _Gone(
            f"{kind}-unpublished",
            "is now staff development, which this register leaves out "
            "(`staff_development: exclude` in register.yml)",
            f"keep `provision` as it was; an offer that is no longer public is withdrawn "
            f"({WITHDRAW}), and stays a notice",
            path,
        )
    if any(p.file == relative for p in head.problems.errors):
        return _Gone(
            f"{kind}-unpublished",
            "no longer passes validation, so the site would leave it out",
            "fix the errors `register validate` reports in it; to stop publishing, "
            f"{WITHDRAW} of breaking the file",
            path,
        )
    return _Gone(
        f"{kind}-unpublished",
        "is no longer read as part of the register (was `offers_dir` or "
        "`providers_dir` changed in register.yml?)",
        f"keep the register's folders as they are on {pr.base_ref}, then {fix}",
        path,
    )


def _offer_id_at(pr: PullRequest, path: str | None) -> str | None:
    """The id of the offer the base publishes in `path`, if any."""
    record = pr.base_register.records.get(pr.in_register(path or "") or "")
    return record.id if record is not None and record.kind == "offer" else None


def _head_document(pr: PullRequest, path: str) -> tuple[dict[str, object], dict[Loc, Position]]:
    """A changed file's data and the positions of its values (empty when unreadable)."""
    raw = pr.head_bytes(path)
    document, _ = load_yaml_bytes(raw, path) if raw is not None else (None, [])
    if document is None or not isinstance(document.data, dict):
        return {}, {}
    return document.data, document.value_positions


def _is_offer_place(pr: PullRequest, path: str) -> bool:
    """Whether `path` is where an offer file sits: `<offers>/<provider>/<id>.yaml`."""
    relative = pr.in_register(path)
    offers = f"{pr.offers_dir}/"
    if relative is None or not relative.startswith(offers):
        return False
    parts = relative[len(offers) :].split("/")
    return len(parts) == 2 and parts[1].endswith(".yaml") and parts[1] != ".yaml"


def _reused_id(
    pr: PullRequest, published_at: dict[str, str], path: str, own_id: str | None
) -> list[Problem]:
    """A new offer file whose name or `id` is the id of an offer published elsewhere."""
    if not _is_offer_place(pr, path):
        return []
    data, positions = _head_document(pr, path)
    stem = path.rsplit("/", 1)[1].removesuffix(".yaml")
    ids = [stem]
    if isinstance(data.get("id"), str) and data["id"] != stem:
        ids.append(str(data["id"]))
    problems = []
    for offer_id in ids:
        published = published_at.get(offer_id)
        if published is None or published == path or offer_id == own_id:
            continue
        problems.append(
            Problem(
                path,
                positions.get(("id",), Position()),
                f"`{offer_id}` is the id of the offer published at {published}; an id, once "
                "published, is never given to another offer, even after that one is deleted",
                "offer-id-reused",
                ("id",),
                hint=f"give the new offer another id (and file name); if it is the same "
                f"offer, keep it at {published}; to succeed the old offer, give the new one "
                f"`replaces: {offer_id}`",
            )
        )
    return problems


def _provider_changed(pr: PullRequest, path: str, offer: Offer) -> list[Problem]:
    """A published offer whose `provider` is no longer the one at the base."""
    data, positions = _head_document(pr, path)
    old, new = offer.provider, data.get("provider")
    if not isinstance(new, str) or old == new:
        return []
    return [
        Problem(
            path,
            positions.get(("provider",), Position()),
            f"changed from `{old}` to `{new}`, but a published offer stays with its provider",
            "offer-provider-changed",
            ("provider",),
            hint=f"write `provider: {old}` again; if `{new}` takes the offer over, withdraw "
            "it here (`status: withdrawn`, `withdrawal: {date, reason}`, `replaced_by: "
            f"<new-id>`) and let `{new}` publish it under a new id with `replaces: <this id>`",
        )
    ]
