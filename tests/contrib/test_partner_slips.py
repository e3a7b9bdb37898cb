"""A partner's slip never reaches the public site (issue 13).

Each test is one slip a partner made (or could make) through a pull request: a
skeleton published with its placeholder values, `TODO:` texts on a provider page, an
id taken from another provider's withdrawn offer, a list item indented one space too
far, and messages that named no fix a non-programmer could act on.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator.load.reading import MAX_PROBLEMS_PER_FILE, cap_problems, load_yaml_bytes
from generator.problems import Position, Problem
from generator.reporting import Summary
from tests.support.gitrepo import GitRepo
from tests.support.registers import OFFER, PROVIDER, REPO, CliRun, RegisterDir, line_of, replace

Cli = Callable[..., CliRun]
OFFER_FILE = "offers/rhine-university/data-literacy-basics.yaml"
NEW_OFFER = "offers/rhine-university/green-retrofit.yaml"


def buildable(reg: RegisterDir) -> RegisterDir:
    """The register with the site configuration `register build` needs."""
    for name in ("mkdocs.yml", "docs", "theme_overrides"):
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copyfile
        copy(REPO / name, reg.root / name)
    return reg


def problems(reg: RegisterDir, code: str | None = None) -> list[Problem]:
    """The problems of the register, or those with `code`."""
    return [p for p in reg.load().problems.items if code is None or p.code == code]


def scaffold_offer(reg: RegisterDir, cli: Cli) -> tuple[CliRun, str]:
    """`register new offer` as a partner runs it; returns the run and the file's text."""
    run = cli(
        "new", "offer", "--provider", "rhine-university", "--id", "green-retrofit",
        "--title", "Green building retrofit", "--root", reg.root,
    )  # fmt: skip
    return run, (reg.root / NEW_OFFER).read_text(encoding="utf-8")


QUOTED_TODO = re.compile(r'"TODO:[^"]*"')


def fill_texts(text: str) -> str:
    """Every `TODO:` text replaced by a real one, as a partner who skips the values would."""
    assert QUOTED_TODO.search(text)
    return QUOTED_TODO.sub('"Plan and document a retrofit of a building envelope."', text)


# The values a partner chooses, as they would type them over each `TODO`.
CHOSEN_VALUES = {
    "recognition": "micro-credential",
    "learning_opportunity_type": "course",
    "learning_setting": "non-formal",
    "identified_by": "[full-name, date-of-birth]",
    "within_days": "14",
    "ects": "3",
    "hours": "80",
    "eqf": "6",
    "mode": "online",
    "timing": "asynchronous",
    "supervision": "unsupervised-no-id-verification",
    "option": "standalone",
    "languages": "[en]",
    "field": '"9999"',
    "fee": "{free: true}",
    "credential_formats": "[european-digital-credential]",
    "status": "announced",
    "last_reviewed": "2026-06-01",
}
# `types` appears twice: assessment types, then quality-assurance types.
CHOSEN_TYPES = ["[project-work]", "[internal]"]

UNSET_VALUES = {
    "recognition",
    "learning_opportunity_type",
    "learning_setting",
    "learner_identification.identified_by[0]",
    "issuance.within_days",
    "workload.ects",
    "workload.hours",
    "level.eqf",
    "assessment.types[0]",
    "participation.mode",
    "participation.timing",
    "quality_assurance.types[0]",
    "supervision",
    "integration.option",
    "languages[0]",
    "field",
    "fee",
    "credential_formats[0]",
    "status",
    "last_reviewed",
}


def fill_values(text: str) -> str:
    """Every `TODO` value replaced by a choice."""
    for key, value in CHOSEN_VALUES.items():
        text, count = re.subn(
            rf"^(\s*{key}:) (TODO|\[TODO\])(?=\s)", rf"\g<1> {value}", text, flags=re.M
        )
        assert count == 1, key
    for value in CHOSEN_TYPES:
        text = re.sub(r"^(\s*types:) \[TODO\]", rf"\g<1> {value}", text, count=1, flags=re.M)
    data = [line.split(" #")[0] for line in text.splitlines() if not line.startswith("#")]
    assert not re.search(r"\bTODO\b", "\n".join(data)), text
    return text


# --- 1. A skeleton leaves every value to choose ----------------------------------------


def test_a_skeleton_offer_has_no_working_placeholder_values(reg: RegisterDir, cli: Cli) -> None:
    run, text = scaffold_offer(reg, cli)
    assert run.code == 0, run.out + run.err
    data = yaml.safe_load(text)
    assert data["workload"] == {"ects": "TODO", "hours": "TODO"}
    assert data["level"] == {"eqf": "TODO"}
    assert data["field"] == "TODO"
    assert data["fee"] == "TODO"
    assert len(data["learning_outcomes"]) == 1


