"""Check that each national level maps to a level of the Europass QDR's NQF list.

ELM and the QDR accept a national level only as one of the QDR's concepts
(`generator.vocabularies.nqf`); a level that maps to none is left out of those exports, so
`validate` warns and says what to write instead. It is a warning, not an
error: the level is still shown on the fact sheet and in the JSON feed.
"""

from __future__ import annotations

from generator.load.checks import Record
from generator.models import Offer, Provider
from generator.problems import Problem, Severity
from generator.vocabularies import nqf


def check_national_levels(
    offers: dict[str, Record[Offer]], providers: dict[str, Record[Provider]]
) -> list[Problem]:
    """A warning, with what to write instead, for each national level the QDR does not list."""
    problems: list[Problem] = []
    for record in offers.values():
        offer = record.model
        national = offer.level.national
        provider = providers.get(offer.provider)
        if national is None or provider is None:
            continue
        resolution = nqf.resolve(national.framework.default, national.level, provider.model.country)
        if resolution.level is None:
            problems.append(
                record.source.problem(
                    ("level", "national"),
                    f"{resolution.reason}, so the ELM and Europass QDR exports leave the national "
                    "level out",
                    "national-level-unmapped",
                    resolution.hint,
                    severity=Severity.WARNING,
                    key=True,
                )
            )
    return problems
