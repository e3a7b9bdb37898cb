"""Link checker: small built sites in a temporary folder, one broken thing per test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.contrib.linkcheck import BrokenLink, check_site, format_broken, srcset_urls
from tests.support.registers import CliRun, RegisterDir

HEAD = '<!doctype html>\n<html>\n<head><link rel="stylesheet" href="{css}"></head>\n<body>\n'


def page(body: str, css: str = "assets/site.css") -> str:
    """A page whose body starts on line 5."""
    return HEAD.format(css=css) + body + "\n</body>\n</html>\n"


def build(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A valid site: home, two offers, assets, a search bundle with its own links."""
    return build(
        tmp_path / "site",
        {
            "index.html": page(
                '<a href="offers/">Offers</a>\n'
                '<a href="offers/rhine/data/#editions">Editions</a>\n'
                '<img src="assets/logo.png" alt="">\n'
                '<script src="assets/app.js"></script>\n'
                '<a href="https://example.org/a?b=c#d">x</a> <a href="mailto:info@example.org">m</a>\n'
                '<a href="tel:+491234">t</a> <a href="#">top</a> <a href="">self</a>\n'
                '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">\n'
                '<a href="//cdn.example.org/x.js">cdn</a>',
                css="assets/site.css",
            ),
            "offers/index.html": page(
                '<a href="rhine/data/">Data</a> <a href="rhine/ai/index.html">AI</a>\n'
                '<a href="../">Home</a> <a href="..">Home</a> <a href="/offers/">self</a>',
                css="../assets/site.css",
            ),
            "offers/rhine/data/index.html": page(
                '<h2 id="editions">Editions</h2>\n'
                '<a href="../ai/#outcomes">AI outcomes</a>\n'
                '<a href="#editions">here</a>\n'
                '<a href="../../../assets/site.css">css</a>',
                css="../../../assets/site.css",
            ),
            "offers/rhine/ai/index.html": page(
                '<h2 id="outcomes">Outcomes</h2>', css="../../../assets/site.css"
            ),
            "assets/site.css": "body {}\n",
            "assets/app.js": "\n",
            "assets/logo.png": "png",
            "pagefind/ui.html": '<a href="missing/">not ours</a>\n',
        },
    )


def links_in(tmp_path: Path, body: str, **kwargs: object) -> list[BrokenLink]:
    """Broken links of a one-page site (plus a stylesheet and an offer page) at `offers/a/b/`."""
    root = build(
        tmp_path / "one",
        {
            "offers/a/b/index.html": page(body, css="../../../site.css"),
            "offers/a/c/index.html": page('<p id="outcomes">x</p>', css="../../../site.css"),
            "site.css": "",
        },
    )
    return check_site(root, **kwargs)  # type: ignore[arg-type]


def reasons(links: list[BrokenLink]) -> list[tuple[str, str]]:
    return [(link.target, link.reason) for link in links]


def test_a_valid_site_has_no_broken_links(site: Path) -> None:
    assert check_site(site, ignore=["pagefind/**"]) == []


def test_missing_page(tmp_path: Path) -> None:
    assert reasons(links_in(tmp_path, '<a href="../d/">d</a>')) == [
        ("../d/", "no file offers/a/d/index.html")
    ]


@pytest.mark.parametrize(
    ("body", "attribute", "target"),
    [
        ('<link rel="stylesheet" href="../../../missing.css">', "href", "../../../missing.css"),
        ('<script src="app.js"></script>', "src", "app.js"),
        ('<img src="logo.svg" alt="">', "src", "logo.svg"),
        ('<iframe src="map.html"></iframe>', "src", "map.html"),
        ('<svg><use href="icons.svg#a"></use></svg>', "href", "icons.svg#a"),
        ('<svg><use xlink:href="sprite.svg#b"></use></svg>', "xlink:href", "sprite.svg#b"),
    ],
)
def test_missing_asset(tmp_path: Path, body: str, attribute: str, target: str) -> None:
    [link] = links_in(tmp_path, body)
    assert (link.attribute, link.target) == (attribute, target)
    assert link.reason.startswith("no file offers/a/b/") or link.reason == "no file missing.css"


