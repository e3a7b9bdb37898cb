"""The built site, from the outside: the shipped sample built once, its HTML read back."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.contrib.linkcheck import check_site, format_broken
from generator.mkdocs.build import build_site
from generator.models import annex
from generator.register import load_register
from generator.site import factsheet
from tests.support.registers import CONFIG, REPO, RegisterDir, replace

OFFERS = sorted(path.stem for path in (REPO / "offers").glob("*/*.yaml"))
WITHDRAWN = {"introduction-research-data-management", "forklift-safe-operation"}


@pytest.fixture
def site(sample_site: Path) -> Path:
    """The sample register's site (pages and search index), built once per run: read only."""
    return sample_site


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


class _Collector(HTMLParser):
    """Collects h3 texts inside the fact sheet's first language block, and JSON-LD scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.json_ld: list[str] = []
        self._in: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h3" or (tag == "script" and ("type", "application/ld+json") in attrs):
            self._in, self._text = tag, []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in == "h3":
            self.headings.append(re.sub(r"^\d+\.\s*", "", " ".join("".join(self._text).split())))
            self._in = None
        elif tag == self._in == "script":
            self.json_ld.append("".join(self._text))
            self._in = None


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def test_every_offer_has_a_page(site: Path) -> None:
    assert len(OFFERS) == 36
    for offer_id in OFFERS:
        assert (site / "offers" / offer_id / "index.html").is_file(), offer_id


@pytest.mark.parametrize("offer_id", sorted(set(OFFERS) - WITHDRAWN))
def test_fact_sheet_shows_annex_i_elements_in_annex_i_order(site: Path, offer_id: str) -> None:
    html = read(site, f"offers/{offer_id}")
    headings = parse(html).headings
    mandatory = [element.label for element in annex.MANDATORY]
    optional = [element.label for element in annex.OPTIONAL]
    # The first language block holds Annex I's 11 mandatory then 5 optional elements, in order.
    assert headings[:16] == mandatory + optional
    assert re.search(r"\b(\d+) of 11 Annex I mandatory elements stated", html)


def test_complete_offer_says_eleven_of_eleven(site: Path) -> None:
    html = read(site, "offers/trivium-summer-school-ai-ethics")
    assert "11 of 11 Annex I mandatory elements stated" in html


def test_incomplete_offer_names_what_is_missing(sample_copy: RegisterDir, tmp_path: Path) -> None:
    # Every sample offer is complete. A certificate (not a micro-credential) may leave
    # Annex I elements out: this one drops the learner's identification and the issuing date.
    path = sample_copy.root / "offers/fundacja-klikam-smialo/first-steps-smartphone.yaml"
    text = path.read_text(encoding="utf-8")
    text = replace(text, "learner_identification:\n  identified_by: [full-name]\n", "")
    issuance = (
        "issuance:\n"
        "  timing: The certificate is handed over at a small ceremony at the last meeting.\n"
        "  within_days: 0\n"
    )
    text = replace(text, issuance, "")
    path.write_text(text, encoding="utf-8")
    built = build_site(sample_copy.root, tmp_path / "site", search=False)
    html = read(built, "offers/first-steps-smartphone")
    assert (
        "<strong>9 of 11 Annex I mandatory elements stated</strong>; "
        "not stated: identification of the learner, date of issuing." in html
    )
    assert "register-completeness--partial" in html
    assert "register-completeness--partial" not in read(built, "offers/heat-pump-installation")


def test_course_json_ld_is_valid_and_complete(site: Path) -> None:
    html = read(site, "offers/trivium-summer-school-ai-ethics")
    (course,) = [json.loads(text) for text in parse(html).json_ld]
    assert course["@type"] == "Course"
    assert course["@context"] == "https://schema.org"
    assert (
        course["url"]
        == "https://register.trivium-alliance.eu/offers/trivium-summer-school-ai-ethics/"
    )
    assert course["numberOfCredits"] == {
        "@type": "QuantitativeValue",
        "value": 5.0,
        "unitText": "ECTS",
    }
    assert course["educationalCredentialAwarded"]["@type"] == "EducationalOccupationalCredential"
    assert course["availableLanguage"] == ["English"]
    assert course["offers"][0]["category"] == "Free"
    assert len(course["hasCourseInstance"]) == 2
    for instance in course["hasCourseInstance"]:
        assert instance["courseMode"] == "Blended"
        assert instance["courseWorkload"] == "PT140H"


@pytest.mark.parametrize("offer_id", sorted(set(OFFERS) - WITHDRAWN))
def test_every_fact_sheet_has_parseable_course_json_ld(site: Path, offer_id: str) -> None:
    (course,) = [json.loads(text) for text in parse(read(site, f"offers/{offer_id}")).json_ld]
    assert course["@type"] == "Course"
    assert course["hasCourseInstance"]
    assert all("courseMode" in instance for instance in course["hasCourseInstance"])


def test_browse_page_lists_offers_as_item_list(site: Path) -> None:
    (listing,) = [json.loads(text) for text in parse(read(site, "browse")).json_ld]
    assert listing["@type"] == "ItemList"
    urls = [item["url"] for item in listing["itemListElement"]]
    assert len(urls) == len(OFFERS) - len(WITHDRAWN)
    assert not any(offer_id in url for url in urls for offer_id in WITHDRAWN)


def test_withdrawn_offer_is_a_tombstone_at_the_same_url(site: Path) -> None:
    html = read(site, "offers/introduction-research-data-management")
    assert "This offer has been withdrawn" in html
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">', html)
    assert 'href="../research-data-management-fair/"' in html  # replaced_by
    assert "application/ld+json" not in html  # no Course rich result for a withdrawn offer
    assert "register-search-data" not in html  # its filters are in its search record


def test_translations_are_offered_with_lang_attributes(site: Path) -> None:
    html = read(site, "offers/trivium-summer-school-ai-ethics")
    assert '<html lang="en"' in html
    for code in ("de", "nl", "fi"):
        assert f'class="tabbed-block" lang="{code}"' in html
    assert "TRIVIUM-Sommerschule: Ethik der Künstlichen Intelligenz" in html
    # Ids stay unique across language blocks.
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_offers_are_not_in_the_navigation(site: Path) -> None:
    # The About page links to no offer, so any offer link on it would come from the navigation.
    html = read(site, "about")
    assert 'class="md-nav md-nav--primary' in html
    assert 'href="../offers/' not in html
    for section in ("browse/", "providers/", "recognition/"):
        assert f'href="../{section}"' in html


def test_every_internal_link_and_asset_resolves(site: Path) -> None:
    broken = check_site(site, ignore=["pagefind/**"])
    assert not broken, format_broken(broken)


def test_search_index_holds_every_offer(site: Path) -> None:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == len(OFFERS)


def test_home_page_has_counts_and_four_accessible_charts(site: Path) -> None:
    html = read(site, "")
    assert html.count('<figure class="register-chart"') == 4
    assert '<span class="register-counts__value">34</span> offers' in html
    assert '<span class="register-counts__value">10</span> providers' in html
    body = html.split('<article class="md-content__inner')[1].split("</article>")[0]
    assert "<script" not in body  # charts are drawn at build time, no chart library
    assert body.count("<svg") == 4


def test_site_makes_no_external_requests(site: Path) -> None:
    """No page loads a script, stylesheet, font or image from another host."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
            for match in re.finditer(rf"<{tag}\b[^>]*\b{attribute}=\"([^\"]+)\"", html):
                value = match.group(1)
                if tag == "link" and (
                    "canonical" in match.group(0) or "alternate" in match.group(0)
                ):
                    continue
                assert not re.match(r"^(https?:)?//", value), f"{page}: {match.group(0)}"