def test_a_skeleton_with_its_texts_filled_in_is_refused_naming_each_unset_value(
    reg: RegisterDir, cli: Cli
) -> None:
    _, text = scaffold_offer(reg, cli)
    text = fill_texts(text)
    (reg.root / NEW_OFFER).write_text(text, encoding="utf-8")
    buildable(reg)
    unset = [p for p in problems(reg) if p.file == NEW_OFFER]
    assert {p.field_path for p in unset} == UNSET_VALUES
    assert {p.code for p in unset} == {"value-not-chosen"}
    lines = text.splitlines()
    for problem in unset:
        key = problem.field_path.split(".")[-1].split("[")[0]
        assert lines[problem.line - 1].lstrip().startswith(f"{key}: "), problem
        assert lines[problem.line - 1][problem.column - 1 :].startswith(("TODO", "[TODO]")), problem
    for args in (["validate"], ["validate", "--strict"], ["build", "--no-search"]):
        run = cli(*args, reg.root)
        assert run.code == 1, args
        output = run.out + run.err
        for problem in unset:
            assert (
                f"{NEW_OFFER}:{problem.line}:{problem.column}: error: {problem.field_path}: "
                in (output)
            )
    assert not (reg.root / "site").exists()


def test_the_hint_of_an_unset_value_lists_the_choices(reg: RegisterDir, cli: Cli) -> None:
    scaffold_offer(reg, cli)
    hints = {p.field_path: p.hint for p in problems(reg, "value-not-chosen")}
    assert all(
        f"`{mode}`" in hints["participation.mode"] for mode in ("online", "onsite", "blended")
    )
    assert "1 to 8" in hints["level.eqf"] and "`not-applicable`" in hints["level.eqf"]
    assert "`micro-credential`" in hints["recognition"]
    assert "`written-exam`" in hints["assessment.types[0]"]
    assert "`announced`" in hints["status"]
    assert "YYYY-MM-DD" in hints["last_reviewed"]
    assert "`free`, `amount`, `currency` or `note`" in hints["fee"]
    # Optional values may also be left out, and the hint says so.
    assert "delete the line" in hints["supervision"]
    assert "delete the line" not in hints["participation.mode"]


def test_new_lists_what_is_left_to_choose(reg: RegisterDir, cli: Cli) -> None:
    run, _ = scaffold_offer(reg, cli)
    assert run.code == 0
    assert run.out.startswith(f"wrote {NEW_OFFER}\n")
    assert f"{NEW_OFFER}:" in run.out and "level.eqf: " in run.out
    last = run.out.strip().splitlines()[-1]
    assert last == (
        f"to do in {NEW_OFFER}: 6 texts to write and 20 values to choose; "
        "then run `register validate`"
    )


def test_a_skeleton_filled_in_completely_validates(reg: RegisterDir, cli: Cli) -> None:
    _, text = scaffold_offer(reg, cli)
    (reg.root / NEW_OFFER).write_text(fill_values(fill_texts(text)), encoding="utf-8")
    run = cli("validate", "--strict", reg.root)
    assert run.code == 0, run.out


def test_a_skeleton_provider_leaves_its_policy_to_choose(reg: RegisterDir, cli: Cli) -> None:
    run = cli(
        "new", "provider", "--id", "danube-college", "--name", "Danube Vocational College",
        "--type", "vet-provider", "--country", "AT", "--website", "https://www.danube.at/",
        "--contact", "office@danube.at", "--maintainer", "eva-huber", "--pic", "999555111",
        "--root", reg.root,
    )  # fmt: skip
    assert run.code == 0, run.out
    found = {p.field_path: p for p in problems(reg) if p.file == "providers/danube-college.yaml"}
    assert found["recognition_policy.recognises_external"].code == "value-not-chosen"
    hint = found["recognition_policy.recognises_external"].hint
    assert hint.startswith("replace `TODO`: `true` if") and "`false` if" in hint


# --- 2. A placeholder text is an error ------------------------------------------------


def test_a_provider_todo_text_is_an_error_without_strict(reg: RegisterDir, cli: Cli) -> None:
    text = replace(PROVIDER, "recognition_policy:", "recognition_policy:\n  summary: 'TODO: later'")
    buildable(reg).write("providers/rhine-university.yaml", text)
    run = cli("validate", reg.root)
    assert run.code == 1
    line = line_of(text, "TODO: later")
    assert (
        f"providers/rhine-university.yaml:{line}:12: error: recognition_policy.summary: "
        "still holds the skeleton text from `register new` [skeleton-text]"
    ) in run.out
    assert cli("build", "--no-search", reg.root).code == 1


