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
`api/v1/quality-link-manifest.json`). A provider exposes its manifest at its
own domain (a copy, a redirect, or a DNS TXT record; see the guide page).
Specifications carry the QualityLink course identifier where the provider has
a SCHAC code (`generator.elm.course_identifier`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.feed.api import API_DIR, dump_json, provider_api_path
from generator.feed.elm import CONTEXT, elm_document, has_elm_document
from generator.feed.schemas import (
    QualityLinkAuth,
    QualityLinkManifest,
    QualityLinkMeta,
    QualityLinkSource,
    schema_url,
)
from generator.models.offer import Offer
from generator.site.pages import SiteData

ELM_VERSION = "3.1"
"""The ELM version of the exports: the LOQ profile 3.1.0 (`ELM.ttl` `owl:versionInfo`)."""
MANIFEST_NAME = "quality-link-manifest.json"
WELL_KNOWN_PATH = f"/.well-known/{MANIFEST_NAME}"
REGISTER_ELM_PATH = f"{API_DIR}/elm.jsonld"
REGISTER_MANIFEST_PATH = f"{API_DIR}/{MANIFEST_NAME}"


def _provider_dir(provider_id: str) -> str:
    # Beside the provider's JSON document `providers/<id>.json`.
    return provider_api_path(provider_id).removesuffix(".json")


def provider_elm_path(provider_id: str) -> str:
    """Site-relative path of the ELM file of a provider's offers."""
    return f"{_provider_dir(provider_id)}/elm.jsonld"


def provider_manifest_path(provider_id: str) -> str:
    """Site-relative path of a provider's QualityLink manifest."""
    return f"{_provider_dir(provider_id)}/{MANIFEST_NAME}"


def elm_graph(data: SiteData, offers: Iterable[Offer]) -> dict[str, Any]:
    """The ELM documents of these offers (those that have one) as one JSON-LD graph, by id."""
    nodes = []
    for offer in sorted(offers, key=lambda o: o.id):
        if has_elm_document(offer):
            node = elm_document(data, offer)
            del node["@context"]
            nodes.append(node)
    return {"@context": CONTEXT, "@graph": nodes}


def manifest(
    data: SiteData, source_id: str, name: str, elm_path: str, meta: QualityLinkMeta | None
) -> dict[str, Any]:
    """A manifest with one source: the static ELM file at `elm_path`."""
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
        ],
    )
    return document.model_dump(by_alias=True, exclude_none=True)


def quality_link_files(data: SiteData) -> dict[str, bytes]:
    """Every ELM file and manifest for QualityLink, by site-relative path."""
    register = data.register
    register_name = register.config.name.default
    files: dict[str, bytes] = {}
    for provider_id in sorted(register.providers):
        provider = register.providers[provider_id]
        published = [o for o in register.offers.values() if o.provider == provider_id]
        files[provider_elm_path(provider_id)] = dump_json(elm_graph(data, published))
        identifiers = provider.identifiers
        meta = QualityLinkMeta(
            schac=identifiers.schac, eterid=identifiers.eter_id, deqarid=identifiers.deqar_id
        )
        has_meta = any(meta.model_dump(exclude_none=True).values())
        files[provider_manifest_path(provider_id)] = dump_json(
            manifest(
                data,
                provider_id,
                f"Learning opportunities of {provider.name.default} in {register_name}",
                provider_elm_path(provider_id),
                meta if has_meta else None,
            ),
            pretty=True,
        )
    files[REGISTER_ELM_PATH] = dump_json(elm_graph(data, register.offers.values()))
    files[REGISTER_MANIFEST_PATH] = dump_json(
        manifest(
            data,
            "register",
            f"Every learning opportunity in {register_name}",
            REGISTER_ELM_PATH,
            None,
        ),
        pretty=True,
    )
    return files
