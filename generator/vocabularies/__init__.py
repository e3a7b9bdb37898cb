"""Controlled vocabularies: every code list the register uses, as data.

Models validate against these, pages show their labels and exports use their
URIs. Where the European Union publishes a vocabulary (EU Vocabularies under
`http://data.europa.eu/snb/…`, used by Europass and the European Learning
Model, or the Publications Office authority tables), each entry carries the
official URI; where no official vocabulary exists the URI is left empty rather
than invented.

ISO 3166-1 countries, ISO 3166-2 subdivisions, ISO 639-1 languages and ISO 4217
currencies come from `pycountry`, never from hand-typed lists; so do the names of
languages (in English and in the language itself) and of currencies, by which a
partner who writes `Finnish` or `€` is told the code. Only currency symbols, which
ISO 4217 does not list, are written out here.
"""

from __future__ import annotations

import difflib
import gettext
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property

import pycountry

SNB = "http://data.europa.eu/snb"
AUTHORITY = "http://publications.europa.eu/resource/authority"


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary: the code partners write, its label and official URI."""

    code: str
    label: str
    uri: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Vocabulary:
    """A named, ordered list of terms."""

    name: str
    label: str
    terms: tuple[Term, ...]
    scheme_uri: str | None = None

    @property
    def codes(self) -> list[str]:
        """The codes, in the vocabulary's order."""
        return [term.code for term in self.terms]

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._index

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def get(self, code: str) -> Term | None:
        """The term with this code, or None."""
        return self._index.get(code)

    def label_of(self, code: str) -> str:
        """The English label of a code (the code itself when unknown)."""
        term = self.get(code)
        return term.label if term else code

    @cached_property
    def _index(self) -> dict[str, Term]:
        # Built once per vocabulary (cached_property writes past the frozen dataclass's guard).
        return {term.code: term for term in self.terms}


def _vocabulary(
    name: str, label: str, terms: list[tuple[str, str, str | None]], scheme: str | None = None
) -> Vocabulary:
    return Vocabulary(name, label, tuple(Term(c, lbl, uri) for c, lbl, uri in terms), scheme)


# --- Levels -----------------------------------------------------------------

EQF_LEVELS = _vocabulary(
    "eqf-level",
    "European Qualifications Framework level",
    [(str(n), f"EQF level {n}", f"{SNB}/eqf/{n}") for n in range(1, 9)],
    f"{SNB}/eqf/25831c2",
)

QF_EHEA_CYCLES = _vocabulary(
    "qf-ehea-cycle",
    "Cycle of the Qualifications Framework of the European Higher Education Area",
    [
        ("short", "Short cycle (within or linked to the first cycle)", None),
        ("first", "First cycle (bachelor level)", None),
        ("second", "Second cycle (master level)", None),
        ("third", "Third cycle (doctoral level)", None),
    ],
)

EQF_NOT_APPLICABLE = "not-applicable"
"""What an offer writes for `level.eqf` when it is not levelled in the EQF (Annex I asks for
a level "if applicable")."""


def eqf_label(level: int | str) -> str:
    """An offer's EQF level in words: "EQF level 6", or "Not levelled in the EQF"."""
    return "Not levelled in the EQF" if level == EQF_NOT_APPLICABLE else f"EQF level {level}"


def eqf_short_label(level: int | str) -> str:
    """The EQF level in a list or a filter: "EQF 6", or "Not levelled"."""
    return "Not levelled" if level == EQF_NOT_APPLICABLE else f"EQF {level}"


EQF_SHORT_LABELS: tuple[str, ...] = tuple(
    [eqf_short_label(n) for n in range(1, 9)] + [eqf_short_label(EQF_NOT_APPLICABLE)]
)
"""Every short EQF label, in level order (the search filter's and the chart's order)."""

# The EQF level each QF-EHEA cycle corresponds to (Bologna/EQF self-certification).
QF_EHEA_EQF_LEVEL: dict[str, int] = {"short": 5, "first": 6, "second": 7, "third": 8}

# --- Annex I elements -------------------------------------------------------

