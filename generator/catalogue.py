"""The catalogue: the register with what every output derives from it, built once.

Pages and feeds read the same `Catalogue`: record files' dates from git, the offers
of each provider, the offers by title, what stacks towards what, and each offer and
provider as the feed publishes it. One date type runs through every output: an ISO
8601 UTC date-time (`iso_time`), from git, or outside git from the record's review day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import cached_property
from typing import Any
from urllib.parse import quote

from generator.load.history import FileDates
from generator.models.offer import Offer
from generator.models.provider import Provider
from generator.register import RecordKey, Register, offer_key, provider_key
from generator.urls import offer_api_path, offer_url, provider_api_path, provider_url

REGISTER_EXCLUDED = (
    "editors",
    "offers_dir",
    "providers_dir",
    "site_size_limit_mb",
    "search_part_size",
    "staff_development",
    "accessibility",
)
"""Configuration that only matters inside the repository, to the build or to the site's own
pages (the accessibility statement's settings), left out of the feed."""
PROVIDER_EXCLUDED = ("maintainers", "joint_awards")
"""GitHub accounts are not published; nor are the consents to joint awards, which matter
inside the repository only (the feed shows a joint award on the offer: `awarding_bodies`)."""


def iso_time(moment: datetime) -> str:
    """A moment as every output writes it: ISO 8601 in UTC, to the second (`…T…Z`)."""
    # isoformat, not strftime: glibc's %Y does not pad years before 1000 to four digits.
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


@dataclass
class Catalogue:
    """The register with what every output derives from it, each derived once.

    The history dates of the record files, the offers by provider and by title, what
    stacks towards what, and each record as the feed publishes it (read-only: the
    pages, the JSON API, the CSV and the Atom feed share them).
    """

    register: Register
    dates: dict[str, FileDates] = field(default_factory=dict)
    """Commit dates of record files, keyed by path relative to the register root."""

    @property
    def language(self) -> str:
        """The register's default language: the language of the pages."""
        return self.register.config.default_language

    @cached_property
    def offers_by_provider(self) -> dict[str, list[Offer]]:
        """Offers each provider publishes or co-awards, sorted by title; built once."""
        result: dict[str, list[Offer]] = {pid: [] for pid in self.register.providers}
        for offer in self.register.offers.values():
            for pid in dict.fromkeys([offer.provider, *offer.awarding_body_ids]):
                result.setdefault(pid, []).append(offer)
        for offers in result.values():
            offers.sort(key=lambda o: (o.title.default.casefold(), o.id))
        return result

    @cached_property
    def stacks_from(self) -> dict[str, list[Offer]]:
        """For each offer, the offers in the register that stack towards it."""
        result: dict[str, list[Offer]] = {}
        for offer in self.offers_by_title:
            if offer.integration and not offer.is_withdrawn:
                for target in offer.integration.towards_offers:
                    result.setdefault(target, []).append(offer)
        return result

    @cached_property
    def offers_by_title(self) -> list[Offer]:
        """Every offer, sorted by title in the default language."""
        return sorted(
            self.register.offers.values(), key=lambda o: (o.title.default.casefold(), o.id)
        )

    def absolute(self, url: str) -> str:
        """The canonical absolute URL of a site-relative URL."""
        return self.register.config.site_url.rstrip("/") + "/" + url

    def last_updated(self, offer: Offer) -> date:
        """When an offer's record last changed: from git, else its `last_reviewed` date."""
        dates = self.dates.get(self.register.files.get(offer_key(offer.id), ""))
        return dates.last_modified.date() if dates else offer.last_reviewed

    def source_url(self, key: RecordKey) -> str | None:
        """Link to a record's YAML file in the repository, when its address is configured."""
        repository = self.register.config.repository_url
        path = self.register.files.get(key)
        if not repository or not path:
            return None
        # HEAD resolves to the repository's default branch on GitHub and GitLab.
        return f"{repository.rstrip('/')}/blob/HEAD/{quote(path)}"

    def record_dates(self, key: RecordKey, fallback: date | None) -> dict[str, str]:
        """`first_published`/`last_modified` of a record, as ISO 8601 UTC date-times.

        They come from git; outside git (a downloaded archive) from the `fallback` day, at
        midnight UTC, so that the type is the same either way; no fallback, no dates.
        """
        dates = self.dates.get(self.register.files.get(key, ""))
        if dates is None:
            if fallback is None:
                return {}
            moment = iso_time(datetime.combine(fallback, time(), UTC))
            return {"first_published": moment, "last_modified": moment}
        return {
            "first_published": iso_time(dates.first_published),
            "last_modified": iso_time(dates.last_modified),
        }

    @cached_property
    def offer_records(self) -> dict[str, dict[str, Any]]:
        """Every offer as the feed publishes it, by id in id order; built once, read-only."""
        offers = sorted(self.register.offers.values(), key=lambda o: o.id)
        return {offer.id: self._offer_record(offer) for offer in offers}

    @cached_property
    def provider_records(self) -> dict[str, dict[str, Any]]:
        """Every provider as the feed publishes it, by id in id order; built once, read-only."""
        providers = sorted(self.register.providers.values(), key=lambda p: p.id)
        return {provider.id: self._provider_record(provider) for provider in providers}

    def offer_record(self, offer: Offer) -> dict[str, Any]:
        """An offer as the feed publishes it: the validated record plus links and dates."""
        if self.register.offers.get(offer.id) is offer:
            return self.offer_records[offer.id]
        return self._offer_record(offer)

    def provider_record(self, provider: Provider) -> dict[str, Any]:
        """A provider as the feed publishes it, without its maintainers' GitHub accounts."""
        if self.register.providers.get(provider.id) is provider:
            return self.provider_records[provider.id]
        return self._provider_record(provider)

    def _offer_record(self, offer: Offer) -> dict[str, Any]:
        record: dict[str, Any] = offer.model_dump(mode="json", exclude_none=True)
        record["url"] = self.absolute(offer_url(offer.id))
        record["api_url"] = self.absolute(offer_api_path(offer.id))
        record["provider_url"] = self.absolute(provider_api_path(offer.provider))
        record.update(self.record_dates(offer_key(offer.id), offer.last_reviewed))
        return record

    def _provider_record(self, provider: Provider) -> dict[str, Any]:
        record: dict[str, Any] = provider.model_dump(
            mode="json", exclude_none=True, exclude=set(PROVIDER_EXCLUDED)
        )
        record["url"] = self.absolute(provider_url(provider.id))
        record["api_url"] = self.absolute(provider_api_path(provider.id))
        record["offers"] = [offer.id for offer in self.offers_by_provider.get(provider.id, [])]
        record.update(self.record_dates(provider_key(provider.id), None))
        return record

    @cached_property
    def generated(self) -> str:
        """The catalogue's time: the newest change to any record, so equal input gives equal
        output (never the clock)."""
        latest = [dates.last_modified for dates in self.dates.values()]
        if latest:
            return iso_time(max(latest))
        reviewed = [offer.last_reviewed for offer in self.register.offers.values()]
        return iso_time(datetime.combine(max(reviewed, default=date(1970, 1, 1)), time(), UTC))
