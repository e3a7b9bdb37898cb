"""The offer record: one learning offer and its Annex I description (`offers/<provider>/<id>.yaml`).

Fields follow Annex I of the Council Recommendation: first the mandatory
elements in Annex I order, then the optional elements, then what a public
register needs beyond Annex I. Rules that relate several fields (e.g. a
micro-credential needs an assessment) live in `generator.load.checks`, so that every
broken rule is reported at once.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator import vocabularies as vocab
from generator.models.fields import (
    MODEL_CONFIG,
    CurrencyCode,
    Email,
    EscoUri,
    HttpUrl,
    IsoDate,
    LanguageCode,
    Number,
    OptionalAmount,
    OptionalEcts,
    OptionalHours,
    OptionalWholeNumber,
    QualityFramework,
    Slug,
    in_vocabulary,
    one_line,
    unique_list,
)
from generator.models.text import Label, LocalizedText, MarkdownText, Text, text_rules

Summary = Annotated[LocalizedText, text_rules(600)]
"""An offer's summary for search results and listings."""

Statement = Annotated[LocalizedText, text_rules(1_000)]
"""A learning outcome's statement."""

LevelInFramework = Annotated[str, one_line(20)]
"""A level in a national qualifications framework, as that framework writes it."""

# The offer's coded values, each from one of the register's vocabularies.
LearnerIdentifier = Annotated[str, in_vocabulary(vocab.LEARNER_IDENTIFIERS)]
CreditSystem = Annotated[str, in_vocabulary(vocab.CREDIT_SYSTEMS)]
QfEheaCycle = Annotated[str, in_vocabulary(vocab.QF_EHEA_CYCLES)]
AssessmentType = Annotated[str, in_vocabulary(vocab.ASSESSMENT_TYPES)]
ParticipationMode = Annotated[str, in_vocabulary(vocab.PARTICIPATION_MODES)]
ParticipationTiming = Annotated[str, in_vocabulary(vocab.PARTICIPATION_TIMINGS)]
LearningSchedule = Annotated[str, in_vocabulary(vocab.LEARNING_SCHEDULES)]
QualityAssuranceType = Annotated[str, in_vocabulary(vocab.QUALITY_ASSURANCE_TYPES)]
IntegrationOption = Annotated[str, in_vocabulary(vocab.INTEGRATION_OPTIONS)]
ProvisionType = Annotated[str, in_vocabulary(vocab.PROVISION_TYPES)]
RecognitionForm = Annotated[str, in_vocabulary(vocab.RECOGNITION_FORMS)]
LearningOpportunityType = Annotated[str, in_vocabulary(vocab.LEARNING_OPPORTUNITY_TYPES)]
LearningSetting = Annotated[str, in_vocabulary(vocab.LEARNING_SETTINGS)]
Supervision = Annotated[str, in_vocabulary(vocab.SUPERVISION)]
IscedField = Annotated[str, in_vocabulary(vocab.ISCED_F)]
CredentialFormat = Annotated[str, in_vocabulary(vocab.CREDENTIAL_FORMATS)]
OfferStatus = Annotated[str, in_vocabulary(vocab.OFFER_STATUSES)]

NOT_APPLICABLE = vocab.EQF_NOT_APPLICABLE
"""`level.eqf` of an offer not levelled in the EQF."""


def _validate_eqf(value: Any) -> int | str:
    if value == NOT_APPLICABLE:
        return value
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 8:
        return value
    raise PydanticCustomError(
        "eqf_level",
        "`{value}` is not an EQF level",
        {
            "value": str(value)[:40],
            "hint": "write a whole number from 1 to 8, or `not-applicable` if the offer is not "
            "levelled",
        },
    )


EqfLevel = Annotated[
    int | str,
    PlainValidator(_validate_eqf),
    WithJsonSchema(
        {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 8}, {"const": NOT_APPLICABLE}]}
    ),
]


def _outcome_shorthand(value: Any) -> Any:
    """Let partners write an outcome as plain text; the object form adds ESCO skills."""
    if isinstance(value, str) or (
        isinstance(value, dict) and "statement" not in value and "esco_skills" not in value
    ):
        return {"statement": value}
    return value


def _outcome_items_schema(schema: dict[str, Any]) -> None:
    """In the JSON Schema, an outcome may also be written as plain (multilingual) text."""
    statement = LearningOutcome.model_json_schema()["properties"]["statement"]
    plain = {key: value for key, value in statement.items() if key != "description"}
    schema["items"] = {"anyOf": [plain, schema["items"]]}


