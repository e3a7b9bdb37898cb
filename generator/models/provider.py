"""The provider record: who offers and awards micro-credentials (`providers/<id>.yaml`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from generator import vocabularies as vocab
from generator.models.fields import (
    MODEL_CONFIG,
    CountryCode,
    Email,
    GitHubHandle,
    HttpUrl,
    IsoDate,
    OptionalNumber,
    OptionalWholeNumber,
    QualityFramework,
    Slug,
    in_vocabulary,
    matching,
    one_line,
    same_github_user,
    unique_list,
)
from generator.models.text import Label, MarkdownText, Text

ProviderType = Annotated[str, in_vocabulary(vocab.PROVIDER_TYPES)]
RecognitionPurpose = Annotated[str, in_vocabulary(vocab.RECOGNITION_PURPOSES)]

ErasmusCode = Annotated[
    str,
    matching(
        r"^[A-Z]{1,3} {1,3}[A-Z][A-Z-]{0,7}[0-9]{2}$",
        "Erasmus code",
        "D  HEIDELB01",
        "Erasmus institutional code: country letters, spaces, city letters and two digits.",
    ),
]
Pic = Annotated[
    str, matching(r"^[0-9]{9}$", "EU Participant Identification Code (PIC)", "999884732")
]
Schac = Annotated[
    str,
    matching(
        r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
        "SCHAC home organisation (a lowercase domain name)",
        "uni-heidelberg.de",
    ),
]
EterId = Annotated[str, matching(r"^[A-Z]{2}[0-9]{4}$", "ETER identifier", "DE0023")]
DeqarInstitutionId = Annotated[
    str, matching(r"^DEQARINST[0-9]{4,}$", "DEQAR institution id", "DEQARINST0112")
]
RorId = Annotated[
    str,
    matching(
        r"^https://ror\.org/0[a-z0-9]{6}[0-9]{2}$", "ROR identifier", "https://ror.org/038t36y30"
    ),
]
RegionCode = Annotated[
    str,
    matching(
        r"^[A-Z]{2}(-[A-Z0-9]{1,3}|[0-9A-Z]{1,3})$",
        "region code (ISO 3166-2 such as `DE-BW`, or NUTS such as `DE12`)",
        "DE-BW",
    ),
]
RegistrationNumber = Annotated[str, one_line(60)]
"""A number in a national register, as that register writes it."""


class NationalRegistration(BaseModel):
    """An entry in a national register of companies, charities or education providers."""

    model_config = MODEL_CONFIG

    registry: Label = Field(
        description="Name of the national register, e.g. `Handelsregister Mannheim` or "
        "`Registre national des certifications professionnelles`."
    )
    number: RegistrationNumber = Field(description="The provider's number in that register.")


class Identifiers(BaseModel):
    """Legal identifiers that aggregators use to match this provider (state at least one)."""

    model_config = MODEL_CONFIG

    erasmus_code: ErasmusCode | None = Field(
        None, description="Erasmus institutional code, e.g. `D  HEIDELB01` (higher education)."
    )
    pic: Pic | None = Field(
        None,
        description="EU Participant Identification Code: nine digits from the EU Funding & "
        "Tenders portal.",
    )
    schac: Schac | None = Field(
        None,
        description="SCHAC home organisation: the institution's domain as used in eduGAIN and "
        "Erasmus Without Paper, e.g. `uni-heidelberg.de`.",
    )
    eter_id: EterId | None = Field(
        None, description="European Tertiary Education Register identifier, e.g. `DE0023`."
    )
    deqar_id: DeqarInstitutionId | None = Field(
        None, description="DEQAR institution identifier, e.g. `DEQARINST0112`."
    )
    ror: RorId | None = Field(None, description="Research Organization Registry identifier URL.")
    national_registration: NationalRegistration | None = Field(
        None, description="Registration in a national register (company, charity, VET provider)."
    )


class ExternalQualityAssurance(BaseModel):
    """One external quality-assurance review, accreditation or certification."""

    model_config = MODEL_CONFIG

    agency: Label = Field(
        description="The agency or body that carried out the review, e.g. `AQAS`, `NVAO`, `TÜV SÜD`."
    )
    framework: QualityFramework = Field(
        description="The framework the review follows: `esg` for higher education (Standards and "
        "Guidelines for QA in the EHEA), `eqavet` for VET, an ISO standard, `national`, `label` "
        "or `other`."
    )
    report_url: HttpUrl | None = Field(None, description="Link to the published review report.")
    valid_until: IsoDate | None = Field(
        None, description="Date until which the accreditation or certification is valid."
    )


class ProviderQualityAssurance(BaseModel):
    """How the provider assures the quality of what it offers (Annex II principle 1)."""

    model_config = MODEL_CONFIG

    internal: Text = Field(
        description="How internal quality assurance works: who reviews courses, how learner and "
        "peer feedback is collected and acted on."
    )
    external: list[ExternalQualityAssurance] = Field(
        max_length=20,
        default_factory=list,
        description="External reviews, accreditations or certifications of the provider.",
    )


class RecognitionPolicy(BaseModel):
    """The provider's policy on recognising micro-credentials issued by others (§9(c))."""

    model_config = MODEL_CONFIG

    recognises_external: bool = Field(
        description="`true` if the provider recognises micro-credentials issued by other "
        "providers, `false` if it does not."
    )
    summary: Text | None = Field(None, description="The policy in two or three sentences.")
    purposes: Annotated[list[RecognitionPurpose], unique_list("purpose")] = Field(
        max_length=10,
        default_factory=list,
        description="What external micro-credentials are recognised for: `admission`, "
        "`credit-transfer`, `exemption`, `recognition-of-prior-learning`, `employment`.",
    )
    max_credit_ects: OptionalNumber = Field(
        None,
        ge=0,
        le=240,
        description="The most ECTS credits recognised from external micro-credentials, per "
        "programme.",
    )
    procedure: Text | None = Field(
        None, description="How to apply for recognition and which documents are required."
    )
    decision_days: OptionalWholeNumber = Field(
        None, ge=1, le=365, description="Maximum number of days until a decision is taken."
    )
    appeal: Text | None = Field(None, description="How a learner can appeal a decision.")
    fees: Text | None = Field(
        None, description="Fees for the recognition procedure, or that there are none."
    )
    contact: Email | None = Field(None, description="Email of the office handling recognition.")
    policy_url: HttpUrl | None = Field(None, description="Link to the official policy text.")
    adopted: IsoDate | None = Field(None, description="Date the policy was adopted.")


