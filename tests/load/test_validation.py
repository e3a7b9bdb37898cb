"""Type errors become problems with file, line, column, field path and hint."""

from __future__ import annotations

from generator.problems import Problem
from tests.support.registers import OFFER, PROVIDER, RegisterDir, line_of, replace

OFFER_FILE = "offers/rhine-university/data-literacy-basics.yaml"


def problems(reg: RegisterDir, code: str) -> list[Problem]:
    return [p for p in reg.load().problems.items if p.code == code]


def one(reg: RegisterDir, code: str) -> Problem:
    found = problems(reg, code)
    assert len(found) == 1, [str(p) for p in reg.load().problems.items]
    return found[0]


def test_base_register_is_valid(reg: RegisterDir) -> None:
    result = reg.load()
    assert result.problems.items == []
    assert list(result.register.offers) == ["data-literacy-basics"]
    assert list(result.register.providers) == ["rhine-university"]


def test_missing_field_points_at_its_map_and_explains_it(reg: RegisterDir) -> None:
    text = replace(OFFER, "workload:\n  ects: 3\n  hours: 80\n", "")
    reg.offer(text)
    problem = one(reg, "missing")
    assert problem.file == OFFER_FILE
    assert problem.field_path == "workload"
    assert problem.line == 1
    assert "required" in problem.message
    assert "add `workload:`" in problem.hint and "Annex I (7)" in problem.hint


def test_missing_nested_field_points_at_the_parent(reg: RegisterDir) -> None:
    text = replace(OFFER, "  mode: blended\n", "")
    reg.offer(text)
    problem = one(reg, "missing")
    assert problem.field_path == "participation.mode"
    assert problem.line == line_of(text, "timing: mixed")
    assert "under `participation`" in problem.hint


def test_misspelt_key_gets_did_you_mean(reg: RegisterDir) -> None:
    text = replace(OFFER, "summary:", "sumary:")
    reg.offer(text)
    unknown = one(reg, "unknown-field")
    assert (unknown.line, unknown.column) == (line_of(text, "sumary:"), 1)
    assert unknown.message == "`sumary` is not a known field"
    assert unknown.hint == "did you mean `summary`?"
    assert one(reg, "missing").field_path == "summary"


def test_misplaced_key_says_where_it_belongs(reg: RegisterDir) -> None:
    text = replace(OFFER, "status: open", "status: open\nects: 3")
    reg.offer(text)
    assert "belongs under `workload`" in one(reg, "unknown-field").hint


def test_unknown_key_without_close_match_lists_allowed_fields(reg: RegisterDir) -> None:
    text = replace(OFFER, "  ects: 3\n", "  ects: 3\n  zzzzz: 1\n")
    reg.offer(text)
    problem = one(reg, "unknown-field")
    assert problem.field_path == "workload.zzzzz"
    assert "`ects`" in problem.hint and "`hours`" in problem.hint


def test_misspelt_code_gets_did_you_mean(reg: RegisterDir) -> None:
    text = replace(OFFER, "mode: blended", "mode: Blended")
    reg.offer(text)
    problem = one(reg, "vocabulary")
    assert problem.line == line_of(text, "mode: Blended")
    assert problem.column == 9
    assert "did you mean `blended`?" in problem.hint


def test_wrong_types_everywhere_are_all_reported(reg: RegisterDir) -> None:
    text = OFFER
    text = replace(text, "ects: 3", "ects: three")
    text = replace(text, "capacity: 25", "capacity: [25]")
    text = replace(text, "languages: [en, de]", "languages: en")
    text = replace(text, "participation:\n  mode: blended", "participation: blended\nx:\n  mode: b")
    reg.offer(text)
    found = {p.field_path: p for p in reg.load().problems.items}
    assert found["workload.ects"].message == "expected a number, found the text `three`"
    assert found["editions[0].capacity"].message == "expected a whole number, found a list"
    assert found["languages"].message == "expected a list, found the text `en`"
    assert found["participation"].message.startswith("expected a map of fields")
    assert found["workload.ects"].line == line_of(text, "ects: three")


