"""QualityLink discovery and exchange: manifests and the static ELM files they point at.

The QualityLink aggregator (which feeds European University Alliances' joint
catalogues and links to DEQAR) finds a provider's data through a manifest,
`/.well-known/quality-link-manifest.json` at the provider's domain, listing
data sources; a source of type `elm` is one static ELM file with every
learning opportunity. So the register publishes, for each provider:

- `api/v1/providers/<id>/elm.jsonld`: the ELM documents of the offers it
  publishes, as one JSON-LD graph (the same nodes as `api/v1/elm/<id>.jsonld`);
- `api/v1/providers/<id>/quality-link-manifest.json`: a manifest pointing at
  that file, with the provider's SCHAC, ETER and DEQAR identifiers;

and the same for the whole register (`api/v1/elm.jsonld`,
`api/v1/quality-link-manifest.json`); where the register's ELM file is too large to
publish plain (`generator.feed.large_files`), its manifest lists every provider's file. A provider exposes its manifest at its
own domain (a copy, a redirect, or a DNS TXT record; see the guide page).
Specifications carry the QualityLink course identifier where the provider has
a SCHAC code (`generator.elm.course_identifier`).
"""

from __future__ import annotations

from typing import Any

from generator.catalogue import Catalogue
from generator.feed.api import dump_json
from generator.feed.elm import ElmTexts
from generator.feed.schemas import (
    QualityLinkAuth,
    QualityLinkManifest,
    QualityLinkMeta,
    QualityLinkSource,
    schema_url,
)
from generator.feed.written import Files, collected
from generator.models.offer import Offer
from generator.urls import (
    QUALITY_LINK_MANIFEST,
    REGISTER_ELM_PATH,
    REGISTER_MANIFEST_PATH,
    provider_elm_path,
    provider_manifest_path,
)

ELM_VERSION = "3.1"
"""The ELM version of the exports: the LOQ profile 3.1.0 (`ELM.ttl` `owl:versionInfo`)."""
WELL_KNOWN_PATH = f"/.well-known/{QUALITY_LINK_MANIFEST}"


def manifest(
    data: Catalogue,
    sources: list[tuple[str, str, str]],
    meta: QualityLinkMeta | None,
) -> dict[str, Any]:
    """A manifest whose sources are static ELM files: (source id, name, path) each."""
    document = QualityLinkManifest(
        schema_url=schema_url(data.register.config.site_url, "quality-link-manifest.schema.json"),
        meta=meta,
        sources=[
            QualityLinkSource(
                type="elm",
                path=data.absolute(elm_path),
                version=ELM_VERSION,
                id=source_id,
                name=name,
                auth=QualityLinkAuth(type="none"),
            )
            for source_id, name, elm_path in sources
        ],
    )
    return document.model_dump(by_alias=True, exclude_none=True)


def _provider_source(data: Catalogue, provider_id: str) -> tuple[str, str, str]:
    name = data.register.providers[provider_id].name.default
    register_name = data.register.config.name.default
    return (
        provider_id,
        f"Learning opportunities of {name} in {register_name}",
        provider_elm_path(provider_id),
    )


def elm_bundle_files(data: Catalogue, texts: ElmTexts | None = None) -> Files:
    """Every provider's ELM file and the register's, by site-relative path.

    Each is one JSON-LD graph of the offers' ELM documents, by id (`ElmTexts.graph`); the
    register's comes in pieces.
    """
    register = data.register
    texts = texts or ElmTexts(data)
    published: dict[str, list[Offer]] = {provider_id: [] for provider_id in register.providers}
    for offer in register.offers.values():
        published.setdefault(offer.provider, []).append(offer)
    for provider_id in sorted(register.providers):
        yield provider_elm_path(provider_id), b"".join(texts.graph(published[provider_id]))
    yield REGISTER_ELM_PATH, texts.graph(register.offers.values())


def manifest_files(data: Catalogue, *, register_elm: bool = True) -> dict[str, bytes]:
    """Every manifest by site-relative path. The register's points at its ELM file, or,
    where that is not published (`register_elm` false: too large, see
    `generator.feed.large_files`), at every provider's."""
    register = data.register
    files: dict[str, bytes] = {}
    for provider_id in sorted(register.providers):
        identifiers = register.providers[provider_id].identifiers
        meta = QualityLinkMeta(
            schac=identifiers.schac, eterid=identifiers.eter_id, deqarid=identifiers.deqar_id
        )
        has_meta = any(meta.model_dump(exclude_none=True).values())
        files[provider_manifest_path(provider_id)] = dump_json(
            manifest(data, [_provider_source(data, provider_id)], meta if has_meta else None),
            pretty=True,
        )
    everything = (
        "register",
        f"Every learning opportunity in {register.config.name.default}",
        REGISTER_ELM_PATH,
    )
    sources = (
        [everything]
        if register_elm
        else [_provider_source(data, provider_id) for provider_id in sorted(register.providers)]
    )
    files[REGISTER_MANIFEST_PATH] = dump_json(manifest(data, sources, None), pretty=True)
    return files


def quality_link_files(data: Catalogue) -> dict[str, bytes]:
    """Every ELM file and manifest for QualityLink, by site-relative path."""
    return collected(elm_bundle_files(data)) | manifest_files(data)