SUPERVISION = _vocabulary(
    "supervision-verification",
    "Supervision and identity verification during assessment (Annex I)",
    [
        (
            "unsupervised-no-id-verification",
            "Unsupervised with no identity verification",
            f"{SNB}/supervision-verification/c598449d64",
        ),
        (
            "supervised-no-id-verification",
            "Supervised with no identity verification",
            f"{SNB}/supervision-verification/44314532f9",
        ),
        # ELM has no concept for online supervision; its "Supervised with ID Verification"
        # matches onsite assessment with identity checks.
        ("supervised-online", "Supervised online", None),
        (
            "onsite-id-verification",
            "Onsite with identity verification",
            f"{SNB}/supervision-verification/70be69aaf9",
        ),
    ],
    f"{SNB}/supervision-verification/25831c2",
)

ASSESSMENT_TYPES = _vocabulary(
    "assessment-type",
    "Type of assessment",
    [
        ("written-exam", "Written examination", f"{SNB}/assessment/6e6cb2cc78"),
        ("oral-exam", "Oral examination", f"{SNB}/assessment/d30284d7df"),
        ("quiz", "Quiz or online test", f"{SNB}/assessment/b1b68f6735"),
        ("practical-assessment", "Practical assessment", f"{SNB}/assessment/6a4db9f11d"),
        ("project-work", "Project work", f"{SNB}/assessment/795dac4096"),
        ("portfolio", "Portfolio", f"{SNB}/assessment/4f03b91c0e"),
        ("marked-assignment", "Marked assignment", f"{SNB}/assessment/2939dae15f"),
        ("continuous-evaluation", "Continuous evaluation", f"{SNB}/assessment/3484bd7e51"),
        ("peer-assessment", "Peer assessment", f"{SNB}/assessment/19a2e5e671"),
        ("artefact-assessment", "Artefact assessment", f"{SNB}/assessment/de4d165a6c"),
        ("presentation", "Presentation", None),
        ("workplace-assessment", "Workplace-based assessment", None),
        (
            "attendance-only",
            "No assessment: level of attendance only",
            f"{SNB}/assessment/7331eb4762",
        ),
    ],
    f"{SNB}/assessment/25831c2",
)

PARTICIPATION_MODES = _vocabulary(
    "participation-mode",
    "Form of participation (mode of learning)",
    [
        ("online", "Online", f"{SNB}/learning-assessment/920fbb3cbe"),
        ("onsite", "Onsite (in person)", f"{SNB}/learning-assessment/9191af2ed9"),
        ("blended", "Blended (online and onsite)", f"{SNB}/learning-assessment/e92d221e4d"),
    ],
    f"{SNB}/learning-assessment/25831c2",
)

PARTICIPATION_TIMINGS = _vocabulary(
    "participation-timing",
    "Timing of participation",
    [
        ("synchronous", "Synchronous (scheduled sessions)", None),
        ("asynchronous", "Asynchronous (at the learner's own pace)", None),
        ("mixed", "Mixed synchronous and asynchronous", None),
    ],
)

LEARNING_SCHEDULES = _vocabulary(
    "learning-schedule",
    "Learning schedule",
    [
        (
            "full-time",
            "Full-time (more than 30 hours a week)",
            f"{SNB}/learning-schedule/72a0ab92fa",
        ),
        (
            "part-time-intensive",
            "Part-time intensive (8 to 30 hours a week)",
            f"{SNB}/learning-schedule/f230bae523",
        ),
        (
            "part-time-light",
            "Part-time light (less than 8 hours a week)",
            f"{SNB}/learning-schedule/67395e6b5a",
        ),
    ],
    f"{SNB}/learning-schedule/25831c2",
)

QUALITY_ASSURANCE_TYPES = _vocabulary(
    "quality-assurance-type",
    "Type of quality assurance",
    [
        ("internal", "Internal quality assurance", None),
        ("external", "External quality assurance", None),
    ],
)