class Alliance(BaseModel):
    """A network the provider belongs to, such as a European Universities alliance."""

    model_config = MODEL_CONFIG

    name: Label = Field(description="The alliance's name, e.g. `ENLIGHT`.")
    url: HttpUrl | None = Field(None, description="The alliance's website.")


class JointAwards(BaseModel):
    """The joint awards a provider agrees to: offers of others that may name it as awarding body.

    An offer names its awarding bodies (`awarding_bodies`), and each one other than the
    offer's own provider must agree here, in its own file, which only its maintainers
    change: the offer then shows on its page and in its feed.
    """

    model_config = MODEL_CONFIG

    offers: Annotated[list[Slug], unique_list("offer")] = Field(
        default_factory=list,
        max_length=1000,
        description="Ids of other providers' offers that this provider awards jointly, e.g. "
        "`[trivium-summer-school-ai-ethics]`.",
    )
    partners: Annotated[list[Slug], unique_list("partner")] = Field(
        default_factory=list,
        max_length=200,
        description="Ids of providers any of whose offers may name this provider as an "
        "awarding body: a standing agreement, e.g. within an alliance.",
    )


class Provider(BaseModel):
    """A provider of micro-credentials: the record behind its provider page."""

    model_config = MODEL_CONFIG

    id: Slug = Field(
        description="Stable identifier, equal to the file name (`providers/<id>.yaml`). Never "
        "change it once published: pages and feeds use it."
    )
    name: Label = Field(description="Legal name of the provider, with translations if wanted.")
    short_name: Label | None = Field(None, description="Short name or acronym, e.g. `UGent`.")
    type: ProviderType = Field(
        description="Kind of provider (Council Recommendation §5(b)): "
        "`higher-education-institution`, `vet-provider`, `education-training-organisation`, "
        "`social-partner`, `employer`, `civil-society-organisation`, `public-authority`, `other`."
    )
    country: CountryCode = Field(description="Country of the provider: ISO 3166-1 code, e.g. `DE`.")
    region: RegionCode | None = Field(
        None,
        description="Region: an ISO 3166-2 code such as `DE-BW`, or a NUTS code such as `DE12`.",
    )
    description: MarkdownText | None = Field(
        None, description="A short introduction to the provider for its page (Markdown)."
    )
    identifiers: Identifiers = Field(
        description="Legal identifiers (Annex II principle 9, Authentic): state at least one."
    )
    website: HttpUrl = Field(description="The provider's website.")
    contact: Email = Field(description="General contact email for learners.")
    guidance_contact: Email | None = Field(
        None, description="Email for information and guidance before enrolment (principle 10)."
    )
    quality_assurance: ProviderQualityAssurance = Field(
        description="Internal and external quality assurance of the provider."
    )
    recognition_policy: RecognitionPolicy | None = Field(
        None,
        description="Policy on recognising micro-credentials issued by other providers "
        "(Recommendation §9(c)).",
    )
    maintainers: Annotated[list[GitHubHandle], unique_list("maintainer", same_github_user)] = Field(
        max_length=50,
        min_length=1,
        description="GitHub user names of the people allowed to change this provider's files.",
    )
    alliances: list[Alliance] = Field(
        max_length=20,
        default_factory=list,
        description="Alliances or networks the provider belongs to.",
    )
    joint_awards: JointAwards = Field(
        default_factory=JointAwards,
        description="Other providers' offers this provider awards jointly: an offer may "
        "name this provider in `awarding_bodies` only if listed here (by offer or partner).",
    )

    def awards_jointly(self, offer_id: str, provider_id: str) -> bool:
        """Whether the offer `offer_id` of `provider_id` may name this provider as awarding body."""
        agreed = self.joint_awards
        return provider_id == self.id or offer_id in agreed.offers or provider_id in agreed.partners
