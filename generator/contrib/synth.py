"""Synthetic registers for benchmarks: `register synth --offers N --providers M --seed S OUT`.

A synthetic register is valid and realistic in shape: each provider and offer
starts from one of the shipped sample records (so every Annex I element is
filled in the way partners fill it), then gets its own id, title, texts,
field, dates and status. New texts come from a word-pair (Markov) model of the
sample's English texts, so lengths and vocabulary spread look like real
offers, and the search index grows as it would. The same seed always writes
the same files.
"""

from __future__ import annotations

import copy
import random
import re
import shutil
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from generator import vocabularies as vocab
from generator.register import load_register, offer_key, provider_key

SAMPLE_ROOT = Path(__file__).resolve().parents[2]
"""The shipped sample register (the repository root) that records are modelled on."""

_WORD = re.compile(r"[^\W\d_][\w'’-]*|[0-9]+|[.,;:]")
_OPEN_STATUSES = ("open", "open", "open", "announced", "closed")
SITE_FOLDERS = ("docs", "theme_overrides")
WITHDRAWN_SHARE = 0.02
"""About one offer in fifty is withdrawn, as in a register that has run for years."""


class TextModel:
    """A word-pair Markov model of English texts: plausible sentences of a chosen length."""

    def __init__(self, texts: list[str]) -> None:
        self.following: dict[str, list[str]] = defaultdict(list)
        self.starts: list[str] = []
        for text in texts:
            words = _WORD.findall(re.sub(r"https?://\S+", "", text))
            previous = "."
            for word in words:
                if previous == "." and word[0].isupper():
                    self.starts.append(word)
                self.following[previous].append(word)
                previous = word
        self.topics = sorted({w for w in self.following if len(w) > 6 and w.islower()})

    def sentence(self, rng: random.Random, words: int) -> str:
        """One sentence of about `words` words, ending with a full stop."""
        out = [rng.choice(self.starts)]
        count = 1
        for _ in range(words * 3):
            word = rng.choice(self.following.get(out[-1]) or self.topics)
            if word == "." and count < words:
                word = rng.choice(self.topics)  # too short yet: carry on with a content word
            out.append(word)
            if word == ".":
                break
            count += word[0].isalnum()
            if count >= words:
                break
        text = " ".join(out).replace(" .", ".").replace(" ,", ",").replace(" ;", ";")
        text = text.replace(" :", ":").rstrip(",;: .")
        return text + "."

    def paragraph(self, rng: random.Random, sentences: int) -> str:
        """Several sentences of varied length."""
        return " ".join(self.sentence(rng, rng.randint(10, 24)) for _ in range(sentences))

    def title(self, rng: random.Random) -> str:
        """A course title such as "Applied Warehouse Safety for Team Leaders"."""
        first, second = rng.sample(self.topics, 2)
        pattern = rng.choice(_TITLE_PATTERNS)
        return pattern.format(a=first.capitalize(), b=second.capitalize())


_TITLE_PATTERNS = (
    "{a} and {b}",
    "Foundations of {a}",
    "Applied {a} for {b}",
    "{a} in Practice",
    "Advanced {a}",
    "{a}: {b} for Professionals",
    "Introduction to {a} and {b}",
    "{a} for Team Leaders",
)


def _english_texts(node: Any) -> list[str]:
    texts: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "en" and isinstance(value, str):
                texts.append(value)
            elif len(key) != 2 and not key.endswith("url"):  # other languages, and links
                texts.extend(_english_texts(value))
    elif isinstance(node, list):
        for item in node:
            texts.extend(_english_texts(item))
    elif isinstance(node, str) and len(node) > 40:
        texts.append(node)
    return texts