QUALITY_FRAMEWORKS = _vocabulary(
    "quality-framework",
    "Quality assurance framework",
    [
        ("esg", "Standards and Guidelines for Quality Assurance in the EHEA (ESG)", None),
        ("eqavet", "European Quality Assurance Reference Framework for VET (EQAVET)", None),
        ("eqf-annex-iv", "EQF Recommendation, Annex IV principles", None),
        ("iso-9001", "ISO 9001 quality management", None),
        ("iso-21001", "ISO 21001 management systems for educational organisations", None),
        ("national", "National quality assurance framework", None),
        ("label", "Quality label or registry", None),
        ("other", "Other quality assurance framework", None),
    ],
)

INTEGRATION_OPTIONS = _vocabulary(
    "integration-option",
    "Integration/stackability option (Annex I)",
    [
        ("standalone", "Standalone, independent micro-credential", None),
        ("integrated", "Integrated in a larger programme or credential", None),
        ("stackable", "Stackable towards another credential", None),
    ],
)

LEARNER_IDENTIFIERS = _vocabulary(
    "learner-identifier",
    "How an issued credential identifies its holder",
    [
        ("full-name", "Full name", None),
        ("date-of-birth", "Date of birth", None),
        ("place-of-birth", "Place of birth", None),
        ("student-number", "Student or learner number", None),
        ("national-id", "National identification number", None),
        ("email", "Email address", None),
        ("eidas", "eIDAS electronic identity", None),
        ("europass-account", "Europass account", None),
    ],
)

# --- Classification (ENLIGHT framework, ETF brief) --------------------------

PROVISION_TYPES = _vocabulary(
    "provision",
    "Kind of provision",
    [
        ("lifelong-learning", "Lifelong-learning provision (external educational mission)", None),
        ("staff-development", "Staff development (internal capacity building)", None),
    ],
)

RECOGNITION_FORMS = _vocabulary(
    "recognition-form",
    "Form of recognition",
    [
        ("micro-credential", "Micro-credential", None),
        ("certificate", "Certificate", None),
        ("digital-badge", "Digital badge", None),
        ("ects-credits", "ECTS credits", None),
        ("certificate-of-participation", "Certificate of participation or attendance", None),
    ],
)

LEARNING_OPPORTUNITY_TYPES = _vocabulary(
    "learning-opportunity-type",
    "Type of learning opportunity",
    [
        ("course", "Course", f"{SNB}/learning-opportunity/05053c1cbe"),
        ("programme-module", "Programme module", f"{SNB}/learning-opportunity/0f7dac46ca"),
        (
            "short-learning-programme",
            "Short learning programme",
            f"{SNB}/learning-opportunity/74a4a268e8",
        ),
        ("mooc", "Massive open online course (MOOC)", f"{SNB}/learning-opportunity/17744a2647"),
        ("internship", "Internship", f"{SNB}/learning-opportunity/77b99de990"),
        ("apprenticeship", "Apprenticeship", f"{SNB}/learning-opportunity/63f9f6180c"),
        ("study-visit", "Study visit", f"{SNB}/learning-opportunity/65a4cf5de2"),
        ("summer-school", "Summer or winter school", None),
        ("workshop", "Workshop", None),
        ("bootcamp", "Bootcamp", None),
    ],
    f"{SNB}/learning-opportunity/25831c2",
)

LEARNING_SETTINGS = _vocabulary(
    "learning-setting",
    "Learning setting",
    [
        ("formal", "Formal learning", f"{SNB}/learning-setting/6fd4685715"),
        ("non-formal", "Non-formal learning", f"{SNB}/learning-setting/e207a81fc7"),
    ],
    f"{SNB}/learning-setting/25831c2",
)

CREDIT_SYSTEMS = _vocabulary(
    "credit-system",
    "Credit system",
    [
        (
            "ects",
            "European Credit Transfer and Accumulation System (ECTS)",
            f"{SNB}/education-credit/6fcec5c5af",
        ),
        (
            "ecvet",
            "European Credit system for Vocational Education and Training (ECVET)",
            f"{SNB}/education-credit/60b314e826",
        ),
        ("national", "National credit system", None),
        ("hours", "Notional learning hours (no credit system)", None),
    ],
    f"{SNB}/education-credit/25831c2",
)

