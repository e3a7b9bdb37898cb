"""iCalendar files: upcoming editions and deadlines, all-day dates, stable UIDs, reproducible bytes."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import yaml
from icalendar import Calendar, Event

from generator.catalogue import Catalogue
from generator.feed.ics import calendar_files, offers_with_calendars
from generator.load.history import FileDates
from generator.models.offer import Edition, Offer
from generator.models.text import LocalizedText
from generator.register import load_register, offer_key
from generator.urls import REGISTER_CALENDAR, offer_calendar_path
from tests.support.registers import REPO

HOST = "register.trivium-alliance.eu"
SITE = f"https://{HOST}/"
NEW_YEAR = date(2026, 1, 1)
DAY = timedelta(days=1)


@pytest.fixture(scope="module")
def data() -> Catalogue:
    return Catalogue(load_register(REPO).register)


@pytest.fixture(scope="module")
def files(data: Catalogue) -> dict[str, bytes]:
    return calendar_files(data, NEW_YEAR)


def parse(content: bytes) -> Calendar:
    return Calendar.from_ical(content)


def events(content: bytes) -> dict[str, Event]:
    """The events of a calendar file by UID (failing on a repeated UID)."""
    found = [event for event in parse(content).walk("VEVENT")]
    by_uid = {str(event["UID"]): event for event in found}
    assert len(by_uid) == len(found), "repeated UID"
    return by_uid


def days(event: Event) -> tuple[date, date]:
    """(DTSTART, DTEND) of an all-day event, checking both are dates, not times."""
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert type(start) is date and type(end) is date
    return start, end


def with_offer(data: Catalogue, offer: Offer) -> Catalogue:
    """The sample with one offer replaced (or added)."""
    register = dataclasses.replace(data.register, offers={**data.register.offers, offer.id: offer})
    return Catalogue(register)


def text_value(raw: object) -> str:
    """A TEXT value unescaped by hand, for properties the library does not know as TEXT."""
    escapes = {"n": "\n", "N": "\n", "\\": "\\", ";": ";", ",": ","}
    return re.sub(r"\\([nN\\;,])", lambda m: escapes[m.group(1)], str(raw))


def unfold(content: bytes) -> bytes:
    return content.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")


def test_paths(data: Catalogue, files: dict[str, bytes]) -> None:
    assert REGISTER_CALENDAR == "calendar.ics"
    assert offer_calendar_path("plain-language-workshop") == (
        "offers/plain-language-workshop/calendar.ics"
    )
    with_events = sorted(offers_with_calendars(data, NEW_YEAR))
    assert 20 < len(with_events) < len(data.register.offers)
    assert list(files) == [REGISTER_CALENDAR] + [offer_calendar_path(i) for i in with_events]


def test_every_published_calendar_has_an_event(data: Catalogue) -> None:
    """RFC 5545 §3.6: a calendar holds at least one component; an empty one is not published."""
    for today in (NEW_YEAR, date(2026, 11, 20), date(2027, 6, 1)):
        files = calendar_files(data, today)
        assert files
        for path, content in files.items():
            assert events(content), f"{path} on {today} has no event"


def test_an_offers_events_are_its_editions_and_deadlines(files: dict[str, bytes]) -> None:
    # offers/riigiteenistuse-akadeemia/plain-language-workshop.yaml: two editions in Tallinn.
    found = events(files[offer_calendar_path("plain-language-workshop")])
    fact_sheet = f"{SITE}offers/plain-language-workshop/"
    first = f"plain-language-workshop-2026-04-14-edition@{HOST}"
    second = f"plain-language-workshop-2026-10-06-edition@{HOST}"
    first_deadline = f"plain-language-workshop-2026-04-14-deadline@{HOST}"
    second_deadline = f"plain-language-workshop-2026-10-06-deadline@{HOST}"
    assert {uid: days(event) for uid, event in found.items()} == {
        first_deadline: (date(2026, 3, 31), date(2026, 4, 1)),
        first: (date(2026, 4, 14), date(2026, 4, 16)),  # ends 04-15: DTEND is the day after
        second_deadline: (date(2026, 9, 22), date(2026, 9, 23)),
        second: (date(2026, 10, 6), date(2026, 10, 8)),
    }
    edition = found[second]
    assert edition["SUMMARY"] == (
        "Plain Language Workshop for Letters and Decisions (Estonian Public Service Academy)"
    )
    assert edition["LOCATION"] == "Tallinn"
    assert edition["URL"] == fact_sheet
    description = str(edition["DESCRIPTION"])
    assert description.startswith("A two-day workshop in Tallinn on rewriting official letters")
    assert "Place: Tallinn" in description
    assert "Application deadline: 2026-09-22" in description
    assert f"Fact sheet: {fact_sheet}" in description
    deadline = found[second_deadline]
    assert deadline["SUMMARY"] == (
        "Application deadline: Plain Language Workshop for Letters and Decisions"
    )
    assert deadline["URL"] == fact_sheet
    assert "LOCATION" not in deadline
    assert "Apply: https://www.teenistusakadeemia.ee/en/courses/plain-language" in str(
        deadline["DESCRIPTION"]
    )
    for event in found.values():
        assert event["TRANSP"] == "TRANSPARENT"  # months-long courses must not block diaries


@pytest.mark.parametrize("today", [NEW_YEAR, date(2026, 11, 20), date(2027, 6, 1)])
def test_every_calendar_matches_the_sample_yaml(data: Catalogue, today: date) -> None:
    # Expectations come from the YAML files themselves, not from the models.
    files = calendar_files(data, today)
    everything: dict[str, tuple[date, date]] = {}
    for path in sorted((REPO / "offers").glob("*/*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        offer_id = record["id"]
        if record["status"] == "withdrawn":
            assert offer_calendar_path(offer_id) not in files
            continue
        expected: dict[str, tuple[date, date]] = {}
        for edition in record.get("editions", []):
            start = edition["start"]
            last = edition.get("end", start)
            if last >= today:
                expected[f"{offer_id}-{start.isoformat()}-edition@{HOST}"] = (start, last + DAY)
            deadline = edition.get("application_deadline")
            if deadline is not None and deadline >= today:
                uid = f"{offer_id}-{start.isoformat()}-deadline@{HOST}"
                expected[uid] = (deadline, deadline + DAY)
        path = offer_calendar_path(offer_id)
        found = events(files[path]) if expected else {}
        assert (path in files) == bool(expected), offer_id
        assert {uid: days(event) for uid, event in found.items()} == expected, offer_id
        everything.update(expected)
    register = events(files[REGISTER_CALENDAR])
    assert {uid: days(event) for uid, event in register.items()} == everything
    assert len(everything) >= 10
    starts = [days(event)[0] for event in parse(files[REGISTER_CALENDAR]).walk("VEVENT")]
    assert starts == sorted(starts)


def test_past_editions_and_deadlines_are_left_out(data: Catalogue) -> None:
    path = offer_calendar_path("plain-language-workshop")
    # The deadline (09-22) has passed; the edition (10-06 to 10-07) has not ended.
    assert list(events(calendar_files(data, date(2026, 10, 1))[path])) == [
        f"plain-language-workshop-2026-10-06-edition@{HOST}"
    ]
    # On its last day an edition is still upcoming; the day after, it is gone.
    assert len(events(calendar_files(data, date(2026, 10, 7))[path])) == 1
    assert path not in calendar_files(data, date(2026, 10, 8))
    # On the deadline day itself the deadline is still shown.
    assert f"plain-language-workshop-2026-10-06-deadline@{HOST}" in events(
        calendar_files(data, date(2026, 9, 22))[path]
    )


def test_with_no_upcoming_dates_no_calendar_is_published(data: Catalogue) -> None:
    assert calendar_files(data, date(2030, 1, 1)) == {}
    assert offers_with_calendars(data, date(2030, 1, 1)) == set()


def test_an_edition_without_an_end_lasts_its_first_day(data: Catalogue) -> None:
    offer = data.register.offers["plain-language-workshop"]
    open_ended = offer.model_copy(update={"editions": [Edition(start=date(2026, 10, 6))]})
    content = calendar_files(with_offer(data, open_ended), date(2026, 10, 6))[
        offer_calendar_path(offer.id)
    ]
    assert [days(e) for e in events(content).values()] == [(date(2026, 10, 6), date(2026, 10, 7))]
    later = calendar_files(with_offer(data, open_ended), date(2026, 10, 7))
    assert offer_calendar_path(offer.id) not in later


def test_withdrawn_offers_have_no_calendar(data: Catalogue) -> None:
    # Withdrawn on 2026-06-30, the forklift course still lists an edition on 2026-03-09.
    offer = data.register.offers["forklift-safe-operation"]
    assert offer.is_withdrawn
    assert offer.editions[-1].start == date(2026, 3, 9)
    files = calendar_files(data, NEW_YEAR)
    assert offer_calendar_path(offer.id) not in files
    assert offer_calendar_path("introduction-research-data-management") not in files
    assert not [uid for uid in events(files[REGISTER_CALENDAR]) if uid.startswith(offer.id)]
    # The same record, not withdrawn, would have that edition: the exclusion is by status.
    reopened = offer.model_copy(update={"status": "open", "withdrawal": None})
    again = calendar_files(with_offer(data, reopened), NEW_YEAR)
    uid = f"forklift-safe-operation-2026-03-09-edition@{HOST}"
    assert uid in events(again[REGISTER_CALENDAR])
    assert uid in events(again[offer_calendar_path(offer.id)])


def test_uids_are_unique_and_stable(data: Catalogue, files: dict[str, bytes]) -> None:
    register = events(files[REGISTER_CALENDAR])  # `events` fails on a repeated UID
    assert all(uid.endswith(f"@{HOST}") for uid in register)
    uid = f"plain-language-workshop-2026-10-06-edition@{HOST}"
    # The same event has the same UID in both calendars, on another day, and when an
    # earlier edition is removed from the file.
    assert uid in events(files[offer_calendar_path("plain-language-workshop")])
    assert uid in register
    assert uid in events(calendar_files(data, date(2026, 6, 1))[REGISTER_CALENDAR])
    offer = data.register.offers["plain-language-workshop"]
    trimmed = offer.model_copy(update={"editions": offer.editions[1:]})
    assert uid in events(calendar_files(with_offer(data, trimmed), NEW_YEAR)[REGISTER_CALENDAR])


def test_editions_starting_on_the_same_day_get_distinct_uids(data: Catalogue) -> None:
    offer = data.register.offers["plain-language-workshop"]
    twin = offer.editions[1].model_copy(update={"place": "Tartu"})
    doubled = offer.model_copy(update={"editions": [*offer.editions, twin]})
    found = events(calendar_files(with_offer(data, doubled), NEW_YEAR)[REGISTER_CALENDAR])
    ours = sorted(uid for uid in found if uid.startswith("plain-language-workshop-2026-10-06"))
    assert ours == [
        f"plain-language-workshop-2026-10-06-2-deadline@{HOST}",
        f"plain-language-workshop-2026-10-06-2-edition@{HOST}",
        f"plain-language-workshop-2026-10-06-deadline@{HOST}",
        f"plain-language-workshop-2026-10-06-edition@{HOST}",
    ]
    assert found[f"plain-language-workshop-2026-10-06-2-edition@{HOST}"]["LOCATION"] == "Tartu"


def test_dtstamp_is_the_catalogues_time(data: Catalogue, files: dict[str, bytes]) -> None:
    stamp = datetime.strptime(data.generated, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    for content in files.values():
        for event in parse(content).walk("VEVENT"):
            assert event.decoded("DTSTAMP") == stamp
    # With commit dates, DTSTAMP follows the newest commit, not the clock.
    commit = datetime(2027, 3, 4, 5, 6, 7, tzinfo=UTC)
    path = data.register.files[offer_key("plain-language-workshop")]
    dated = Catalogue(data.register, dates={path: FileDates(commit, commit)})
    assert dated.generated == "2027-03-04T05:06:07Z"
    content = calendar_files(dated, NEW_YEAR)[REGISTER_CALENDAR]
    assert b"DTSTAMP:20270304T050607Z\r\n" in content
    assert {event.decoded("DTSTAMP") for event in parse(content).walk("VEVENT")} == {commit}


def test_same_input_gives_the_same_bytes(data: Catalogue, files: dict[str, bytes]) -> None:
    fresh = Catalogue(load_register(REPO).register)
    assert calendar_files(fresh, NEW_YEAR) == files
    assert calendar_files(data, NEW_YEAR) == files


def test_calendar_properties(data: Catalogue, files: dict[str, bytes]) -> None:
    register_name = "TRIVIUM Open Register of Micro-credentials"
    for path, content in files.items():
        calendar = parse(content)
        assert calendar["PRODID"] == f"-//{register_name}//Micro-credential register//EN"
        assert calendar["VERSION"] == "2.0"
        assert calendar["CALSCALE"] == "GREGORIAN"
        assert calendar["SOURCE"] == f"{SITE}{path}"
        assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:P1D\r\n" in content
        assert b"\r\nX-PUBLISHED-TTL:P1D\r\n" in content
    assert parse(files[REGISTER_CALENDAR])["X-WR-CALNAME"] == register_name
    offer = parse(files[offer_calendar_path("plain-language-workshop")])
    assert offer["X-WR-CALNAME"] == (
        f"Plain Language Workshop for Letters and Decisions — {register_name}"
    )


def test_texts_are_in_the_registers_default_language(data: Catalogue) -> None:
    config = data.register.config.model_copy(update={"default_language": "de"})
    german = Catalogue(dataclasses.replace(data.register, config=config))
    content = calendar_files(german, NEW_YEAR)[
        offer_calendar_path("trivium-summer-school-ai-ethics")
    ]
    summaries = {str(event["SUMMARY"]) for event in parse(content).walk("VEVENT")}
    title = "TRIVIUM-Sommerschule: Ethik der Künstlichen Intelligenz"
    assert f"{title} (Universität Mittelrhein)" in summaries
    assert f"Application deadline: {title}" in summaries


def test_lines_end_in_crlf_and_fold_at_75_octets(data: Catalogue, files: dict[str, bytes]) -> None:
    offer = data.register.offers["plain-language-workshop"]
    # Multi-byte characters across the 75-octet boundary: folding must not split them.
    long_title = "Łódź–Ústí–Škofja Loka " * 8
    retitled = offer.model_copy(update={"title": LocalizedText({"en": long_title})})
    changed = calendar_files(with_offer(data, retitled), NEW_YEAR)
    contents = [*files.values(), *changed.values()]
    folded = 0
    for content in contents:
        assert content.endswith(b"\r\n")
        assert b"\n" not in content.replace(b"\r\n", b"")
        assert b"\r" not in content.replace(b"\r\n", b"")
        for line in content.split(b"\r\n")[:-1]:
            assert len(line) <= 75, line
            line.decode("utf-8")  # no character cut in half
            folded += line.startswith(b" ")
    assert folded > 100
    assert long_title in {
        str(event["SUMMARY"]).split(" (")[0]
        for event in parse(changed[offer_calendar_path(offer.id)]).walk("VEVENT")
    }


def test_hostile_text_is_escaped(data: Catalogue) -> None:
    offer = data.register.offers["plain-language-workshop"]
    title = 'Data, ethics; law\nand "AI" \\ 100% — Ünïcødé ✓\r\nBEGIN:VEVENT'
    place = "Room 1; Building A, Łódź\nEND:VCALENDAR"
    hostile = offer.model_copy(
        update={
            "title": LocalizedText({"en": title}),
            "editions": [offer.editions[1].model_copy(update={"place": place})],
        }
    )
    content = calendar_files(with_offer(data, hostile), NEW_YEAR)[offer_calendar_path(offer.id)]
    calendar = parse(content)
    found = calendar.walk("VEVENT")
    assert len(found) == 2  # the injected BEGIN:VEVENT made no event
    assert len(calendar.walk("VCALENDAR")) == 1
    edition = events(content)[f"plain-language-workshop-2026-10-06-edition@{HOST}"]
    title = title.replace("\r\n", "\n")  # iCalendar has one line break: CRLF comes back as LF
    assert edition["SUMMARY"] == f"{title} (Estonian Public Service Academy)"
    assert edition["LOCATION"] == place
    assert f"Place: {place}" in str(edition["DESCRIPTION"])
    # The library reads X- and RFC 7986 names back raw; unescape them as TEXT (RFC 5545 3.3.11).
    for name in ("NAME", "X-WR-CALNAME"):
        assert text_value(calendar[name]) == f"{title} — TRIVIUM Open Register of Micro-credentials"
    unfolded = unfold(content)
    assert b"SUMMARY:Data\\, ethics\\; law\\nand" in unfolded
    assert b"LOCATION:Room 1\\; Building A\\, \xc5\x81\xc3\xb3d\xc5\xba\\nEND:VCALENDAR" in unfolded
    # Every unfolded line is a property: no text escaped onto a line of its own.
    for line in unfolded.split(b"\r\n")[:-1]:
        assert re.match(rb"^[A-Z][A-Z0-9-]*[;:]", line), line
