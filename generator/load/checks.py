"""Checks beyond types: the rules that relate fields, files and records.

Each check is a small function that returns problems and never stops at the
first. `check_provider` and `check_offer` look at one record; `check_register`
looks across records (identities, references, stacking). The rules come from
the Council Recommendation (Annex I, Annex II), the ENLIGHT framework and the
ETF brief; each message says which, so partners know why a rule exists.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Generic, TypeVar

from generator import vocabularies as vocab
from generator.load.reading import SourceDocument
from generator.models import Offer, Provider, RegisterConfig, annex
from generator.models.fields import suggest_slug
from generator.problems import Problem, Severity

ECTS_HOURS_TYPICAL = (25, 30)
ECTS_HOURS_PLAUSIBLE = (20, 35)
QUALIFICATION_SIZED_ECTS = 60

T = TypeVar("T", Provider, Offer)


@dataclass(frozen=True)
class Record(Generic[T]):
    """A validated record together with the document it came from."""

    model: T
    source: SourceDocument
    folder: str = ""
    stem: str = ""


ProblemIterator = Iterator[Problem]
WARNING = Severity.WARNING

# --- Providers -------------------------------------------------------------


def check_provider(record: Record[Provider]) -> list[Problem]:
    """All single-record checks of a provider."""
    return [p for check in PROVIDER_CHECKS for p in check(record.model, record.source)]


def provider_has_identifier(provider: Provider, source: SourceDocument) -> ProblemIterator:
    """Annex II principle 9 (Authentic): the issuer's legal identity must be checkable."""
    if not any(value is not None for value in provider.identifiers.model_dump().values()):
        yield source.problem(
            ("identifiers",),
            "states no identifier",
            "provider-identifier",
            "add at least one of `erasmus_code`, `pic`, `schac`, `eter_id`, `deqar_id`, `ror` or "
            "`national_registration` (principle 9, Authentic: the issuer's legal identity)",
        )


def provider_region_in_country(provider: Provider, source: SourceDocument) -> ProblemIterator:
    """A region code must belong to the provider's country."""
    region = provider.region
    if region is None:
        return
    country = provider.country
    if "-" in region:
        if not region.startswith(country + "-"):
            yield source.problem(
                ("region",),
                f"`{region}` is not a region of {vocab.country_name(country)} (`{country}`)",
                "region-country",
                f"use an ISO 3166-2 code that starts with `{country}-`",
            )
        elif region not in vocab.subdivision_codes(country):
            yield source.problem(
                ("region",),
                f"`{region}` is not an ISO 3166-2 subdivision of {vocab.country_name(country)}",
                "region-unknown",
                "look up the code in ISO 3166-2, e.g. `DE-BW` for Baden-Württemberg",
            )
    elif not region.startswith(vocab.NUTS_COUNTRY_PREFIX.get(country, country)):
        prefix = vocab.NUTS_COUNTRY_PREFIX.get(country, country)
        yield source.problem(
            ("region",),
            f"the NUTS code `{region}` is not in {vocab.country_name(country)}",
            "region-country",
            f"NUTS codes of this country start with `{prefix}`",
        )


def provider_recognition_policy(provider: Provider, source: SourceDocument) -> ProblemIterator:
    """§9(c): providers publish their policy on recognising others' micro-credentials."""
    policy = provider.recognition_policy
    if policy is None:
        yield source.problem(
            (),
            "has no `recognition_policy`",
            "recognition-policy-missing",
            "add `recognition_policy:` with at least `recognises_external: true` or `false` "
            "(Council Recommendation §9(c) asks providers to publish it)",
            severity=WARNING,
        )
        return
    if policy.recognises_external:
        if not policy.purposes:
            yield source.problem(
                ("recognition_policy", "recognises_external"),
                "says external micro-credentials are recognised, but not for what",
                "recognition-policy-purposes",
                "add `purposes:`, e.g. `[credit-transfer, recognition-of-prior-learning]`",
            )
        if policy.procedure is None:
            yield source.problem(
                ("recognition_policy", "recognises_external"),
                "says external micro-credentials are recognised, but not how to apply",
                "recognition-policy-procedure",
                "add `procedure:` describing the steps and the documents required",
            )
    if policy.policy_url is None:
        yield source.problem(
            ("recognition_policy",),
            "does not link to the official policy text",
            "recognition-policy-link",
            "add `policy_url:` with the address of the adopted policy",
            severity=WARNING,
        )