CREDENTIAL_FORMATS = _vocabulary(
    "credential-format",
    "Format of the issued credential",
    [
        ("european-digital-credential", "European Digital Credential (EDC, Europass)", None),
        ("open-badge", "Open Badge", None),
        ("verifiable-credential", "W3C Verifiable Credential", None),
        ("signed-pdf", "Digitally signed PDF", None),
        ("paper-certificate", "Paper certificate", None),
        ("transcript", "Transcript of records entry", None),
    ],
)

OFFER_STATUSES = _vocabulary(
    "offer-status",
    "Status of the offer",
    [
        ("announced", "Announced (not yet open for applications)", None),
        ("open", "Open for applications", None),
        ("closed", "Closed (no edition currently open)", None),
        ("withdrawn", "Withdrawn (kept as a tombstone)", None),
    ],
)

# --- Providers and recognition policy ---------------------------------------

PROVIDER_TYPES = _vocabulary(
    "provider-type",
    "Kind of provider (Council Recommendation §5(b))",
    [
        ("higher-education-institution", "Higher education institution", None),
        ("vet-provider", "Vocational education and training provider", None),
        ("education-training-organisation", "Other education and training organisation", None),
        ("social-partner", "Social partner (organisation representing workers or employers)", None),
        ("employer", "Employer or industry", None),
        ("civil-society-organisation", "Civil society organisation", None),
        ("public-authority", "National or regional authority", None),
        ("other", "Other provider", None),
    ],
)

RECOGNITION_PURPOSES = _vocabulary(
    "recognition-purpose",
    "Purpose for which external micro-credentials are recognised",
    [
        ("admission", "Admission to a programme", None),
        ("credit-transfer", "Credit transfer towards a programme", None),
        ("exemption", "Exemption from part of a programme", None),
        ("recognition-of-prior-learning", "Recognition of prior learning", None),
        ("employment", "Employment and career progression", None),
    ],
)

# ADMS publisher types, which DCAT-AP recommends for the catalogue's publisher.
ADMS_PUBLISHER_TYPE = "http://purl.org/adms/publishertype"
PUBLISHER_TYPES = _vocabulary(
    "publisher-type",
    "Kind of organisation publishing the register (ADMS publisher type)",
    [
        (
            "academia",
            "Academia or scientific organisation",
            f"{ADMS_PUBLISHER_TYPE}/Academia-ScientificOrganisation",
        ),
        ("company", "Company", f"{ADMS_PUBLISHER_TYPE}/Company"),
        ("industry-consortium", "Industry consortium", f"{ADMS_PUBLISHER_TYPE}/IndustryConsortium"),
        ("local-authority", "Local authority", f"{ADMS_PUBLISHER_TYPE}/LocalAuthority"),
        ("national-authority", "National authority", f"{ADMS_PUBLISHER_TYPE}/NationalAuthority"),
        (
            "non-governmental-organisation",
            "Non-governmental organisation",
            f"{ADMS_PUBLISHER_TYPE}/NonGovernmentalOrganisation",
        ),
        (
            "non-profit-organisation",
            "Non-profit organisation",
            f"{ADMS_PUBLISHER_TYPE}/NonProfitOrganisation",
        ),
        ("regional-authority", "Regional authority", f"{ADMS_PUBLISHER_TYPE}/RegionalAuthority"),
        (
            "standardisation-body",
            "Standardisation body",
            f"{ADMS_PUBLISHER_TYPE}/StandardisationBody",
        ),
        (
            "supra-national-authority",
            "Supra-national authority",
            f"{ADMS_PUBLISHER_TYPE}/SupraNationalAuthority",
        ),
    ],
    ADMS_PUBLISHER_TYPE,
)

