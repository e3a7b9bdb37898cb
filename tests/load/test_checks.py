"""Checks beyond types: one test per rule, asserting file, line, message and severity."""

from __future__ import annotations

import pytest

from generator.problems import Problem, Severity
from tests.support.registers import OFFER, PROVIDER, RegisterDir, line_of, replace

OFFER_FILE = "offers/rhine-university/data-literacy-basics.yaml"
PROVIDER_FILE = "providers/rhine-university.yaml"


def found(reg: RegisterDir, code: str) -> list[Problem]:
    return [p for p in reg.load().problems.items if p.code == code]


def one(reg: RegisterDir, code: str) -> Problem:
    items = found(reg, code)
    assert len(items) == 1, [f"{p.code}: {p.message}" for p in reg.load().problems.items]
    return items[0]


# --- Offer rules ----------------------------------------------------------------


def test_staff_development_is_refused_with_the_reason(reg: RegisterDir) -> None:
    text = replace(OFFER, "provision: lifelong-learning", "provision: staff-development")
    reg.offer(text)
    problem = one(reg, "staff-development")
    assert (problem.file, problem.line) == (OFFER_FILE, line_of(text, "provision:"))
    assert "does not belong in the public register" in problem.message
    assert "internal" in problem.message
    assert problem.severity is Severity.ERROR


def test_staff_development_can_be_excluded_by_configuration(reg: RegisterDir) -> None:
    reg.write(
        "register.yml", (reg.root / "register.yml").read_text() + "staff_development: exclude\n"
    )
    reg.offer(replace(OFFER, "provision: lifelong-learning", "provision: staff-development"))
    result = reg.load()
    assert result.is_valid
    assert result.register.offers == {}


def test_micro_credential_needs_every_annex_i_element(reg: RegisterDir) -> None:
    text = replace(
        OFFER,
        "assessment:\n  types: [project-work, oral-exam]\n  description: "
        "A data report on an open data set, discussed in a 15-minute oral exam.\n",
        "",
    )
    text = replace(
        text,
        "learning_outcomes:\n  - Clean and document a tabular data set for reuse.\n"
        "  - statement: Choose a suitable chart for a given question.\n"
        "    esco_skills: [http://data.europa.eu/esco/skill/"
        "2d3a6f77-8c2b-4c6f-9c6e-0b9d1c6a2f11]\n"
        "  - Explain the limits of a statistical indicator to a colleague.\n",
        "",
    )
    reg.offer(text)
    items = found(reg, "micro-credential-incomplete")
    messages = sorted(p.message for p in items)
    assert messages == [
        "is a micro-credential but does not state Annex I (6) learning outcomes",
        "is a micro-credential but does not state Annex I (9) type of assessment",
    ]
    assert all(p.line == line_of(text, "recognition:") for p in items)


def test_certificate_of_participation_may_omit_assessment(reg: RegisterDir) -> None:
    text = replace(
        OFFER, "recognition: micro-credential", "recognition: certificate-of-participation"
    )
    text = replace(text, "types: [project-work, oral-exam]", "types: [attendance-only]")
    reg.offer(text)
    assert reg.load().is_valid


def test_micro_credential_with_attendance_only_is_refused(reg: RegisterDir) -> None:
    text = replace(OFFER, "types: [project-work, oral-exam]", "types: [attendance-only]")
    reg.offer(text)
    problem = one(reg, "micro-credential-unassessed")
    assert problem.line == line_of(text, "types: [attendance-only]")
    assert "there is no micro-credential without an assessment" in problem.message


def test_workload_needs_ects_or_hours(reg: RegisterDir) -> None:
    text = replace(
        OFFER, "  ects: 3\n  hours: 80\n", "  other_credits: {system: ecvet, value: 3}\n"
    )
    reg.offer(text)
    problem = one(reg, "workload-missing")
    assert problem.line == line_of(text, "other_credits")


def test_ects_and_hours_must_agree(reg: RegisterDir) -> None:
    text = replace(OFFER, "hours: 80", "hours: 200")
    reg.offer(text)
    problem = one(reg, "workload-ratio")
    assert problem.severity is Severity.WARNING
    assert problem.line == line_of(text, "hours: 200")
    assert problem.message == (
        "200 hours for 3 ECTS is 66.7 hours per credit; 1 ECTS is 25–30 hours of work"
    )
    assert "75–90 hours" in problem.hint


def test_ects_and_hours_at_the_plausible_edges_pass(reg: RegisterDir) -> None:
    for hours in (60, 105):  # 20 and 35 hours per credit
        reg.offer(replace(OFFER, "hours: 80", f"hours: {hours}"))
        assert not found(reg, "workload-ratio")