PROVIDER_CHECKS: list[Callable[[Provider, SourceDocument], ProblemIterator]] = [
    provider_has_identifier,
    provider_region_in_country,
    provider_recognition_policy,
]

# --- Offers ------------------------------------------------------------------


def check_offer(record: Record[Offer], config: RegisterConfig) -> list[Problem]:
    """All single-record checks of an offer."""
    problems = [p for check in OFFER_CHECKS for p in check(record.model, record.source)]
    if config.staff_development == "refuse":
        problems.extend(offer_not_staff_development(record.model, record.source))
    return problems


def offer_not_staff_development(offer: Offer, source: SourceDocument) -> ProblemIterator:
    """ENLIGHT framework: staff development is internal and not part of the public register."""
    if offer.provision == "staff-development":
        yield source.problem(
            ("provision",),
            "staff development does not belong in the public register: it is an internal "
            "function for the provider's own staff, not lifelong-learning provision open to the "
            "public",
            "staff-development",
            "remove this offer from the register; if it is open to external learners, write "
            "`provision: lifelong-learning`",
        )


def micro_credential_is_complete(offer: Offer, source: SourceDocument) -> ProblemIterator:
    """A micro-credential states every Annex I element and is assessed and quality-assured."""
    if offer.recognition != "micro-credential":
        return
    for element in annex.MANDATORY:
        if not element.stated(offer):
            yield source.problem(
                ("recognition",),
                f"is a micro-credential but does not state {element.reference}",
                "micro-credential-incomplete",
                f"add `{element.fields[0]}:` (a micro-credential must state every mandatory "
                "Annex I element), or choose another `recognition`",
            )
    if offer.assessment and set(offer.assessment.types) == {"attendance-only"}:
        yield source.problem(
            ("assessment", "types"),
            "a micro-credential needs an assessment of learning outcomes; attendance alone is "
            'not one ("there is no micro-credential without an assessment", ETF)',
            "micro-credential-unassessed",
            "name the assessment methods, or use `recognition: certificate-of-participation`",
        )


def workload_is_plausible(offer: Offer, source: SourceDocument) -> ProblemIterator:
    """Annex I (7): ECTS wherever possible, otherwise hours; 1 ECTS is 25–30 hours."""
    workload = offer.workload
    if workload.ects is None and workload.hours is None:
        yield source.problem(
            ("workload",),
            "states neither ECTS credits nor hours",
            "workload-missing",
            "add `ects:` (wherever possible) or `hours:`, or both",
        )
        return
    if workload.ects is not None and workload.hours is not None:
        per_credit = workload.hours / workload.ects
        low, high = ECTS_HOURS_PLAUSIBLE
        if not low <= per_credit <= high:
            typical = "–".join(map(str, ECTS_HOURS_TYPICAL))
            yield source.problem(
                ("workload", "hours"),
                f"{workload.hours:g} hours for {workload.ects:g} ECTS is {per_credit:.1f} hours "
                f"per credit; 1 ECTS is {typical} hours of work",
                "workload-ratio",
                f"check both numbers: {workload.ects:g} ECTS is about "
                f"{workload.ects * ECTS_HOURS_TYPICAL[0]:g}–{workload.ects * ECTS_HOURS_TYPICAL[1]:g} "
                "hours",
                severity=WARNING,
            )
    if workload.ects is not None and workload.ects >= QUALIFICATION_SIZED_ECTS:
        yield source.problem(
            ("workload", "ects"),
            f"{workload.ects:g} ECTS is the volume of a full qualification, not a micro-credential",
            "workload-qualification-sized",
            "check the number; micro-credentials are small units of learning",
            severity=WARNING,
        )