ADMS_LICENCE_TYPE = "http://purl.org/adms/licencetype"
_CREATIVE_COMMONS = re.compile(
    r"^https?://creativecommons\.org/(?:licenses/(by(?:-nc)?(?:-sa|-nd)?)|publicdomain/(zero))/"
)
_CC_ELEMENTS = {
    "by": "Attribution",
    "nc": "NonCommercialUseOnly",
    "sa": "ShareAlike",
    "nd": "NoDerivativeWork",
    "zero": "PublicDomain",
}
_CC_LABELS = {
    "by": "Attribution",
    "nc": "Non-commercial use only",
    "sa": "Share-alike",
    "nd": "No derivative work",
    "zero": "Public domain",
}


def licence_types(url: str) -> list[tuple[str, str]]:
    """The ADMS licence types (URI, label) of a Creative Commons licence URL (none for others)."""
    found = _CREATIVE_COMMONS.match(url)
    if found is None:
        return []
    elements = (found.group(1) or found.group(2)).split("-")
    return [
        (f"{ADMS_LICENCE_TYPE}/{_CC_ELEMENTS[element]}", _CC_LABELS[element])
        for element in elements
    ]


# --- ISCED-F 2013 fields of education and training --------------------------

_ISCED_F: list[tuple[str, str]] = [
    ("00", "Generic programmes and qualifications"),
    ("001", "Basic programmes and qualifications"),
    ("0011", "Basic programmes and qualifications"),
    ("002", "Literacy and numeracy"),
    ("0021", "Literacy and numeracy"),
    ("003", "Personal skills and development"),
    ("0031", "Personal skills and development"),
    ("01", "Education"),
    ("011", "Education"),
    ("0111", "Education science"),
    ("0112", "Training for pre-school teachers"),
    ("0113", "Teacher training without subject specialisation"),
    ("0114", "Teacher training with subject specialisation"),
    ("018", "Inter-disciplinary programmes and qualifications involving education"),
    ("0188", "Inter-disciplinary programmes and qualifications involving education"),
    ("02", "Arts and humanities"),
    ("021", "Arts"),
    ("0211", "Audio-visual techniques and media production"),
    ("0212", "Fashion, interior and industrial design"),
    ("0213", "Fine arts"),
    ("0214", "Handicrafts"),
    ("0215", "Music and performing arts"),
    ("022", "Humanities (except languages)"),
    ("0221", "Religion and theology"),
    ("0222", "History and archaeology"),
    ("0223", "Philosophy and ethics"),
    ("023", "Languages"),
    ("0231", "Language acquisition"),
    ("0232", "Literature and linguistics"),
    ("028", "Inter-disciplinary programmes and qualifications involving arts and humanities"),
    ("0288", "Inter-disciplinary programmes and qualifications involving arts and humanities"),
    ("03", "Social sciences, journalism and information"),
    ("031", "Social and behavioural sciences"),
    ("0311", "Economics"),
    ("0312", "Political sciences and civics"),
    ("0313", "Psychology"),
    ("0314", "Sociology and cultural studies"),
    ("032", "Journalism and information"),
    ("0321", "Journalism and reporting"),
    ("0322", "Library, information and archival studies"),
    (
        "038",
        "Inter-disciplinary programmes and qualifications involving social sciences, journalism and information",
    ),
    (
        "0388",
        "Inter-disciplinary programmes and qualifications involving social sciences, "
        "journalism and information",
    ),
    ("04", "Business, administration and law"),
    ("041", "Business and administration"),
    ("0411", "Accounting and taxation"),
    ("0412", "Finance, banking and insurance"),
    ("0413", "Management and administration"),
    ("0414", "Marketing and advertising"),
    ("0415", "Secretarial and office work"),
    ("0416", "Wholesale and retail sales"),
    ("0417", "Work skills"),
    ("042", "Law"),
    ("0421", "Law"),
    (
        "048",
        "Inter-disciplinary programmes and qualifications involving business, administration and law",
    ),
    (
        "0488",
        "Inter-disciplinary programmes and qualifications involving business, "
        "administration and law",
    ),
    ("05", "Natural sciences, mathematics and statistics"),
    ("051", "Biological and related sciences"),
    ("0511", "Biology"),
    ("0512", "Biochemistry"),
    ("052", "Environment"),
    ("0521", "Environmental sciences"),
    ("0522", "Natural environments and wildlife"),
    ("053", "Physical sciences"),
    ("0531", "Chemistry"),
    ("0532", "Earth sciences"),
    ("0533", "Physics"),
    ("054", "Mathematics and statistics"),
    ("0541", "Mathematics"),
    ("0542", "Statistics"),
    (
        "058",
        "Inter-disciplinary programmes and qualifications involving natural sciences, mathematics and statistics",
    ),
    (
        "0588",
        "Inter-disciplinary programmes and qualifications involving natural sciences, "
        "mathematics and statistics",
    ),
    ("06", "Information and Communication Technologies (ICTs)"),
    ("061", "Information and Communication Technologies (ICTs)"),
    ("0611", "Computer use"),
    ("0612", "Database and network design and administration"),
    ("0613", "Software and applications development and analysis"),
    (
        "068",
        "Inter-disciplinary programmes and qualifications involving Information and Communication Technologies (ICTs)",
    ),
    (
        "0688",
        "Inter-disciplinary programmes and qualifications involving Information and "
        "Communication Technologies (ICTs)",
    ),
    ("07", "Engineering, manufacturing and construction"),
    ("071", "Engineering and engineering trades"),
    ("0711", "Chemical engineering and processes"),
    ("0712", "Environmental protection technology"),
    ("0713", "Electricity and energy"),
    ("0714", "Electronics and automation"),
    ("0715", "Mechanics and metal trades"),
    ("0716", "Motor vehicles, ships and aircraft"),
    ("072", "Manufacturing and processing"),
    ("0721", "Food processing"),
    ("0722", "Materials (glass, paper, plastic and wood)"),
    ("0723", "Textiles (clothes, footwear and leather)"),
    ("0724", "Mining and extraction"),
    ("073", "Architecture and construction"),
    ("0731", "Architecture and town planning"),
    ("0732", "Building and civil engineering"),
    (
        "078",
        "Inter-disciplinary programmes and qualifications involving engineering, manufacturing and construction",
    ),
    (
        "0788",
        "Inter-disciplinary programmes and qualifications involving engineering, "
        "manufacturing and construction",
    ),
    ("08", "Agriculture, forestry, fisheries and veterinary"),
    ("081", "Agriculture"),
    ("0811", "Crop and livestock production"),
    ("0812", "Horticulture"),
    ("082", "Forestry"),
    ("0821", "Forestry"),
    ("083", "Fisheries"),
    ("0831", "Fisheries"),
    ("084", "Veterinary"),
    ("0841", "Veterinary"),
    (
        "088",
        "Inter-disciplinary programmes and qualifications involving agriculture, forestry, fisheries and veterinary",
    ),
    (
        "0888",
        "Inter-disciplinary programmes and qualifications involving agriculture, "
        "forestry, fisheries and veterinary",
    ),
    ("09", "Health and welfare"),
    ("091", "Health"),
    ("0911", "Dental studies"),
    ("0912", "Medicine"),
    ("0913", "Nursing and midwifery"),
    ("0914", "Medical diagnostic and treatment technology"),
    ("0915", "Therapy and rehabilitation"),
    ("0916", "Pharmacy"),
    ("0917", "Traditional and complementary medicine and therapy"),
    ("092", "Welfare"),
    ("0921", "Care of the elderly and of disabled adults"),
    ("0922", "Child care and youth services"),
    ("0923", "Social work and counselling"),
    ("098", "Inter-disciplinary programmes and qualifications involving health and welfare"),
    ("0988", "Inter-disciplinary programmes and qualifications involving health and welfare"),
    ("10", "Services"),
    ("101", "Personal services"),
    ("1011", "Domestic services"),
    ("1012", "Hair and beauty services"),
    ("1013", "Hotel, restaurants and catering"),
    ("1014", "Sports"),
    ("1015", "Travel, tourism and leisure"),
    ("102", "Hygiene and occupational health services"),
    ("1021", "Community sanitation"),
    ("1022", "Occupational health and safety"),
    ("103", "Security services"),
    ("1031", "Military and defence"),
    ("1032", "Protection of persons and property"),
    ("104", "Transport services"),
    ("1041", "Transport services"),
    ("108", "Inter-disciplinary programmes and qualifications involving services"),
    ("1088", "Inter-disciplinary programmes and qualifications involving services"),
    ("99", "Field unknown"),
    ("9999", "Field unknown"),
]