def test_missing_anchor_in_the_same_page(tmp_path: Path) -> None:
    assert reasons(links_in(tmp_path, '<h2 id="here">x</h2><a href="#there">t</a>')) == [
        ("#there", "no anchor #there in offers/a/b/index.html")
    ]


def test_missing_anchor_in_another_page(tmp_path: Path) -> None:
    links = links_in(tmp_path, '<a href="../c/#outcomes">ok</a> <a href="../c/#nope">no</a>')
    assert reasons(links) == [("../c/#nope", "no anchor #nope in offers/a/c/index.html")]


def test_anchor_defined_by_name_on_a(tmp_path: Path) -> None:
    assert links_in(tmp_path, '<a name="legacy"></a><a href="#legacy">x</a>') == []


def test_name_on_other_elements_is_no_anchor(tmp_path: Path) -> None:
    assert reasons(links_in(tmp_path, '<input name="q"><a href="#q">x</a>')) == [
        ("#q", "no anchor #q in offers/a/b/index.html")
    ]


def test_empty_fragment_is_fine_and_top_is_not_special(tmp_path: Path) -> None:
    assert reasons(links_in(tmp_path, '<a href="#">a</a> <a href="#top">b</a>')) == [
        ("#top", "no anchor #top in offers/a/b/index.html")
    ]


def test_directory_without_index(tmp_path: Path) -> None:
    root = build(
        tmp_path / "s",
        {"index.html": '<a href="docs/">d</a>\n<a href="docs">d</a>\n', "docs/readme.txt": "x"},
    )
    assert reasons(check_site(root)) == [
        ("docs/", "no file docs/index.html"),
        ("docs", "no file docs/index.html"),
    ]


def test_directory_link_without_trailing_slash_finds_its_index(tmp_path: Path) -> None:
    assert links_in(tmp_path, '<a href="../c">c</a> <a href="../c#outcomes">o</a>') == []


def test_relative_parent_resolution(tmp_path: Path) -> None:
    links = links_in(tmp_path, '<a href="../../a/c/">ok</a> <a href="../../c/">no</a>')
    assert reasons(links) == [("../../c/", "no file offers/c/index.html")]


def test_escaping_the_root(tmp_path: Path) -> None:
    links = links_in(tmp_path, '<a href="../../../../x/">x</a> <a href="../../../">root</a>')
    assert reasons(links) == [
        ("../../../../x/", "escapes the site root"),
        ("../../../", "no file index.html"),
    ]


def test_base_path(tmp_path: Path) -> None:
    body = (
        '<a href="/register/offers/a/c/">ok</a>\n'
        '<a href="/register/offers/a/c/#outcomes">ok</a>\n'
        '<a href="/offers/a/c/">outside</a>\n'
        '<a href="/register/offers/a/x/">missing</a>\n'
        '<a href="/register/../offers/">escape</a>'
    )
    assert reasons(links_in(tmp_path, body, base_path="/register/")) == [
        ("/offers/a/c/", "outside the site's base path /register/"),
        ("/register/offers/a/x/", "no file offers/a/x/index.html"),
        ("/register/../offers/", "escapes the site root"),
    ]


def test_base_path_is_normalised(tmp_path: Path) -> None:
    for base in ("register", "/register", "https://example.eu/register/"):
        links = links_in(tmp_path, '<a href="/register/site.css">ok</a>', base_path=base)
        assert links == []


def test_root_absolute_under_default_base(tmp_path: Path) -> None:
    links = links_in(tmp_path, '<a href="/offers/a/c/">ok</a> <a href="/nope/">no</a>')
    assert reasons(links) == [("/nope/", "no file nope/index.html")]


def test_query_strings_are_ignored(tmp_path: Path) -> None:
    body = '<a href="../c/?lang=de#outcomes">x</a> <a href="?page=2">y</a> <a href="x?v=1">z</a>'
    assert reasons(links_in(tmp_path, body)) == [("x?v=1", "no file offers/a/b/x")]