def level_is_consistent(offer: Offer, source: SourceDocument) -> ProblemIterator:
    """Annex I (8): a QF-EHEA cycle corresponds to one EQF level."""
    cycle = offer.level.qf_ehea
    if cycle is None:
        return
    expected = vocab.QF_EHEA_EQF_LEVEL[cycle]
    if offer.level.eqf != expected:
        yield source.problem(
            ("level", "qf_ehea"),
            f"the {cycle} cycle corresponds to EQF level {expected}, but `eqf` is "
            f"{offer.level.eqf}",
            "level-cycle-mismatch",
            f"write `eqf: {expected}`, or correct the cycle (short = 5, first = 6, second = 7, "
            "third = 8)",
        )


def editions_are_ordered(offer: Offer, source: SourceDocument) -> ProblemIterator:
    """An edition's application deadline comes before its start, its start before its end."""
    for index, edition in enumerate(offer.editions):
        if edition.end is not None and edition.end < edition.start:
            yield source.problem(
                ("editions", index, "end"),
                f"ends ({edition.end}) before it starts ({edition.start})",
                "edition-dates",
                "check the dates: `start` is the first day, `end` the last",
            )
        deadline = edition.application_deadline
        if deadline is not None and deadline > edition.start:
            yield source.problem(
                ("editions", index, "application_deadline"),
                f"the application deadline ({deadline}) is after the start ({edition.start})",
                "edition-deadline",
                "set the deadline on or before the first day",
            )


def fee_is_consistent(offer: Offer, source: SourceDocument) -> ProblemIterator:
    """A fee is either free or an amount in a currency."""
    fee = offer.fee
    if fee is None:
        return
    if fee.free and fee.amount:
        yield source.problem(
            ("fee", "amount"),
            "says the offer is free but also gives an amount",
            "fee-conflict",
            "remove `amount`, or remove `free: true`",
        )
    if not fee.free and fee.amount is None:
        yield source.problem(
            ("fee",),
            "gives neither `free: true` nor an `amount`",
            "fee-missing-amount",
            "write `free: true`, or `amount:` with `currency:`",
        )
    if fee.amount is not None and fee.currency is None:
        yield source.problem(
            ("fee", "amount"),
            "gives an amount without a currency",
            "fee-currency",
            "add `currency:` with an ISO 4217 code, e.g. `EUR`",
        )


def withdrawal_matches_status(offer: Offer, source: SourceDocument) -> ProblemIterator:
    """A withdrawn offer keeps a tombstone with date and reason; only withdrawn offers have one."""
    if offer.is_withdrawn and offer.withdrawal is None:
        yield source.problem(
            ("status",),
            "is withdrawn but does not say when and why",
            "withdrawal-missing",
            "add `withdrawal:` with `date:` and `reason:`; the page stays online as a notice",
        )
    if not offer.is_withdrawn and offer.withdrawal is not None:
        yield source.problem(
            ("withdrawal",),
            f"gives a withdrawal, but the status is `{offer.status}`",
            "withdrawal-status",
            "write `status: withdrawn`, or remove `withdrawal`",
        )


def integration_names_targets(offer: Offer, source: SourceDocument) -> ProblemIterator:
    """Annex I (optional): a stackable offer says what it stacks towards."""
    integration = offer.integration
    if integration is None:
        return
    has_targets = bool(integration.towards_offers or integration.towards_credentials)
    if integration.option == "stackable" and not has_targets:
        yield source.problem(
            ("integration", "option"),
            "is stackable but names nothing it stacks towards",
            "stackable-without-target",
            "add `towards_offers:` (ids in this register) or `towards_credentials:`",
        )
    if integration.option == "standalone" and has_targets:
        yield source.problem(
            ("integration", "option"),
            "is standalone but names offers or credentials it stacks towards",
            "standalone-with-target",
            "write `option: stackable`, or remove the targets",
        )