class LearnerIdentification(BaseModel):
    """Annex I (1): how an issued credential identifies its holder."""

    model_config = MODEL_CONFIG

    identified_by: Annotated[list[LearnerIdentifier], unique_list("identifier")] = Field(
        max_length=10,
        min_length=1,
        description="What the credential states to identify the learner, e.g. "
        "`[full-name, date-of-birth]`.",
    )
    verification: Text | None = Field(
        None, description="How the learner's identity is checked at enrolment or assessment."
    )


class Issuance(BaseModel):
    """Annex I (5): when and how credentials are issued."""

    model_config = MODEL_CONFIG

    timing: Text = Field(
        description="When the credential is issued, e.g. `Within 10 working days of passing the "
        "final assessment.` The date of issuing is printed on each credential."
    )
    within_days: OptionalWholeNumber = Field(
        None, ge=0, le=365, description="At most this many days between passing and issuing."
    )


class LearningOutcome(BaseModel):
    """Annex I (6): one learning outcome; plain text, or an object with ESCO skills."""

    model_config = MODEL_CONFIG

    statement: Statement = Field(
        description="What the learner knows or can do after completing the offer, starting with "
        "a verb, e.g. `Clean and document a tabular data set for reuse.`"
    )
    esco_skills: Annotated[list[EscoUri], unique_list("ESCO skill")] = Field(
        max_length=20,
        default_factory=list,
        description="ESCO skill URIs this outcome corresponds to.",
    )


class OtherCredits(BaseModel):
    """Credits in a system other than ECTS."""

    model_config = MODEL_CONFIG

    system: CreditSystem = Field(description="The credit system, e.g. `ecvet` or `national`.")
    value: Number = Field(gt=0, le=1_000, description="Number of credits in that system.")
    note: Label | None = Field(None, description="Name of the national credit system, if any.")


class Workload(BaseModel):
    """Annex I (7): notional workload, in ECTS credits wherever possible."""

    model_config = MODEL_CONFIG

    ects: OptionalEcts = Field(
        None,
        gt=0,
        le=240,
        description="ECTS credits (1 ECTS = 25–30 hours of learning), from 0.1, with at most "
        "two decimals, e.g. `2.5`. Use ECTS wherever possible.",
    )
    hours: OptionalHours = Field(
        None,
        gt=0,
        le=10_000,
        description="Notional learning hours in total (contact time plus self-study), from "
        "0.25, with at most two decimals.",
    )
    other_credits: OtherCredits | None = Field(
        None, description="Credits in another system, e.g. ECVET points."
    )


class NationalLevel(BaseModel):
    """A level in a national qualifications framework."""

    model_config = MODEL_CONFIG

    framework: Label = Field(description="The framework, e.g. `DQR` or `NLQF`.")
    level: LevelInFramework = Field(description="The level in that framework.")


class Level(BaseModel):
    """Annex I (8): level (and cycle, if applicable) of the learning experience."""

    model_config = MODEL_CONFIG

    eqf: EqfLevel = Field(
        description="European Qualifications Framework level, 1 to 8, or `not-applicable`."
    )
    qf_ehea: QfEheaCycle | None = Field(
        None,
        description="Higher-education cycle, if applicable: `short` (EQF 5), `first` (EQF 6), "
        "`second` (EQF 7), `third` (EQF 8).",
    )
    national: NationalLevel | None = Field(
        None, description="Level in a national qualifications framework."
    )


class Assessment(BaseModel):
    """Annex I (9): type of assessment."""

    model_config = MODEL_CONFIG

    types: Annotated[list[AssessmentType], unique_list("assessment type")] = Field(
        max_length=10,
        min_length=1,
        description="Assessment methods, e.g. `[project-work, oral-exam]`.",
    )
    description: Text | None = Field(
        None, description="What the assessment involves and how it is marked."
    )


class Participation(BaseModel):
    """Annex I (10): form of participation in the learning activity."""

    model_config = MODEL_CONFIG

    mode: ParticipationMode = Field(description="`online`, `onsite` or `blended`.")
    timing: ParticipationTiming | None = Field(
        None, description="`synchronous`, `asynchronous` or `mixed`."
    )
    schedule: LearningSchedule | None = Field(
        None, description="`full-time`, `part-time-intensive` or `part-time-light`."
    )
    location: Label | None = Field(
        None, description="Where onsite sessions take place, e.g. `Campus Ufo, Ghent`."
    )