def _read(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write(path: Path, schema: str, record: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(f"# yaml-language-server: $schema={schema}\n{text}", encoding="utf-8")


def _isced_detailed() -> list[str]:
    return [term.code for term in vocab.ISCED_F if len(term.code) == 4 and term.code != "9999"]


def _provider(template: dict[str, Any], number: int, rng: random.Random) -> dict[str, Any]:
    record = copy.deepcopy(template)
    provider_id = f"synthetic-provider-{number:05d}"
    country = rng.choice(["AT", "BE", "DE", "EE", "ES", "FI", "FR", "IE", "IT", "NL", "PL", "PT"])
    name = f"{template['name']['en'] if isinstance(template['name'], dict) else template['name']}"
    record.update(
        id=provider_id,
        name={"en": f"{name} {number}"},
        country=country,
        identifiers=_identifiers(number, template),
        website=f"https://provider-{number:05d}.example.eu/",
        contact=f"learning@provider-{number:05d}.example.eu",
        maintainers=[f"maintainer-{number:05d}"],
    )
    for key in ("region", "short_name", "guidance_contact"):
        record.pop(key, None)
    return record


def _identifiers(number: int, template: dict[str, Any]) -> dict[str, str]:
    """A PIC for every provider; higher education institutions also get a SCHAC code (their
    domain) and ETER and DEQAR ids, so that QualityLink manifests and course ids are made."""
    identifiers = {"pic": f"{900000000 + number * 7919 % 99999999:09d}"}
    if template.get("type") == "higher-education-institution":
        identifiers["schac"] = f"provider-{number:05d}.example.eu"
        identifiers["eter_id"] = f"EU{number % 10000:04d}"
        identifiers["deqar_id"] = f"DEQARINST{90000 + number:05d}"
    return identifiers


def _offer(
    template: dict[str, Any],
    number: int,
    provider_id: str,
    model: TextModel,
    fields: list[str],
    rng: random.Random,
) -> dict[str, Any]:
    record = copy.deepcopy(template)
    offer_id = f"synthetic-offer-{number:06d}"
    title = model.title(rng)
    start = date(2026, 1, 5) + timedelta(days=rng.randrange(0, 700))
    length = rng.choice([1, 2, 5, 14, 30, 60, 120])
    editions = []
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        editions.append(
            {
                "start": start,
                "end": start + timedelta(days=length),
                "application_deadline": start - timedelta(days=14),
            }
        )
        start += timedelta(days=length + rng.randrange(30, 200))
    outcomes = [model.sentence(rng, rng.randint(10, 20)) for _ in range(rng.randint(3, 7))]
    record.update(
        id=offer_id,
        provider=provider_id,
        title={"en": title},
        summary={"en": model.sentence(rng, rng.randint(18, 40))},
        description=model.paragraph(rng, rng.randint(3, 6))
        + "\n\n"
        + model.paragraph(rng, rng.randint(2, 5)),
        learning_outcomes=outcomes,
        field=rng.choice(fields),
        editions=editions,
        last_reviewed=date(2026, 11, 1) - timedelta(days=rng.randrange(0, 300)),
    )
    for key in ("awarding_bodies", "replaces", "replaced_by", "withdrawal", "url", "contact"):
        record.pop(key, None)
    if record.get("integration"):
        record["integration"] = {"option": "standalone"}
    if rng.random() < WITHDRAWN_SHARE:
        record["status"] = "withdrawn"
        record["withdrawal"] = {
            "date": date(2026, 10, 1),
            "reason": "The course is no longer offered; see the provider's other offers.",
        }
    else:
        record["status"] = rng.choice(_OPEN_STATUSES)
    return record


def write_synthetic_register(out: Path, offers: int, providers: int, seed: int) -> None:
    """Write a valid register of `offers` offers from `providers` providers into `out`."""
    if offers < 0 or providers < 1:
        raise ValueError("a synthetic register needs at least one provider")
    sample = load_register(SAMPLE_ROOT)
    if not sample.is_valid:
        raise ValueError("the sample register is invalid; fix it before synthesising")
    register = sample.register
    offer_templates = [
        _read(SAMPLE_ROOT / register.files[offer_key(offer_id)])
        for offer_id in sorted(register.offers)
        if not register.offers[offer_id].is_withdrawn
    ]
    provider_templates = [
        _read(SAMPLE_ROOT / register.files[provider_key(pid)]) for pid in sorted(register.providers)
    ]
    model = TextModel([t for record in offer_templates for t in _english_texts(record)])
    rng = random.Random(seed)
    fields = _isced_detailed()

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    # The site's configuration, hand-written pages and theme, so `register build` works there.
    shutil.copy2(SAMPLE_ROOT / "mkdocs.yml", out / "mkdocs.yml")
    for folder in SITE_FOLDERS:
        shutil.copytree(SAMPLE_ROOT / folder, out / folder, ignore=shutil.ignore_patterns("*.png"))
    config = _read(SAMPLE_ROOT / "register.yml")
    config["name"] = f"Synthetic register ({offers} offers, seed {seed})"
    config.pop("editors", None)
    _write(out / "register.yml", "schemas/register.schema.json", config)
    provider_ids = []
    for number in range(1, providers + 1):
        record = _provider(rng.choice(provider_templates), number, rng)
        provider_ids.append(record["id"])
        _write(
            out / "providers" / f"{record['id']}.yaml", "../schemas/provider.schema.json", record
        )
    for number in range(1, offers + 1):
        provider_id = provider_ids[(number - 1) % providers]
        record = _offer(rng.choice(offer_templates), number, provider_id, model, fields, rng)
        _write(
            out / "offers" / provider_id / f"{record['id']}.yaml",
            "../../schemas/offer.schema.json",
            record,
        )
