"""Every page of the built sample site is valid HTML, apart from Material's own markup.

The W3C Nu HTML Checker (vnu) reads every HTML file of the sample site. An error in
the register's own markup (generator/site/templates/, theme_overrides/) fails the
test. Material for MkDocs writes a few errors of its own in templates that an override
cannot change without copying them whole; those are listed in `MATERIAL_ERRORS`, each
with where it comes from, and only those are let through, so a new one fails too.

The checker is a Java program that is not part of the repository: install it with
`npm install --prefix /tmp/tools vnu-jar` and point REGISTER_VNU_JAR at
`/tmp/tools/node_modules/vnu-jar/build/dist/vnu.jar`. Without Java or the jar the
test is skipped.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

import pytest

VNU_JAR_VARIABLE = "REGISTER_VNU_JAR"


class KnownError(NamedTuple):
    """An error that Material's templates write on every build."""

    message: re.Pattern[str]
    markup: re.Pattern[str]
    source: str


MATERIAL_ERRORS = (
    KnownError(
        re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
        re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"'),
        "base.html, outside any block: autocomplete=off keeps Firefox from restoring the "
        "drawer and search toggles when going back",
    ),
    KnownError(
        re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"),
        re.compile(r'<label class="md-nav__link[^"]*" for="__nav_\d+" id="__nav_\d+_label" '),
        "partials/nav-item.html: the label of the active section under navigation.tabs",
    ),
)


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    """`java -jar vnu.jar`, or a skip that says what is missing (before any build)."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java is not installed: the HTML checker (vnu) needs it")
    jar = os.environ.get(VNU_JAR_VARIABLE)
    if not jar:
        pytest.skip(
            f"{VNU_JAR_VARIABLE} is not set: npm install --prefix /tmp/tools vnu-jar, then "
            f"{VNU_JAR_VARIABLE}=/tmp/tools/node_modules/vnu-jar/build/dist/vnu.jar"
        )
    if not Path(jar).is_file():
        pytest.skip(f"{VNU_JAR_VARIABLE}={jar} is not a file")
    return [java, "-jar", jar]


def is_material_error(message: dict[str, str]) -> bool:
    """Whether a vnu error is one of Material's own, known ones."""
    return any(
        known.message.search(message.get("message", ""))
        and known.markup.search(message.get("extract", ""))
        for known in MATERIAL_ERRORS
    )


@pytest.mark.slow
def test_the_sample_site_has_no_html_error_of_its_own(vnu: list[str], sample_site: Path) -> None:
    pages = sorted(sample_site.rglob("*.html"))
    assert pages, "the build wrote no HTML page"
    run = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", "--stdout", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode in {0, 1}, f"vnu did not run:\n{run.stdout}{run.stderr}"
    messages = json.loads(run.stdout)["messages"]
    assert not [message for message in messages if message["type"] == "non-document-error"], (
        "vnu could not read a page"
    )

    own = [
        f"{message['url'].removeprefix('file:')}:{message.get('lastLine', '?')}: "
        f"{message['message']}\n    {message.get('extract', '').strip()}"
        for message in messages
        if message["type"] == "error" and not is_material_error(message)
    ]
    assert not own, f"{len(own)} HTML errors in the register's markup:\n" + "\n".join(own)
