"""The public site's pages, made from the register: what each page is and what it shows.

This module knows nothing of MkDocs. It turns a `Register` into `SitePage`s
(a URL, a title and an HTML body rendered from our own Jinja2 templates in
`generator/site/templates/`); `generator.mkdocs.plugin` hands them to MkDocs, which
wraps each body in the theme. Moving to another engine means replacing the
plugin, not this module.

All links in page bodies are relative, so the site works from a domain root
and from a sub-path (a GitHub Pages project site) alike.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import lru_cache, partial
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from generator import vocabularies as vocab
from generator.catalogue import Catalogue
from generator.models import annex
from generator.models.offer import Offer
from generator.models.provider import Provider
from generator.models.text import LocalizedText
from generator.numbers import format_number
from generator.register import Register, offer_key, provider_key
from generator.site import charts, factsheet, pathways, structured_data
from generator.site.facets import (
    FACETS,
    FEE_ORDER,
    START_ORDER,
    eqf_facet,
    field_facet,
    next_start,
)
from generator.site.markdown import render_markdown, render_plain
from generator.site.page import Exports, RecordPage, SitePage
from generator.urls import (
    ACCESSIBILITY_URL,
    BROWSE_URL,
    COMPARE_URL,
    HOME_URL,
    PATHWAYS_URL,
    PROVIDERS_URL,
    RECOGNITION_URL,
    browse_page_url,
    offer_url,
    policy_url,
    provider_url,
    relative_link,
    search_part_dirs,
)

BROWSE_PAGE_SIZE = 100
"""Offers per page of the static (no-JavaScript) browse list."""


def card_facts(offer: Offer, register: Register, today: date) -> list[str]:
    """The facts under an offer's title in a list: provider, level, workload, mode, next start.

    The static list (no JavaScript) shows them from here, and the search record
    (`generator.site.search_records`) holds the same words, so a search result reads
    exactly like a list entry.
    """
    provider = register.providers.get(offer.provider)
    facts = [provider.name.default if provider else offer.provider, eqf_facet(offer)]
    if offer.workload.ects:
        facts.append(f"{format_number(offer.workload.ects)} ECTS")
    elif offer.workload.hours:
        facts.append(f"{format_number(offer.workload.hours)} hours")
    facts.append(vocab.PARTICIPATION_MODES.label_of(offer.participation.mode))
    start = next_start(offer, today)
    if start:
        facts.append(f"starts {long_date(start)}")
    return facts


# --- Languages -------------------------------------------------------------------


def text_languages(value: Any) -> set[str]:
    """Every language a record states any text in (walks nested models and lists)."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, LocalizedText):
            found.update(item.languages)
        elif isinstance(item, list):
            stack.extend(item)
        elif hasattr(item, "__pydantic_fields__"):
            stack.extend(getattr(item, name) for name in item.__pydantic_fields__)
    return found


def page_languages(value: Any, default: str, preferred: list[str]) -> list[str]:
    """Languages a page can be read in: the default first, then the register's languages."""
    found = text_languages(value) - {default}
    order = {code: index for index, code in enumerate(preferred)}
    return [default, *sorted(found, key=lambda code: (order.get(code, len(order)), code))]


# --- Rendering -------------------------------------------------------------------


def _relative(context: Any, target: str) -> str:
    """A link from the page being rendered to a site-relative URL (kept relative)."""
    return relative_link(target, context["page_url"])