def onsite_has_location(offer: Offer, source: SourceDocument) -> ProblemIterator:
    """Annex I (10): onsite and blended offers say where learners go."""
    participation = offer.participation
    has_place = participation.location or any(e.place for e in offer.editions)
    if participation.mode in ("onsite", "blended") and not has_place:
        yield source.problem(
            ("participation", "mode"),
            f"is {participation.mode} but gives no location",
            "participation-location",
            "add `location:` under `participation`, or `place:` to each edition",
            severity=WARNING,
        )


DATE_TOLERANCE = timedelta(days=1)
"""How far past today a date of the past may be: somewhere on Earth it is already tomorrow."""


def validation_today() -> date:
    """Today, from the clock: validation judges the files as they are now.

    Outputs never use it (a build takes its dates from the data and git, so that the same
    input gives the same bytes); only the question "is this date still to come?" does.
    """
    return datetime.now(UTC).date()


def dates_are_not_in_the_future(offer: Offer, source: SourceDocument) -> ProblemIterator:
    """A review and a withdrawal have happened: their dates are not after today."""
    latest = validation_today() + DATE_TOLERANCE
    withdrawn = offer.withdrawal.date if offer.withdrawal else None
    for loc, what, day in (
        (("last_reviewed",), "review", offer.last_reviewed),
        (("withdrawal", "date"), "withdrawal", withdrawn),
    ):
        if day is not None and day > latest:
            yield source.problem(
                loc,
                f"the {what} date {day.isoformat()} is in the future",
                "date-in-future",
                f"write the day the {what} took place (today at the latest), YYYY-MM-DD",
            )


OFFER_CHECKS: list[Callable[[Offer, SourceDocument], ProblemIterator]] = [
    micro_credential_is_complete,
    workload_is_plausible,
    level_is_consistent,
    editions_are_ordered,
    fee_is_consistent,
    withdrawal_matches_status,
    integration_names_targets,
    onsite_has_location,
    dates_are_not_in_the_future,
]

# --- Across the register ----------------------------------------------------


def check_identity(record: Record[Provider] | Record[Offer]) -> list[Problem]:
    """A record's id equals its file name (an offer's provider and folder: `check_references`)."""
    model, source = record.model, record.source
    if model.id == record.stem:
        return []
    return [
        source.problem(
            ("id",),
            f"the id `{model.id}` differs from the file name `{record.stem}.yaml`",
            "id-file-name",
            f"rename the file to `{model.id}.yaml`, or write `id: {record.stem}`",
        )
    ]


def check_unique_ids(
    records: list[Record[Provider]] | list[Record[Offer]], kind: str
) -> list[Problem]:
    """No two providers, and no two offers, share an id (offer ids are register-wide).

    The first record with an id keeps it; each later one is reported, so `records` come
    oldest first (`generator.register` orders them by when their file was added).
    """
    first: dict[str, Record] = {}
    problems: list[Problem] = []
    for record in records:
        existing = first.setdefault(record.model.id, record)
        if existing is not record:
            problems.append(
                record.source.problem(
                    ("id",),
                    f"the {kind} id `{record.model.id}` is already used by {existing.source.file}",
                    f"{kind}-id-duplicate",
                    f"{kind} ids are unique across the register, and {existing.source.file} "
                    "had this one first: choose another id for this file (and rename it)",
                )
            )
    return problems


_IDENTIFIER_LABELS = {
    "erasmus_code": "Erasmus code",
    "pic": "PIC",
    "schac": "SCHAC code",
    "eter_id": "ETER id",
    "deqar_id": "DEQAR id",
    "ror": "ROR id",
    "national_registration": "national registration",
}


