"""Register-wide checks: identities, references, stacking and where files live."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from generator.load import checks
from generator.load.checks import Record
from generator.models import Offer, RegisterConfig
from generator.problems import Problem, ProblemList, Severity
from generator.register import RecordCache, load_register
from generator.reporting import describe
from tests.support.registers import CONFIG, OFFER, PROVIDER, RegisterDir, line_of, replace


def found(reg: RegisterDir, code: str) -> list[Problem]:
    return [p for p in reg.load().problems.items if p.code == code]


def one(reg: RegisterDir, code: str) -> Problem:
    items = found(reg, code)
    assert len(items) == 1, [f"{p.file} {p.code}: {p.message}" for p in reg.load().problems.items]
    return items[0]


def second_offer(
    reg: RegisterDir,
    offer_id: str,
    extra: str = "",
    provider: str = "rhine-university",
    base: str = OFFER,
) -> str:
    text = replace(base, "id: data-literacy-basics", f"id: {offer_id}")
    text = replace(text, "provider: rhine-university", f"provider: {provider}")
    text += extra
    reg.offer(text, offer_id=offer_id, provider=provider)
    return text


def stacking(*targets: str) -> str:
    return "integration:\n  option: stackable\n  towards_offers: [" + ", ".join(targets) + "]\n"


def with_integration(text: str, integration: str) -> str:
    return replace(text, "integration:\n  option: standalone\n", integration)


# --- Identity -----------------------------------------------------------------------


def test_id_must_equal_file_name(reg: RegisterDir) -> None:
    reg.offer(OFFER, offer_id="data-literacy")
    problem = one(reg, "id-file-name")
    assert problem.file == "offers/rhine-university/data-literacy.yaml"
    assert problem.line == 1
    assert "`data-literacy-basics.yaml`" in problem.hint


def test_provider_must_equal_folder(reg: RegisterDir) -> None:
    (reg.root / "offers/rhine-university/data-literacy-basics.yaml").unlink()
    reg.write(
        "providers/danube-college.yaml", PROVIDER.replace("rhine-university", "danube-college")
    )
    reg.offer(OFFER, provider="danube-college")
    problem = one(reg, "provider-folder")
    assert problem.line == line_of(OFFER, "provider:")
    assert "folder `danube-college`" in problem.message


def test_provider_id_must_equal_file_name(reg: RegisterDir) -> None:
    (reg.root / "providers/rhine-university.yaml").rename(reg.root / "providers/rhine.yaml")
    assert one(reg, "id-file-name").file == "providers/rhine.yaml"


def added_long_ago(reg: RegisterDir, *files: str) -> None:
    """Date the register's files back, so that a file written now is the newer one."""
    for file in files:
        os.utime(reg.root / file, (1_000_000, 1_000_000))


def test_offer_ids_are_unique_across_providers(reg: RegisterDir) -> None:
    added_long_ago(reg, "offers/rhine-university/data-literacy-basics.yaml")
    reg.write(
        "providers/danube-college.yaml", PROVIDER.replace("rhine-university", "danube-college")
    )
    text = replace(OFFER, "provider: rhine-university", "provider: danube-college")
    reg.offer(text, provider="danube-college")
    # Outside git, the file written last is the new one, the one whose id must change.
    problem = one(reg, "offer-id-duplicate")
    assert problem.file == "offers/danube-college/data-literacy-basics.yaml"
    assert "offers/rhine-university/data-literacy-basics.yaml" in problem.message
    assert reg.load().register.offers["data-literacy-basics"].provider == "rhine-university"


def test_provider_ids_are_unique(reg: RegisterDir) -> None:
    added_long_ago(reg, "providers/rhine-university.yaml")
    reg.write("providers/rhine-copy.yaml", PROVIDER)
    problems = found(reg, "provider-id-duplicate") + found(reg, "id-file-name")
    assert {(p.file, p.code) for p in problems} == {
        ("providers/rhine-copy.yaml", "provider-id-duplicate"),
        ("providers/rhine-copy.yaml", "id-file-name"),
    }


