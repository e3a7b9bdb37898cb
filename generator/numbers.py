"""How every output writes a number: one function per kind of output.

The models hold credits, hours and fees as floats (`5.0`). People and spreadsheets
read them as written, without a needless `.0` and never in exponent notation
(`format_number`: "5", "2.5", "1000000"): the pages, the CSV and the texts inside
the ELM and QDR documents (ELM's `point` is a literal string). Sums of money in ELM
are `xsd:decimal` with two places (`decimal_amount`: "450.00"). The JSON documents
keep JSON numbers as the model dumps them: 5.0 and 5 are the same JSON number, and a
harvester comparing bytes sees no change for a change of notation.
"""

from __future__ import annotations

from decimal import Decimal


def format_number(value: float | int | None) -> str:
    """A number as people read it: 5.0 → "5", 2.5 → "2.5", 1e6 → "1000000"; None → ""."""
    if value is None:
        return ""
    # repr gives the shortest digits that read back as the same float; Decimal drops
    # the trailing zeros and "f" forbids an exponent.
    return format(Decimal(repr(float(value))).normalize(), "f")


def decimal_amount(value: float) -> str:
    """A sum of money as an `xsd:decimal` with two places, e.g. "450.00"."""
    return f"{value:.2f}"
