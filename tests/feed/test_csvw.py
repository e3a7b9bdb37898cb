"""The CSVW description of the CSV: every column typed, read back by a CSV on the Web processor."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from generator.catalogue import Catalogue
from generator.feed.catalogue_csv import COLUMNS, catalogue_csv
from generator.feed.csvw import DATATYPES, csvw_document, csvw_file
from generator.feed.index import index_document
from generator.register import load_register
from generator.urls import CSV_PATH, CSVW_PATH
from tests.support.registers import REPO

csvw = pytest.importorskip("csvw")


@pytest.fixture(scope="module")
def data() -> Catalogue:
    return Catalogue(load_register(REPO).register)


def written(folder: Path, data: Catalogue, csv: bytes | None = None) -> Path:
    """The CSV and its metadata side by side, as the site serves them."""
    (folder / Path(CSV_PATH).name).write_bytes(csv if csv is not None else catalogue_csv(data))
    metadata = folder / Path(CSVW_PATH).name
    metadata.write_bytes(csvw_file(data))
    return metadata


def test_the_metadata_sits_beside_the_csv_under_the_name_processors_look_for() -> None:
    assert f"{CSV_PATH}-metadata.json" == CSVW_PATH


def test_every_column_is_described_and_typed(data: Catalogue) -> None:
    columns = csvw_document(data)["tableSchema"]["columns"]
    assert [column["name"] for column in columns] == [name for name, _, _ in COLUMNS]
    assert set(DATATYPES) == {name for name, _, _ in COLUMNS}
    assert all(column["datatype"] and column["dc:description"] for column in columns)


def test_a_processor_reads_every_row_with_its_types(tmp_path: Path, data: Catalogue) -> None:
    table = csvw.Table.from_file(written(tmp_path, data))
    rows = list(table.iterdicts(strict=True))
    assert len(rows) == len(data.register.offers)
    by_id = {row["id"]: row for row in rows}
    # ISCED-F codes stay strings: `0731` is not the number 731.
    assert by_id["bim-for-site-supervisors"]["field"] == "0731"
    assert all(isinstance(row["field"], str) for row in rows)
    economy = by_id["circular-economy-specialist"]
    assert economy["ects"] == Decimal(20)
    assert economy["languages"] == ["en", "fi"]
    assert by_id["forklift-safe-operation"]["withdrawn_on"] is not None


def test_a_value_outside_its_datatype_is_refused(tmp_path: Path, data: Catalogue) -> None:
    csv = catalogue_csv(data).replace(b",6,", b",six,", 1)
    table = csvw.Table.from_file(written(tmp_path, data, csv))
    with pytest.raises(ValueError):
        list(table.iterdicts(strict=True))


def test_the_index_names_the_metadata(data: Catalogue) -> None:
    assert index_document(data)["endpoints"]["csv_metadata"] == data.absolute(CSVW_PATH)
    json.loads(csvw_file(data))