def test_provider_page_shows_identity_qa_offers_and_policy(site: Path) -> None:
    html = read(site, "providers/jarvimaa-uas")
    assert "SF JARVIMA05" in html
    assert "https://www.eqar.eu/qa-results/institution/?id=2248" in html
    assert "Finnish Education Evaluation Centre (FINEEC)" in html
    assert 'href="../../offers/circular-product-design/"' in html
    assert 'href="../../recognition/jarvimaa-uas/"' in html


def test_recognition_overview_compares_every_provider(site: Path) -> None:
    html = read(site, "recognition")
    rows = re.findall(
        r'<th scope="row"><a href="\.\./recognition/|<th scope="row"><a href="([a-z0-9-]+)/"', html
    )
    assert len(rows) == 10
    for provider in (REPO / "providers").glob("*.yaml"):
        assert (site / "recognition" / provider.stem / "index.html").is_file()
    assert "Recognises external micro-credentials" in read(site, "recognition/jarvimaa-uas")


def test_about_page_names_the_ten_principles(site: Path) -> None:
    html = read(site, "about")
    for principle in (
        "Quality",
        "Transparency",
        "Relevance",
        "Valid assessment",
        "Learning pathways",
        "Recognition",
        "Portable",
        "Learner-centred",
        "Authentic",
        "Information and guidance",
    ):
        assert principle in html


