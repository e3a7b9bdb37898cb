"""The national qualifications framework levels of the Europass QDR, and how offers map to them.

The Europass Qualification Dataset Register (QDR) and the ELM vocabulary
shapes accept a national level only as a concept of the QDR's NQF scheme
(`http://data.europa.eu/snb/qdr/25831c2`). Partners write a national level
as free text (`framework: DQR (German Qualifications Framework)`, `level: 6`);
`resolve` finds the QDR concept it names, or says why there is none. Exports
leave the national level out where no concept fits rather than inventing one.

The frameworks and levels are transcribed from the QDR's NQF list as the LOQ
XML Schema publishes it (`cv/nqf.xsd`, European Learning Model repository,
EUPL 1.2); `tests/vocabularies/test_nqf.py` checks every URI and label against that file.
The QDR names levels "<abbreviation> Level <level>", e.g. `FiNQF Level 6`; the
abbreviations and other names are what partners are likely to write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

SCHEME = "http://data.europa.eu/snb/qdr/25831c2"
"""The QDR's concept scheme of national frameworks and their levels."""
_CONCEPT = "http://data.europa.eu/snb/qdr/"


@dataclass(frozen=True)
class Framework:
    """A national (or regional) qualifications framework as the QDR lists it."""

    uri: str
    label: str
    """The QDR's name of the framework."""
    country: str
    """ISO 3166-1 code of the country whose framework it is (Scotland and Wales: `GB`)."""
    prefix: str
    """How the QDR's level labels start, e.g. `FiNQF`."""
    abbreviations: tuple[str, ...]
    """Short names partners write; one may stand for frameworks of several countries."""
    names: tuple[str, ...]
    """Unambiguous names besides the QDR's own."""
    levels: dict[str, str] = field(hash=False)
    """Level as the QDR writes it (`6`, `5.1`, `Entry Level 3`) → concept URI."""

    def level_label(self, level: str) -> str:
        """The QDR's label of one of its levels, e.g. `FiNQF Level 6`."""
        return (
            f"{self.prefix} {level}"
            if level.startswith("Entry")
            else (f"{self.prefix} Level {level}")
        )


@dataclass(frozen=True)
class NqfLevel:
    """One level of a national framework: a concept of the QDR's NQF scheme."""

    uri: str
    label: str
    framework: Framework


@dataclass(frozen=True)
class Resolution:
    """What a national level maps to: a QDR concept, or why there is none and what to write."""

    level: NqfLevel | None
    reason: str = ""
    hint: str = ""


def _framework(
    concept: str,
    label: str,
    country: str,
    prefix: str,
    *,
    abbreviations: tuple[str, ...],
    names: tuple[str, ...],
    levels: dict[str, str],
) -> Framework:
    return Framework(
        _CONCEPT + concept,
        label,
        country,
        prefix,
        abbreviations,
        names,
        {level: _CONCEPT + uri for level, uri in levels.items()},
    )


