"""The web-address rule: one definition of an acceptable http(s) address.

`validate` (`generator.models.fields.check_url`, the site address in
`generator.models.config`, links in Markdown texts) and the link checker that runs
before every deploy (`generator.contrib.linkcheck`) ask this module, so an address that
`validate` accepts can never stop a later deploy. It also refuses addresses that
mislead a reader: a user name before the host (`https://bank.example@evil.example/`
goes to evil.example), a host written in percent escapes, a host of dots.
"""

from __future__ import annotations

import ipaddress
import re
from typing import NamedTuple
from urllib.parse import SplitResult, unquote, urlsplit

MAX_URL_LENGTH = 2_000
WEB_SCHEMES = ("http", "https")

_HOST_LABEL = re.compile(r"[^\W_](?:[\w-]{0,61}[^\W_])?")
"""One label of a host name: letters (any script) and digits, hyphens inside."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_EXAMPLE = "write a full address such as https://www.example.org/page"


class UrlProblem(NamedTuple):
    """Why an address is refused: a problem code, a message for partners, and a fix."""

    code: str
    message: str
    hint: str


def url_problem(url: str, *, scheme_required: bool = True) -> UrlProblem | None:
    """Why `url` is not an acceptable absolute http(s) address, or None.

    Without `scheme_required`, a protocol-relative address (`//host/path`, which the
    link checker meets in pages) is judged by the same rule.
    """
    shown = url[:80]
    if len(url) > MAX_URL_LENGTH:
        return UrlProblem(
            "url_too_long",
            f"the web address is longer than {MAX_URL_LENGTH:,} characters",
            "shorten it",
        )
    if _CONTROL.search(url):
        return UrlProblem(
            "url_format",
            "the web address contains a control character",
            "retype the address, or copy it again from the browser's address bar",
        )
    if any(char.isspace() for char in url):
        return UrlProblem(
            "url_format", "the web address contains spaces", "remove the spaces, or write %20"
        )
    if "\\" in url:
        # Browsers read `\` as `/`, other programs do not: the address means two things.
        return UrlProblem(
            "url_format",
            f"`{shown}` contains a backslash (`\\`)",
            "write forward slashes (`/`), as in https://www.example.org/page",
        )
    try:
        parts = urlsplit(url)
    except ValueError:
        return UrlProblem("url_format", f"`{shown}` is not a valid web address", _EXAMPLE)
    if scheme_required or parts.scheme:
        if parts.scheme.lower() not in WEB_SCHEMES:
            return UrlProblem(
                "url_scheme",
                f"`{shown}` is not an http(s) web address",
                "write a full address starting with https://",
            )
    elif not url.startswith("//"):
        return UrlProblem("url_format", f"`{shown}` is not an absolute web address", _EXAMPLE)
    return _authority_problem(parts, shown)


def _authority_problem(parts: SplitResult, shown: str) -> UrlProblem | None:
    """What is wrong with the `user@host:port` part of an address, or None."""
    if "@" in parts.netloc:
        host = parts.netloc.rsplit("@", 1)[1] or "nothing"
        return UrlProblem(
            "url_credentials",
            f"`{shown}` has a user name or password before `@`, so it leads to `{host[:60]}`",
            "write the address as the browser shows it, with nothing between `//` and the host "
            "name",
        )
    try:
        port = parts.port
        hostname = parts.hostname
    except ValueError:
        return UrlProblem(
            "url_port",
            f"`{shown}` has a port that is not a number from 1 to 65535",
            "remove the `:` and the number after the host name, or correct the port",
        )
    if port == 0:
        return UrlProblem(
            "url_port",
            f"`{shown}` has the port 0, which no web server uses",
            "remove `:0` after the host name",
        )
    if not hostname:
        return UrlProblem("url_format", f"`{shown}` has no valid host name", _EXAMPLE)
    if "%" in hostname:
        return UrlProblem(
            "url_host",
            f"`{shown}` writes its host name in percent escapes (`%…`)",
            "write the host name in plain letters, e.g. www.example.org",
        )
    if parts.netloc.startswith("["):
        return _ip_literal_problem(hostname, shown)
    return _host_name_problem(hostname, shown)


def _ip_literal_problem(host: str, shown: str) -> UrlProblem | None:
    try:
        ipaddress.IPv6Address(host)
    except ValueError:
        return UrlProblem("url_host", f"`{shown}` has no valid host name", _EXAMPLE)
    return None


def _host_name_problem(host: str, shown: str) -> UrlProblem | None:
    # Not even a final dot (`example.org.`): the register's addresses are written as people
    # read them, and a label of nothing is where dots-only hosts (`https://.../`) hide.
    labels = host.split(".")
    if host != "localhost" and (
        len(labels) < 2
        or len(host) > 253
        or not all(_HOST_LABEL.fullmatch(label) for label in labels)
    ):
        return UrlProblem("url_format", f"`{shown}` has no valid host name", _EXAMPLE)
    return None


def mailto_problem(url: str) -> UrlProblem | None:
    """Why a `mailto:` link names no address, or None."""
    address = url.split(":", 1)[1].split("?", 1)[0] if ":" in url else ""
    if "@" not in unquote(address):
        return UrlProblem(
            "url_format",
            f"`{url[:80]}` names no email address",
            "write the address after `mailto:`, e.g. mailto:info@example.org",
        )
    return None
