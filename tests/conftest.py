"""Shared fixtures: a small valid register to break in each test, and CLI runners."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main
from generator.register import LoadResult, load_register

REPO = Path(__file__).resolve().parents[1]

CONFIG = """\
name: Test Register of Micro-credentials
publisher:
  name: Test Alliance
site_url: https://register.example.eu/
default_language: en
languages: [en, de, fr]
editors: [register-editor]
"""

PROVIDER = """\
id: rhine-university
name:
  en: Rhine University of Applied Sciences
  de: Hochschule Rhein
short_name: RUAS
type: higher-education-institution
country: DE
region: DE-RP
identifiers:
  erasmus_code: D  KOBLENZ02
  pic: "999123456"
  schac: hs-rhein.de
website: https://www.hs-rhein.de/
contact: weiterbildung@hs-rhein.de
quality_assurance:
  internal: Every course is reviewed each year by the study commission using learner surveys.
  external:
    - agency: AQAS
      framework: esg
      report_url: https://www.aqas.de/reports/hs-rhein
recognition_policy:
  recognises_external: true
  purposes: [credit-transfer, recognition-of-prior-learning]
  max_credit_ects: 30
  procedure: Apply to the examination office with the credential and its Annex I description.
  decision_days: 30
  contact: anerkennung@hs-rhein.de
  policy_url: https://www.hs-rhein.de/anerkennung
  adopted: 2024-03-12
maintainers: [katrin-weber]
"""

OFFER = """\
id: data-literacy-basics
provider: rhine-university
title: Data literacy for public servants
summary: Read, question and present data in everyday administrative work.
provision: lifelong-learning
recognition: micro-credential
learning_opportunity_type: course
learner_identification:
  identified_by: [full-name, date-of-birth]
  verification: Photo ID checked at the onsite exam.
issuance:
  timing: Within 10 working days of passing the final assessment.
  within_days: 14
learning_outcomes:
  - Clean and document a tabular data set for reuse.
  - statement: Choose a suitable chart for a given question.
    esco_skills: [http://data.europa.eu/esco/skill/2d3a6f77-8c2b-4c6f-9c6e-0b9d1c6a2f11]
  - Explain the limits of a statistical indicator to a colleague.
workload:
  ects: 3
  hours: 80
level:
  eqf: 6
  qf_ehea: first
assessment:
  types: [project-work, oral-exam]
  description: A data report on an open data set, discussed in a 15-minute oral exam.
participation:
  mode: blended
  timing: mixed
  schedule: part-time-light
  location: Campus Koblenz
quality_assurance:
  types: [internal, external]
  description: Covered by the university's ESG-accredited internal quality assurance.
supervision: onsite-id-verification
integration:
  option: standalone
languages: [en, de]
field: "0688"
editions:
  - start: 2026-09-01
    end: 2026-11-30
    application_deadline: 2026-07-15
    capacity: 25
fee:
  amount: 450
  currency: EUR
credential_formats: [european-digital-credential]
url: https://www.hs-rhein.de/data-literacy
status: open
last_reviewed: 2026-06-01
"""


@dataclass
class RegisterDir:
    """A temporary register on disk, with helpers to edit it and validate it."""

    root: Path

    def write(self, relative: str, text: str) -> Path:
        """Write a file (dedented) relative to the register root."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def write_bytes(self, relative: str, data: bytes) -> Path:
        """Write raw bytes relative to the register root."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def offer(
        self,
        text: str = OFFER,
        offer_id: str = "data-literacy-basics",
        provider: str = "rhine-university",
    ) -> Path:
        """Write an offer file at its canonical place."""
        return self.write(f"offers/{provider}/{offer_id}.yaml", text)

    def load(self) -> LoadResult:
        """Load and validate the register."""
        return load_register(self.root)


@pytest.fixture
def reg(tmp_path: Path) -> RegisterDir:
    """A valid register with one provider and one offer, in a temporary folder."""
    register = RegisterDir(tmp_path / "register")
    register.write("register.yml", CONFIG)
    register.write("providers/rhine-university.yaml", PROVIDER)
    register.offer()
    return register


@pytest.fixture
def sample_copy(tmp_path: Path) -> RegisterDir:
    """A copy of the shipped sample register, with what it takes to build its site."""
    root = tmp_path / "sample"
    root.mkdir()
    for name in ("register.yml", "mkdocs.yml"):
        shutil.copy(REPO / name, root / name)
    for folder in ("providers", "offers", "schemas", "docs", "theme_overrides"):
        shutil.copytree(REPO / folder, root / folder)
    return RegisterDir(root)


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of `text` on which `fragment` first appears."""
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in text")


def replace(text: str, old: str, new: str) -> str:
    """`text` with one exact occurrence of `old` replaced (fails loudly if absent)."""
    assert old in text, f"{old!r} not in text"
    return text.replace(old, new, 1)


@dataclass
class CliRun:
    """The outcome of running the command line in-process."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliRun]:
    """Run `register …` in-process and capture its output."""

    def run(*args: str | Path) -> CliRun:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run