FRAMEWORKS: tuple[Framework, ...] = (
    _framework(
        "c_009d9566",
        "Hungarian National Qualifications Framework",
        "HU",
        "HuQF",
        abbreviations=("HuQF", "MKKR"),
        names=("Hungarian Qualifications Framework",),
        levels={
            "1": "c_01be7324",
            "2": "c_1b9935cd",
            "3": "c_b763e7c8",
            "4": "c_b9eadd5c",
            "5": "c_13865e16",
            "6": "c_9ec87162",
            "7": "c_c2f4856f",
            "8": "c_ea1b27b9",
        },
    ),
    _framework(
        "c_01169e3f",
        "Irish National Framework of Qualifications",
        "IE",
        "IE NQF",
        abbreviations=("IE NQF", "NFQ"),
        names=("National Framework of Qualifications",),
        levels={
            "1": "c_53e465cb",
            "2": "c_060f2f91",
            "3": "c_4c88e501",
            "4": "c_57c9e957",
            "5": "c_4053e803",
            "6": "c_670e54c7",
            "7": "c_38f52397",
            "8": "c_218a7e54",
            "9": "c_c6ada0f4",
            "10": "c_ac9adabb",
        },
    ),
    _framework(
        "c_027221dd",
        "Scottish Credit and Qualifications Framework",
        "GB",
        "SCQF",
        abbreviations=("SCQF",),
        names=(),
        levels={
            "1": "c_505223a4",
            "2": "c_2ce57891",
            "3": "c_31146b2c",
            "4": "c_61aa9cbc",
            "5": "c_5e46ea39",
            "6": "c_c167deaa",
            "7": "c_326c93a5",
            "8": "c_d9cf9fd5",
            "9": "c_e2e0f7fc",
            "10": "c_021f233f",
            "11": "c_517309ca",
            "12": "c_c3f2cd03",
        },
    ),
    _framework(
        "c_02d8bc18",
        "Italian Qualifications Framework",
        "IT",
        "IT NQF",
        abbreviations=("IT NQF", "QNQ"),
        names=(
            "Italian National Qualifications Framework",
            "Quadro nazionale delle qualificazioni",
        ),
        levels={
            "1": "c_d7b593f0",
            "2": "c_5af633b3",
            "3": "c_2151e983",
            "4": "c_c160a2a0",
            "5": "c_334b891b",
            "6": "c_f875790f",
            "7": "c_1a6b4df9",
            "8": "c_34a78e36",
        },
    ),
    _framework(
        "c_0d55867f",
        "Qualifications Framework of the German-speaking Community of Belgium",
        "BE",
        "QDG",
        abbreviations=("QDG",),
        names=(),
        levels={
            "1": "c_ab42f62f",
            "2": "c_4d0bef61",
            "3": "c_04d23b42",
            "4": "c_ffa6243f",
            "5": "c_f8aa9cdb",
            "6": "c_f626da7f",
            "7": "c_2af3aa2b",
            "8": "c_cbec72ba",
        },
    ),
    _framework(
        "c_0ea90db7",
        "Hellenic National Qualifications Framework",
        "GR",
        "HQF",
        abbreviations=("HQF",),
        names=("Hellenic Qualifications Framework",),
        levels={
            "1": "c_ec84c700",
            "2": "c_6640cf62",
            "3": "c_48930d0b",
            "4": "c_f6c81729",
            "5": "c_7db10cb9",
            "6": "c_5e8da33b",
            "7": "c_60582329",
            "8": "c_c4deeb87",
        },
    ),
    _framework(
        "c_0f8ae85c",
        "Slovenian Qualifications Framework",
        "SI",
        "SQF",
        abbreviations=("SQF", "SOK"),
        names=(),
        levels={
            "1": "c_77411555",
            "2": "c_4b23518c",
            "3": "c_e7e8d397",
            "4": "c_66d10210",
            "5": "c_5a909eaa",
            "6": "c_4a3aea6f",
            "7": "c_3f2a609e",
            "8": "c_4e92151b",
            "9": "c_74d66d27",
            "10": "c_a9614000",
        },
    ),
    _framework(
        "c_1205be37",
        "Turkish Qualifications Framework",
        "TR",
        "TQF",
        abbreviations=("TQF",),
        names=(),
        levels={
            "1": "c_be0b95b2",
            "2": "c_ee441642",
            "3": "c_a7579d00",
            "4": "c_a1595faf",
            "5": "c_ce5b0bd4",
            "6": "c_f4b6cea8",
            "7": "c_0966da79",
            "8": "c_17212c18",
        },
    ),
    _framework(
        "c_20b3be22",
        "Luxembourg Qualifications Framework",
        "LU",
        "CLQ",
        abbreviations=("CLQ",),
        names=("Cadre luxembourgeois des qualifications",),
        levels={
            "1": "c_5eb9f21e",
            "2": "c_2bc813ff",
            "3": "c_317af58c",
            "4": "c_26211a04",
            "5": "c_b4cc88a4",
            "6": "c_dfb0cd4d",
            "7": "c_758b2f8a",
            "8": "c_287bdf18",
        },
    ),
    _framework(
        "c_2b5d39b2",
        "North Macedonian Qualifications Framework",
        "MK",
        "NNMQF",
        abbreviations=("NNMQF",),
        names=("Macedonian Qualifications Framework",),
        levels={
            "1": "c_4f0c10a1",
            "2": "c_9aeca2ba",
            "3": "c_c9af811f",
            "4": "c_81be283e",
            "5": "c_ea16bfd2",
            "5 A": "c_e0ba1a59",
            "5 B": "c_b8a101cb",
            "6": "c_c484f777",
            "6 A": "c_1a88119b",
            "6 B": "c_55a34aab",
            "7": "c_4508cafb",
            "7 A": "c_0f11cfc1",
            "7 B": "c_2fce21e0",
            "8": "c_556a291d",
        },
    ),
    _framework(
        "c_2d1fde14",
        "Finnish National Qualifications Framework",
        "FI",
        "FiNQF",
        abbreviations=("FiNQF",),
        names=("Finnish Qualifications Framework",),
        levels={
            "1": "c_b9b2b42d",
            "2": "c_c660dbf8",
            "3": "c_63c1f703",
            "4": "c_cbf250da",
            "5": "c_fd8ce5f6",
            "6": "c_8a7da315",
            "7": "c_3b2bd7b5",
            "8": "c_7fa9dfe4",
        },
    ),
    _framework(
        "c_2e41fe05",
        "Icelandic Qualifications Framework",
        "IS",
        "ISQF",
        abbreviations=("ISQF",),
        names=(),
        levels={
            "1": "c_9d649d1c",
            "2": "c_ca8fda2e",
            "3": "c_38336a53",
            "4": "c_905af3bc",
            "5.1": "c_f0e7a81b",
            "5.2": "c_f0be67ef",
            "6.1": "c_57c17789",
            "6.2": "c_c339fb29",
            "7": "c_f8979fd7",
        },
    ),
    _framework(
        "c_36ff4631",
        "Credit and Qualifications Framework for Wales",
        "GB",
        "CQFW",
        abbreviations=("CQFW",),
        names=(),
        levels={
            "1": "c_c03aceeb",
            "2": "c_826abaf9",
            "3": "c_c7a9fba6",
            "4": "c_3a511ca6",
            "5": "c_3cae3a23",
            "6": "c_fa76c0fa",
            "7": "c_98740c52",
            "8": "c_471f5da1",
            "Entry 1-3": "c_de548626",
        },
    ),
    _framework(
        "c_4538e0af",
        "Austrian National Qualifications Framework",
        "AT",
        "AT: NQF",
        abbreviations=("AT NQF", "NQR"),
        names=("Austrian Qualifications Framework",),
        levels={
            "1": "c_479252dc",
            "2": "c_c3234df7",
            "3": "c_1f1297d8",
            "4": "c_67af56a4",
            "5": "c_e8dd63b9",
            "6": "c_1dcef432",
            "7": "c_0e78414e",
            "8": "c_c94a713e",
        },
    ),
    _framework(
        "c_4e6a97ff",
        "Slovak National Qualifications Framework",
        "SK",
        "SKKR",
        abbreviations=("SKKR",),
        names=("Slovak Qualifications Framework",),
        levels={
            "1": "c_1ea1c8f9",
            "2": "c_db0fa54f",
            "3": "c_fb6cbec3",
            "4": "c_cc1ea43c",
            "5": "c_98403355",
            "6": "c_8a024f65",
            "7": "c_defba593",
            "8": "c_fb12c713",
        },
    ),
    _framework(
        "c_54f4d62a",
        "Maltese National Qualifications Framework",
        "MT",
        "MQF",
        abbreviations=("MQF",),
        names=("Malta Qualifications Framework", "Maltese Qualifications Framework"),
        levels={
            "1": "c_761cdbf1",
            "2": "c_42cf00ab",
            "3": "c_55c66aa8",
            "4": "c_c9f6d6e5",
            "5": "c_a3c7575d",
            "6": "c_333a51d9",
            "7": "c_eacc0583",
            "8": "c_782b35df",
            "A": "c_0ab74a56",
            "B": "c_a648b6db",
        },
    ),
    _framework(
        "c_59d0b819",
        "Croatian Qualifications Framework",
        "HR",
        "CROQF",
        abbreviations=("CROQF", "HKO"),
        names=(),
        levels={
            "1": "c_d34c0ab3",
            "2": "c_d5feaf10",
            "3": "c_3a9600c8",
            "4.1": "c_486071a1",
            "4.2": "c_49672c5a",
            "5": "c_dcc9aca1",
            "6": "c_cb53bf24",
            "7.1": "c_d6860258",
            "7.2": "c_6ab8a29d",
            "8.1": "c_a43afd6a",
            "8.2": "c_2203f32f",
        },
    ),
    _framework(
        "c_5a1e9f89",
        "Portuguese National Qualifications Framework",
        "PT",
        "QNQ",
        abbreviations=("QNQ",),
        names=("Portuguese Qualifications Framework", "Quadro Nacional de Qualificações"),
        levels={
            "1": "c_1eeca5f9",
            "2": "c_fd9234c1",
            "3": "c_5c91e0ca",
            "4": "c_7d534b92",
            "5": "c_d2b47671",
            "6": "c_8cf0774e",
            "7": "c_0fe2b814",
            "8": "c_370653aa",
        },
    ),
    _framework(
        "c_5c66dcbc",
        "Dutch National Qualifications Framework",
        "NL",
        "NLQF",
        abbreviations=("NLQF",),
        names=("Dutch Qualifications Framework",),
        levels={
            "1": "c_3e11a3fd",
            "2": "c_c749fa23",
            "3": "c_f97cdbb5",
            "4": "c_ff656b33",
            "4+": "c_c2700f4e",
            "5": "c_18c9e9fe",
            "6": "c_1711a061",
            "7": "c_478359fc",
            "8": "c_2835a50f",
            "Entry Level": "c_b42dd23b",
        },
    ),
    _framework(
        "c_61ba90ec",
        "Danish National Qualifications Framework",
        "DK",
        "DK NQF",
        abbreviations=("DK NQF",),
        names=("Danish Qualifications Framework",),
        levels={
            "1": "c_67053d58",
            "2": "c_f3d606a7",
            "3": "c_2ff9f722",
            "4": "c_e2461c86",
            "5": "c_e130f5d2",
            "6": "c_a19d301f",
            "7": "c_b08ee037",
            "8": "c_1aec7e1f",
        },
    ),
    _framework(
        "c_69e1fd15",
        "Serbian Qualifications Framework",
        "RS",
        "NQFS",
        abbreviations=("NQFS", "NOKS"),
        names=(),
        levels={
            "1": "c_83bf6184",
            "2": "c_c072e4cc",
            "3": "c_8a1ce05d",
            "4": "c_71bf982b",
            "5": "c_dc2cd5c7",
            "6": "c_7e034a16",
            "6.1": "c_6bfeff7a",
            "6.2": "c_529912df",
            "7": "c_e4f11c13",
            "7.1": "c_cca41928",
            "7.2": "c_8cab3c22",
            "8": "c_e3116f9b",
        },
    ),
    _framework(
        "c_776b98db",
        "Montenegrin Qualifications Framework",
        "ME",
        "ME NQF",
        abbreviations=("ME NQF",),
        names=(),
        levels={
            "1.1": "c_aa951342",
            "1.2": "c_c0ef8a4e",
            "2": "c_e5b56761",
            "3": "c_f08d5131",
            "4.1": "c_52353560",
            "4.2": "c_ccc01a11",
            "5": "c_b7b67d5e",
            "6": "c_5d6112c5",
            "7.1": "c_f38ebe74",
            "7.2": "c_193238e8",
            "8": "c_ced2a6c3",
        },
    ),
    _framework(
        "c_97cf01c4",
        "Polish National Qualifications Framework",
        "PL",
        "PQF",
        abbreviations=("PQF", "PRK"),
        names=("Polish Qualifications Framework", "Polska Rama Kwalifikacji"),
        levels={
            "1": "c_fcf3bd8d",
            "2": "c_14db1595",
            "3": "c_e018d301",
            "4": "c_c145999e",
            "5": "c_045fd11d",
            "6": "c_cb086da3",
            "7": "c_e860b49b",
            "8": "c_ec518d13",
        },
    ),
    _framework(
        "c_a6d433f4",
        "Lithuanian National Qualifications Framework",
        "LT",
        "LTQF",
        abbreviations=("LTQF",),
        names=("Lithuanian Qualifications Framework",),
        levels={
            "1": "c_98b42a9f",
            "2": "c_8525e36a",
            "3": "c_9d34b310",
            "4": "c_d1e9f55d",
            "5": "c_b62fa7ef",
            "6": "c_caa3091a",
            "7": "c_dbbbe65b",
            "8": "c_6e015474",
        },
    ),
    _framework(
        "c_ac40cadc",
        "Latvian Qualifications Framework",
        "LV",
        "LQF",
        abbreviations=("LQF", "LKI"),
        names=(),
        levels={
            "1": "c_41bf3e8a",
            "2": "c_f1f60c76",
            "3": "c_138c123b",
            "4": "c_14b672c3",
            "5": "c_7493dd0e",
            "6": "c_a828cd20",
            "7": "c_a61cdeca",
            "8": "c_a6744590",
        },
    ),
    _framework(
        "c_ae44d998",
        "Norwegian Qualifications Framework",
        "NO",
        "NKR",
        abbreviations=("NKR",),
        names=(),
        levels={
            "1": "c_2293fdad",
            "2": "c_0b8188d7",
            "3": "c_bbfedf33",
            "4": "c_81090d42",
            "5.1": "c_12ece3d4",
            "5.2": "c_92632be8",
            "6.1": "c_6b569351",
            "6.2": "c_52818ecd",
            "7": "c_fb307b49",
            "8": "c_95249ae7",
        },
    ),
    _framework(
        "c_af98ac9a",
        "Czech National Register of Qualifications",
        "CZ",
        "NSK",
        abbreviations=("NSK",),
        names=("Národní soustava kvalifikací",),
        levels={
            "1": "c_5dfdf326",
            "2": "c_6961eec3",
            "3": "c_993b0d50",
            "4": "c_fe9eb464",
            "5": "c_b80ee6b1",
            "6": "c_82e7da58",
            "7": "c_1df7b6c9",
            "8": "c_4276c6dc",
        },
    ),
    _framework(
        "c_afce1c3a",
        "Cypriot National Qualifications Framework",
        "CY",
        "CyQF",
        abbreviations=("CyQF",),
        names=("Cyprus Qualifications Framework",),
        levels={
            "1": "c_02c7fedc",
            "2": "c_ffd9ca10",
            "3": "c_e44ef2dc",
            "4": "c_5cbacb43",
            "5a": "c_549bffac",
            "5b": "c_6cba2673",
            "5c": "c_16351043",
            "6": "c_8f872111",
            "7a": "c_f59c3ad4",
            "7b": "c_95481d1f",
            "7c": "c_a6c13e9f",
            "8": "c_99235760",
        },
    ),
    _framework(
        "c_bc619568",
        "National Qualifications Framework for Lifelong Learning for Liechtenstein",
        "LI",
        "NQFL",
        abbreviations=("NQFL",),
        names=("Liechtenstein Qualifications Framework",),
        levels={
            "1": "c_ae256098",
            "2": "c_ab81fe6f",
            "3": "c_73e5a71b",
            "4": "c_e7f9e314",
            "5": "c_9a2c4ae2",
            "6": "c_ad62b6d5",
            "7": "c_e6601cb4",
            "8": "c_e160a72d",
        },
    ),
    _framework(
        "c_c534839f",
        "Bulgarian Qualifications Framework",
        "BG",
        "BQF",
        abbreviations=("BQF",),
        names=(),
        levels={
            "0": "c_50f03409",
            "1": "c_11fef73b",
            "2": "c_4854c1ef",
            "3": "c_d57056ce",
            "4": "c_40f3d416",
            "5": "c_0b0b744e",
            "6": "c_2b79a822",
            "7": "c_bb023568",
            "8": "c_311c2747",
        },
    ),
    _framework(
        "c_c8bc1cb9",
        "French National Qualifications Framework",
        "FR",
        "NQF RNCP",
        abbreviations=("NQF RNCP", "RNCP"),
        names=("Cadre national des certifications professionnelles",),
        levels={
            "I-Doctorat": "c_7ab73420",
            "I-Master": "c_828fbcc3",
            "II-Grade de Licence": "c_5ad5d222",
            "III": "c_243aefbe",
            "IV": "c_40020d69",
            "V": "c_d7cce980",
        },
    ),
    _framework(
        "c_d0a601e6",
        "Regulated Qualifications Framework (RQF) for England and Northern Ireland",
        "GB",
        "RQF",
        abbreviations=("RQF",),
        names=("Regulated Qualifications Framework",),
        levels={
            "1": "c_f015bac8",
            "2": "c_e83742bd",
            "3": "c_dddf1163",
            "4": "c_308a1766",
            "5": "c_dec9edae",
            "6": "c_c392e7a2",
            "7": "c_3a94d1b4",
            "8": "c_064b59e6",
            "Entry Level 3": "c_b3a26e65",
            "Entry Levels 1-2": "c_778f8030",
        },
    ),
    _framework(
        "c_d3b1f75e",
        "Albanian Qualifications Framework",
        "AL",
        "AQF",
        abbreviations=("AQF",),
        names=(),
        levels={
            "1": "c_45ec22f4",
            "2": "c_83fe9d36",
            "3": "c_af16b647",
            "4": "c_24cdfa3f",
            "5": "c_cfe3e39b",
            "6": "c_31779637",
            "7": "c_56c0e2fd",
            "8": "c_d104d536",
        },
    ),
    _framework(
        "c_d932c882",
        "Swedish National Qualifications Framework",
        "SE",
        "SeQF",
        abbreviations=("SeQF",),
        names=("Swedish Qualifications Framework",),
        levels={
            "1": "c_20b8cbc9",
            "2": "c_e1f75f79",
            "3": "c_4ec9e6c0",
            "4": "c_6477e349",
            "5": "c_b44f7367",
            "6": "c_185bb246",
            "7": "c_1ab773a2",
            "8": "c_055b6cf8",
        },
    ),
    _framework(
        "c_da3760bf",
        "Bosnia and Herzegovina Qualifications Framework",
        "BA",
        "BH NQF",
        abbreviations=("BH NQF",),
        names=(),
        levels={
            "1": "c_4653268d",
            "2": "c_d80dc4a4",
            "3": "c_9dac5a30",
            "4": "c_f89fc721",
            "5": "c_96e5a5e7",
            "6": "c_1d0ca409",
            "7": "c_c042a969",
            "8": "c_36c9ff45",
        },
    ),
    _framework(
        "c_df7373da",
        "Romanian National Qualifications Framework",
        "RO",
        "ROQF",
        abbreviations=("ROQF", "CNC"),
        names=("Romanian Qualifications Framework",),
        levels={
            "1": "c_d8706544",
            "2": "c_6d9af464",
            "3": "c_513ed8e7",
            "4": "c_47645af5",
            "5": "c_5bca675f",
            "6": "c_8b75d6fc",
            "7": "c_152a2ae2",
            "8": "c_8f107ecd",
        },
    ),
    _framework(
        "c_e8c5bfbe",
        "Spanish Qualifications Framework for Lifelong Learning",
        "ES",
        "MECU",
        abbreviations=("MECU",),
        names=("Spanish Qualifications Framework", "Marco Español de Cualificaciones"),
        levels={
            "1": "c_9f7b21f9",
            "2": "c_a358d163",
            "3": "c_d81640d2",
            "4": "c_9f9cd022",
            "5": "c_cdd36a4b",
            "6": "c_6422359b",
            "7": "c_37f3c037",
            "8": "c_62866e36",
        },
    ),
    _framework(
        "c_e9fb041f",
        "Estonian Qualifications Framework",
        "EE",
        "EstQF",
        abbreviations=("EstQF", "EKR"),
        names=(),
        levels={
            "1": "c_ed568080",
            "2": "c_54b380be",
            "3": "c_3f16a034",
            "4": "c_7cb99427",
            "5": "c_11b06734",
            "6": "c_3dddfd70",
            "7": "c_9173237a",
            "8": "c_2616aeff",
        },
    ),
    _framework(
        "c_ed96825f",
        "Flemish qualifications framework",
        "BE",
        "FQF",
        abbreviations=("FQF", "VKS"),
        names=("Flemish Qualifications Structure", "Vlaamse kwalificatiestructuur"),
        levels={
            "1": "c_cf509e8a",
            "2": "c_7f5e85a7",
            "3": "c_650d7e95",
            "4": "c_615c4895",
            "5": "c_6fa57440",
            "6": "c_65235ec5",
            "7": "c_95fec238",
            "8": "c_13c65774",
        },
    ),
    _framework(
        "c_ef113b94",
        "German National Qualifications Framework",
        "DE",
        "DQR",
        abbreviations=("DQR",),
        names=("German Qualifications Framework", "Deutscher Qualifikationsrahmen"),
        levels={
            "1": "c_f77c7095",
            "2": "c_c71cce15",
            "3": "c_c37d888a",
            "4": "c_12a84182",
            "5": "c_bd9f8e42",
            "6": "c_6919ed25",
            "7": "c_184f7fed",
            "8": "c_341d539b",
        },
    ),
    _framework(
        "c_f3b785c7",
        "Qualifications Framework of the French Community of Belgium",
        "BE",
        "CFC",
        abbreviations=("CFC",),
        names=("Cadre francophone des certifications",),
        levels={
            "1": "c_9c785d58",
            "2": "c_15435c11",
            "3": "c_19d85def",
            "4": "c_baa10a4e",
            "5": "c_cf6bd5a1",
            "6": "c_09d0ebb0",
            "7": "c_4e0e5f6b",
            "8": "c_165020a6",
        },
    ),
    _framework(
        "c_f4790dbf",
        "Kosovo National Qualifications Framework",
        "XK",
        "KS NQF",
        abbreviations=("KS NQF",),
        names=("Kosovo Qualifications Framework",),
        levels={
            "1": "c_7203c28f",
            "2": "c_c8293950",
            "3": "c_ec2e2ebe",
            "4": "c_a31706ad",
            "5": "c_030f5138",
            "6": "c_ca282dd9",
            "7": "c_fa8f5b4b",
            "8": "c_4ba29707",
        },
    ),
    _framework(
        "c_fcd47fb1",
        "National Qualifications Framework of Swiss Vocational and Professional Education",
        "CH",
        "NQF VPET",
        abbreviations=("NQF VPET",),
        names=("Swiss Qualifications Framework",),
        levels={
            "1": "c_419407fa",
            "2": "c_9ccd261b",
            "3": "c_1d6c3de5",
            "4": "c_dae3c198",
            "5": "c_7038706c",
            "6": "c_b83c6524",
            "7": "c_468a5afc",
            "8": "c_ce40bd02",
        },
    ),
)
"""Every framework of the QDR's NQF list, each with all of its levels."""