ISCED_F = Vocabulary(
    "isced-f",
    "Field of education and training (ISCED-F 2013)",
    tuple(Term(code, label, f"{SNB}/isced-f/{code}") for code, label in _ISCED_F),
    f"{SNB}/isced-f/25831c2",
)


def isced_broad_field(code: str) -> Term | None:
    """The broad field (two-digit code) a narrow or detailed ISCED-F code belongs to."""
    return ISCED_F.get(code[:2])


# --- ISO code lists, via pycountry ------------------------------------------


@cache
def language_codes() -> tuple[str, ...]:
    """All ISO 639-1 two-letter language codes."""
    return tuple(sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")))


@cache
def language_code_set() -> frozenset[str]:
    """`language_codes()` as a set, to tell a code at once (every key of every language map)."""
    return frozenset(language_codes())


@cache
def language_name(code: str) -> str:
    """The English name of an ISO 639-1 language code."""
    language = pycountry.languages.get(alpha_2=code)
    return language.name if language else code


@cache
def _language_names() -> dict[str, str]:
    """ISO 639-1 codes by language name, casefolded: English names and each language's own."""
    names: dict[str, str] = {}
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None)
        if code is None:
            continue
        # `Modern Greek (1453-)` is also `Greek, Modern (1453-)`: partners write `Greek`.
        known = [language.name, getattr(language, "inverted_name", "").split(",")[0]]
        try:
            # The language's name in itself (`suomi`), from the ISO 639-3 translations.
            own = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[code])
            known.append(own.gettext(language.name))
        except OSError:
            pass
        for name in known:
            plain = re.sub(r"\s*\(.*?\)", "", name).strip().casefold()
            if plain:
                names.setdefault(plain, code)
    return names