class OfferQualityAssurance(BaseModel):
    """Annex I (11): type of quality assurance underpinning this offer."""

    model_config = MODEL_CONFIG

    types: Annotated[list[QualityAssuranceType], unique_list("type")] = Field(
        max_length=5, min_length=1, description="`internal`, `external`, or both."
    )
    description: Text = Field(
        description="How this offer is quality-assured; may refer to the provider's QA."
    )
    frameworks: Annotated[list[QualityFramework], unique_list("framework")] = Field(
        max_length=10,
        default_factory=list,
        description="Frameworks applied, e.g. `[esg]` or `[eqavet]`.",
    )
    report_url: HttpUrl | None = Field(None, description="Link to a published QA report.")


class StackingTarget(BaseModel):
    """A credential outside this register that this offer stacks towards."""

    model_config = MODEL_CONFIG

    title: Label = Field(description="Name of the larger credential or programme.")
    awarded_by: Label | None = Field(None, description="Who awards it.")
    url: HttpUrl | None = Field(None, description="Where it is described.")


class Integration(BaseModel):
    """Annex I (optional): integration and stackability options."""

    model_config = MODEL_CONFIG

    option: IntegrationOption = Field(
        description="`standalone`, `integrated` (part of a larger programme) or `stackable`."
    )
    towards_offers: Annotated[list[Slug], unique_list("offer")] = Field(
        max_length=20,
        default_factory=list,
        description="Ids of offers in this register it stacks towards.",
    )
    towards_credentials: list[StackingTarget] = Field(
        max_length=20,
        default_factory=list,
        description="Credentials outside this register it stacks towards.",
    )
    description: Text | None = Field(None, description="How stacking or integration works.")


class Edition(BaseModel):
    """One run of the offer, with its dates."""

    model_config = MODEL_CONFIG

    start: IsoDate = Field(description="First day, YYYY-MM-DD.")
    end: IsoDate | None = Field(None, description="Last day, YYYY-MM-DD.")
    application_deadline: IsoDate | None = Field(None, description="Last day to apply, YYYY-MM-DD.")
    place: Label | None = Field(None, description="Where it takes place, if onsite or blended.")
    capacity: OptionalWholeNumber = Field(None, ge=1, le=1_000_000, description="Number of places.")


class Fee(BaseModel):
    """What the offer costs the learner."""

    model_config = MODEL_CONFIG

    free: bool = Field(False, description="`true` if the offer is free of charge.")
    amount: OptionalAmount = Field(None, ge=0, le=1_000_000, description="The fee, e.g. `450`.")
    currency: CurrencyCode | None = Field(None, description="ISO 4217 currency, e.g. `EUR`.")
    note: Text | None = Field(None, description="Reductions, funding or what the fee includes.")


class Withdrawal(BaseModel):
    """Why and when a published offer was withdrawn; its page stays as a tombstone."""

    model_config = MODEL_CONFIG

    date: IsoDate = Field(description="Date of withdrawal, YYYY-MM-DD.")
    reason: Text = Field(description="Why the offer was withdrawn, for learners who find it.")