def identity_keys(provider: Provider) -> list[tuple[str, str]]:
    """The provider's identifiers as (field, value), each written one way.

    Case and spacing do not make another identifier (`D  KOBLENZ02` is `d koblenz02`), and
    a national registration is its register's name and the number in it.
    """
    keys: list[tuple[str, str]] = []
    for field, value in provider.identifiers:
        if value is None:
            continue
        if field == "national_registration":
            written = f"{value.registry.default} {value.number}"
        else:
            written = str(value)
        keys.append((field, " ".join(written.casefold().split())))
    return keys


def check_unique_identifiers(records: list[Record[Provider]]) -> list[Problem]:
    """No two providers state one identifier: with another's PIC, a provider poses as it.

    The first record with an identifier keeps it; each later one is reported, so `records`
    come oldest first (`generator.register` orders them by when their file was added).
    """
    first: dict[tuple[str, str], Record[Provider]] = {}
    problems: list[Problem] = []
    for record in records:
        for key in identity_keys(record.model):
            existing = first.setdefault(key, record)
            if existing is record or existing.model.id == record.model.id:
                continue  # a clashing provider id is reported as such
            field = key[0]
            problems.append(
                record.source.problem(
                    ("identifiers", field),
                    f"the {_IDENTIFIER_LABELS[field]} is already stated by the provider "
                    f"`{existing.model.id}` ({existing.source.file})",
                    "provider-identifier-duplicate",
                    "an identifier names one organisation: check it against the official "
                    "register; if both files describe one provider, keep one of them",
                )
            )
    return problems


def check_references(
    offers: list[Record[Offer]], provider_ids: set[str], offer_ids: set[str]
) -> list[Problem]:
    """Every provider and offer an offer names exists, and its provider is its folder's."""
    problems: list[Problem] = []
    for record in offers:
        offer, source = record.model, record.source
        problems.extend(_provider_and_folder(record, provider_ids))
        for index, body in enumerate(offer.awarding_bodies):
            if body not in provider_ids:
                problems.append(
                    _unknown(source, ("awarding_bodies", index), "provider", body, provider_ids)
                )
        if offer.integration:
            for index, target in enumerate(offer.integration.towards_offers):
                loc = ("integration", "towards_offers", index)
                if target == offer.id:
                    problems.append(
                        source.problem(
                            loc,
                            "the offer stacks towards itself",
                            "stacking-self",
                            "name the larger offer this one stacks towards",
                        )
                    )
                elif target not in offer_ids:
                    problems.append(_unknown(source, loc, "offer", target, offer_ids))
        for field in ("replaces", "replaced_by"):
            target = getattr(offer, field)
            if target is None:
                continue
            if target == offer.id:
                problems.append(
                    source.problem(
                        (field,),
                        f"the offer names itself in `{field}`",
                        "replacement-self",
                        "name the other version of this offer",
                    )
                )
            elif target not in offer_ids:
                problems.append(_unknown(source, (field,), "offer", target, offer_ids))
    return problems