def _words(text: str) -> str:
    """Lower case, with runs of anything but letters, digits, dots and `+` as single spaces."""
    return " " + " ".join(re.split(r"[^\w.+]+|_", text.casefold())).strip(" .") + " "


def _level_key(level: str) -> str:
    """A level as partners may write it (`Level 6`, `6`, `7 A`, `7a`) in one spelling."""
    text = _words(level).replace(" levels ", " ").replace(" level ", " ")
    return text.replace(" ", "")


@cache
def _name_index() -> tuple[tuple[str, Framework, bool], ...]:
    entries = []
    for framework in FRAMEWORKS:
        for name in (framework.label, *framework.names):
            entries.append((_words(name), framework, True))
        for abbreviation in framework.abbreviations:
            entries.append((_words(abbreviation), framework, False))
    return tuple(entries)


def frameworks_named(text: str, country: str) -> list[Framework]:
    """The frameworks a partner's framework text names, narrowed by the provider's country.

    A full name is unambiguous and wins over abbreviations; an abbreviation
    that several countries use (`QNQ` is Italy's and Portugal's) counts for
    the provider's country when that is one of them.
    """
    words = _words(text)
    by_name = [f for name, f, full in _name_index() if full and name in words]
    found = by_name or [f for name, f, full in _name_index() if not full and name in words]
    unique = list(dict.fromkeys(found))
    if len(unique) > 1:
        local = [f for f in unique if f.country == country]
        return local if local else unique
    return unique