class Renderer:
    """Renders pages with the site templates; one per build."""

    def __init__(
        self,
        data: Catalogue,
        today: date,
        exports: Exports | None = None,
        *,
        keep_cards: bool = False,
    ) -> None:
        self.data = data
        self.today = today
        self.exports: Exports = exports or {}
        self._cards: dict[tuple[str, str, str], tuple[Offer, Markup]] | None = (
            {} if keep_cards else None
        )
        """With `keep_cards`, each offer's card in a list as last rendered, by its link and
        languages: the live preview renders the list pages an edit shifts from these."""
        self.env = Environment(
            loader=PackageLoader("generator.site", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(
            url=pass_context(_relative),
            vocab=vocab,
            factsheet=factsheet,
            annex=annex,
            language_name=vocab.language_name,
            country_name=vocab.country_name,
            subdivision_name=vocab.subdivision_name,
            register=data.register,
            config=data.register.config,
            site=data,
            offer_url=offer_url,
            provider_url=provider_url,
            policy_url=policy_url,
            card_facts=self._card_facts,
            offer_card=self._offer_card,
            pathway_diagram=pathways.diagram,
        )
        self.env.filters.update(
            tx=pass_context(_text),
            md=pass_context(_markdown),
            plain=pass_context(_plain),
            number=format_number,
            isodate=_isodate,
            longdate=long_date,
            weburl=web_url,
            mailto=mailto_url,
        )

    def _card_facts(self, offer: Offer) -> str:
        return " · ".join(card_facts(offer, self.data.register, self.today))

    @pass_context
    def _offer_card(self, context: Any, offer: Offer, make: Callable[[Offer], Markup]) -> Markup:
        """An offer's card in a list, made by `make` (the templates' macro) or kept from before.

        A card shows the offer, its provider's name and the next start after `today`; a
        kept one is used while the offer is the same object (the live preview's record cache
        keeps unchanged records) and the providers are (`use`).
        """
        if self._cards is None:
            return make(offer)
        href = relative_link(offer_url(offer.id), context["page_url"])
        key = (href, context["language"], context["block_language"])
        kept = self._cards.get(key)
        if kept is None or kept[0] is not offer:
            kept = self._cards[key] = (offer, make(offer))
        return kept[1]

    def compile_templates(self) -> None:
        """Compile every site template now rather than on first use."""
        for name in self.env.list_templates():
            self.env.get_template(name)

    def use(self, data: Catalogue, exports: Exports) -> None:
        """Render from `data` from now on, keeping the compiled templates (live preview)."""
        before = self.data.register.providers
        self.data, self.exports = data, exports
        self.env.globals.update(register=data.register, config=data.register.config, site=data)
        after = data.register.providers
        if self._cards and (
            before.keys() != after.keys() or any(after[k] is not before[k] for k in after)
        ):
            self._cards.clear()  # a provider's name is on its offers' cards

    def render(self, template: str, page_url: str, **context: Any) -> str:
        """Render a site template for the page at `page_url`."""
        language = context.pop("language", self.data.language)
        return self.env.get_template(template).render(
            page_url=page_url, language=language, block_language=language, **context
        )


def _pick(context: Any, value: LocalizedText | str) -> tuple[str, str | None]:
    """The text to show in the context's language, and its language if that differs."""
    if isinstance(value, LocalizedText):
        wanted = context["language"]
        shown_lang = wanted if wanted in value.texts else value.languages[0]
        text = value.texts[shown_lang]
        return text, (shown_lang if shown_lang != context["block_language"] else None)
    return value, None


def _localized(
    context: Any,
    value: LocalizedText | str | None,
    render: Callable[[str], Markup],
    element: str,
) -> Markup:
    """Render a text in the context's language; mark it with `lang` when it falls back."""
    if value is None:
        return Markup("")
    text, other = _pick(context, value)
    html = render(text)
    return (
        Markup('<{0} lang="{1}">{2}</{0}>').format(Markup(element), other, html) if other else html
    )


@lru_cache(maxsize=1024)
def _cached_markdown(text: str) -> Markup:
    # A fact sheet repeats an untranslated description in every language tab.
    return render_markdown(text)


def _text(context: Any, value: LocalizedText | str | None) -> Markup:
    return _localized(context, value, escape, "span")


def _markdown(context: Any, value: LocalizedText | str | None) -> Markup:
    return _localized(context, value, _cached_markdown, "div")


def _plain(context: Any, value: LocalizedText | str | None) -> Markup:
    return _localized(context, value, render_plain, "div")


def web_url(value: str) -> str:
    """`value` if it is an http(s) address, else "": no `javascript:` link, whatever the data.

    Validation refuses other schemes already; this keeps the pages safe should a record
    ever reach them unvalidated. Browsers ignore whitespace and control characters in a
    scheme, so those are ignored here too.
    """
    scheme = urlsplit("".join(ch for ch in value if ch > " ")).scheme.lower()
    return value if scheme in {"http", "https"} else ""


def mailto_url(address: str) -> str:
    """A `mailto:` link to exactly `address`.

    `?`, `#`, `&` and `%` are percent-encoded, so an address can never add header
    fields (a hidden `?bcc=`) or cut itself short.
    """
    return "mailto:" + quote(address, safe="@!$'()*+,;=:~-._")


def _isodate(value: date | datetime | None) -> str:
    return value.isoformat() if value else ""


def long_date(value: date | None) -> str:
    """A date for reading, e.g. "31 March 2027"."""
    return f"{value.day} {value:%B %Y}" if value else ""


# --- The pages -------------------------------------------------------------------


def site_pages(data: Catalogue, today: date, exports: Exports) -> Iterator[SitePage | RecordPage]:
    """Every page made from the register's records, in a stable order.

    The pages of single records (offers, providers, policies) are made on demand.

    `exports` names, per offer, the machine-readable versions its fact sheet links to.
    """
    renderer = Renderer(data, today, exports)
    yield home_page(data, renderer)
    chunks = browse_chunks(data)
    yield browse_page(data, renderer, chunks, 1)
    # The list pages behind the browse page are not in the navigation: like the pages of
    # single records, each is poured into its frame.
    for number in range(2, len(chunks) + 1):
        page = partial(browse_page, data, renderer, chunks, number)
        yield RecordPage(browse_page_url(number), None, page)
    yield compare_page(renderer)
    files = data.register.files
    # By id, not title: the sitemap lists them in this order, and an edited title in the
    # live preview leaves it as it was.
    for offer in data.register.offers.values():
        source = files.get(offer_key(offer.id))
        yield RecordPage(offer_url(offer.id), source, partial(offer_page, data, renderer, offer))
    yield providers_page(data, renderer)
    for provider in sorted(data.register.providers.values(), key=lambda p: p.id):
        source = files.get(provider_key(provider.id))
        page = partial(provider_page, data, renderer, provider)
        yield RecordPage(provider_url(provider.id), source, page)
        policy = partial(policy_page, data, renderer, provider)
        yield RecordPage(policy_url(provider.id), source, policy)
    yield policies_page(data, renderer)
    yield pathways_page(data, renderer)
    yield accessibility_page(data, renderer)


def home_page(data: Catalogue, renderer: Renderer) -> SitePage:
    """The home page: what the register is, a search box, counts and charts."""
    register = data.register
    public = [offer for offer in register.offers.values() if not offer.is_withdrawn]
    countries = {p.country for p in register.providers.values()}
    languages = {code for offer in public for code in offer.languages}
    counts = {
        "offers": len(public),
        "providers": len(register.providers),
        "countries": len(countries),
        "languages": len(languages),
    }
    chart_list = home_charts(data, public)
    html = renderer.render(
        "home.html",
        HOME_URL,
        counts=counts,
        charts=chart_list,
        withdrawn=len(register.offers) - len(public),
    )
    return SitePage(
        url=HOME_URL,
        title=register.config.name.default,
        html=html,
        description=register.config.description.default if register.config.description else "",
        hide=("navigation", "toc"),
    )


def _browse_link(facet: str, value: str) -> str:
    # Charts sit on the home page (at the site root), so this root-relative path works there.
    return f"{BROWSE_URL}?{urlencode({facet: value})}"


def home_charts(data: Catalogue, offers: list[Offer]) -> list[Markup]:
    """The home page's charts: offers by EQF level, ECTS band, country and field."""
    providers = data.register.providers

    def bars(facet: str, values: list[str], order: list[str] | None = None) -> list[charts.Bar]:
        counted = Counter(values)
        keys = order if order is not None else sorted(counted, key=lambda k: (-counted[k], k))
        return [
            charts.Bar(key, counted[key], _browse_link(facet, key))
            for key in keys
            if key in counted
        ]

    countries = [
        vocab.country_name(providers[o.provider].country) for o in offers if o.provider in providers
    ]
    return [
        charts.bar_chart(
            "chart-eqf",
            "Offers by EQF level",
            bars("eqf", [eqf_facet(o) for o in offers], list(vocab.EQF_SHORT_LABELS)),
        ),
        charts.bar_chart(
            "chart-ects",
            "Offers by workload (ECTS credits)",
            bars(
                "ects",
                [charts.ects_band(o.workload.ects, o.workload.hours) for o in offers],
                list(charts.ECTS_BANDS),
            ),
        ),
        charts.bar_chart(
            "chart-country", "Offers by country of the provider", bars("country", countries)
        ),
        charts.bar_chart(
            "chart-field",
            "Offers by field of education (ISCED-F)",
            bars("field", [field_facet(o) for o in offers]),
        ),
    ]


def browse_chunks(data: Catalogue) -> list[list[Offer]]:
    """The public offers by title, in the batches the static browse pages list."""
    public = [offer for offer in data.offers_by_title if not offer.is_withdrawn]
    return [public[i : i + BROWSE_PAGE_SIZE] for i in range(0, len(public), BROWSE_PAGE_SIZE)] or [
        []
    ]


def browse_pages(
    data: Catalogue, renderer: Renderer, numbers: set[int] | None = None
) -> Iterator[SitePage]:
    """The browse and search page, and the static list pages behind it (no JavaScript).

    `numbers` limits the pages rendered (1-based), for the live preview.
    """
    chunks = browse_chunks(data)
    for number in range(1, len(chunks) + 1):
        if numbers is None or number in numbers:
            yield browse_page(data, renderer, chunks, number)


def browse_page(
    data: Catalogue, renderer: Renderer, chunks: list[list[Offer]], number: int
) -> SitePage:
    """Page `number` (1-based) of the browse list, cut into `chunks` (`browse_chunks`)."""
    chunk = chunks[number - 1]
    total_pages = len(chunks)
    url = browse_page_url(number)
    listing = structured_data.item_list(
        [data.absolute(offer_url(offer.id)) for offer in chunk],
        f"Micro-credential offers, page {number} of {total_pages}",
    )
    # The search index covers every offer, withdrawn ones too (`search_records`).
    parts = search_part_dirs(len(data.register.offers), data.register.config.search_part_size)
    html = renderer.render(
        "browse.html",
        url,
        offers=chunk,
        number=number,
        total_pages=total_pages,
        total=sum(len(each) for each in chunks),
        today=renderer.today,
        first_index=(number - 1) * BROWSE_PAGE_SIZE + 1,
        page_urls=[browse_page_url(n) for n in range(1, total_pages + 1)],
        facets_json=json.dumps([list(facet) for facet in FACETS]),
        search_parts_json=json.dumps(parts),
        facet_order_json=json.dumps(
            {
                "ects": list(charts.ECTS_BANDS),
                "eqf": list(vocab.EQF_SHORT_LABELS),
                "status": ["Announced", "Open", "Closed", "Withdrawn"],
                "start": list(START_ORDER),
                "fee": list(FEE_ORDER),
            }
        ),
    )
    return SitePage(
        url=url,
        title="Browse and search offers" if number == 1 else f"Browse offers: page {number}",
        html=html,
        head=str(structured_data.script_tag(listing)),
        description="Search and filter every offer in the register.",
        hide=("toc",),
    )


COMPARE_MAX = 4
"""At most this many offers side by side (a phone shows one column at a time; print, four)."""


def compare_page(renderer: Renderer) -> SitePage:
    """Two to four offers side by side on every key fact and Annex I element.

    One static page for every choice: the rows come from the Annex I table and the key
    facts, and its script fills a column per offer named in `?offers=a,b,c` from the
    offer's fact sheet, so the page works on any static host and the URL is the choice.
    """
    html = renderer.render(
        "compare.html",
        COMPARE_URL,
        key_facts=factsheet.KEY_FACTS,
        max_offers=COMPARE_MAX,
        browse_url=BROWSE_URL,
    )
    return SitePage(
        url=COMPARE_URL,
        title="Compare offers",
        html=html,
        description="Offers side by side on their key facts and every Annex I element.",
        hide=("navigation", "toc"),
    )


def offer_page(data: Catalogue, renderer: Renderer, offer: Offer) -> SitePage:
    """An offer's Annex I fact sheet, or its tombstone once withdrawn."""
    url = offer_url(offer.id)
    register = data.register
    provider = register.providers[offer.provider]
    languages = page_languages(offer, data.language, register.config.languages)
    common = {
        "offer": offer,
        "provider": provider,
        "languages": languages,
        "last_updated": data.last_updated(offer),
        "source": data.source_url(offer_key(offer.id)),
        "exports": renderer.exports.get(offer.id, []),
    }
    head = ""
    if offer.is_withdrawn:
        html = renderer.render("tombstone.html", url, **common)
    else:
        html = renderer.render(
            "offer.html",
            url,
            key=factsheet.key_facts(offer, renderer.today),
            completeness=factsheet.completeness(offer),
            stated=annex.stated(offer),
            pathways=pathways.pathways_of(data, offer),
            **common,
        )
        course = structured_data.course(offer, provider, data.absolute(url), data.language)
        head = str(structured_data.script_tag(course))
    return SitePage(
        url=url,
        title=offer.title.default,
        html=html,
        head=head,
        description=offer.summary.default,
        hide=("navigation",),
        source=register.files.get(offer_key(offer.id)),
    )


def providers_page(data: Catalogue, renderer: Renderer) -> SitePage:
    """All providers, grouped by country."""
    by_country: dict[str, list[Provider]] = {}
    for provider in sorted(
        data.register.providers.values(), key=lambda p: p.name.default.casefold()
    ):
        by_country.setdefault(provider.country, []).append(provider)
    groups = sorted(by_country.items(), key=lambda item: vocab.country_name(item[0]))
    html = renderer.render("providers.html", PROVIDERS_URL, groups=groups)
    return SitePage(
        url=PROVIDERS_URL,
        title="Providers",
        html=html,
        description="The providers that publish offers in this register.",
    )


def provider_page(data: Catalogue, renderer: Renderer, provider: Provider) -> SitePage:
    """A provider's identity, quality assurance, offers and recognition policy."""
    url = provider_url(provider.id)
    offers = data.offers_by_provider.get(provider.id, [])
    html = renderer.render(
        "provider.html",
        url,
        provider=provider,
        offers=[o for o in offers if not o.is_withdrawn],
        withdrawn=[o for o in offers if o.is_withdrawn],
        source=data.source_url(provider_key(provider.id)),
    )
    return SitePage(
        url=url,
        title=provider.name.default,
        html=html,
        description=f"Micro-credential offers and recognition policy of {provider.name.default}.",
        source=data.register.files.get(provider_key(provider.id)),
    )


def policy_page(data: Catalogue, renderer: Renderer, provider: Provider) -> SitePage:
    """A provider's policy on recognising micro-credentials issued by others (§9(c))."""
    url = policy_url(provider.id)
    html = renderer.render("policy.html", url, provider=provider)
    return SitePage(
        url=url,
        title=f"Recognition policy: {provider.name.default}",
        html=html,
        description=f"How {provider.name.default} recognises micro-credentials from other providers.",
        source=data.register.files.get(provider_key(provider.id)),
    )


def policies_page(data: Catalogue, renderer: Renderer) -> SitePage:
    """Every provider's recognition policy side by side."""
    providers = sorted(data.register.providers.values(), key=lambda p: p.name.default.casefold())
    html = renderer.render("policies.html", RECOGNITION_URL, providers=providers)
    return SitePage(
        url=RECOGNITION_URL,
        title="Recognition policies",
        html=html,
        description="How each provider recognises micro-credentials issued by others, compared.",
        hide=("toc",),
    )


def accessibility_page(data: Catalogue, renderer: Renderer) -> SitePage:
    """The accessibility statement, in the model of Implementing Decision (EU) 2018/1523."""
    generated = data.generated
    html = renderer.render(
        "accessibility.html",
        ACCESSIBILITY_URL,
        page_size=BROWSE_PAGE_SIZE,
        generated=generated,
        generated_day=date.fromisoformat(generated[:10]),
    )
    return SitePage(
        url=ACCESSIBILITY_URL,
        title="Accessibility statement",
        html=html,
        description="How accessible this register is, what is not yet, and how to report a barrier.",
    )


def pathways_page(data: Catalogue, renderer: Renderer) -> SitePage:
    """Every pathway: the offers that stack towards a larger one, drawn and listed."""
    html = renderer.render(
        "pathways.html", PATHWAYS_URL, pathways=pathways.pathways(data), browse_url=BROWSE_URL
    )
    return SitePage(
        url=PATHWAYS_URL,
        title="Pathways",
        html=html,
        description="Offers that stack towards a larger credential, drawn and listed.",
    )