def test_field_reference_is_generated_from_the_models(site: Path) -> None:
    from generator.models.offer import Offer

    html = read(site, "contributing/fields")
    description = Offer.model_fields["last_reviewed"].description
    assert description and description in html
    assert "<table>" in html


def with_site_files(register: RegisterDir) -> RegisterDir:
    """A test register with the sample's site configuration, theme and hand-written pages."""
    shutil.copy(REPO / "mkdocs.yml", register.root / "mkdocs.yml")
    for folder in ("docs", "theme_overrides"):
        shutil.copytree(REPO / folder, register.root / folder)
    return register


def test_interface_language_follows_the_register(reg: RegisterDir, tmp_path: Path) -> None:
    with_site_files(reg)
    reg.write("register.yml", replace(CONFIG, "default_language: en", "default_language: de"))
    built = build_site(reg.root, tmp_path / "site", search=False)
    home = (built / "index.html").read_text()
    assert '<html lang="de"' in home
    assert "Kopfzeile" in home  # Material's own German interface text ("header")


def test_hostile_text_is_shown_as_text_never_as_markup(site: Path) -> None:
    """Validation refuses HTML, but rendering must be safe on its own (a second fence)."""
    from datetime import date

    from generator.catalogue import Catalogue
    from generator.models.text import LocalizedText
    from generator.site.pages import Renderer, offer_page

    register = load_register(REPO).register
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    offer = register.offers["heat-pump-installation"]
    hostile = offer.model_copy(
        update={
            "title": LocalizedText({"en": payload}),
            "summary": LocalizedText({"en": payload}),
            "description": LocalizedText({"en": f"{payload} [x](javascript:alert(3))"}),
            "prerequisites": LocalizedText({"en": payload}),
        }
    )
    register.offers[offer.id] = hostile
    data = Catalogue(register)
    page = offer_page(data, Renderer(data, date(2026, 1, 1), {}), hostile)
    html = page.html + page.head
    assert "<script>alert" not in html and "<img" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.html


def test_invalid_register_fails_and_keeps_the_previous_site(
    sample_copy: RegisterDir, tmp_path: Path, cli
) -> None:
    target = tmp_path / "site"
    assert cli("build", "--root", sample_copy.root, "--site-dir", target, "--no-search").code == 0
    before = (target / "index.html").read_bytes()
    path = "offers/technikum-murtal/heat-pump-installation.yaml"
    text = (sample_copy.root / path).read_text()
    sample_copy.write(path, replace(text, "eqf: 4", "eqf: 9"))
    run = cli("build", "--root", sample_copy.root, "--site-dir", target, "--no-search")
    assert run.code == 1
    assert f"{path}:" in run.err and "level.eqf" in run.err
    assert (target / "index.html").read_bytes() == before
    assert not list(tmp_path.glob(".site.*")), "no staging folder is left behind"


