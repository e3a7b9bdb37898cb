"""`register new`: commented skeletons of new provider and offer files.

A skeleton holds no working value the partner has not chosen: its texts start with
`TODO:` and each value to choose is `TODO`, with the choices in a comment beside it
(`generator.load.placeholders`). So a skeleton does not validate as it is: validation lists
every text still to write and every value still to choose, and a file is published only
once nothing is left. What the command line already knows (id, provider, title; a
provider's name, type, country, identifiers, addresses and maintainer) is written as given.
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path
from string import Template

from generator import vocabularies as vocab
from generator.load.placeholders import MARKER
from generator.models.config import RegisterConfig

TODO = f"{MARKER}:"
"""How a skeleton's texts start."""


def _quote(text: str) -> str:
    # A JSON string is a valid double-quoted YAML scalar.
    return json.dumps(text, ensure_ascii=False)


def _choices(vocabulary: vocab.Vocabulary) -> str:
    """A vocabulary's codes for a comment beside a placeholder: `a, b or c`."""
    codes = vocabulary.codes
    return ", ".join(codes[:-1]) + " or " + codes[-1]


def _template(name: str) -> Template:
    return Template(
        resources.files("generator.contrib").joinpath(f"templates/{name}").read_text("utf-8")
    )


def offer_skeleton(
    *, offer_id: str, provider: str, title: str, config: RegisterConfig, today: date
) -> str:
    """The text of a new offer file, with every text to write and every value to choose marked."""
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
        today=today.isoformat(),
        recognition_choices=_choices(vocab.RECOGNITION_FORMS),
        setting_choices=_choices(vocab.LEARNING_SETTINGS),
        mode_choices=_choices(vocab.PARTICIPATION_MODES),
        timing_choices=_choices(vocab.PARTICIPATION_TIMINGS),
        supervision_choices=_choices(vocab.SUPERVISION),
        integration_choices=_choices(vocab.INTEGRATION_OPTIONS),
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
    """The text of a new provider file, with its texts to write and its policy to choose marked."""
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
