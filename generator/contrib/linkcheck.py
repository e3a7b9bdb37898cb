"""Link checking for the built site: every internal link, anchor and asset must resolve.

The checker reads the folder MkDocs wrote (with `use_directory_urls`, so
`offers/x/y/index.html` is served as `offers/x/y/`) and proves that each
internal reference points at a file that exists and, when it names a
fragment, at an element with that id. External links are only checked for
syntax: the build must not depend on the network, and a remote site being
down is not a fault of the register.

Each HTML file is read and parsed once. The set of files is taken from a
single walk of the folder, so resolving a link is string work plus a set
lookup, which keeps a site of 10,000+ pages quick. The walk also makes
lookups case-sensitive, as the web servers that host the site are, even
when the build runs on a case-insensitive file system.

`<base href>` is not honoured: MkDocs never writes one.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.models.urls import mailto_problem, url_problem

# Attributes holding one URL, per element (HTMLParser lower-cases both names).
# Forms are left out: their actions are handled by a server, not by the site.
URL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "iframe": ("src",),
    "source": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
}

# Attributes holding a comma-separated list of image candidates.
SRCSET_ELEMENTS = frozenset({"img", "source"})

# Pages with these suffixes are parsed; only they can hold anchors worth checking.
HTML_SUFFIXES = (".html", ".htm")

# What the HTML standard strips from both ends of a URL attribute before parsing it.
_HTML_WHITESPACE = " \t\n\f\r"
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Text fragments (`#:~:text=…`) scroll to text, not to an id.
_TEXT_FRAGMENT = ":~:"


@dataclass(frozen=True)
class BrokenLink:
    """One reference in a built page that does not resolve or is not allowed."""

    page: str
    """Site-relative path of the HTML file, e.g. `offers/a/b/index.html`."""
    line: int
    """1-based line of the element in that file."""
    attribute: str
    """The attribute holding the reference: `href`, `src`, `srcset` …"""
    target: str
    """The reference as written (one candidate for `srcset`)."""
    reason: str
    """Why it is broken, e.g. `no file offers/a/c/index.html`."""


@dataclass(frozen=True)
class _Reference:
    line: int
    element: str
    attribute: str
    target: str


class _PageParser(HTMLParser):
    """Collects the ids a page defines and the URLs it references, with their lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.references: list[_Reference] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record ids and URL-valued attributes of one element."""
        values: dict[str, str] = {}
        for name, value in attrs:
            # Browsers keep the first of duplicated attributes.
            if value is not None and name not in values:
                values[name] = value
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        line = self.getpos()[0]
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            if attribute in values:
                self.references.append(_Reference(line, tag, attribute, values[attribute]))
        if tag in SRCSET_ELEMENTS and "srcset" in values:
            candidates = srcset_urls(values["srcset"]) or [""]
            for url in candidates:
                self.references.append(_Reference(line, tag, "srcset", url))


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a `srcset` list, following the HTML standard's parsing rules.

    A plain split on commas would cut `data:` URLs and URLs containing commas;
    the standard takes a URL up to whitespace, then skips its descriptors.
    """
    urls: list[str] = []
    pos, end = 0, len(srcset)
    while True:
        while pos < end and (srcset[pos] in _HTML_WHITESPACE or srcset[pos] == ","):
            pos += 1
        if pos >= end:
            return urls
        start = pos
        while pos < end and srcset[pos] not in _HTML_WHITESPACE:
            pos += 1
        url = srcset[start:pos]
        if url.endswith(","):
            urls.append(url.rstrip(","))
            continue
        urls.append(url)
        depth = 0
        while pos < end and (srcset[pos] != "," or depth):
            depth += {"(": 1, ")": -1}.get(srcset[pos], 0)
            pos += 1


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    # utf-8-sig: a byte-order mark must not end up in the first id or URL.
    parser.feed(path.read_bytes().decode("utf-8-sig", errors="replace"))
    parser.close()
    return parser