def test_last_updated_comes_from_git(sample_copy: RegisterDir, tmp_path: Path) -> None:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": "2025-03-04T10:00:00Z",
        "GIT_COMMITTER_DATE": "2025-03-04T10:00:00Z",
        "PATH": "/usr/bin:/bin",
    }
    root = sample_copy.root
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "sample"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env)
    built = build_site(root, tmp_path / "site", search=False)
    html = (built / "offers" / "heat-pump-installation" / "index.html").read_text()
    assert '<dt>Last updated</dt><dd><time datetime="2025-03-04">4 March 2025</time>' in html


def test_last_updated_outside_git_is_the_review_date(
    sample_copy: RegisterDir, tmp_path: Path
) -> None:
    built = build_site(sample_copy.root, tmp_path / "site", search=False)
    html = (built / "offers" / "trivium-summer-school-ai-ethics" / "index.html").read_text()
    assert '<dt>Last updated</dt><dd><time datetime="2026-11-02">' in html


def test_plain_mkdocs_build_uses_the_plugin(sample_copy: RegisterDir, tmp_path: Path) -> None:
    """The generator is an MkDocs plugin found by entry point: `mkdocs build` alone works."""
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
        cwd=sample_copy.root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert (out / "offers" / "heat-pump-installation" / "index.html").is_file()
    assert (out / "pagefind" / "pagefind.js").is_file()

    path = sample_copy.root / "offers/technikum-murtal/heat-pump-installation.yaml"
    path.write_text(replace(path.read_text(), "eqf: 4", "eqf: 9"))
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "broken")],
        cwd=sample_copy.root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert run.returncode == 1
    assert "heat-pump-installation.yaml:" in run.stderr and "EQF level" in run.stderr


def test_fact_sheets_link_to_every_machine_readable_version(site: Path) -> None:
    html = (site / "offers" / "circular-economy-specialist" / "index.html").read_text()
    for href in (
        "../../api/v1/offers/circular-economy-specialist.json",
        "../../api/v1/elm/circular-economy-specialist.jsonld",
        "calendar.ics",
    ):
        assert f'href="{href}"' in html, href
    assert (site / "offers" / "circular-economy-specialist" / "calendar.ics").is_file()
    tombstone = (site / "offers" / "forklift-safe-operation" / "index.html").read_text()
    assert 'href="../../api/v1/elm/forklift-safe-operation.jsonld"' in tombstone
    assert 'href="calendar.ics"' not in tombstone


def test_api_page_documents_the_feed(site: Path) -> None:
    html = (site / "api" / "index.html").read_text()
    assert "Data and API" in html
    for path in ("v1/catalogue.json.gz", "v1/openapi.yaml", "v1/dcat.jsonld", "../calendar.ics"):
        assert f'href="{path}"' in html, path
    assert "12 months" in html


def key_facts(html: str) -> dict[str, str]:
    """The fact sheet's key facts, term → text."""
    block = html.split('<dl class="register-keyfacts">')[1].split("</dl>")[0]
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block, re.S)
    return {term: re.sub(r"<[^>]+>", "", value) for term, value in pairs}


def test_key_facts_come_before_annex_i(site: Path) -> None:
    html = read(site, "offers/trivium-summer-school-ai-ethics/")

    facts = key_facts(html)
    assert list(facts)[:8] == [
        "Provider",
        "Workload",
        "Level",
        "Form of participation",
        "Language",
        "Fee",
        "Next start",
        "Apply by",
    ]
    assert facts["Workload"] == "5 ECTS credits · 140 hours"
    assert facts["Level"] == "EQF level 7"
    assert facts["Fee"].startswith("Free of charge")
    assert facts["Apply by"] == "31 March 2027"
    apply = html.index("Details and application<")
    assert html.index("register-keyfacts") < apply < html.index('id="mandatory"')


