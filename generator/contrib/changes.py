"""No silent deletions: a published offer is withdrawn, never deleted, moved or reused.

An offer is published once it is on the pull request's base branch. Its page, its
record in the feed and every link to it must keep working, so compared with the base
(see `pull_request`) a pull request must not:

- delete a published offer's file (`offer-deleted`);
- rename it or move it to another folder (`offer-moved`): its id and address are for good;
- give a new file the id of a published offer, in any provider's folder, even one it
  deletes (`offer-id-reused`): an id names one offer forever;
- give a published offer another provider (`offer-provider-changed`);
- delete a provider's file while the provider has published offers (`provider-deleted`).

The fix is the same each time: keep the file, set `status: withdrawn` and add
`withdrawal: {date, reason}`; the page stays online as a notice. Each problem names the
file, what happened and that fix.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.contrib.pull_request import PullRequest
from generator.load.reading import load_yaml_bytes
from generator.problems import Loc, Position, Problem

WITHDRAW = "set `status: withdrawn` and add `withdrawal: {date, reason}` instead"


@dataclass(frozen=True)
class _OfferFile:
    """Where an offer file sits: `<offers>/<provider>/<id>.yaml`."""

    provider: str
    offer_id: str


class _Base:
    """What the pull request's base publishes: offer files by path, and by id."""

    def __init__(self, pr: PullRequest) -> None:
        self.pr = pr
        self.offers_folder = pr.from_register(pr.offers_dir)
        self.providers_folder = pr.from_register(pr.providers_dir)
        self.offers: dict[str, _OfferFile] = {}
        self.path_of_id: dict[str, str] = {}
        for path in pr.base_files(self.offers_folder):
            offer = self.offer_at(path)
            if offer is not None:
                self.offers[path] = offer
                self.path_of_id.setdefault(offer.offer_id, path)

    def offer_at(self, path: str) -> _OfferFile | None:
        """The offer a path names, if it is an offer file's place."""
        prefix = f"{self.offers_folder}/"
        if not path.startswith(prefix):
            return None
        parts = path[len(prefix) :].split("/")
        if len(parts) != 2 or not parts[1].endswith(".yaml") or parts[1] == ".yaml":
            return None
        return _OfferFile(parts[0], parts[1].removesuffix(".yaml"))

    def provider_at(self, path: str) -> str | None:
        """The provider a path names, if it is a provider file's place."""
        prefix = f"{self.providers_folder}/"
        name = path[len(prefix) :] if path.startswith(prefix) else ""
        if "/" in name or not name.endswith(".yaml") or name == ".yaml":
            return None
        return name.removesuffix(".yaml")

    def offers_of(self, provider: str) -> list[str]:
        """The published offer files in a provider's folder."""
        return sorted(path for path, offer in self.offers.items() if offer.provider == provider)


def check_changes(pr: PullRequest) -> list[Problem]:
    """Every deletion, move or reuse of a published offer or provider in the pull request."""
    base = _Base(pr)
    problems: list[Problem] = []
    restore = f"`git checkout {pr.base_ref} -- <file>`"
    for change in pr.changes():
        gone = change.old_path if change.status == "R" else None
        if change.status == "D":
            gone = change.path
        if gone is not None and gone in base.offers:
            offer = base.offers[gone]
            if change.status == "D":
                problems.append(
                    Problem(
                        change.path,
                        Position(),
                        f"was deleted, but it holds the published offer `{offer.offer_id}`, "
                        "whose page, feed record and links must keep working",
                        "offer-deleted",
                        hint=f"restore the file ({restore.replace('<file>', gone)}), then "
                        f"{WITHDRAW} of deleting the file",
                    )
                )
            else:
                problems.append(
                    Problem(
                        change.path,
                        Position(),
                        f"was renamed or moved from {gone}, but it holds the published offer "
                        f"`{offer.offer_id}`, whose folder, file name and id are for good",
                        "offer-moved",
                        hint=f"move it back (`git mv {change.path} {gone}`); to replace the "
                        "offer, withdraw it where it is (`status: withdrawn`, `withdrawal: "
                        "{date, reason}`, `replaced_by: <new-id>`) and give the new offer "
                        f"`replaces: {offer.offer_id}`",
                    )
                )
        provider = base.provider_at(gone) if gone is not None else None
        if provider is not None and base.offers_of(provider):
            count = len(base.offers_of(provider))
            what = "was deleted" if change.status == "D" else f"was renamed from {gone}"
            problems.append(
                Problem(
                    change.path,
                    Position(),
                    f"{what}, but the provider `{provider}` has {count} published "
                    f"offer{'s' if count != 1 else ''} ({base.offers_of(provider)[0]}"
                    f"{', …' if count > 1 else ''})",
                    "provider-deleted",
                    hint=f"restore the file ({restore.replace('<file>', gone or change.path)}); "
                    f"to stop publishing, keep every offer file and {WITHDRAW} of deleting it",
                )
            )
        if change.status == "D":
            continue
        offer = base.offer_at(change.path)
        if offer is None:
            continue
        if change.status in "ACR":
            # A moved offer keeps its own id: that is reported as the move, not as reuse.
            own_id = base.offers[gone].offer_id if gone in base.offers else None
            problems.extend(_reused_id(pr, base, change.path, offer, own_id))
        elif change.path in base.offers:
            problems.extend(_provider_changed(pr, change.path))
    return problems


def _head_document(pr: PullRequest, path: str) -> tuple[dict[str, object], dict[Loc, Position]]:
    """A changed file's data and the positions of its values (empty when unreadable)."""
    raw = pr.head_bytes(path)
    document, _ = load_yaml_bytes(raw, path) if raw is not None else (None, [])
    if document is None or not isinstance(document.data, dict):
        return {}, {}
    return document.data, document.value_positions


def _reused_id(
    pr: PullRequest, base: _Base, path: str, offer: _OfferFile, own_id: str | None
) -> list[Problem]:
    """A new offer file whose name or `id` is the id of an offer published elsewhere."""
    data, positions = _head_document(pr, path)
    ids = [offer.offer_id]
    if isinstance(data.get("id"), str) and data["id"] != offer.offer_id:
        ids.append(str(data["id"]))
    problems = []
    for offer_id in ids:
        published = base.path_of_id.get(offer_id)
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


def _provider_changed(pr: PullRequest, path: str) -> list[Problem]:
    """A published offer whose `provider` is no longer the one at the base."""
    before = pr.base_data(path)
    data, positions = _head_document(pr, path)
    old = before.get("provider") if isinstance(before, dict) else None
    new = data.get("provider")
    if not isinstance(old, str) or not isinstance(new, str) or old == new:
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
