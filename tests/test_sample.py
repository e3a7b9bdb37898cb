"""The shipped sample register: valid, realistic, and covering what the register can express."""

from __future__ import annotations

from collections import Counter
from functools import cache

import pytest

from generator import vocabularies as vocab
from generator.models import Offer
from generator.register import LoadResult, load_register
from tests.support.registers import REPO


@cache
def sample() -> LoadResult:
    return load_register(REPO)


def offers() -> list[Offer]:
    return list(sample().register.offers.values())


def test_sample_is_valid_without_warnings() -> None:
    problems = [f"{p.file}:{p.line}: {p.code}: {p.message}" for p in sample().problems.items]
    assert problems == []


def test_every_file_became_a_record() -> None:
    files = sorted(
        p.relative_to(REPO).as_posix()
        for p in [*REPO.glob("providers/*.yaml"), *REPO.glob("offers/*/*.yaml")]
    )
    assert sorted(sample().register.files.values()) == files


def test_providers_span_countries_and_types() -> None:
    providers = sample().register.providers.values()
    assert len(providers) >= 6
    assert len({p.country for p in providers}) >= 5
    assert {p.type for p in providers} == set(vocab.PROVIDER_TYPES.codes)


def test_an_alliance_awards_an_offer_jointly() -> None:
    providers = sample().register.providers
    members: dict[str, set[str]] = {}
    for provider in providers.values():
        for alliance in provider.alliances:
            members.setdefault(alliance.name.default, set()).add(provider.id)
    joint = [o for o in offers() if len(o.awarding_body_ids) > 1]
    assert joint
    assert any(set(o.awarding_body_ids) <= group for o in joint for group in members.values())
    assert any(len({providers[b].country for b in o.awarding_body_ids}) > 1 for o in joint)


def test_offers_have_full_annex_i_content() -> None:
    assert len(offers()) >= 24
    for offer in offers():
        if offer.recognition == "micro-credential":
            assert 3 <= len(offer.learning_outcomes) <= 6, offer.id
        assert offer.description is not None, offer.id
    assert (
        sum(
            bool(o.learning_outcomes) and any(lo.esco_skills for lo in o.learning_outcomes)
            for o in offers()
        )
        >= 3
    )


COVERED = {
    "recognition": vocab.RECOGNITION_FORMS,
    "status": vocab.OFFER_STATUSES,
    "supervision": vocab.SUPERVISION,
    "learning_opportunity_type": vocab.LEARNING_OPPORTUNITY_TYPES,
    "learning_setting": vocab.LEARNING_SETTINGS,
}


@pytest.mark.parametrize("field", sorted(COVERED))
def test_every_value_of_the_main_vocabularies_is_used(field: str) -> None:
    used = {getattr(o, field) for o in offers()}
    assert set(COVERED[field].codes) <= used


def test_levels_modes_assessments_and_formats_are_covered() -> None:
    eqf = {o.level.eqf for o in offers()}
    assert eqf >= {*range(1, 9), "not-applicable"}
    assert {o.level.qf_ehea for o in offers()} >= set(vocab.QF_EHEA_CYCLES.codes)
    assert {o.participation.mode for o in offers()} == set(vocab.PARTICIPATION_MODES.codes)
    assert {o.participation.timing for o in offers()} >= set(vocab.PARTICIPATION_TIMINGS.codes)
    assert {o.participation.schedule for o in offers()} >= set(vocab.LEARNING_SCHEDULES.codes)
    assessed = {t for o in offers() if o.assessment for t in o.assessment.types}
    assert assessed == set(vocab.ASSESSMENT_TYPES.codes)
    formats = {f for o in offers() for f in o.credential_formats}
    assert formats == set(vocab.CREDENTIAL_FORMATS.codes)
    options = {o.integration.option for o in offers() if o.integration}
    assert options == set(vocab.INTEGRATION_OPTIONS.codes)


def test_translations_into_at_least_two_other_languages() -> None:
    translated = [o for o in offers() if len(o.title.languages) >= 3]
    assert len(translated) >= 3
    other = {lang for o in offers() for lang in o.title.languages} - {"en"}
    assert len(other) >= 2


def test_a_stackable_pathway_of_three_offers() -> None:
    targets = Counter(t for o in offers() if o.integration for t in o.integration.towards_offers)
    assert any(count >= 3 for count in targets.values())
    register = sample().register
    for target, count in targets.items():
        if count >= 3:
            assert register.offers[target].workload.ects is not None


def test_withdrawn_offers_are_tombstones() -> None:
    withdrawn = [o for o in offers() if o.is_withdrawn]
    assert len(withdrawn) >= 2
    assert all(o.withdrawal and o.withdrawal.reason for o in withdrawn)
    assert any(o.replaced_by for o in withdrawn)


def test_ects_and_hours_based_workloads() -> None:
    assert any(o.workload.ects is not None for o in offers())
    assert any(o.workload.ects is None and o.workload.hours for o in offers())
    assert any(o.workload.other_credits for o in offers())


def test_recognition_policies_vary() -> None:
    policies = [p.recognition_policy for p in sample().register.providers.values()]
    assert all(policies)
    assert {p.recognises_external for p in policies} == {True, False}
    purposes = {purpose for p in policies for purpose in p.purposes}
    assert purposes == set(vocab.RECOGNITION_PURPOSES.codes)