# --- References ----------------------------------------------------------------------


def test_offer_of_a_missing_provider(reg: RegisterDir) -> None:
    (reg.root / "providers/rhine-university.yaml").unlink()
    problem = one(reg, "provider-unknown")
    assert "providers/rhine-university.yaml" in problem.hint


def test_awarding_body_must_exist(reg: RegisterDir) -> None:
    text = replace(
        OFFER,
        "learning_outcomes:",
        "awarding_bodies: [rhine-university, rhine-univ]\nlearning_outcomes:",
    )
    reg.offer(text)
    problem = one(reg, "provider-reference")
    assert problem.field_path == "awarding_bodies[1]"
    assert problem.line == line_of(text, "awarding_bodies")
    assert problem.hint == "did you mean `rhine-university`?"


def test_joint_award_lists_the_offer_for_every_awarding_body(reg: RegisterDir) -> None:
    reg.write(
        "providers/danube-college.yaml", PROVIDER.replace("rhine-university", "danube-college")
    )
    reg.offer(
        replace(
            OFFER,
            "learning_outcomes:",
            "awarding_bodies: [rhine-university, danube-college]\nlearning_outcomes:",
        )
    )
    register = reg.load().register
    assert [o.id for o in register.offers_of("danube-college")] == ["data-literacy-basics"]


def test_stacking_target_must_exist(reg: RegisterDir) -> None:
    reg.offer(with_integration(OFFER, stacking("data-science-certificate")))
    problem = one(reg, "offer-reference")
    assert problem.field_path == "integration.towards_offers[0]"
    assert "`data-science-certificate`" in problem.message


def test_offer_cannot_stack_towards_itself(reg: RegisterDir) -> None:
    reg.offer(with_integration(OFFER, stacking("data-literacy-basics")))
    assert one(reg, "stacking-self").field_path == "integration.towards_offers[0]"


def test_stacking_cycles_are_refused(reg: RegisterDir) -> None:
    reg.offer(with_integration(OFFER, stacking("chart-design")))
    second_offer(reg, "chart-design", base=with_integration(OFFER, stacking("statistics-101")))
    second_offer(
        reg, "statistics-101", base=with_integration(OFFER, stacking("data-literacy-basics"))
    )
    problem = one(reg, "stacking-cycle")
    assert problem.message == (
        "stacking goes round in a circle: "
        "chart-design → statistics-101 → data-literacy-basics → chart-design"
    )
    assert problem.file == "offers/rhine-university/data-literacy-basics.yaml"


def test_stacking_chain_without_cycle_is_valid(reg: RegisterDir) -> None:
    reg.offer(with_integration(OFFER, stacking("chart-design", "statistics-101")))
    second_offer(reg, "chart-design", base=with_integration(OFFER, stacking("statistics-101")))
    second_offer(reg, "statistics-101")
    assert reg.load().is_valid


def test_stacking_towards_withdrawn_offer_warns(reg: RegisterDir) -> None:
    reg.offer(with_integration(OFFER, stacking("old-course")))
    withdrawn = replace(
        OFFER,
        "status: open",
        "status: withdrawn\nwithdrawal:\n  date: 2026-01-01\n  reason: Merged into another course.",
    )
    second_offer(reg, "old-course", base=withdrawn)
    assert one(reg, "stacking-withdrawn").severity is Severity.WARNING


def test_replacement_links_resolve_and_agree(reg: RegisterDir) -> None:
    reg.offer(OFFER + "replaced_by: data-literacy-2027\n")
    second_offer(reg, "data-literacy-2027")
    problem = one(reg, "replacement-asymmetric")
    assert problem.severity is Severity.WARNING
    assert "replaces: data-literacy-basics" in problem.hint
    second_offer(reg, "data-literacy-2027", extra="replaces: data-literacy-basics\n")
    assert reg.load().is_valid