def test_an_offer_todo_text_is_an_error(reg: RegisterDir) -> None:
    reg.offer(replace(OFFER, "summary: Read,", "summary: TODO: Read,").replace(
        "summary: TODO: Read, question and present data in everyday administrative work.",
        "summary: 'TODO: Read, question and present data in everyday administrative work.'",
    ))  # fmt: skip
    (problem,) = problems(reg, "skeleton-text")
    assert problem.is_error and problem.field_path == "summary"


def test_the_shipped_sample_holds_no_placeholder(cli: Cli) -> None:
    for path in [*REPO.glob("providers/*.yaml"), *REPO.glob("offers/*/*.yaml")]:
        assert "TODO" not in path.read_text(encoding="utf-8"), path
    run = cli("validate", "--strict", REPO)
    assert run.code == 0, run.out


# --- 3. An id clash is reported on the new file ---------------------------------------

WITHDRAWN = "offers/levante-logistica/forklift-safe-operation.yaml"
CLASHING = "offers/jarvimaa-uas/forklift-safe-operation.yaml"


def clashing_copy(root: Path) -> str:
    """A new offer of another provider that takes the id of Levante's withdrawn offer."""
    text = (root / WITHDRAWN).read_text(encoding="utf-8")
    text = replace(text, "provider: levante-logistica", "provider: jarvimaa-uas")
    text = re.sub(r"status: withdrawn\n(withdrawal:\n(  .*\n)+)?", "status: open\n", text)
    (root / CLASHING).write_text(text, encoding="utf-8")
    return text


def test_new_refuses_an_id_used_by_another_providers_withdrawn_offer(
    sample_copy: RegisterDir, cli: Cli
) -> None:
    run = cli(
        "new", "offer", "--provider", "jarvimaa-uas", "--id", "forklift-safe-operation",
        "--root", sample_copy.root,
    )  # fmt: skip
    assert run.code == 2
    assert WITHDRAWN in run.err and "withdrawn" in run.err and "choose another id" in run.err
    assert not (sample_copy.root / CLASHING).exists()
    run = cli(
        "new", "offer", "--provider", "jarvimaa-uas", "--id", "forklift-safe-operation",
        "--force", "--root", sample_copy.root,
    )  # fmt: skip
    assert run.code == 2 and not (sample_copy.root / CLASHING).exists()


def _clash(run: CliRun) -> list[str]:
    return [line for line in run.out.splitlines() if "[offer-id-duplicate]" in line]


def test_validate_blames_the_uncommitted_file_for_an_id_clash(
    sample_copy: RegisterDir, cli: Cli
) -> None:
    GitRepo.around(sample_copy.root)
    text = clashing_copy(sample_copy.root)
    run = cli("validate", sample_copy.root)
    assert run.code == 1
    line = line_of(text, "id: forklift-safe-operation")
    assert _clash(run) == [
        f"{CLASHING}:{line}:5: error: id: the offer id `forklift-safe-operation` is already "
        f"used by {WITHDRAWN} [offer-id-duplicate]"
    ]
    # The published offer keeps its place in the register.
    result = sample_copy.load()
    assert result.register.offers["forklift-safe-operation"].provider == "levante-logistica"