def test_percent_encoded_paths_and_fragments(tmp_path: Path) -> None:
    root = build(
        tmp_path / "s",
        {
            "index.html": (
                '<a href="data%20literacy/">ok</a>\n'
                '<a href="data%20literacy/#caf%C3%A9">ok</a>\n'
                '<a href="data%2Fliteracy/">encoded slash</a>\n'
                '<a href="x/%2e%2e/data%20literacy/">dot segments</a>\n'
            ),
            "data literacy/index.html": '<h2 id="café">x</h2>',
            "x/index.html": "",
        },
    )
    assert reasons(check_site(root)) == [("data%2Fliteracy/", "no file data%2Fliteracy/index.html")]


def test_srcset_with_several_candidates(tmp_path: Path) -> None:
    body = (
        '<img src="../../../site.css" srcset="a.png 1x, ../../../site.css 2x, b.png 480w" alt="">\n'
        '<picture><source srcset="c.webp"></picture>'
    )
    links = links_in(tmp_path, body)
    assert [(link.line, link.attribute, link.target) for link in links] == [
        (5, "srcset", "a.png"),
        (5, "srcset", "b.png"),
        (6, "srcset", "c.webp"),
    ]


def test_srcset_parsing_keeps_commas_inside_urls() -> None:
    assert srcset_urls("a.png 1x,b,c.png 2x , data:image/png;base64,AAA= 3x") == [
        "a.png",
        "b,c.png",
        "data:image/png;base64,AAA=",
    ]
    assert srcset_urls(" a.png, b.png,, ") == ["a.png", "b.png"]


@pytest.mark.parametrize(
    "body",
    [
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" JavaScript:void(0)">x</a>',
        '<a href="vbscript:msgbox">x</a>',
        '<a href="data:text/html,hi">x</a>',
        '<link rel="icon" href="data:image/png;base64,AAA=">',
        '<img srcset="data:image/png;base64,AAA= 2x" alt="">',
        '<iframe src="data:text/html,hi"></iframe>',
        '<a href="ftp://example.org/x">x</a>',
        '<a href="file:///etc/passwd">x</a>',
    ],
)
def test_schemes_not_allowed(tmp_path: Path, body: str) -> None:
    [link] = links_in(tmp_path, body)
    assert link.reason == "scheme not allowed"


def test_data_url_in_img_src_is_allowed(tmp_path: Path) -> None:
    assert links_in(tmp_path, '<img src="data:image/png;base64,AAA=" alt="">') == []


@pytest.mark.parametrize(
    "url",
    [
        "http://",
        "https://",
        "https:///path",
        "http:example.org",
        "https://exa mple.org",
        "https://example.org/a b",
        "https://example.org:99999/",
        "https://[::1/",
        "//",
        "https://example.org/\x01",
    ],
)
def test_malformed_web_urls(tmp_path: Path, url: str) -> None:
    [link] = links_in(tmp_path, f'<a href="{url}">x</a>')
    assert link.target == url
    assert link.reason.startswith("malformed URL")


def test_well_formed_web_urls(tmp_path: Path) -> None:
    body = (
        '<a href="https://example.org">a</a> <a href="HTTPS://Example.org:8443/x?y#z">b</a>\n'
        '<a href="http://[2001:db8::1]/">c</a> <a href="//example.org/x">d</a>'
    )
    assert links_in(tmp_path, body) == []


def test_mailto_needs_an_address(tmp_path: Path) -> None:
    body = (
        '<a href="mailto:info@example.org?subject=Hi">ok</a>\n'
        '<a href="mailto:info%40example.org">ok</a>\n'
        '<a href="mailto:info.example.org">no</a>\n'
        '<a href="mailto:?subject=a@b">no</a>'
    )
    assert [link.target for link in links_in(tmp_path, body)] == [
        "mailto:info.example.org",
        "mailto:?subject=a@b",
    ]


