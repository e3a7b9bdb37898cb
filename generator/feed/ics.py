"""iCalendar files of upcoming editions and deadlines: `calendar.ics` and one per offer.

Learners and guidance counsellors subscribe to these (RFC 5545). Each edition
that has not ended is an all-day event, and each application deadline still
ahead is another, so a calendar shows both "apply by" and "runs from … to …".
A calendar is published, and linked, only while it holds an event: RFC 5545
requires at least one component, and an empty file is refused by strict
readers. An offer between editions (or withdrawn) has none until its next dates.

The files are written here, not by a library: the format needs only escaped
texts and lines folded at 75 octets with CRLF ends (RFC 5545 §3.1, §3.3.11), and
the `icalendar` library took a second per thousand events to do the same; the
tests read every file back with that library. `DTSTAMP` is the catalogue's
generation time, never the clock, so the same data on the same day gives
byte-identical files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from generator import vocabularies as vocab
from generator.catalogue import Catalogue
from generator.models.offer import Edition, Offer
from generator.urls import REGISTER_CALENDAR, offer_calendar_path, offer_url

REFRESH_INTERVAL = "P1D"
"""How often subscribers should fetch again (an RFC 5545 duration): dates change at most
once a build."""
_LINE_OCTETS = 75

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class _Occasion:
    """One event before it becomes iCalendar: an edition's run or an application deadline."""

    uid: str
    summary: str
    first_day: date
    last_day: date
    description: str
    url: str
    location: str | None


