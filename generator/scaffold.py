"""`register new`: commented skeletons of new provider and offer files.

A skeleton validates as it is, so a partner starts from a green check; its
texts start with `TODO:`, which validation reports as warnings until each one
is replaced.
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path
from string import Template

from generator.models.config import RegisterConfig

TODO = "TODO:"


def _quote(text: str) -> str:
    # A JSON string is a valid double-quoted YAML scalar.
    return json.dumps(text, ensure_ascii=False)


def _template(name: str) -> Template:
    return Template(resources.files("generator").joinpath(f"templates/{name}").read_text("utf-8"))


def offer_skeleton(
    *, offer_id: str, provider: str, title: str, config: RegisterConfig, today: date
) -> str:
    """The text of a new offer file that validates and says what to fill in."""
    return _template("offer.yaml").substitute(
        schema_path="../../schemas/offer.schema.json",
        file_path=f"{config.offers_dir}/{provider}/{offer_id}.yaml",
        id=offer_id,
        provider=provider,
        title=_quote(title),
        summary=_quote(f"{TODO} one or two sentences on what {title} is and who it is for."),
        verification=_quote(f"{TODO} how the learner's identity is checked."),
        issuance=_quote(f"{TODO} e.g. within 14 days of passing the final assessment."),
        outcome=_quote(f"{TODO} a learning outcome, starting with a verb."),
        assessment=_quote(f"{TODO} what the assessment involves and how it is marked."),
        quality=_quote(f"{TODO} how this offer is quality-assured."),
        language=config.default_language,
        field="9999",
        today=today.isoformat(),
    )


def provider_skeleton(
    *,
    provider_id: str,
    name: str,
    provider_type: str,
    country: str,
    website: str,
    contact: str,
    maintainer: str,
    identifiers: dict[str, str],
) -> str:
    """The text of a new provider file that validates and says what to fill in."""
    lines = "\n".join(f"  {key}: {_quote(value)}" for key, value in identifiers.items())
    return _template("provider.yaml").substitute(
        schema_path="../schemas/provider.schema.json",
        file_path=f"providers/{provider_id}.yaml",
        id=provider_id,
        name=_quote(name),
        type=provider_type,
        country=country,
        identifiers=lines,
        website=_quote(website),
        contact=_quote(contact),
        internal_qa=_quote(f"{TODO} how courses are reviewed and learner feedback is used."),
        policy_summary=_quote(f"{TODO} your policy on recognising others' micro-credentials."),
        maintainer=maintainer,
    )


def write_new_file(path: Path, text: str, *, force: bool = False) -> None:
    """Write a new file, refusing to overwrite an existing one unless `force`."""
    if path.exists() and not force:
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