def test_validate_blames_the_file_committed_later_for_an_id_clash(
    sample_copy: RegisterDir, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo.around(sample_copy.root)
    # A file that sorts before the published one, so that file order alone would blame that.
    new = "offers/atlantic-skills-institute/forklift-safe-operation.yaml"
    text = (sample_copy.root / WITHDRAWN).read_text(encoding="utf-8")
    text = replace(text, "provider: levante-logistica", "provider: atlantic-skills-institute")
    (sample_copy.root / new).write_text(text, encoding="utf-8")
    os.utime(sample_copy.root / new, (1, 1))  # older on disk: the commits decide
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2090-01-01T00:00:00+00:00")
    repo.commit("a copied offer")
    run = cli("validate", sample_copy.root)
    assert [line.split(":")[0] for line in _clash(run)] == [new], run.out


def test_outside_git_the_file_added_last_is_blamed(sample_copy: RegisterDir, cli: Cli) -> None:
    clashing_copy(sample_copy.root)
    os.utime(sample_copy.root / WITHDRAWN, (1_000_000, 1_000_000))
    run = cli("validate", sample_copy.root)
    assert [line.split(":")[0] for line in _clash(run)] == [CLASHING], run.out


# --- 4. A list item indented too far ----------------------------------------------------

STRAY_ITEM = replace(
    OFFER,
    "  - Explain the limits of a statistical indicator to a colleague.",
    "  - Explain the limits of a statistical indicator to a colleague.\n"
    "   - Choose a suitable dressing for a wound.",
)


@pytest.mark.parametrize("quick", [True, False], ids=["quick-path", "careful-path"])
def test_a_list_item_indented_one_space_too_far_is_reported(quick: bool) -> None:
    text = STRAY_ITEM if quick else STRAY_ITEM + "duplicate: 1\nduplicate: 2\n"
    _, found = load_yaml_bytes(text.encode(), OFFER_FILE)
    stray = [p for p in found if p.code == "yaml-list-item-in-text"]
    assert len(stray) == 1, found
    (problem,) = stray
    assert problem.is_error
    assert (problem.line, problem.column) == (line_of(text, "   - Choose"), 4)
    assert problem.field_path == "learning_outcomes[2]"
    assert "align" in problem.hint and "quotes" in problem.hint


def test_a_text_continued_with_a_dash_is_reported(reg: RegisterDir) -> None:
    text = replace(
        OFFER,
        "summary: Read, question and present data in everyday administrative work.",
        "summary: This course covers\n  - reading data\n  - presenting data",
    )
    reg.offer(text)
    (problem,) = problems(reg)
    assert problem.code == "yaml-list-item-in-text"
    assert problem.line == line_of(text, "- reading data")


@pytest.mark.parametrize(
    "summary",
    [
        "summary: 'This course covers\n  - reading data'",
        "summary: |\n  This course covers\n  - reading data",
        "summary: Read - question - present",
        "summary: Read, question\n  and present -- data",
    ],
)
def test_dashes_inside_texts_are_fine(reg: RegisterDir, summary: str) -> None:
    reg.offer(
        replace(
            OFFER,
            "summary: Read, question and present data in everyday administrative work.",
            summary,
        )
    )
    assert problems(reg) == []


# --- 5. Messages a partner can act on ------------------------------------------------------


def test_an_outcome_containing_colon_space_says_to_quote_it(reg: RegisterDir) -> None:
    text = replace(
        OFFER,
        "  - Explain the limits of a statistical indicator to a colleague.",
        "  - Note: recognise the limits of a statistical indicator.",
    )
    reg.offer(text)
    (problem,) = problems(reg)
    assert problem.line == line_of(text, "- Note:")
    assert "ISO 639-1" not in problem.message and "did you mean" not in problem.hint
    assert "`: `" in problem.message
    assert '"Note: recognise the limits of a statistical indicator."' in problem.hint


@pytest.mark.parametrize(
    ("written", "amount", "currency"),
    [("€450", "450", "EUR"), ("450 EUR", "450", "EUR"), ("CHF 450", "450", "CHF"),
     ("450 zł", "450", "PLN"), ("£ 450.50", "450.50", "GBP"), ("450eur", "450", "EUR"),
     ("1.200,50 €", "1200.50", "EUR"), ("1,200 euros", "1200", "EUR")],
)  # fmt: skip
def test_a_currency_in_the_amount_says_to_write_the_currency_code(
    reg: RegisterDir, written: str, amount: str, currency: str
) -> None:
    reg.offer(replace(OFFER, "  amount: 450\n  currency: EUR\n", f"  amount: {written}\n"))
    (problem,) = problems(reg)
    assert problem.field_path == "fee.amount"
    assert f"`amount: {amount}`" in problem.hint and f"`currency: {currency}`" in problem.hint


@pytest.mark.parametrize(
    ("written", "code"),
    [("Finnish", "fi"), ("finnish", "fi"), ("suomi", "fi"), ("Deutsch", "de"),
     ("Français", "fr"), ("Finish", "fi"), ("Greek", "el"), ("Norwegian", "no")],
)  # fmt: skip
def test_a_language_name_gets_its_code(reg: RegisterDir, written: str, code: str) -> None:
    reg.offer(replace(OFFER, "languages: [en, de]", f"languages: [en, {written}]"))
    (problem,) = problems(reg)
    assert problem.field_path == "languages[1]"
    assert problem.hint.startswith(f"did you mean `{code}` (")


def test_a_language_name_as_a_translation_key_gets_its_code(reg: RegisterDir) -> None:
    reg.offer(
        replace(
            OFFER,
            "title: Data literacy for public servants",
            "title:\n  en: Data literacy for public servants\n  Deutsch: Datenkompetenz",
        )
    )
    (problem,) = problems(reg)
    assert problem.field_path == "title.Deutsch"
    assert problem.hint.startswith("did you mean `de` (German)?")


def add_provider(reg: RegisterDir, provider_id: str) -> None:
    reg.write(f"providers/{provider_id}.yaml", PROVIDER.replace("rhine-university", provider_id))


def test_a_misspelt_provider_in_its_own_folder_is_corrected_to_the_folder(
    reg: RegisterDir,
) -> None:
    reg.offer(replace(OFFER, "provider: rhine-university", "provider: rhine-univeristy"))
    (problem,) = problems(reg)
    assert problem.field_path == "provider"
    assert "there is no provider `rhine-univeristy`" in problem.message
    assert problem.hint.startswith("did you mean `rhine-university`?")
    assert "`provider: rhine-university`" in problem.hint
    assert "rhine-univeristy/" not in problem.hint


def test_a_misspelt_provider_folder_gets_a_did_you_mean(reg: RegisterDir) -> None:
    (reg.root / OFFER_FILE).unlink()
    text = replace(OFFER, "provider: rhine-university", "provider: rhine-univ")
    reg.offer(text, provider="rhine-univ")
    (problem,) = problems(reg)
    assert problem.code == "provider-unknown"
    assert problem.hint.startswith("did you mean `rhine-university`?")


@pytest.mark.parametrize("written", ["atlantic", "skills-institute", "atlantic-skils-institute"])
def test_a_short_or_misspelt_awarding_body_gets_a_did_you_mean(
    reg: RegisterDir, written: str
) -> None:
    add_provider(reg, "atlantic-skills-institute")
    reg.offer(
        replace(
            OFFER,
            "learning_outcomes:",
            f"awarding_bodies: [rhine-university, {written}]\nlearning_outcomes:",
        )
    )
    found = [p for p in problems(reg) if p.field_path == "awarding_bodies[1]"]
    assert len(found) == 1 and found[0].hint.startswith(
        "did you mean `atlantic-skills-institute`?"
    ), found


def test_a_short_stacking_target_gets_a_did_you_mean(reg: RegisterDir) -> None:
    other = replace(OFFER, "id: data-literacy-basics", "id: data-stewardship-certificate")
    reg.offer(other, offer_id="data-stewardship-certificate")
    reg.offer(
        replace(
            OFFER,
            "integration:\n  option: standalone",
            "integration:\n  option: stackable\n  towards_offers: [stewardship]",
        )
    )
    (problem,) = [p for p in problems(reg) if p.code == "offer-reference"]
    assert problem.hint.startswith("did you mean `data-stewardship-certificate`?")


@pytest.mark.parametrize(
    ("providers", "offers", "expected"),
    [(1, 1, "1 provider, 1 offer"), (2, 0, "2 providers, 0 offers"), (0, 3, "0 providers, 3 offers")],
)  # fmt: skip
def test_counts_agree_with_their_nouns(providers: int, offers: int, expected: str) -> None:
    assert (
        Summary.of([], providers, offers, 0.5).line() == f"valid: {expected}, 0 warnings (0.50 s)"
    )


def test_validate_and_synth_say_one_provider_one_offer(
    reg: RegisterDir, cli: Cli, tmp_path: Path
) -> None:
    assert cli("validate", reg.root).out.startswith("valid: 1 provider, 1 offer, 0 warnings")
    run = cli("synth", tmp_path / "synthetic", "--offers", "1")
    assert run.out.startswith("wrote 1 offer from 1 provider to ")


def test_a_file_with_an_error_is_not_counted_as_valid(reg: RegisterDir, cli: Cli) -> None:
    reg.offer(replace(OFFER, "  currency: EUR\n", ""))  # an error of the checks, not the types
    run = cli("validate", reg.root)
    assert run.code == 1
    assert run.out.splitlines()[-1].startswith(
        "invalid: 1 error and 0 warnings in 1 file (1 provider, 0 offers valid; "
    )


def test_a_provider_with_an_error_is_not_counted_as_valid(reg: RegisterDir, cli: Cli) -> None:
    reg.write(
        "providers/rhine-university.yaml", replace(PROVIDER, "region: DE-RP", "region: FR-75")
    )
    run = cli("validate", reg.root)
    assert "(0 providers, 1 offer valid; " in run.out.splitlines()[-1], run.out


def test_a_capped_problem_list_counts_the_rest_in_agreement() -> None:
    found = [Problem(OFFER_FILE, Position(), "x", "x") for _ in range(MAX_PROBLEMS_PER_FILE + 1)]
    assert cap_problems(found, OFFER_FILE)[-1].message == "… and 1 more problem like these"