def test_internal_backslash_is_malformed(tmp_path: Path) -> None:
    assert reasons(links_in(tmp_path, '<a href="..\\c\\">x</a>')) == [
        ("..\\c\\", "malformed URL: backslash")
    ]


def test_empty_src_is_broken_empty_href_is_not(tmp_path: Path) -> None:
    assert reasons(links_in(tmp_path, '<a href="">x</a> <img src="" alt="">')) == [
        ("", "empty URL")
    ]


def test_ignore_patterns_skip_sources_but_keep_targets(site: Path) -> None:
    (site / "index.html").write_text(
        page('<a href="pagefind/ui.html">search</a> <a href="pagefind/ui.html#x">x</a>'),
        encoding="utf-8",
    )
    assert [(link.page, link.target) for link in check_site(site)] == [
        ("index.html", "pagefind/ui.html#x"),
        ("pagefind/ui.html", "missing/"),
    ]
    links = check_site(site, ignore=["pagefind/**"])
    assert reasons(links) == [("pagefind/ui.html#x", "no anchor #x in pagefind/ui.html")]
    assert check_site(site, ignore=["pagefind/*", "index.html"]) == []


def test_anchor_into_an_ignored_page_is_checked(tmp_path: Path) -> None:
    root = build(
        tmp_path / "s",
        {
            "index.html": '<a href="old/#a">a</a>\n<a href="old/#b">b</a>\n',
            "old/index.html": '<div id="a"></div><a href="nowhere/">n</a>',
        },
    )
    assert reasons(check_site(root, ignore=["old/*"])) == [
        ("old/#b", "no anchor #b in old/index.html")
    ]


def test_line_numbers_and_order(tmp_path: Path) -> None:
    root = build(
        tmp_path / "s",
        {
            "b/index.html": "<p>\n</p>\n<a\n  href='x'>x</a>\n",
            "a/index.html": (
                "<!doctype html>\n<!-- <a href='commented/'> -->\n<script>\n"
                "var s = '<a href=\"in-script/\">';\n</script>\n"
                '<p>one</p><a href="y">y</a>\n\n<img src="z.png" alt=""> <a href="w">w</a>\n'
            ),
        },
    )
    assert [(link.page, link.line, link.target) for link in check_site(root)] == [
        ("a/index.html", 6, "y"),
        ("a/index.html", 8, "z.png"),
        ("a/index.html", 8, "w"),
        ("b/index.html", 3, "x"),
    ]


def test_non_html_targets_are_not_searched_for_anchors(tmp_path: Path) -> None:
    root = build(tmp_path / "s", {"index.html": '<a href="doc.pdf#page=2">p</a>', "doc.pdf": ""})
    assert check_site(root) == []


def test_text_fragments_are_not_anchors(tmp_path: Path) -> None:
    assert links_in(tmp_path, '<a href="../c/#:~:text=outcomes">x</a>') == []


def test_character_references_in_attributes_are_decoded(tmp_path: Path) -> None:
    assert links_in(tmp_path, '<a href="../c/?a=1&amp;b=2#outcomes">x</a>') == []


def test_lookups_are_case_sensitive(tmp_path: Path) -> None:
    [link] = links_in(tmp_path, '<link rel="stylesheet" href="../../../Site.css">')
    assert link.reason == "no file Site.css"


def test_missing_site_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        check_site(tmp_path / "absent")


def test_format_broken() -> None:
    links = [
        BrokenLink("offers/a/b/index.html", 12, "href", "../c/", "no file offers/a/c/index.html"),
        BrokenLink("index.html", 3, "src", "x.png", "no file x.png"),
    ]
    assert format_broken(links) == (
        'offers/a/b/index.html:12: href="../c/": no file offers/a/c/index.html\n'
        'index.html:3: src="x.png": no file x.png'
    )
    assert format_broken([]) == ""


# --- the `register check-links` command ----------------------------------------------


def test_cli_passes_a_valid_site(site: Path, cli: Callable[..., CliRun], reg: RegisterDir) -> None:
    run = cli("check-links", site, "--root", reg.root)
    assert run.code == 0
    assert run.out.startswith("links ok: ")