def _provider_and_folder(record: Record[Offer], provider_ids: set[str]) -> list[Problem]:
    """An offer names an existing provider, the one whose folder it is in: one problem at most."""
    offer, source, folder = record.model, record.source, record.folder
    provider = offer.provider
    if provider == folder and provider in provider_ids:
        return []  # nearly every offer: no path to work out
    offers_dir = Path(source.file).parent.parent.as_posix()
    if provider == folder:
        suggestion = suggest_id(provider, provider_ids)
        if suggestion:
            hint = (
                f"did you mean `{suggestion}`? Then move the file to `{offers_dir}/{suggestion}/` "
                f"and write `provider: {suggestion}`"
            )
        else:
            hint = f"add `providers/{provider}.yaml`, or move the offer to its provider's folder"
        return [
            source.problem(
                ("provider",), f"there is no provider `{provider}`", "provider-unknown", hint
            )
        ]
    if provider in provider_ids:
        message = f"the provider `{provider}` differs from the folder `{folder}`"
        hint = f"move the file to the folder `{provider}/`, or write `provider: {folder}`"
    else:
        # The folder is what the partner chose on purpose; the field is where a typo hides.
        message = f"there is no provider `{provider}` (the file is in the folder `{folder}`)"
        suggestion = suggest_id(provider, provider_ids)
        if folder in provider_ids and suggestion in ("", folder):
            hint = f"write `provider: {folder}`, the provider whose folder this is"
        elif suggestion:
            hint = (
                f"move the file to `{offers_dir}/{suggestion}/` and write `provider: {suggestion}`"
            )
        else:
            hint = "write the id of an existing provider, and move the file to its folder"
        if suggestion:
            hint = f"did you mean `{suggestion}`? {hint[:1].upper()}{hint[1:]}"
    return [source.problem(("provider",), message, "provider-folder", hint)]


def suggest_id(written: str, known: set[str]) -> str:
    """The existing id a partner most likely meant, or "".

    A misspelling (`rhine-univeristy`), or part of the id (`atlantic` for
    `atlantic-skills-institute`, whole words only) when only one id has it.
    """
    close = difflib.get_close_matches(written.lower(), sorted(known), n=1, cutoff=0.6)
    if close:
        return close[0]
    words = f"-{suggest_slug(written)}-"
    containing = [candidate for candidate in sorted(known) if words in f"-{candidate}-"]
    return containing[0] if len(containing) == 1 and words != "--" else ""


def _unknown(
    source: SourceDocument, loc: tuple, kind: str, target: str, known: set[str]
) -> Problem:
    suggestion = suggest_id(target, known)
    hint = (
        f"did you mean `{suggestion}`?"
        if suggestion
        else f"check the id; it must name an existing {kind}"
    )
    return source.problem(
        loc, f"there is no {kind} with the id `{target}`", f"{kind}-reference", hint
    )


def check_replacements(offers: dict[str, Record[Offer]]) -> list[Problem]:
    """`replaces` and `replaced_by` agree in both directions."""
    problems: list[Problem] = []
    for record in offers.values():
        offer = record.model
        newer = offers.get(offer.replaced_by or "")
        if newer is not None and newer.model.replaces != offer.id:
            problems.append(
                record.source.problem(
                    ("replaced_by",),
                    f"says it is replaced by `{newer.model.id}`, which does not say it replaces it",
                    "replacement-asymmetric",
                    f"add `replaces: {offer.id}` to {newer.source.file}",
                    severity=WARNING,
                )
            )
        older = offers.get(offer.replaces or "")
        if older is not None and older.model.replaced_by != offer.id:
            problems.append(
                record.source.problem(
                    ("replaces",),
                    f"says it replaces `{older.model.id}`, which does not name it in `replaced_by`",
                    "replacement-asymmetric",
                    f"add `replaced_by: {offer.id}` to {older.source.file}",
                    severity=WARNING,
                )
            )
    return problems


@dataclass(frozen=True)
class _Link:
    """An edge between two offers, and the field of the record that states it."""

    target: str
    record: Record[Offer]
    loc: tuple[str | int, ...]


def _cycles(links: dict[str, list[_Link]]) -> Iterator[tuple[list[str], _Link]]:
    """Each circle in a graph of offers once: its path, and the link that closes it.

    A depth-first walk without recursion, from the offers in id order, so that a long
    chain cannot exhaust the stack and the same register reports the same circles.
    """
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in sorted(links):
        if state.get(start):
            continue
        path: list[str] = [start]
        iterators = [iter(links[start])]
        state[start] = 1
        while iterators:
            link = next(iterators[-1], None)
            if link is None:
                state[path.pop()] = 2
                iterators.pop()
                continue
            if state.get(link.target) == 1:
                yield [*path[path.index(link.target) :], link.target], link
            elif not state.get(link.target):
                state[link.target] = 1
                path.append(link.target)
                iterators.append(iter(links.get(link.target, ())))


