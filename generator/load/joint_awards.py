"""Joint awards need the consent of every awarding body, given in its own file.

An offer that names another provider in `awarding_bodies` shows on that provider's page
and in its feed, as if that provider awarded it. Only the provider's maintainers change
its file, so the consent is written there (`joint_awards` in `providers/<id>.yaml`), by
offer or for every offer of a partner. `register check-ownership` applies the same rule
to a pull request, with the consent as merged or as the pull request's own change to
the partner's file.
"""

from __future__ import annotations

from generator.load.checks import Record
from generator.models import Offer, Provider
from generator.problems import Problem


def check_joint_awards(
    offers: dict[str, Record[Offer]], providers: dict[str, Record[Provider]]
) -> list[Problem]:
    """An error on each awarding body of an offer that has not agreed to award it."""
    problems: list[Problem] = []
    for record in offers.values():
        offer = record.model
        for index, body in enumerate(offer.awarding_bodies):
            partner = providers.get(body)
            if partner is None or partner.model.awards_jointly(offer.id, offer.provider):
                continue  # an unknown provider is reported by the reference check
            problems.append(
                record.source.problem(
                    ("awarding_bodies", index),
                    f"`{body}` has not agreed to award this offer: an offer shows on each "
                    "awarding body's page and in its feed, so each one agrees in its own file",
                    "awarding-body-consent",
                    consent_hint(body, partner.source.file, offer.id, offer.provider),
                )
            )
    return problems


def consent_hint(body: str, file: str, offer_id: str, provider_id: str) -> str:
    """What the maintainers of `body` add to their file to agree to the joint award."""
    return (
        f"the maintainers of `{body}` add `joint_awards: {{offers: [{offer_id}]}}` to {file} "
        f"(or `partners: [{provider_id}]` for every offer of `{provider_id}`); "
        f"otherwise leave `{body}` out of `awarding_bodies`"
    )