class Offer(BaseModel):
    """A learning offer leading to a micro-credential or another recognised outcome."""

    model_config = MODEL_CONFIG

    id: Slug = Field(
        description="Stable identifier, equal to the file name (`offers/<provider>/<id>.yaml`). "
        "Never reuse or change it once published."
    )
    provider: Slug = Field(
        description="Id of the provider that publishes this offer; equals the folder name."
    )
    title: Label = Field(description="Annex I (2): title of the micro-credential.")
    summary: Summary = Field(
        description="One or two sentences for search results and listings (at most 600 characters)."
    )
    description: MarkdownText | None = Field(
        None, description="A fuller description: content, methods, who it is for (Markdown)."
    )
    provision: ProvisionType = Field(
        description="`lifelong-learning` for offers open to the public. Staff development "
        "(`staff-development`) is internal and does not belong in the public register."
    )
    recognition: RecognitionForm = Field(
        description="What a successful learner receives: `micro-credential`, `certificate`, "
        "`digital-badge`, `ects-credits` or `certificate-of-participation`."
    )
    learning_opportunity_type: LearningOpportunityType | None = Field(
        None, description="Kind of offer, e.g. `course`, `short-learning-programme`, `mooc`."
    )
    learning_setting: LearningSetting | None = Field(
        None, description="`formal` (part of a degree system) or `non-formal`."
    )
    # --- Annex I mandatory elements, in Annex I order ---
    learner_identification: LearnerIdentification | None = Field(
        None, description="Annex I (1): how each issued credential identifies its holder."
    )
    awarding_bodies: Annotated[list[Slug], unique_list("awarding body")] = Field(
        max_length=20,
        default_factory=list,
        description="Annex I (4): ids of the providers awarding the credential. Leave out when "
        "the publishing provider awards it alone; list several for a joint award.",
    )
    issuance: Issuance | None = Field(
        None, description="Annex I (5): when and how credentials are issued."
    )
    learning_outcomes: list[Annotated[LearningOutcome, BeforeValidator(_outcome_shorthand)]] = (
        Field(
            default_factory=list,
            max_length=40,
            description="Annex I (6): what the learner knows or can do afterwards (3–8 outcomes).",
            json_schema_extra=_outcome_items_schema,
        )
    )
    workload: Workload = Field(
        description="Annex I (7): notional workload; ECTS credits wherever possible, or hours."
    )
    level: Level = Field(description="Annex I (8): EQF level, QF-EHEA cycle, national level.")
    assessment: Assessment | None = Field(None, description="Annex I (9): type of assessment.")
    participation: Participation = Field(
        description="Annex I (10): form of participation (online, onsite, blended)."
    )
    quality_assurance: OfferQualityAssurance | None = Field(
        None, description="Annex I (11): type of quality assurance underpinning the credential."
    )
    # --- Annex I optional elements ---
    prerequisites: Text | None = Field(
        None, description="Annex I (optional): what is needed to enrol."
    )
    supervision: Supervision | None = Field(
        None,
        description="Annex I (optional): supervision and identity verification during "
        "assessment: `unsupervised-no-id-verification`, `supervised-no-id-verification`, "
        "`supervised-online` or `onsite-id-verification`.",
    )
    grading_scheme: Text | None = Field(
        None,
        description="Annex I (optional): how results are graded; the grade achieved is "
        "printed on each credential.",
    )
    integration: Integration | None = Field(
        None, description="Annex I (optional): standalone, integrated or stackable."
    )
    further_information: Text | None = Field(
        None, description="Annex I (optional): anything else learners should know."
    )
    # --- Beyond Annex I ---
    languages: Annotated[list[LanguageCode], unique_list("language")] = Field(
        max_length=30,
        min_length=1,
        description="Languages of instruction: ISO 639-1 codes, e.g. `[en, de]`.",
    )
    field: IscedField = Field(
        description="Field of education (ISCED-F 2013 code, e.g. `0613` for software development). "
        "Quote codes that start with 0 or write them as they are: `0613`."
    )
    target_groups: list[Label] = Field(
        max_length=20,
        default_factory=list,
        description="Who the offer is for, e.g. `Nurses in primary care`.",
    )
    editions: list[Edition] = Field(
        default_factory=list, max_length=100, description="Runs of the offer with their dates."
    )
    fee: Fee | None = Field(None, description="What the offer costs: `free: true`, or an amount.")
    credential_formats: Annotated[list[CredentialFormat], unique_list("format")] = Field(
        max_length=10,
        default_factory=list,
        description="How the credential is issued, e.g. `[european-digital-credential]` "
        "(principle 7, Portable).",
    )
    url: HttpUrl | None = Field(None, description="Where to read more and apply.")
    contact: Email | None = Field(None, description="Contact email for this offer.")
    status: OfferStatus = Field(
        description="`announced`, `open`, `closed` or `withdrawn`. Never delete a published "
        "offer: withdraw it."
    )
    withdrawal: Withdrawal | None = Field(
        None, description="Required when `status: withdrawn`: date and reason."
    )
    replaces: Slug | None = Field(None, description="Id of an older offer this one replaces.")
    replaced_by: Slug | None = Field(
        None, description="Id of a newer offer that replaces this one."
    )
    last_reviewed: IsoDate = Field(
        description="When the provider last checked that this description is accurate."
    )

    @property
    def awarding_body_ids(self) -> list[str]:
        """The awarding providers; the publishing provider when none are listed."""
        return list(self.awarding_bodies) or [self.provider]

    @property
    def is_withdrawn(self) -> bool:
        """True for tombstones of withdrawn offers."""
        return self.status == "withdrawn"
