"""Vocabularies: codes, labels and official URIs, used by models, pages and exports."""

from __future__ import annotations

import re

import pytest

from generator import vocabularies as vocab

URI = re.compile(
    r"^http://data\.europa\.eu/snb/[a-z-]+/[0-9a-z_]+$"
    # ADMS publisher types, which DCAT-AP uses for publishers.
    r"|^http://purl\.org/adms/publishertype/[A-Za-z-]+$"
)


@pytest.mark.parametrize("vocabulary", vocab.ALL, ids=lambda v: v.name)
def test_codes_are_unique_and_labelled(vocabulary: vocab.Vocabulary) -> None:
    assert len(set(vocabulary.codes)) == len(vocabulary)
    assert all(term.label for term in vocabulary)
    for term in vocabulary:
        assert term.uri is None or URI.match(term.uri), term.uri


def test_eqf_levels_use_the_europass_uris() -> None:
    assert [t.uri for t in vocab.EQF_LEVELS] == [
        f"http://data.europa.eu/snb/eqf/{n}" for n in range(1, 9)
    ]


def test_supervision_has_exactly_annex_i_four_values() -> None:
    assert [t.label for t in vocab.SUPERVISION] == [
        "Unsupervised with no identity verification",
        "Supervised with no identity verification",
        "Supervised online",
        "Onsite with identity verification",
    ]


def test_qf_ehea_cycles_map_to_eqf_levels() -> None:
    assert vocab.QF_EHEA_EQF_LEVEL == {"short": 5, "first": 6, "second": 7, "third": 8}
    assert set(vocab.QF_EHEA_EQF_LEVEL) == set(vocab.QF_EHEA_CYCLES.codes)


def test_isced_codes_keep_leading_zeros_and_broad_fields() -> None:
    assert vocab.ISCED_F.get("0613").label == "Software and applications development and analysis"
    assert vocab.ISCED_F.get("0613").uri == "http://data.europa.eu/snb/isced-f/0613"
    assert vocab.isced_broad_field("0613").code == "06"
    assert all(vocab.ISCED_F.get(code[:2]) for code in vocab.ISCED_F.codes)


def test_provider_types_follow_the_recommendation() -> None:
    assert len(vocab.PROVIDER_TYPES) == 8
    assert "civil-society-organisation" in vocab.PROVIDER_TYPES


def test_iso_lists_come_from_pycountry() -> None:
    assert "DE" in vocab.country_codes() and len(vocab.country_codes()) > 240
    assert "fi" in vocab.language_codes() and "eng" not in vocab.language_codes()
    assert "EUR" in vocab.currency_codes() and "PLN" in vocab.currency_codes()
    assert vocab.country_name("DE") == "Germany"
    assert vocab.language_name("nl") == "Dutch"


def test_publications_office_uris() -> None:
    base = "http://publications.europa.eu/resource/authority"
    assert vocab.language_uri("de") == f"{base}/language/DEU"
    assert vocab.language_uri("el") == f"{base}/language/ELL"
    assert vocab.country_uri("GR") == f"{base}/country/GRC"
    assert vocab.currency_uri("EUR") == f"{base}/currency/EUR"
    assert vocab.subdivision_name("DE-BW") == "Baden-Württemberg"


def test_publisher_types_are_the_adms_ones_dcat_ap_uses() -> None:
    assert vocab.PUBLISHER_TYPES.get("academia").uri == (
        "http://purl.org/adms/publishertype/Academia-ScientificOrganisation"
    )


def test_creative_commons_licences_have_their_adms_licence_types() -> None:
    assert vocab.licence_types("https://creativecommons.org/licenses/by-sa/4.0/") == [
        ("http://purl.org/adms/licencetype/Attribution", "Attribution"),
        ("http://purl.org/adms/licencetype/ShareAlike", "Share-alike"),
    ]
    assert vocab.licence_types("https://example.org/licence") == []