def test_replacement_must_name_an_existing_other_offer(reg: RegisterDir) -> None:
    reg.offer(OFFER + "replaces: data-literacy-2020\n")
    assert one(reg, "offer-reference").field_path == "replaces"
    reg.offer(OFFER + "replaced_by: data-literacy-basics\n")
    assert one(reg, "replacement-self")


# --- Files and folders ------------------------------------------------------------------


def test_yml_extension_is_reported(reg: RegisterDir) -> None:
    reg.write("offers/rhine-university/other.yml", OFFER)
    reg.write("providers/other.yml", PROVIDER)
    problems = found(reg, "file-extension")
    assert {p.file for p in problems} == {
        "offers/rhine-university/other.yml",
        "providers/other.yml",
    }
    assert all("rename it to `other.yaml`" in p.hint for p in problems)


def test_offer_outside_a_provider_folder_is_reported(reg: RegisterDir) -> None:
    reg.write("offers/loose.yaml", OFFER)
    reg.write("offers/rhine-university/2026/nested.yaml", OFFER)
    assert {p.file for p in found(reg, "misplaced-offer")} == {
        "offers/loose.yaml",
        "offers/rhine-university/2026/nested.yaml",
    }


def test_other_files_are_reported_as_not_read_and_hidden_drafts_left_alone(
    reg: RegisterDir,
) -> None:
    reg.write("offers/README.md", "# Offers\n")
    reg.write("providers/notes.txt", "notes\n")
    reg.write("offers/rhine-university/.draft.yaml", "broken: [")
    result = reg.load()
    assert result.is_valid
    assert {(p.file, p.code, p.severity) for p in result.problems.items} == {
        ("offers/README.md", "file-not-read", Severity.WARNING),
        ("providers/notes.txt", "file-not-read", Severity.WARNING),
    }


def test_missing_folders_are_reported(reg: RegisterDir) -> None:
    import shutil

    shutil.rmtree(reg.root / "offers")
    problem = one(reg, "folder-missing")
    assert problem.file == "offers/"
    assert describe(problem) == "the folder is missing"


def test_broken_file_does_not_hide_problems_elsewhere(reg: RegisterDir) -> None:
    reg.write("providers/broken.yaml", "id: broken\nname: [\n")
    reg.offer(replace(OFFER, "eqf: 6", "eqf: 9"))
    files = {p.file for p in reg.load().problems.errors}
    assert files == {"providers/broken.yaml", "offers/rhine-university/data-literacy-basics.yaml"}


# --- Configuration --------------------------------------------------------------------


def test_config_problems_are_located(reg: RegisterDir) -> None:
    text = replace(CONFIG, "languages: [en, de, fr]", "languages: [de, fr]")
    text = replace(text, "site_url: https://register.example.eu/", "site_url: register.example.eu")
    reg.write("register.yml", text)
    problems = {p.code: p for p in reg.load().problems.items}
    assert problems["url-scheme"].file == "register.yml"
    assert problems["url-scheme"].line == line_of(text, "site_url")


def test_default_language_must_be_offered(reg: RegisterDir) -> None:
    reg.write("register.yml", replace(CONFIG, "languages: [en, de, fr]", "languages: [de, fr]"))
    assert one(reg, "config-languages").hint == "add `en` to `languages`"


def test_default_language_applies_to_plain_texts(reg: RegisterDir) -> None:
    text = replace(CONFIG, "default_language: en", "default_language: de")
    reg.write("register.yml", replace(text, "name: Test Register", "name: Testregister"))
    result = reg.load()
    assert result.is_valid
    offer = result.register.offers["data-literacy-basics"]
    assert offer.title.texts == {"de": "Data literacy for public servants"}
    # A language map must now include German.
    reg.offer(
        replace(OFFER, "title: Data literacy for public servants", "title:\n  en: Data literacy")
    )
    assert one(reg, "text-default-language")


