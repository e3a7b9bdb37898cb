"""Guide pages for the EU aggregators' side: the Europass QDR and QualityLink.

`api/qdr/` tells a National Coordination Point what to point the Europass
Qualification Dataset Register at, which identifiers the datasets use and
how updates appear; `api/quality-link/` tells a provider how to expose its
QualityLink manifest at its own domain and what the host must send. Every
address on them is made from the register's `site_url` and the same path
functions the outputs use, so the pages cannot name a file that is not built.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from generator import urls
from generator.catalogue import Catalogue
from generator.feed import large_files, qualitylink
from generator.feed.elm import COURSE_ID_SCHEME
from generator.site.markdown import literal_markdown
from generator.site.page import SitePage
from generator.urls import QDR_PAGE_URL, QUALITY_LINK_PAGE_URL, offer_url, provider_url


def _link(path: str, page: str) -> str:
    return posixpath.relpath(path, page.rstrip("/"))


def _provider_table(data: Catalogue, column: str, path_of: Callable[[str], str]) -> str:
    lines = [f"| Provider | {column} |", "|---|---|"]
    for provider_id in sorted(data.register.providers):
        provider = data.register.providers[provider_id]
        url = data.absolute(path_of(provider_id))
        lines.append(f"| {literal_markdown(provider.name.default)} | <{url}> |")
    return "\n".join(lines)


CACHING = (
    "The files change only when the register's data changes: the same data gives "
    "byte-identical files. For harvesters to fetch only what changed, the host must "
    "answer `HEAD` and `GET` with a `Last-Modified` header and answer a request with "
    "`If-Modified-Since` (or `If-None-Match`) with `304 Not Modified` when the file has "
    "not changed, as QualityLink's data exchange specification and the QDR's automatic "
    "update expect. Static hosts do this for every file (GitHub Pages, nginx and Apache "
    "among them); so that `Last-Modified` is the time the file last changed and not the "
    "time of the last deployment, deploy only the files whose content changed (e.g. "
    "`rsync --checksum --times`), or rely on `ETag`, which the same bytes keep."
)


def qdr_guide(data: Catalogue) -> str:
    """The Markdown of the page for National Coordination Points (`api/qdr/`)."""
    page = QDR_PAGE_URL
    register = data.absolute(urls.QDR_REGISTER_PATH)
    example = sorted(data.register.providers)[0] if data.register.providers else "{id}"
    return (
        "\n\n".join(
            [
                f"{literal_markdown(data.register.config.name.default)} publishes its offers as "
                "datasets for the "
                "Europass Qualification Dataset Register (QDR): XML in the Learning "
                "Opportunities and Qualifications format (`loq.xsd`, root element `Courses`, "
                "`xsdVersion` 3.1.0) that the QDR validates and imports.",
                "## What to point the QDR at",
                "In the QDR, create the data source as **hosted on your server, automatic "
                "update**, with one of these addresses:",
                f"- **One provider's offers**: `{data.absolute(urls.qdr_path('{id}'))}`, "
                f"e.g. <{data.absolute(urls.qdr_path(example))}>. The QDR accepts only "
                "data its owner publishes: each of these datasets names its provider as the "
                "publisher of every record, so register it for that provider.\n"
                f"- **Every offer of the register**: <{register}>, for a National Coordination "
                "Point that uploads on the providers' behalf. Over "
                f"{large_files.PLAIN_LIMIT // 1_000_000} MB it is published gzip-compressed "
                f"only, as <{data.absolute(urls.QDR_REGISTER_GZIP_PATH)}> (`index.json` "
                "then lists it under `omitted`): point the QDR at each provider's dataset "
                "instead.",
                _provider_table(data, "Dataset", urls.qdr_path),
                f"The [API page]({_link('api/', page)}) lists these with every other file.",
                "## Identifiers",
                "- A **learning opportunity** is identified by its fact sheet's address, e.g. "
                f"`{data.absolute(offer_url('{id}'))}`; offer ids are stable and never reused.\n"
                "- Its **specification** (what the learner achieves: a `qualification` where "
                "the offer has an EQF level and a national level the QDR lists, otherwise a "
                "`learningAchievementSpecification`), learning outcomes and assessment are "
                "fragments of the offer's ELM document, e.g. "
                f"`{data.absolute('api/v1/elm/{id}.jsonld')}#specification`.\n"
                "- An **organisation** is identified by its provider page, e.g. "
                f"`{data.absolute(provider_url('{id}'))}`, and carries the provider's "
                "Erasmus code, PIC, SCHAC code, ETER, DEQAR and ROR identifiers and its "
                "national registration, where it has them.\n"
                "- Where the provider has a SCHAC code, the specification carries the "
                f"{COURSE_ID_SCHEME}, `urn:schac:uniqueCourseId:<SCHAC code>:<offer id>`.\n"
                "- National levels are concepts of the QDR's NQF list "
                "(`http://data.europa.eu/snb/qdr/…`); a national level the QDR does not list "
                "is left out of `NQFLevel` and given as a note, and `register validate` warns "
                "about it.",
                "## How updates appear",
                "Each build of the site writes the datasets again from the register's data. "
                "An offer keeps its identifiers; `modified` is the time of the last commit to "
                "its file. A withdrawn offer stays in the dataset with `status` `withdrawn` and "
                "a note giving the date and reason, so that an update changes it rather than "
                "dropping it; a new offer appears with its own identifiers. Offers without "
                "learning outcomes are not in the datasets: the format requires at least one.",
                CACHING,
            ]
        )
        + "\n"
    )


def quality_link_guide(data: Catalogue) -> str:
    """The Markdown of the page telling providers how to be found by QualityLink."""
    page = QUALITY_LINK_PAGE_URL
    manifest = data.absolute(urls.provider_manifest_path("{id}"))
    well_known = qualitylink.WELL_KNOWN_PATH
    return (
        "\n\n".join(
            [
                "QualityLink harvests learning opportunities for European University "
                "Alliances' catalogues and links them to DEQAR. It finds a provider's data "
                f"through a manifest at the provider's own domain, `{well_known}`; the "
                "register writes one for every provider, pointing at a static ELM file with the "
                "provider's offers.",
                "## Each provider's manifest",
                _provider_table(data, "Manifest", urls.provider_manifest_path),
                f"The pattern is `{manifest}`; the register's own manifest, for all offers, is "
                f"<{data.absolute(urls.REGISTER_MANIFEST_PATH)}>. Each manifest carries "
                "the provider's SCHAC code, ETER and DEQAR identifiers where the provider record "
                "has them; add them to your provider file (`identifiers:`) to be matched.",
                "## Exposing it at your domain",
                "QualityLink looks first at the domain that is your SCHAC code, then at your "
                "website's host name (with and without `www.`). Use one of:",
                "1. **A redirect** (best: it follows every update): have your web server answer "
                f"`https://<your domain>{well_known}` with a `301` or `302` redirect to your "
                "manifest's address above (examples below, with your provider id in place of "
                "`{id}`).\n"
                "2. **A DNS TXT record** on the domain: "
                f"`v=qldiscover1; m={manifest}`.\n"
                f"3. **A copy** of the manifest at `{well_known}`: it points at the register's ELM "
                "file, so it stays valid as your offers change, but copy it again when your "
                "identifiers change.",
                f"```nginx\n# nginx\nlocation = {well_known} {{\n    return 302 {manifest};\n}}\n```",
                f"```apache\n# Apache\nRedirect 302 {well_known} {manifest}\n```",
                "## What the ELM file holds",
                "The ELM documents of the offers you publish as one JSON-LD graph (ELM 3.1, the "
                "Learning Opportunities and Qualifications profile), the same as each offer's "
                f"document on the [API page]({_link('api/', page)}). Where you have a SCHAC code, "
                "each specification carries its QualityLink course identifier, "
                "`urn:schac:uniqueCourseId:<SCHAC code>:<offer id>`. QualityLink treats a course "
                "whose learning outcomes or ECTS credits change as a different course: publish it "
                "as a new offer that `replaces` the old one, and withdraw the old one.",
                "## Caching",
                CACHING,
            ]
        )
        + "\n"
    )


def guide_pages(data: Catalogue) -> list[SitePage]:
    """The two guide pages, for the site's build."""
    return [
        SitePage(
            url=QDR_PAGE_URL,
            title="Europass QDR: for National Coordination Points",
            markdown=qdr_guide(data),
            description="What to point the Europass Qualification Dataset Register at, which "
            "identifiers the datasets use and how updates appear.",
        ),
        SitePage(
            url=QUALITY_LINK_PAGE_URL,
            title="QualityLink: exposing your manifest",
            markdown=quality_link_guide(data),
            description="How providers expose their QualityLink manifest at their own domain.",
        ),
    ]