def test_cli_lists_each_broken_link_with_page_and_line(
    site: Path, cli: Callable[..., CliRun], reg: RegisterDir
) -> None:
    (site / "assets" / "app.js").unlink()
    run = cli("check-links", site, "--root", reg.root)
    assert run.code == 1
    assert 'index.html:8: src="assets/app.js": no file assets/app.js' in run.out
    assert "broken links: " in run.out


def test_cli_takes_the_base_path_from_site_url(
    tmp_path: Path, cli: Callable[..., CliRun], reg: RegisterDir
) -> None:
    config = reg.root / "register.yml"
    config.write_text(
        config.read_text().replace("https://register.example.eu/", "https://example.eu/register/")
    )
    built = build(tmp_path / "built", {"index.html": page('<a href="/register/">home</a>', "")})
    assert cli("check-links", built, "--root", reg.root).code == 0
    assert cli("check-links", built, "--root", reg.root, "--base-path", "/").code == 1


def test_cli_without_a_built_site_is_a_usage_error(
    cli: Callable[..., CliRun], reg: RegisterDir
) -> None:
    run = cli("check-links", "--root", reg.root)
    assert run.code == 2
    assert "run `register build` first" in run.err


# --- One rule for web addresses: what `validate` accepts, the link checker accepts -------------

_ADDRESSES = [
    "https://www.example.org/",
    "HTTPS://Example.org:8443/x?y#z",
    "https://münchen.example/kurs",
    "http://[2001:db8::1]/",
    "https://www.example.org\\evil.example/",
    "https://www.example.org:99999/",
    "https://www.example.org:0/",
    "https://www.example.org:8o8o/",
    "https://bank.example@evil.example/",
    "https://user:secret@www.example.org/",
    "https://%65vil.example/",
    "https://.../",
    "https://www..example.org/",
    "https://example.org./",
    "https://[::1/",
    "https://exa mple.org/",
    "https://example.org/\x01",
]


@pytest.mark.parametrize("url", _ADDRESSES)
def test_validation_and_the_link_checker_share_one_rule(tmp_path: Path, url: str) -> None:
    from pydantic import TypeAdapter, ValidationError

    from generator.models.fields import HttpUrl

    try:
        TypeAdapter(HttpUrl).validate_python(url)
        accepted = True
    except ValidationError:
        accepted = False
    broken = links_in(tmp_path, f'<a href="{url}">x</a>')
    assert accepted == (broken == []), broken


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://www.example.org\\evil.example/", "backslash"),
        ("https://www.example.org:99999/", "port"),
        ("https://bank.example@evil.example/", "user name"),
        ("https://%65vil.example/", "percent"),
        ("https://.../", "host name"),
        ("//bank.example@evil.example/", "user name"),
    ],
)
def test_misleading_addresses_are_broken_links(tmp_path: Path, url: str, reason: str) -> None:
    [link] = links_in(tmp_path, f'<a href="{url}">x</a>')
    assert link.reason.startswith("malformed URL") and reason in link.reason


def test_any_address_validation_accepts_passes_the_link_checker() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from pydantic import TypeAdapter, ValidationError

    from generator.contrib.linkcheck import _web_problem
    from generator.models.fields import HttpUrl

    adapter = TypeAdapter(HttpUrl)
    pieces = st.sampled_from(
        [
            "https://",
            "http://",
            "a",
            "example",
            ".",
            "org",
            "@",
            ":",
            "8080",
            "99999",
            "/",
            "\\",
            "%41",
            "[",
            "]",
            "::1",
            "?",
            "#",
            "-",
            "_",
            " ",
            "ü",
            "\t",
            "0",
        ]
    )

    @settings(max_examples=400, deadline=None)
    @given(st.lists(pieces, min_size=1, max_size=10))
    def check(parts: list[str]) -> None:
        url = "".join(parts)
        try:
            accepted = adapter.validate_python(url)
        except ValidationError:
            return
        assert _web_problem(accepted) is None, url

    check()
