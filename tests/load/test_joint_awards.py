"""Joint awards (`generator.load.joint_awards`): every awarding body agrees in its own file."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.registers import REPO, CliRun, RegisterDir, line_of

Cli = Callable[..., CliRun]

OFFER = "offers/labturis-sul/sustainable-small-accommodation.yaml"
PARTNER = "providers/technikum-murtal.yaml"


def name_awarding_body(register: RegisterDir, body: str = "technikum-murtal") -> str:
    path = register.root / OFFER
    text = path.read_text(encoding="utf-8") + f"awarding_bodies: [labturis-sul, {body}]\n"
    path.write_text(text, encoding="utf-8")
    return text


def test_an_awarding_body_that_has_not_agreed_is_an_error_on_the_offer(
    sample_copy: RegisterDir, cli: Cli
) -> None:
    text = name_awarding_body(sample_copy)
    run = cli("validate", sample_copy.root)
    assert run.code == 1
    line = line_of(text, "awarding_bodies:")
    lines = run.out.splitlines()
    assert lines[0] == (
        f"{OFFER}:{line}:33: error: awarding_bodies[1]: `technikum-murtal` has not agreed to award "
        "this offer: an offer shows on each awarding body's page and in its feed, so each one "
        "agrees in its own file [awarding-body-consent]"
    )
    assert lines[1] == (
        "    hint: the maintainers of `technikum-murtal` add `joint_awards: {offers: "
        f"[sustainable-small-accommodation]}}` to {PARTNER} (or `partners: [labturis-sul]` for "
        "every offer of `labturis-sul`); otherwise leave `technikum-murtal` out of `awarding_bodies`"
    )


@pytest.mark.parametrize(
    "agreement",
    ["  offers: [sustainable-small-accommodation]\n", "  partners: [labturis-sul]\n"],
)
def test_consent_by_offer_or_by_partner_makes_it_valid(
    sample_copy: RegisterDir, cli: Cli, agreement: str
) -> None:
    name_awarding_body(sample_copy)
    with (sample_copy.root / PARTNER).open("a", encoding="utf-8") as out:
        out.write(f"joint_awards:\n{agreement}")
    run = cli("validate", "--strict", sample_copy.root)
    assert run.code == 0, run.out


def test_consent_to_another_offer_does_not_count(sample_copy: RegisterDir, cli: Cli) -> None:
    name_awarding_body(sample_copy)
    with (sample_copy.root / PARTNER).open("a", encoding="utf-8") as out:
        out.write("joint_awards:\n  offers: [ria-formosa-nature-tourism-study-visit]\n")
    run = cli("validate", sample_copy.root)
    assert run.code == 1
    assert "[awarding-body-consent]" in run.out


def test_an_unknown_awarding_body_is_reported_once(sample_copy: RegisterDir, cli: Cli) -> None:
    name_awarding_body(sample_copy, "ghost-academy")
    run = cli("validate", sample_copy.root)
    assert run.code == 1
    assert "[awarding-body-consent]" not in run.out
    assert "ghost-academy" in run.out


def test_the_samples_joint_award_is_agreed_by_every_awarding_body(cli: Cli) -> None:
    assert cli("validate", "--strict", REPO).code == 0
