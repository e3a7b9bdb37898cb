"""National levels and the Europass QDR's NQF list: the transcription, the mapping, the check.

The list is checked against the QDR's own file, `cv/nqf.xsd` beside the LOQ
XML Schema in `../shared/elm/xsd/loq/` (or under `REGISTER_ELM_REFERENCE`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.problems import Severity
from generator.register import load_register
from generator.vocabularies import nqf
from tests.support.registers import OFFER, RegisterDir, line_of, replace

REFERENCE = Path(
    os.environ.get("REGISTER_ELM_REFERENCE", Path(__file__).parents[3] / "shared" / "elm")
)
NQF_XSD = REFERENCE / "xsd" / "loq" / "cv" / "nqf.xsd"
OFFER_FILE = "offers/rhine-university/data-literacy-basics.yaml"


def qdr_list() -> dict[str, str]:
    """URI → label of every concept in the QDR's NQF list."""
    if not NQF_XSD.is_file():
        pytest.skip(f"the QDR's NQF list is not in {NQF_XSD}: set REGISTER_ELM_REFERENCE")
    text = NQF_XSD.read_text(encoding="utf-8")
    pairs = re.findall(
        r'value="([^"]+)">\s*<xs:annotation>\s*<xs:documentation>(.*?)</xs:documentation>',
        text,
        re.S,
    )
    return {uri: " ".join(label.split()) for uri, label in pairs}


def test_every_framework_and_level_is_in_the_qdr_list_with_its_label() -> None:
    listed = qdr_list()
    ours = {framework.uri: framework.label for framework in nqf.FRAMEWORKS}
    for framework in nqf.FRAMEWORKS:
        for level, uri in framework.levels.items():
            ours[uri] = framework.level_label(level)
    assert ours == listed


@pytest.mark.parametrize(
    ("framework", "level", "country", "label"),
    [
        ("Finnish National Qualifications Framework", "6", "FI", "FiNQF Level 6"),
        ("DQR (German Qualifications Framework)", "Level 7", "DE", "DQR Level 7"),
        ("NQR (Austrian National Qualifications Framework)", "4", "AT", "AT: NQF Level 4"),
        ("NFQ (Irish National Framework of Qualifications)", "9", "IE", "IE NQF Level 9"),
        ("VKS (Flemish Qualifications Structure)", "5", "BE", "FQF Level 5"),
        # QNQ is the abbreviation of Italy's and Portugal's frameworks alike.
        ("QNQ (Italian National Qualifications Framework)", "4", "IT", "IT NQF Level 4"),
        ("QNQ (Portuguese National Qualifications Framework)", "4", "PT", "QNQ Level 4"),
        ("QNQ", "5", "IT", "IT NQF Level 5"),
        ("NLQF", "4+", "NL", "NLQF Level 4+"),
        ("NLQF", "4", "NL", "NLQF Level 4"),
        ("RQF", "entry level 3", "GB", "RQF Entry Level 3"),
        ("MQF", "Level A", "MT", "MQF Level A"),
        ("North Macedonian Qualifications Framework", "7a", "MK", "NNMQF Level 7 A"),
        # A framework of another country is still found by its name.
        ("DQR", "6", "FR", "DQR Level 6"),
    ],
)
def test_national_levels_map_to_qdr_concepts(
    framework: str, level: str, country: str, label: str
) -> None:
    resolved = nqf.resolve(framework, level, country).level
    assert resolved is not None
    assert resolved.label == label
    assert resolved.uri in resolved.framework.levels.values()


def test_an_unknown_framework_names_the_countrys_frameworks() -> None:
    resolution = nqf.resolve("Klingon Qualifications Framework", "3", "FR")
    assert resolution.level is None
    assert "not a framework the Europass QDR lists" in resolution.reason
    assert "`French National Qualifications Framework`" in resolution.hint


def test_an_ambiguous_abbreviation_asks_for_the_full_name() -> None:
    resolution = nqf.resolve("QNQ", "5", "FR")
    assert resolution.level is None
    assert "Italian" in resolution.reason and "Portuguese" in resolution.reason
    assert "full name" in resolution.hint


def test_a_level_the_framework_lacks_lists_its_levels() -> None:
    resolution = nqf.resolve("DQR", "9", "DE")
    assert resolution.level is None
    assert "no level `9`" in resolution.reason
    assert "`1`, `2`, `3`, `4`, `5`, `6`, `7`, `8`" in resolution.hint


def test_every_national_level_of_the_sample_maps() -> None:
    result = load_register(Path(__file__).parents[2])
    assert not [p for p in result.problems.items if p.code == "national-level-unmapped"]


def test_validate_warns_about_an_unmapped_level_with_a_hint(reg: RegisterDir) -> None:
    text = replace(
        OFFER,
        "  qf_ehea: first\n",
        "  qf_ehea: first\n  national:\n    framework: DQR\n    level: '9'\n",
    )
    reg.offer(text)
    problems = [p for p in reg.load().problems.items if p.code == "national-level-unmapped"]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.severity is Severity.WARNING
    assert (problem.file, problem.line) == (OFFER_FILE, line_of(text, "national:"))
    assert problem.field_path == "level.national"
    assert "leave the national level out" in problem.message
    assert problem.hint.startswith("write one of its levels")
    assert reg.load().is_valid


def test_a_mapped_level_is_not_reported(reg: RegisterDir) -> None:
    text = replace(
        OFFER,
        "  qf_ehea: first\n",
        "  qf_ehea: first\n  national:\n    framework: DQR\n    level: '6'\n",
    )
    reg.offer(text)
    assert not [p for p in reg.load().problems.items if p.code == "national-level-unmapped"]
