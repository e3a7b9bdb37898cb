"""The register configuration (`register.yml`): settings for the register as a whole."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, Field
from pydantic_core import PydanticCustomError

from generator import vocabularies as vocab
from generator.models.fields import (
    MODEL_CONFIG,
    Email,
    GitHubHandle,
    HttpUrl,
    LanguageCode,
    checked_str,
    unique_list,
    vocabulary_code,
)
from generator.models.text import Label, Text

CONFIG_FILE = "register.yml"

_RELATIVE_DIR = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$")


def _check_relative_dir(value: str) -> str:
    if not _RELATIVE_DIR.match(value) or ".." in value.split("/"):
        raise PydanticCustomError(
            "path_format",
            "`{value}` is not a folder inside the repository",
            {"value": value[:80], "hint": "write a relative folder name such as `offers`"},
        )
    return value


RelativeDir = checked_str(_check_relative_dir, {"pattern": _RELATIVE_DIR.pattern}, "a folder name")


class Publisher(BaseModel):
    """Who publishes and is responsible for the register."""

    model_config = MODEL_CONFIG

    name: Label = Field(description="Name of the publishing organisation.")
    url: HttpUrl | None = Field(None, description="Its website.")
    email: Email | None = Field(None, description="Contact for the register as a whole.")
    type: vocabulary_code(vocab.PUBLISHER_TYPES) | None = Field(
        None,
        description="Kind of organisation (ADMS publisher type), for open-data portals: "
        "`academia`, `company`, `industry-consortium`, `local-authority`, "
        "`national-authority`, `non-governmental-organisation`, `non-profit-organisation`, "
        "`regional-authority`, `standardisation-body` or `supra-national-authority`.",
    )


class RegisterConfig(BaseModel):
    """Register-wide settings: name, publisher, address, languages and editors."""

    model_config = MODEL_CONFIG

    name: Label = Field(description="Name of the register, shown on every page.")
    description: Text | None = Field(None, description="What the register is, in a sentence.")
    publisher: Publisher = Field(description="Who publishes the register.")
    site_url: HttpUrl = Field(
        description="Canonical address of the published site, e.g. "
        "`https://register.example.eu/`. Feeds use it for stable absolute links."
    )
    repository_url: HttpUrl | None = Field(
        None, description="Web address of the git repository, for 'view source' links."
    )
    data_license: HttpUrl | None = Field(
        None,
        description="Licence of the register's data, as a URL, e.g. "
        "`https://creativecommons.org/licenses/by/4.0/`. Feeds and the DCAT description state it.",
    )
    default_language: LanguageCode = Field(
        "en", description="Language of plain-text fields (ISO 639-1), e.g. `en`."
    )
    languages: Annotated[list[LanguageCode], unique_list("language")] = Field(
        default_factory=lambda: ["en"],
        min_length=1,
        description="Languages the register is offered in; the default language is one of them.",
    )
    editors: Annotated[list[GitHubHandle], unique_list("editor")] = Field(
        default_factory=list,
        description="GitHub user names of register editors, who may change any file.",
    )
    offers_dir: RelativeDir = Field("offers", description="Folder holding offer files.")
    providers_dir: RelativeDir = Field("providers", description="Folder holding provider files.")
    staff_development: Literal["refuse", "exclude"] = Field(
        "refuse",
        description="What to do with offers marked `provision: staff-development`: `refuse` "
        "them as errors (default) or `exclude` them from the public register.",
    )