def language_code_for_name(name: str) -> str | None:
    """The ISO 639-1 code of a language written by its name: `Finnish` or `suomi` is `fi`.

    Names are compared without case; a slightly misspelt name (`Finish`) still matches.
    """
    names = _language_names()
    key = name.strip().casefold()
    if key in names:
        return names[key]
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.8)
    return names[close[0]] if close else None


@cache
def language_uri(code: str) -> str | None:
    """The Publications Office authority URI of a language (three-letter code)."""
    language = pycountry.languages.get(alpha_2=code)
    if language is None:
        return None
    return f"{AUTHORITY}/language/{language.alpha_3.upper()}"


@cache
def country_codes() -> tuple[str, ...]:
    """All ISO 3166-1 alpha-2 country codes."""
    return tuple(sorted(country.alpha_2 for country in pycountry.countries))


@cache
def country_name(code: str) -> str:
    """The English name of an ISO 3166-1 alpha-2 country code."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


@cache
def country_uri(code: str) -> str | None:
    """The Publications Office authority URI of a country (alpha-3 code)."""
    country = pycountry.countries.get(alpha_2=code)
    return f"{AUTHORITY}/country/{country.alpha_3}" if country else None


@cache
def subdivision_codes(country: str) -> frozenset[str]:
    """The ISO 3166-2 subdivision codes of a country."""
    return frozenset(s.code for s in pycountry.subdivisions.get(country_code=country) or ())


@cache
def subdivision_name(code: str) -> str:
    """The name of an ISO 3166-2 subdivision (the code itself when unknown)."""
    subdivision = pycountry.subdivisions.get(code=code)
    return subdivision.name if subdivision else code


NON_CURRENCIES: dict[str, str] = {
    "XXX": "the code for transactions where no currency is involved",
    "XTS": "reserved for testing",
    "XAU": "gold",
    "XAG": "silver",
    "XPD": "palladium",
    "XPT": "platinum",
    "XBA": "a bond-market unit",
    "XBB": "a bond-market unit",
    "XBC": "a bond-market unit",
    "XBD": "a bond-market unit",
    "XDR": "the IMF's special drawing right",
    "XSU": "the SUCRE unit of account",
    "XUA": "the African Development Bank's unit of account",
    "XAD": "the Arab Accounting Dinar, a unit of account",
    "BOV": "a Bolivian fund code",
    "CHE": "a Swiss fund code (WIR euro)",
    "CHW": "a Swiss fund code (WIR franc)",
    "CLF": "a Chilean unit of account",
    "COU": "a Colombian unit of account",
    "MXV": "a Mexican unit of account",
    "USN": "a US dollar fund code (next day)",
    "UYI": "a Uruguayan unit of account",
    "UYW": "a Uruguayan unit of account",
}
"""ISO 4217 codes that are no money a learner pays with: precious metals, funds, units of
account, the testing and no-currency codes; what each is, for the message."""


@cache
def currency_codes() -> tuple[str, ...]:
    """The ISO 4217 codes of currencies a fee can be paid in (no metals, funds or test codes)."""
    return tuple(
        sorted(
            currency.alpha_3
            for currency in pycountry.currencies
            if currency.alpha_3 not in NON_CURRENCIES
        )
    )


CURRENCY_SYMBOLS: dict[str, tuple[str, ...]] = {
    "€": ("EUR",),
    "£": ("GBP",),
    "$": ("USD",),
    "us$": ("USD",),
    "¥": ("JPY", "CNY"),
    "₹": ("INR",),
    "₺": ("TRY",),
    "₴": ("UAH",),
    "zł": ("PLN",),
    "kč": ("CZK",),
    "ft": ("HUF",),
    "lei": ("RON",),
    "лв": ("BGN",),
    "лв.": ("BGN",),
    "fr.": ("CHF",),
    "kr": ("SEK", "NOK", "DKK", "ISK"),
    "kr.": ("DKK", "NOK", "SEK", "ISK"),
}
"""Currency symbols and abbreviations as written in prices (casefolded), with their codes."""


def currency_codes_for(written: str) -> tuple[str, ...]:
    """The ISO 4217 codes a currency written in a price may mean: `€` or `euros` is EUR."""
    key = written.strip().casefold()
    if key.upper() in currency_codes():
        return (key.upper(),)
    if key in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[key]
    return _currency_names().get(key.removesuffix("s"), ())


@cache
def _currency_names() -> dict[str, tuple[str, ...]]:
    """ISO 4217 codes by currency name, casefolded (`euro`, `swiss franc`, `zloty`)."""
    names: dict[str, tuple[str, ...]] = {}
    for currency in pycountry.currencies:
        name = currency.name.casefold()
        names[name] = (*names.get(name, ()), currency.alpha_3)
    return names


@cache
def currency_uri(code: str) -> str:
    """The Publications Office authority URI of a currency."""
    return f"{AUTHORITY}/currency/{code}"


# NUTS codes start with the country code, except Greece, which NUTS calls EL.
NUTS_COUNTRY_PREFIX: dict[str, str] = {"GR": "EL"}

ALL: tuple[Vocabulary, ...] = (
    EQF_LEVELS,
    QF_EHEA_CYCLES,
    SUPERVISION,
    ASSESSMENT_TYPES,
    PARTICIPATION_MODES,
    PARTICIPATION_TIMINGS,
    LEARNING_SCHEDULES,
    QUALITY_ASSURANCE_TYPES,
    QUALITY_FRAMEWORKS,
    INTEGRATION_OPTIONS,
    LEARNER_IDENTIFIERS,
    PROVISION_TYPES,
    RECOGNITION_FORMS,
    LEARNING_OPPORTUNITY_TYPES,
    LEARNING_SETTINGS,
    CREDIT_SYSTEMS,
    CREDENTIAL_FORMATS,
    OFFER_STATUSES,
    PROVIDER_TYPES,
    RECOGNITION_PURPOSES,
    PUBLISHER_TYPES,
    ISCED_F,
)
