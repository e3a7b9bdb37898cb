"""The register configuration (`register.yml`): settings for the register as a whole."""

from __future__ import annotations

import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from generator import vocabularies as vocab
from generator.models.fields import (
    MODEL_CONFIG,
    Email,
    GitHubHandle,
    HttpUrl,
    IsoDate,
    LanguageCode,
    check_url,
    checked,
    in_vocabulary,
    is_windows_reserved,
    same_github_user,
    unique_list,
)
from generator.models.text import Label, Text

CONFIG_FILE = "register.yml"

_RELATIVE_DIR = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$")


def _check_relative_dir(value: str) -> str:
    if not _RELATIVE_DIR.fullmatch(value) or ".." in value.split("/"):
        raise PydanticCustomError(
            "path_format",
            "`{value}` is not a folder inside the repository",
            {"value": value[:80], "hint": "write a relative folder name such as `offers`"},
        )
    # Windows drops a final dot and reserves device names: the folder could not be checked out.
    if any(part.endswith(".") or is_windows_reserved(part) for part in value.split("/")):
        raise PydanticCustomError(
            "path_format",
            "`{value}` is a folder name that Windows cannot check out",
            {
                "value": value[:80],
                "hint": "write a folder name such as `offers`, without a final "
                "dot and other than the device names `con`, `aux`, `nul`, `prn`, `com1` …",
            },
        )
    return value


RelativeDir = Annotated[
    str, checked(_check_relative_dir, {"pattern": _RELATIVE_DIR.pattern}, "a folder name")
]
"""A folder inside the repository, e.g. `offers`."""


def _check_site_url(value: str) -> str:
    value = check_url(value)
    parts = urlsplit(value)
    # `check_url` refuses a user name or password, as in every address. Every published page and
    # feed carries this one: a query or fragment would corrupt every absolute link made from it.
    if parts.query or parts.fragment or value.endswith(("?", "#")):
        raise PydanticCustomError(
            "url_format",
            "the site address has a `?` query or `#` fragment",
            {"hint": "write the address of the site's home page only, without `?…` or `#…`"},
        )
    # Page addresses are joined to it: it names a folder, so it ends with a slash.
    return value if value.endswith("/") else value + "/"


SiteUrl = Annotated[
    str,
    checked(
        _check_site_url,
        {"format": "uri", "pattern": "^https?://[^/?#@]+(/[^?#]*)?$"},
        "the web address of the site",
    ),
]
"""The published site's address: http(s), no credentials, no query or fragment, ends in `/`."""

SITE_URL_VARIABLE = "REGISTER_SITE_URL"
"""Environment variable that builds a preview for another address than `site_url`."""


def site_url_override(value: str) -> str:
    """`value` as a site address (normalised), or ValueError saying what is wrong with it."""
    try:
        return TypeAdapter(SiteUrl).validate_python(value)
    except ValidationError as error:
        detail = error.errors()[0]
        hint = (detail.get("ctx") or {}).get("hint", "")
        raise ValueError(
            f"{value!r} is not a usable site address: {detail['msg']}"
            + (f" ({hint})" if hint else "")
        ) from None


PublisherType = Annotated[str, in_vocabulary(vocab.PUBLISHER_TYPES)]


class Publisher(BaseModel):
    """Who publishes and is responsible for the register."""

    model_config = MODEL_CONFIG

    name: Label = Field(description="Name of the publishing organisation.")
    url: HttpUrl | None = Field(None, description="Its website.")
    email: Email | None = Field(None, description="Contact for the register as a whole.")
    type: PublisherType | None = Field(
        None,
        description="Kind of organisation (ADMS publisher type), for open-data portals: "
        "`academia`, `company`, `industry-consortium`, `local-authority`, "
        "`national-authority`, `non-governmental-organisation`, `non-profit-organisation`, "
        "`regional-authority`, `standardisation-body` or `supra-national-authority`.",
    )


class Accessibility(BaseModel):
    """What the accessibility statement needs from the publisher (Directive (EU) 2016/2102)."""

    model_config = MODEL_CONFIG

    enforcement_body: Label | None = Field(
        None,
        description="Name of the national body that enforces the Web Accessibility Directive "
        "where the publisher is established, e.g. `Agency for Digital Italy (AgID)`.",
    )
    enforcement_url: HttpUrl | None = Field(
        None,
        description="Its page on complaints (the enforcement procedure, Article 9 of "
        "Directive (EU) 2016/2102), linked from the accessibility statement.",
    )
    reviewed: IsoDate | None = Field(
        None,
        description="When the publisher last reviewed the accessibility statement, "
        "YYYY-MM-DD; the statement shows it as the date it was prepared.",
    )


class RegisterConfig(BaseModel):
    """Register-wide settings: name, publisher, address, languages and editors."""

    model_config = MODEL_CONFIG

    name: Label = Field(description="Name of the register, shown on every page.")
    description: Text | None = Field(None, description="What the register is, in a sentence.")
    publisher: Publisher = Field(description="Who publishes the register.")
    site_url: SiteUrl = Field(
        description="Canonical address of the published site, e.g. "
        "`https://register.example.eu/`. The one place it is set: pages (canonical links, "
        "sitemap), feeds and structured data all use it for their absolute links. "
        f"A preview for another address: `register build --site-url URL` or `{SITE_URL_VARIABLE}`."
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
        max_length=50,
        default_factory=lambda: ["en"],
        min_length=1,
        description="Languages the register is offered in; the default language is one of them.",
    )
    editors: Annotated[list[GitHubHandle], unique_list("editor", same_github_user)] = Field(
        max_length=50,
        default_factory=list,
        description="GitHub user names of register editors, who may change any file.",
    )
    offers_dir: RelativeDir = Field("offers", description="Folder holding offer files.")
    providers_dir: RelativeDir = Field("providers", description="Folder holding provider files.")
    site_size_limit_mb: int = Field(
        1000,
        ge=1,
        le=1_000_000,
        description="Most the built site may take, in megabytes (1 MB = 1,000,000 bytes): a "
        "build that would exceed it fails, naming the largest folders and kinds of file, and "
        "leaves the published site in place. Default 1000, GitHub Pages' limit of 1 GB; set "
        "your host's limit if it differs.",
    )
    search_part_size: int = Field(
        10_000,
        ge=1,
        le=1_000_000,
        description="Most offers in one part of the search index (default 10,000). Pagefind "
        "holds about 170 KB per offer while it indexes, so a part of 10,000 offers needs about "
        "1.7 GB of memory whatever the size of the register; the browse page searches every "
        "part and merges their results. Lower it where the build has less memory.",
    )
    accessibility: Accessibility | None = Field(
        None,
        description="For the accessibility statement: the national enforcement body and "
        "when the statement was last reviewed.",
    )
    staff_development: Literal["refuse", "exclude"] = Field(
        "refuse",
        description="What to do with offers marked `provision: staff-development`: `refuse` "
        "them as errors (default) or `exclude` them from the public register.",
    )