def test_missing_config_is_an_error_and_the_records_are_still_checked(
    reg: RegisterDir,
) -> None:
    (reg.root / "register.yml").unlink()
    reg.offer(replace(OFFER, "ects: 3", "ects: three"))
    result = reg.load()
    assert [(p.code, p.file) for p in result.problems.errors] == [
        ("config-missing", "register.yml"),
        ("float-parsing", "offers/rhine-university/data-literacy-basics.yaml"),
    ]


def test_unsafe_data_folder_is_refused(reg: RegisterDir) -> None:
    reg.write("register.yml", CONFIG + "offers_dir: ../elsewhere\n")
    assert one(reg, "path-format").file == "register.yml"


def test_a_record_cache_reloads_only_changed_files_and_reports_the_same(reg: RegisterDir) -> None:
    cache = RecordCache()
    first = load_register(reg.root, cache)
    assert first.is_valid
    offer_file = reg.root / "offers/rhine-university/data-literacy-basics.yaml"
    provider = first.register.providers["rhine-university"]
    offer_file.write_text(replace(OFFER, "ects: 3", "ects: three"), encoding="utf-8")
    cached = load_register(reg.root, cache)
    fresh = load_register(reg.root)
    assert cached.problems.sorted() == fresh.problems.sorted()
    assert [p.code for p in cached.problems.errors] == ["float-parsing"]
    assert cached.register.providers["rhine-university"] is provider  # not read again
    offer_file.write_text(OFFER, encoding="utf-8")
    again = load_register(reg.root, cache)
    assert again.is_valid and again.register.offers.keys() == first.register.offers.keys()


def test_a_record_cache_keeps_the_checks_of_unchanged_records_for_one_config_and_day(
    reg: RegisterDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checks, "validation_today", lambda: date(2026, 5, 1))  # before the review
    cache = RecordCache()
    runs: list[str] = []
    real_check = checks.check_offer

    def counted(record: Record[Offer], config: RegisterConfig) -> list[Problem]:
        runs.append(record.model.id)
        return real_check(record, config)

    monkeypatch.setattr(checks, "check_offer", counted)
    first = load_register(reg.root, cache)
    assert [p.code for p in first.problems.errors] == ["date-in-future"]
    again = load_register(reg.root, cache)
    assert runs == ["data-literacy-basics"]  # the unchanged record was not checked again
    assert again.problems.sorted() == first.problems.sorted()
    # A new day judges "in the future" again: the review has now happened.
    monkeypatch.setattr(checks, "validation_today", lambda: date(2026, 6, 2))
    assert load_register(reg.root, cache).is_valid
    assert runs == ["data-literacy-basics"] * 2
    # So does another configuration.
    reg.write("register.yml", CONFIG + "staff_development: exclude\n")
    load_register(reg.root, cache)
    assert runs == ["data-literacy-basics"] * 3


def test_a_load_told_which_files_changed_lists_no_folder_and_finds_what_a_full_load_finds(
    reg: RegisterDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.register as register_module

    cache = RecordCache()
    load_register(reg.root, cache)
    listed: list[Path] = []
    real_offer_files = register_module.offer_files

    def counted(root: Path, folder: Path, problems: ProblemList) -> list[Path]:
        listed.append(folder)
        return real_offer_files(root, folder, problems)

    monkeypatch.setattr(register_module, "offer_files", counted)
    offer_file = reg.root / "offers/rhine-university/data-literacy-basics.yaml"
    offer_file.write_text(replace(OFFER, "ects: 3", "ects: three"), encoding="utf-8")
    told = load_register(reg.root, cache, [offer_file])
    assert listed == []
    assert [p.code for p in told.problems.errors] == ["float-parsing"]
    assert told.problems.sorted() == load_register(reg.root).problems.sorted()

    # A file the last load did not find: the folders are listed again.
    listed.clear()
    new_file = reg.offer(
        replace(OFFER, "id: data-literacy-basics", "id: data-literacy-advanced"),
        offer_id="data-literacy-advanced",
    )
    found = load_register(reg.root, cache, [new_file])
    assert len(listed) == 1
    assert "data-literacy-advanced" in found.register.offers