@lru_cache(maxsize=4_096)
def resolve(framework_text: str, level: str, country: str) -> Resolution:
    """The QDR concept of a national level, or the reason there is none with a hint.

    Remembered (a `Resolution` is frozen): the offers of one provider mostly name one
    framework and a few of its levels, and matching a name against every framework's
    names is the costly part.
    """
    frameworks = frameworks_named(framework_text, country)
    if not frameworks:
        local = [f.label for f in FRAMEWORKS if f.country == country]
        example = f"`{local[0]}`" if local else "`German National Qualifications Framework`"
        return Resolution(
            None,
            f"`{framework_text}` is not a framework the Europass QDR lists",
            f"name the framework as the QDR does, e.g. {example}, or by its abbreviation",
        )
    if len(frameworks) > 1:
        names = " or ".join(f"`{f.label}`" for f in frameworks)
        return Resolution(
            None,
            f"`{framework_text}` may be {names}",
            "write the framework's full name",
        )
    framework = frameworks[0]
    wanted = _level_key(level)
    for name, uri in framework.levels.items():
        if _level_key(name) == wanted:
            return Resolution(NqfLevel(uri, framework.level_label(name), framework))
    known = ", ".join(f"`{name}`" for name in framework.levels)
    return Resolution(
        None,
        f"the {framework.label} has no level `{level}` in the Europass QDR",
        f"write one of its levels: {known}",
    )