def test_qualification_sized_workload_warns(reg: RegisterDir) -> None:
    reg.offer(replace(OFFER, "  ects: 3\n  hours: 80\n", "  ects: 60\n"))
    problem = one(reg, "workload-qualification-sized")
    assert problem.severity is Severity.WARNING
    assert reg.load().is_valid


def test_cycle_must_match_eqf_level(reg: RegisterDir) -> None:
    text = replace(OFFER, "qf_ehea: first", "qf_ehea: second")
    reg.offer(text)
    problem = one(reg, "level-cycle-mismatch")
    assert problem.line == line_of(text, "qf_ehea: second")
    assert problem.message == "the second cycle corresponds to EQF level 7, but `eqf` is 6"


def test_cycle_with_unlevelled_offer_is_refused(reg: RegisterDir) -> None:
    reg.offer(replace(OFFER, "eqf: 6", "eqf: not-applicable"))
    assert one(reg, "level-cycle-mismatch")


def test_edition_dates_are_ordered(reg: RegisterDir) -> None:
    text = replace(OFFER, "end: 2026-11-30", "end: 2026-08-01")
    text = replace(text, "application_deadline: 2026-07-15", "application_deadline: 2026-09-15")
    reg.offer(text)
    assert one(reg, "edition-dates").line == line_of(text, "end: 2026-08-01")
    deadline = one(reg, "edition-deadline")
    assert deadline.field_path == "editions[0].application_deadline"
    assert (
        deadline.message == "the application deadline (2026-09-15) is after the start (2026-09-01)"
    )


def test_fee_is_free_or_an_amount_in_a_currency(reg: RegisterDir) -> None:
    reg.offer(replace(OFFER, "  amount: 450\n  currency: EUR\n", "  amount: 450\n"))
    assert one(reg, "fee-currency").field_path == "fee.amount"
    reg.offer(
        replace(
            OFFER,
            "  amount: 450\n  currency: EUR\n",
            "  free: true\n  amount: 450\n  currency: EUR\n",
        )
    )
    assert one(reg, "fee-conflict")
    reg.offer(replace(OFFER, "  amount: 450\n  currency: EUR\n", "  currency: EUR\n"))
    assert one(reg, "fee-missing-amount")


def test_withdrawn_offer_needs_date_and_reason(reg: RegisterDir) -> None:
    text = replace(OFFER, "status: open", "status: withdrawn")
    reg.offer(text)
    problem = one(reg, "withdrawal-missing")
    assert problem.line == line_of(text, "status: withdrawn")
    reg.offer(
        replace(
            text,
            "status: withdrawn",
            "status: withdrawn\nwithdrawal:\n  date: "
            "2026-10-01\n  reason: Replaced by a new course.",
        )
    )
    assert reg.load().is_valid


def test_withdrawal_only_with_withdrawn_status(reg: RegisterDir) -> None:
    reg.offer(OFFER + "withdrawal:\n  date: 2026-10-01\n  reason: Funding ended.\n")
    assert "the status is `open`" in one(reg, "withdrawal-status").message


def test_stackable_needs_a_target_and_standalone_has_none(reg: RegisterDir) -> None:
    text = replace(OFFER, "option: standalone", "option: stackable")
    reg.offer(text)
    assert one(reg, "stackable-without-target").line == line_of(text, "option: stackable")
    reg.offer(
        replace(
            OFFER,
            "option: standalone",
            "option: standalone\n  towards_credentials:\n    - title: MSc Data Science",
        )
    )
    assert one(reg, "standalone-with-target")


def test_onsite_offer_without_location_warns(reg: RegisterDir) -> None:
    reg.offer(replace(OFFER, "  location: Campus Koblenz\n", ""))
    assert one(reg, "participation-location").severity is Severity.WARNING


def test_skeleton_text_is_an_error_until_replaced(reg: RegisterDir) -> None:
    text = replace(OFFER, "summary: Read, question", "summary: 'TODO: Read, question")
    text = replace(text, "administrative work.", "administrative work.'")
    reg.offer(text)
    problem = one(reg, "skeleton-text")
    assert problem.is_error
    assert problem.field_path == "summary"
    assert problem.line == line_of(text, "summary:")


# --- Provider rules ------------------------------------------------------------