def check_stacking_cycles(offers: dict[str, Record[Offer]]) -> list[Problem]:
    """Stacking leads to larger credentials: it never loops back to where it started."""
    links: dict[str, list[_Link]] = {offer_id: [] for offer_id in offers}
    for offer_id, record in offers.items():
        integration = record.model.integration
        for index, target in enumerate(integration.towards_offers if integration else []):
            if target in offers and target != offer_id:
                links[offer_id].append(
                    _Link(target, record, ("integration", "towards_offers", index))
                )
    return [
        link.record.source.problem(
            link.loc,
            "stacking goes round in a circle: " + " → ".join(cycle),
            "stacking-cycle",
            "an offer stacks towards a larger one; remove one link of the circle",
        )
        for cycle, link in _cycles(links)
    ]


def check_replacement_cycles(offers: dict[str, Record[Offer]]) -> list[Problem]:
    """Replacement leads to newer offers: `replaced_by` and `replaces` never loop.

    Both fields state an edge from the older offer to the newer one, so `A replaced_by B`
    with `B replaced_by A` is a circle, and so is `A replaced_by B` with `A replaces B`.
    """
    links: dict[str, dict[str, _Link]] = {offer_id: {} for offer_id in offers}
    for offer_id, record in offers.items():
        newer = record.model.replaced_by
        if newer in offers and newer != offer_id:
            links[offer_id][newer] = _Link(newer, record, ("replaced_by",))
    for offer_id, record in offers.items():
        older = record.model.replaces
        # The other side of an edge already stated as `replaced_by` is the same edge.
        if older in offers and older != offer_id:
            links[older].setdefault(offer_id, _Link(offer_id, record, ("replaces",)))
    edges = {offer_id: list(targets.values()) for offer_id, targets in links.items()}
    return [
        link.record.source.problem(
            link.loc,
            "replacement goes round in a circle: " + " → ".join(cycle),
            "replacement-cycle",
            "each offer is replaced by a newer one: name the newer offer in `replaced_by` and "
            "the older one in `replaces`, and remove the link that leads back",
        )
        for cycle, link in _cycles(edges)
    ]


def check_withdrawn_targets(offers: dict[str, Record[Offer]]) -> list[Problem]:
    """An active offer should not stack towards a withdrawn one; no offer is replaced by one.

    A replacement is where a learner who finds the old offer is sent: a withdrawn one
    sends them to another notice (its own replacement, if it has one, is named instead).
    """
    problems: list[Problem] = []
    for record in offers.values():
        offer = record.model
        newer = offers.get(offer.replaced_by or "")
        if newer is not None and newer.model.is_withdrawn and newer.model.id != offer.id:
            onward = newer.model.replaced_by
            problems.append(
                record.source.problem(
                    ("replaced_by",),
                    f"is replaced by `{newer.model.id}`, which is withdrawn",
                    "replacement-withdrawn",
                    f"write `replaced_by: {onward}`, the offer that replaced it"
                    if onward and onward != offer.id
                    else "name the offer that learners should take instead, or remove "
                    "`replaced_by`",
                    severity=WARNING,
                )
            )
        if offer.is_withdrawn or offer.integration is None:
            continue
        for index, target in enumerate(offer.integration.towards_offers):
            if target in offers and offers[target].model.is_withdrawn:
                problems.append(
                    record.source.problem(
                        ("integration", "towards_offers", index),
                        f"stacks towards `{target}`, which is withdrawn",
                        "stacking-withdrawn",
                        "point to the offer that replaced it, or remove the link",
                        severity=WARNING,
                    )
                )
    return problems
