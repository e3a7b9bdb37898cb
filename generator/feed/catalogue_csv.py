"""The catalogue as CSV (`api/v1/catalogue.csv`): one row per offer, for spreadsheet users.

UTF-8 with a header row and CRLF line ends (RFC 4180). Numbers are written as people
read them (`generator.numbers.format_number`: `5`, `2.5`). Multilingual texts are
given in the register's default language; lists are joined with spaces. A
text cell that a spreadsheet would run as a formula is prefixed with `'`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from generator import vocabularies as vocab
from generator.catalogue import Catalogue
from generator.models.offer import NOT_APPLICABLE, Offer
from generator.numbers import format_number

Column = tuple[str, str, Callable[[Offer, dict, Catalogue], object]]


def _text(value: object) -> str:
    text = "" if value is None else str(value)
    # Spreadsheets run cells starting with these characters as formulas.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


COLUMNS: tuple[Column, ...] = (
    ("id", "Stable identifier of the offer", lambda o, r, d: o.id),
    ("status", "announced, open, closed or withdrawn", lambda o, r, d: o.status),
    ("title", "Title in the register's default language", lambda o, r, d: _text(o.title.default)),
    ("provider", "Id of the publishing provider", lambda o, r, d: o.provider),
    (
        "provider_name",
        "Name of the publishing provider",
        lambda o, r, d: _text(d.register.providers[o.provider].name.default),
    ),
    (
        "country",
        "ISO 3166-1 code of the provider's country",
        lambda o, r, d: d.register.providers[o.provider].country,
    ),
    (
        "awarding_bodies",
        "Ids of the awarding providers",
        lambda o, r, d: " ".join(o.awarding_body_ids),
    ),
    ("eqf", f"EQF level 1–8, or {NOT_APPLICABLE}", lambda o, r, d: o.level.eqf),
    (
        "ects",
        "ECTS credits (empty when not stated)",
        lambda o, r, d: format_number(o.workload.ects),
    ),
    ("hours", "Notional learning hours", lambda o, r, d: format_number(o.workload.hours)),
    ("mode", "online, onsite or blended", lambda o, r, d: o.participation.mode),
    (
        "languages",
        "ISO 639-1 codes of the languages of instruction",
        lambda o, r, d: " ".join(o.languages),
    ),
    ("field", "ISCED-F 2013 code", lambda o, r, d: o.field),
    ("field_label", "ISCED-F 2013 label", lambda o, r, d: vocab.ISCED_F.label_of(o.field)),
    ("recognition", "Form of recognition", lambda o, r, d: o.recognition),
    (
        "edition_starts",
        "Start dates of the published editions (YYYY-MM-DD), oldest first",
        lambda o, r, d: " ".join(sorted(e.start.isoformat() for e in o.editions)),
    ),
    ("fee", "free, an amount with its currency, or empty", lambda o, r, d: _fee(o)),
    ("url", "The offer's fact sheet", lambda o, r, d: r["url"]),
    ("api_url", "The offer's JSON document", lambda o, r, d: r["api_url"]),
    ("first_published", "First commit of the offer's file", lambda o, r, d: r["first_published"]),
    ("last_modified", "Last commit of the offer's file", lambda o, r, d: r["last_modified"]),
    (
        "withdrawn_on",
        "Date of withdrawal (withdrawn offers only)",
        lambda o, r, d: o.withdrawal.date.isoformat() if o.withdrawal else "",
    ),
)
"""Columns in order: name, description (for the API documentation), value."""


def _fee(offer: Offer) -> str:
    if offer.fee is None:
        return ""
    if offer.fee.free:
        return "free"
    if offer.fee.amount is None:
        return ""
    amount = format_number(offer.fee.amount)
    return f"{amount} {offer.fee.currency}" if offer.fee.currency else amount


def catalogue_csv(data: Catalogue) -> bytes:
    """The CSV file's bytes: a header, then one row per offer sorted by id."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([name for name, _, _ in COLUMNS])
    for offer in sorted(data.register.offers.values(), key=lambda o: o.id):
        record = data.offer_record(offer)
        writer.writerow([value(offer, record, data) for _, _, value in COLUMNS])
    return out.getvalue().encode("utf-8")