def test_provider_needs_an_identifier(reg: RegisterDir) -> None:
    text = replace(
        PROVIDER,
        '  erasmus_code: D  KOBLENZ02\n  pic: "999123456"\n  schac: hs-rhein.de\n',
        "  {}\n",
    )
    text = replace(text, "identifiers:\n  {}", "identifiers: {}")
    reg.write("providers/rhine-university.yaml", text)
    problem = one(reg, "provider-identifier")
    assert (problem.file, problem.line) == (PROVIDER_FILE, line_of(text, "identifiers:"))
    assert "principle 9" in problem.hint


def test_region_must_be_in_the_country(reg: RegisterDir) -> None:
    reg.write("providers/rhine-university.yaml", replace(PROVIDER, "region: DE-RP", "region: AT-7"))
    assert "`DE-`" in one(reg, "region-country").hint
    reg.write(
        "providers/rhine-university.yaml", replace(PROVIDER, "region: DE-RP", "region: DE-XX")
    )
    assert one(reg, "region-unknown")
    reg.write("providers/rhine-university.yaml", replace(PROVIDER, "region: DE-RP", "region: FR10"))
    assert one(reg, "region-country").message == "the NUTS code `FR10` is not in Germany"
    reg.write("providers/rhine-university.yaml", replace(PROVIDER, "region: DE-RP", "region: DEB1"))
    assert reg.load().is_valid


def test_greek_nuts_codes_use_el() -> None:
    from generator.vocabularies import NUTS_COUNTRY_PREFIX

    assert NUTS_COUNTRY_PREFIX["GR"] == "EL"


def test_recognising_provider_states_purposes_and_procedure(reg: RegisterDir) -> None:
    text = replace(PROVIDER, "  purposes: [credit-transfer, recognition-of-prior-learning]\n", "")
    text = replace(
        text,
        "  procedure: Apply to the examination office with the credential and "
        "its Annex I description.\n",
        "",
    )
    reg.write("providers/rhine-university.yaml", text)
    assert one(reg, "recognition-policy-purposes").line == line_of(text, "recognises_external")
    assert one(reg, "recognition-policy-procedure")


def test_missing_recognition_policy_warns(reg: RegisterDir) -> None:
    start = PROVIDER.index("recognition_policy:")
    end = PROVIDER.index("maintainers:")
    reg.write("providers/rhine-university.yaml", PROVIDER[:start] + PROVIDER[end:])
    problem = one(reg, "recognition-policy-missing")
    assert problem.severity is Severity.WARNING and "§9(c)" in problem.hint


def test_policy_without_link_warns(reg: RegisterDir) -> None:
    reg.write(
        "providers/rhine-university.yaml",
        replace(PROVIDER, "  policy_url: https://www.hs-rhein.de/anerkennung\n", ""),
    )
    assert one(reg, "recognition-policy-link").severity is Severity.WARNING


# --- Impossible values ------------------------------------------------------------------