class _Site:
    """The files of the built site and the ids of its pages, each read once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: set[str] = set()
        self.dirs: set[str] = {""}
        for folder, dirnames, filenames in os.walk(root):
            rel = Path(folder).relative_to(root).as_posix()
            prefix = "" if rel == "." else rel + "/"
            dirnames.sort()
            self.dirs.update(prefix + name for name in dirnames)
            self.files.update(prefix + name for name in filenames)
        self._ids: dict[str, frozenset[str]] = {}

    def pages(self) -> list[str]:
        """Site-relative paths of all HTML files, sorted."""
        return sorted(f for f in self.files if f.endswith(".html"))

    def set_ids(self, page: str, ids: set[str]) -> None:
        """Remember the ids of a page parsed as a source."""
        self._ids[page] = frozenset(ids)

    def ids(self, page: str) -> frozenset[str]:
        """The ids of a page, parsing it now if it was not parsed as a source (ignored pages)."""
        if page not in self._ids:
            self._ids[page] = frozenset(_parse(self.root / page).ids)
        return self._ids[page]


def normalize_base_path(base_path: str) -> str:
    """The base path with one leading and one trailing slash; a full site URL gives its path."""
    if "://" in base_path:
        base_path = urlsplit(base_path).path
    inner = base_path.strip("/")
    return f"/{inner}/" if inner else "/"


def _web_problem(url: str) -> str | None:
    """Why an http(s) or protocol-relative URL is malformed, or None.

    The rule is the one `register validate` applies to the register's addresses
    (`generator.models.urls`), so an address that passed validation passes here.
    """
    problem = url_problem(url, scheme_required=False)
    return f"malformed URL: {problem.message}" if problem else None


def _external_problem(url: str, scheme: str, element: str, attribute: str) -> str | None:
    """Why a URL with a scheme is not acceptable, or None; nothing is fetched."""
    if scheme in ("http", "https"):
        return _web_problem(url)
    if scheme == "mailto":
        problem = mailto_problem(url)
        return f"malformed URL: {problem.message}" if problem else None
    if scheme == "tel":
        return None
    # Inline images are common and harmless; a data: URL elsewhere can run or hide content.
    if scheme == "data" and element == "img" and attribute == "src":
        return None
    return "scheme not allowed"


def _resolve(start: list[str], path: str) -> tuple[str | None, bool]:
    """Resolve a URL path against directory segments.

    Returns the site-relative path (None when `..` climbs above the root) and
    whether the URL names a directory. Segments are percent-decoded before dot
    segments are removed, as browsers treat `%2e%2e` as `..`.
    """
    stack = list(start)
    raw = path.split("/")
    is_dir = False
    for index, encoded in enumerate(raw):
        segment = unquote(encoded)
        if "/" in segment:
            # An encoded slash names one segment, which no file on disk can match.
            segment = encoded
        is_last = index == len(raw) - 1
        if segment in ("", "."):
            is_dir = is_last
        elif segment == "..":
            if not stack:
                return None, True
            stack.pop()
            is_dir = is_last
        else:
            stack.append(segment)
    return "/".join(stack), is_dir


def _internal_problem(site: _Site, page: str, url: str, base_path: str) -> str | None:
    """Why a relative or root-absolute URL does not resolve, or None."""
    if _CONTROL.search(url):
        return "malformed URL: control character"
    if "\\" in url:
        return "malformed URL: backslash"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "malformed URL"
    path = parts.path
    if not path:
        target = page
    else:
        if path.startswith("/"):
            if path + "/" == base_path:
                path = base_path
            if not path.startswith(base_path):
                return f"outside the site's base path {base_path}"
            start: list[str] = []
            path = path[len(base_path) :] or "/"
        else:
            start = page.split("/")[:-1]
        resolved, is_dir = _resolve(start, path)
        if resolved is None:
            return "escapes the site root"
        if is_dir or resolved in site.dirs:
            target = f"{resolved}/index.html" if resolved else "index.html"
        else:
            target = resolved
        if target not in site.files:
            return f"no file {target}"
    fragment = parts.fragment.split(_TEXT_FRAGMENT, 1)[0]
    if fragment and target.endswith(HTML_SUFFIXES):
        ids = site.ids(target)
        if fragment not in ids and unquote(fragment) not in ids:
            return f"no anchor #{fragment} in {target}"
    return None


def _problem(site: _Site, page: str, ref: _Reference, base_path: str) -> str | None:
    """Why one reference is broken, or None."""
    url = ref.target.strip(_HTML_WHITESPACE)
    if not url:
        # An empty href is the page itself; an empty src or srcset loads nothing.
        return "empty URL" if ref.attribute in ("src", "srcset") else None
    scheme = _SCHEME.match(url)
    if scheme:
        return _external_problem(url, scheme.group(1).lower(), ref.element, ref.attribute)
    if url.startswith("//"):
        return _web_problem(url)
    return _internal_problem(site, page, url, base_path)


def _is_ignored(page: str, ignore: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(page, pattern) for pattern in ignore)


def _check_pages(site: _Site, base_path: str, ignore: Sequence[str]) -> Iterator[BrokenLink]:
    parsed: list[tuple[str, list[_Reference]]] = []
    # All pages are parsed before any link is checked: an anchor may point at a later page.
    for page in site.pages():
        if _is_ignored(page, ignore):
            continue
        parser = _parse(site.root / page)
        site.set_ids(page, parser.ids)
        parsed.append((page, parser.references))
    for page, references in parsed:
        for ref in references:
            reason = _problem(site, page, ref, base_path)
            if reason is not None:
                yield BrokenLink(page, ref.line, ref.attribute, ref.target, reason)


def check_site(
    site_dir: Path, *, base_path: str = "/", ignore: Sequence[str] = ()
) -> list[BrokenLink]:
    """Check every link, anchor and asset reference in the built site at `site_dir`.

    `base_path` is the path the site is served under (e.g. `/register/`);
    root-absolute links must start with it. `ignore` holds glob patterns of
    site-relative page paths (`*` also matches `/`, so `pagefind/**` and
    `pagefind/*` are the same) whose links are not checked; those files still
    count as existing link targets. Returns all broken links sorted by page
    and line, in document order within a line.
    """
    root = Path(site_dir)
    if not root.is_dir():
        raise NotADirectoryError(f"no built site at {root}")
    site = _Site(root)
    broken = _check_pages(site, normalize_base_path(base_path), ignore)
    return sorted(broken, key=lambda link: (link.page, link.line))


def format_broken(links: Sequence[BrokenLink]) -> str:
    """Compiler-style lines, one per broken link: `page:line: attribute="target": reason`."""
    return "\n".join(
        f'{link.page}:{link.line}: {link.attribute}="{link.target}": {link.reason}'
        for link in links
    )