def _stamp(data: Catalogue) -> datetime:
    return datetime.strptime(data.generated, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _host(data: Catalogue) -> str:
    return urlsplit(str(data.register.config.site_url)).hostname or "localhost"


def _occasions(data: Catalogue, offer: Offer, today: date) -> list[_Occasion]:
    """The upcoming events of one offer, in the order of its editions."""
    language = data.language
    title = offer.title.get(language)
    provider = data.register.providers.get(offer.provider)
    provider_name = provider.name.get(language) if provider else offer.provider
    fact_sheet = data.absolute(offer_url(offer.id))
    summary = offer.summary.get(language)
    mode = vocab.PARTICIPATION_MODES.label_of(offer.participation.mode)
    host = _host(data)
    # Two editions may start on the same day (parallel groups); the second gets a suffix.
    starts: Counter[date] = Counter()
    result: list[_Occasion] = []
    for edition in offer.editions:
        starts[edition.start] += 1
        last_day = max(edition.start, edition.end or edition.start)
        if last_day < today:
            continue
        key = f"{offer.id}-{edition.start.isoformat()}"
        if starts[edition.start] > 1:
            key += f"-{starts[edition.start]}"
        place = [f"Place: {edition.place}"] if edition.place else []
        result.append(
            _Occasion(
                uid=f"{key}-edition@{host}",
                summary=f"{title} ({provider_name})",
                first_day=edition.start,
                last_day=last_day,
                description=_lines(
                    summary,
                    "",
                    *place,
                    f"Form of participation: {mode}",
                    *_deadline_line(edition),
                    f"Fact sheet: {fact_sheet}",
                ),
                url=fact_sheet,
                location=str(edition.place) if edition.place else None,
            )
        )
        deadline = edition.application_deadline
        if deadline is not None and deadline >= today:
            apply = [f"Apply: {offer.url}"] if offer.url else []
            result.append(
                _Occasion(
                    uid=f"{key}-deadline@{host}",
                    summary=f"Application deadline: {title}",
                    first_day=deadline,
                    last_day=deadline,
                    description=_lines(
                        f"Last day to apply for {title} ({provider_name}), "
                        f"edition starting {edition.start.isoformat()}.",
                        "",
                        summary,
                        "",
                        *place,
                        *apply,
                        f"Fact sheet: {fact_sheet}",
                    ),
                    url=fact_sheet,
                    location=None,
                )
            )
    return result


def _deadline_line(edition: Edition) -> list[str]:
    deadline = edition.application_deadline
    return [f"Application deadline: {deadline.isoformat()}"] if deadline else []


def _ics_date(day: date) -> str:
    """A DATE value, always eight digits (`strftime("%Y")` drops the zeros of year 999)."""
    return day.isoformat().replace("-", "")


def _day_after(day: date) -> date:
    """The day after `day` (an all-day event's end is exclusive); 9999-12-31 has none."""
    return day + _DAY if day < date.max else day


def _lines(*lines: str) -> str:
    return "\n".join(lines)


def _escape(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> bytes:
    """One content line, folded at 75 octets without splitting a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= _LINE_OCTETS:
        return encoded + b"\r\n"
    if len(encoded) == len(line):  # ASCII: every character is one octet
        parts = [encoded[:_LINE_OCTETS]]
        step = _LINE_OCTETS - 1
        parts += [encoded[i : i + step] for i in range(_LINE_OCTETS, len(encoded), step)]
        return b"\r\n ".join(parts) + b"\r\n"
    parts = []
    current = b""
    limit = _LINE_OCTETS
    for character in line:
        octets = character.encode("utf-8")
        if len(current) + len(octets) > limit:
            parts.append(current)
            current = b""
            limit = _LINE_OCTETS - 1  # continuation lines start with a space
        current += octets
    parts.append(current)
    return b"\r\n ".join(parts) + b"\r\n"


def _lines_of(*properties: tuple[str, str]) -> bytes:
    return b"".join(_fold(f"{name}:{value}") for name, value in properties)


def _event(occasion: _Occasion, stamp: str) -> bytes:
    properties = [
        ("BEGIN", "VEVENT"),
        ("UID", _escape(occasion.uid)),
        ("DTSTAMP", stamp),
        ("DTSTART;VALUE=DATE", _ics_date(occasion.first_day)),
        # All-day events end on the day after their last day (DTEND is exclusive).
        ("DTEND;VALUE=DATE", _ics_date(_day_after(occasion.last_day))),
        ("SUMMARY", _escape(occasion.summary)),
        ("DESCRIPTION", _escape(occasion.description)),
        ("URL;VALUE=URI", occasion.url),
    ]
    if occasion.location:
        properties.append(("LOCATION", _escape(occasion.location)))
    # A course running for months must not show its subscribers as busy.
    properties += [("TRANSP", "TRANSPARENT"), ("END", "VEVENT")]
    return _lines_of(*properties)


def _calendar(
    data: Catalogue, path: str, name: str, occasions: list[_Occasion], events: dict[str, bytes]
) -> bytes:
    """The iCalendar file at `path`, called `name`, with these events by date.

    `events` holds each occasion's VEVENT already written (by uid): an event
    appears in its offer's calendar and in the register's, and is written once.
    """
    register_name = data.register.config.name.get(data.language)
    header = _lines_of(
        ("BEGIN", "VCALENDAR"),
        ("VERSION", "2.0"),
        ("PRODID", _escape(f"-//{register_name}//Micro-credential register//EN")),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
        ("NAME", _escape(name)),
        ("X-WR-CALNAME", _escape(name)),
        ("SOURCE;VALUE=URI", data.absolute(path)),
        ("REFRESH-INTERVAL;VALUE=DURATION", REFRESH_INTERVAL),
        ("X-PUBLISHED-TTL", REFRESH_INTERVAL),
    )
    ordered = sorted(occasions, key=lambda o: (o.first_day, o.last_day, o.uid))
    return b"".join([header, *(events[o.uid] for o in ordered), b"END:VCALENDAR\r\n"])


def _upcoming(data: Catalogue, today: date) -> dict[str, list[_Occasion]]:
    """Each offer's upcoming events (none for a withdrawn offer), by offer id in id order."""
    offers = sorted(data.register.offers.values(), key=lambda o: o.id)
    return {
        offer.id: [] if offer.is_withdrawn else _occasions(data, offer, today) for offer in offers
    }


def offers_with_calendars(
    data: Catalogue, today: date, among: Iterable[str] | None = None
) -> set[str]:
    """The ids of the offers (of `among`, or all) with a calendar: an upcoming edition or deadline."""
    if among is None:
        return {offer_id for offer_id, occasions in _upcoming(data, today).items() if occasions}
    offers = [data.register.offers[offer_id] for offer_id in among]
    return {
        offer.id for offer in offers if not offer.is_withdrawn and _occasions(data, offer, today)
    }


def calendar_files(data: Catalogue, today: date) -> dict[str, bytes]:
    """The register's calendar and one per offer, each only if it has an event: path → bytes.

    Editions that ended before `today` and deadlines before `today` are left out.
    """
    register_name = data.register.config.name.get(data.language)
    by_offer = _upcoming(data, today)
    everything = [occasion for occasions in by_offer.values() for occasion in occasions]
    if not everything:
        return {}
    moment = _stamp(data)
    stamp = f"{_ics_date(moment.date())}T{moment:%H%M%S}Z"
    events = {occasion.uid: _event(occasion, stamp) for occasion in everything}
    files = {
        REGISTER_CALENDAR: _calendar(data, REGISTER_CALENDAR, register_name, everything, events)
    }
    for offer_id, occasions in by_offer.items():
        if occasions:
            path = offer_calendar_path(offer_id)
            title = data.register.offers[offer_id].title.get(data.language)
            files[path] = _calendar(data, path, f"{title} — {register_name}", occasions, events)
    return files