def test_a_review_date_in_the_future_is_refused_with_a_day_of_grace(
    reg: RegisterDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    from generator.load import checks

    monkeypatch.setattr(checks, "validation_today", lambda: date(2026, 6, 1))
    for day, refused in [("2026-06-01", False), ("2026-06-02", False), ("2026-06-03", True)]:
        text = replace(OFFER, "last_reviewed: 2026-06-01", f"last_reviewed: {day}")
        reg.offer(text)
        problems = found(reg, "date-in-future")
        assert bool(problems) is refused, day
    [problem] = problems
    assert (problem.file, problem.line) == (OFFER_FILE, line_of(text, "last_reviewed"))
    assert problem.message == "the review date 2026-06-03 is in the future"
    assert problem.severity is Severity.ERROR


def test_a_withdrawal_in_the_future_is_refused(reg: RegisterDir) -> None:
    text = replace(
        OFFER,
        "status: open",
        "status: withdrawn\nwithdrawal:\n  date: 2999-01-01\n  reason: It will end.",
    )
    reg.offer(text)
    problem = one(reg, "date-in-future")
    assert problem.line == line_of(text, "date: 2999")
    assert problem.field_path == "withdrawal.date"


# --- Replacement chains ---------------------------------------------------------------------


def _versions(reg: RegisterDir, fields: dict[str, str], withdrawn: tuple[str, ...] = ()) -> None:
    """Offers `a`, `b`, `c` … of the base offer, each with its extra lines."""
    (reg.root / OFFER_FILE).unlink()
    for offer_id, extra in fields.items():
        text = replace(OFFER, "id: data-literacy-basics", f"id: {offer_id}")
        if offer_id in withdrawn:
            text = replace(
                text,
                "status: open",
                "status: withdrawn\nwithdrawal:\n  date: 2026-05-01\n  reason: Replaced.",
            )
        reg.offer(text + extra, offer_id=offer_id)


@pytest.mark.parametrize(
    "fields",
    [
        {"a": "replaced_by: b\n", "b": "replaced_by: a\n"},
        {"a": "replaces: b\n", "b": "replaces: a\n"},
        {"a": "replaced_by: b\nreplaces: b\n", "b": ""},
        {"a": "replaced_by: b\n", "b": "replaced_by: c\n", "c": "replaced_by: a\n"},
        {
            "a": "replaced_by: b\nreplaces: c\n",
            "b": "replaced_by: c\nreplaces: a\n",
            "c": "replaced_by: a\nreplaces: b\n",
        },
    ],
)
def test_a_replacement_chain_that_loops_is_one_error(
    reg: RegisterDir, fields: dict[str, str]
) -> None:
    _versions(reg, fields)
    problem = one(reg, "replacement-cycle")
    assert problem.severity is Severity.ERROR
    assert "round in a circle" in problem.message
    assert problem.loc in (("replaced_by",), ("replaces",))


def test_a_replacement_chain_is_no_loop(reg: RegisterDir) -> None:
    _versions(
        reg, {"a": "replaced_by: b\n", "b": "replaces: a\nreplaced_by: c\n", "c": "replaces: b\n"}
    )
    assert found(reg, "replacement-cycle") == []


def test_a_withdrawn_replacement_is_a_warning_naming_its_own(reg: RegisterDir) -> None:
    _versions(
        reg,
        {"a": "replaced_by: b\n", "b": "replaces: a\nreplaced_by: c\n", "c": "replaces: b\n"},
        withdrawn=("a", "b"),
    )
    problem = one(reg, "replacement-withdrawn")
    assert problem.file == "offers/rhine-university/a.yaml"
    assert problem.severity is Severity.WARNING
    assert problem.message == "is replaced by `b`, which is withdrawn"
    assert "`replaced_by: c`" in problem.hint


# --- Identities that belong to one provider ---------------------------------------------------


def _impostor(reg: RegisterDir, identifiers: str) -> str:
    """Add `providers/rhine-institute.yaml`, a later file, with `identifiers` of its own."""
    import os

    text = replace(PROVIDER, "id: rhine-university", "id: rhine-institute")
    text = replace(
        text,
        'identifiers:\n  erasmus_code: D  KOBLENZ02\n  pic: "999123456"\n  schac: hs-rhein.de\n',
        "identifiers:\n" + identifiers,
    )
    path = reg.write("providers/rhine-institute.yaml", text)
    first = reg.root / PROVIDER_FILE
    os.utime(path, ns=(first.stat().st_mtime_ns + 10**9,) * 2)
    return text


@pytest.mark.parametrize(
    ("base", "impostor", "field"),
    [
        ("", '  pic: "999123456"\n', "pic"),
        ("", "  erasmus_code: D KOBLENZ02\n", "erasmus_code"),
        ("  deqar_id: DEQARINST0112\n", "  deqar_id: DEQARINST0112\n", "deqar_id"),
        ("  eter_id: DE0023\n", '  pic: "111222333"\n  eter_id: DE0023\n', "eter_id"),
        ("  ror: https://ror.org/038t36y30\n", "  ror: https://ror.org/038t36y30\n", "ror"),
        (
            "  national_registration: {registry: Handelsregister Koblenz, number: HRB 1234}\n",
            "  national_registration: {registry: handelsregister  koblenz, number: hrb 1234}\n",
            "national_registration",
        ),
    ],
)
def test_two_providers_cannot_share_an_identifier(
    reg: RegisterDir, base: str, impostor: str, field: str
) -> None:
    reg.write(
        "providers/rhine-university.yaml",
        replace(PROVIDER, "  schac: hs-rhein.de\n", "  schac: hs-rhein.de\n" + base),
    )
    text = _impostor(reg, impostor)
    problem = one(reg, "provider-identifier-duplicate")
    assert problem.file == "providers/rhine-institute.yaml"
    assert problem.field_path == f"identifiers.{field}"
    assert problem.line == line_of(text, f"{field}:")
    assert "`rhine-university`" in problem.message
    assert problem.severity is Severity.ERROR


def test_different_identifiers_are_no_clash(reg: RegisterDir) -> None:
    _impostor(
        reg, '  pic: "999123457"\n  national_registration: {registry: HR Koblenz, number: HRB 99}\n'
    )
    assert found(reg, "provider-identifier-duplicate") == []