def test_out_of_range_numbers(reg: RegisterDir) -> None:
    text = replace(OFFER, "ects: 3", "ects: -2")
    text = replace(text, "eqf: 6", "eqf: 9")
    text = replace(text, "capacity: 25", "capacity: 0")
    reg.offer(text)
    found = {p.field_path: p for p in reg.load().problems.items}
    assert found["workload.ects"].message == "must be more than 0; found -2"
    assert found["level.eqf"].message == "`9` is not an EQF level"
    assert "1 to 8" in found["level.eqf"].hint
    assert found["editions[0].capacity"].message == "must be at least 1; found 0"


def test_non_finite_number_is_refused(reg: RegisterDir) -> None:
    reg.offer(replace(OFFER, "ects: 3", "ects: .nan"))
    assert one(reg, "float-parsing").field_path == "workload.ects"


def test_text_problem_points_at_the_language(reg: RegisterDir) -> None:
    text = replace(
        OFFER,
        "title: Data literacy for public servants",
        "title:\n  en: Data literacy\n  de: <b>Daten</b>",
    )
    reg.offer(text)
    problem = one(reg, "text-html")
    assert problem.field_path == "title.de"
    assert problem.line == line_of(text, "de: <b>")
    assert problem.column == 7


def test_missing_default_language(reg: RegisterDir) -> None:
    text = replace(OFFER, "title: Data literacy for public servants", "title:\n  de: Daten")
    reg.offer(text)
    problem = one(reg, "text-default-language")
    assert "English" in problem.message and "`en: …`" in problem.hint


def test_top_level_list_is_refused(reg: RegisterDir) -> None:
    reg.offer("- id: data-literacy-basics\n- title: x\n")
    problem = one(reg, "file-not-a-map")
    assert (problem.file, problem.line) == (OFFER_FILE, 1)
    assert "a list" in problem.message


def test_top_level_scalar_is_refused(reg: RegisterDir) -> None:
    reg.write("providers/rhine-university.yaml", "Rhine University\n")
    problem = one(reg, "file-not-a-map")
    assert problem.file == "providers/rhine-university.yaml"
    assert "a single value" in problem.message


def test_provider_type_errors(reg: RegisterDir) -> None:
    text = replace(PROVIDER, "type: higher-education-institution", "type: university")
    text = replace(text, "maintainers: [katrin-weber]", "maintainers: []")
    text = replace(text, 'pic: "999123456"', "pic: 12345")
    reg.write("providers/rhine-university.yaml", text)
    found = {p.field_path: p for p in reg.load().problems.items}
    assert found["type"].code == "vocabulary"
    assert found["maintainers"].message == "needs at least 1 item"
    assert found["identifiers.pic"].message == (
        "`12345` is not a valid EU Participant Identification Code (PIC)"
    )
    assert found["identifiers.pic"].hint == "write it like `999884732`"


def test_duplicate_items_in_a_list(reg: RegisterDir) -> None:
    text = replace(OFFER, "languages: [en, de]", "languages: [en, de, en]")
    reg.offer(text)
    problem = one(reg, "duplicate-item")
    assert problem.message == "lists `en` twice"


def test_number_where_a_pic_is_expected_is_accepted(reg: RegisterDir) -> None:
    reg.write(
        "providers/rhine-university.yaml", replace(PROVIDER, 'pic: "999123456"', "pic: 999123456")
    )
    assert reg.load().is_valid


def test_a_quoted_value_cannot_split_or_colour_the_report(reg: RegisterDir) -> None:
    from generator.reporting import github_annotation, text_lines

    reg.write(
        "providers/rhine-university.yaml",
        replace(PROVIDER, 'pic: "999123456"', 'pic: "999\\e[31m123456\\n::error::x"'),
    )
    problem = one(reg, "format")
    first, *_ = text_lines(problem)
    assert "\x1b" not in first and "\n" not in first
    assert "`999\\u001B[31m123456\\n::error::x`" in first
    assert "\n" not in github_annotation(problem)


def test_a_search_part_size_under_one_is_refused(reg: RegisterDir) -> None:
    text = (reg.root / "register.yml").read_text(encoding="utf-8")
    reg.write("register.yml", text + "search_part_size: 0\n")
    found = {p.field_path: p for p in reg.load().problems.items}
    assert found["search_part_size"].message == "must be at least 1; found 0"
    assert found["search_part_size"].file == "register.yml"