def test_key_facts_say_when_there_are_no_ects_credits(site: Path) -> None:
    facts = {
        offer_id: key_facts(read(site, f"offers/{offer_id}/"))
        for offer_id in OFFERS
        if offer_id not in WITHDRAWN
    }
    hours_only = [
        f
        for f in facts.values()
        if not f["Workload"].endswith("ECTS credits") and " · " not in f["Workload"]
    ]
    assert hours_only, "the sample has offers stated in hours only"
    assert all(re.fullmatch(r"[\d.]+ hours \(no ECTS credits\)", f["Workload"]) for f in hours_only)
    assert all(f["Fee"] for f in facts.values())


def test_fact_sheets_nest_no_article_and_label_no_plain_div(site: Path) -> None:
    for offer_id in OFFERS:
        html = read(site, f"offers/{offer_id}/")
        body = html.split('<article class="md-content__inner')[1].split("</article>")[0]
        assert "<article" not in body, f"{offer_id}: an article inside Material's article"
        assert not re.search(r"<div(?![^>]*\brole=)[^>]*\baria-label=", body), offer_id


def test_compare_page_rows_are_the_key_facts_then_every_annex_i_element(site: Path) -> None:
    html = read(site, "compare")
    assert re.findall(r'<tr data-element="([a-z-]+)">', html) == [e.key for e in annex.ELEMENTS]
    assert re.findall(r'<tr data-fact="([a-z-]+)">', html) == [k for k, _ in factsheet.KEY_FACTS]
    assert html.count('<th scope="row">') == len(annex.ELEMENTS) + len(factsheet.KEY_FACTS)
    assert '<caption id="register-compare-caption">' in html
    # Without JavaScript: what to do instead, and the way back.
    nojs = html[html.index('id="register-compare-nojs"') :]
    assert '<a href="../browse/">' in nojs[: nojs.index("</div>")]
    assert 'src="../assets/register/compare.js"' in html
    assert not re.search(r"<[^>]+\son\w+=", html)


def test_fact_sheets_mark_the_key_facts_the_compare_page_reads(site: Path) -> None:
    html = read(site, "offers/trivium-summer-school-ai-ethics")
    marked = set(re.findall(r'<div data-fact="([a-z-]+)">', html))
    assert {key for key, _ in factsheet.KEY_FACTS} <= marked
    assert 'data-compare-id="trivium-summer-school-ai-ethics"' in html
    assert 'src="../../assets/register/compare.js"' in html


PATHWAY_PARTS = [
    "circular-business-models",
    "circular-product-design",
    "life-cycle-assessment-practice",
]


def test_pathways_page_draws_and_lists_every_pathway(site: Path) -> None:
    html = read(site, "pathways")
    figure = html[html.index('id="pathway-circular-economy-specialist"') :]
    figure = figure[: figure.index("</figure>")]
    # The diagram is named by its title; the ordered list is its text equivalent, with links.
    assert re.search(r'<svg[^>]*role="img"[^>]*aria-labelledby="pathway-circular', figure)
    steps = figure[figure.index("<ol") :]
    linked = re.findall(r'href="../offers/([a-z-]+)/"', steps)
    assert linked == [*PATHWAY_PARTS, "circular-economy-specialist"]


@pytest.mark.parametrize("offer_id", [*PATHWAY_PARTS, "circular-economy-specialist"])
def test_fact_sheets_involved_show_their_pathway(site: Path, offer_id: str) -> None:
    html = read(site, f"offers/{offer_id}")
    assert '<h2 id="pathway">Pathway</h2>' in html
    assert 'id="pathway-circular-economy-specialist"' in html
    assert '<a href="../../pathways/">Every pathway in the register</a>' in html


def test_fact_sheets_outside_any_pathway_show_none(site: Path) -> None:
    assert 'id="pathway"' not in read(site, "offers/trivium-summer-school-ai-ethics")
