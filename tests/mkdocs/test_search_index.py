"""The search index: Pagefind fed search records, and the chunk ranges written beside it."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest

from generator import urls
from generator.mkdocs import search
from generator.site.search_records import SearchRecord


def records(count: int) -> list[SearchRecord]:
    """`count` records, each with words of its own."""
    return [
        SearchRecord(
            url=f"offers/o{number}/",
            content=" ".join(f"word{number}x{i} data{number}base" for i in range(200)),
            meta={"title": f"Offer {number}", "facts": "EQF 6", "summary": "Summary."},
            filters={"eqf": ["EQF 6" if number % 2 else "EQF 5"], "fee": ["Free", "Up to 100"]},
            sort={"title": f"offer {number}", "start": "9999-12-31"},
        )
        for number in range(count)
    ]


def entry(bundle: Path) -> dict:
    return json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))


def test_every_record_is_indexed_and_the_bundle_is_complete(tmp_path: Path) -> None:
    assert search.index_records(tmp_path, records(40), "en") == 40

    bundle = tmp_path / urls.SEARCH_BUNDLE_DIR
    assert list(entry(bundle)["languages"]) == ["en"]
    assert entry(bundle)["languages"]["en"]["page_count"] == 40
    assert len(list((bundle / "fragment").glob("*.pf_fragment"))) == 40
    assert (bundle / "pagefind.js").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [urls.SEARCH_BUNDLE_DIR], (
        "no staging folder left"
    )


def test_index_writes_the_word_range_of_every_chunk(tmp_path: Path) -> None:
    search.index_records(tmp_path, records(40), "en")

    bundle = tmp_path / urls.SEARCH_BUNDLE_DIR
    ranges = json.loads((bundle / search.CHUNK_RANGES).read_text("utf-8"))["en"]
    chunks = sorted((bundle / "index").glob("*.pf_index"))
    assert len(ranges) == len(chunks) > 1, "the test site should need several chunks"
    assert all(first <= last for first, last in ranges)
    assert all(a[1] < b[0] for a, b in pairwise(ranges)), "chunks in word order"


def test_reindexing_replaces_the_old_bundle(tmp_path: Path) -> None:
    search.index_records(tmp_path, records(5), "en")
    bundle = tmp_path / urls.SEARCH_BUNDLE_DIR
    old_fragments = set((bundle / "fragment").iterdir())

    assert search.index_records(tmp_path, records(3), "en") == 3

    fragments = set((bundle / "fragment").iterdir())
    assert len(fragments) == 3 and fragments <= old_fragments  # the same three, no leftovers
    assert entry(bundle)["languages"]["en"]["page_count"] == 3


def test_the_live_preview_can_index_from_its_background_thread(tmp_path: Path) -> None:
    counted: list[int] = []
    thread = threading.Thread(
        target=lambda: counted.append(search.index_records(tmp_path, records(4), "en"))
    )
    thread.start()
    thread.join(timeout=120)

    assert counted == [4]


def test_a_truncated_entry_file_is_an_error(tmp_path: Path) -> None:
    """What Pagefind's Python API once left behind: it stopped the service mid-write."""
    search.index_records(tmp_path, records(3), "en")
    bundle = tmp_path / urls.SEARCH_BUNDLE_DIR
    text = (bundle / "pagefind-entry.json").read_text("utf-8")
    (bundle / "pagefind-entry.json").write_text(text[: len(text) // 2], "utf-8")

    with pytest.raises(search.SearchIndexError, match="incomplete bundle"):
        search.check_bundle(bundle, 3)


def test_a_bundle_with_fewer_pages_than_records_is_an_error(tmp_path: Path) -> None:
    search.index_records(tmp_path, records(3), "en")
    bundle = tmp_path / urls.SEARCH_BUNDLE_DIR
    assert search.check_bundle(bundle, 3) == 3

    with pytest.raises(search.SearchIndexError, match="4 records, but 3 pages"):
        search.check_bundle(bundle, 4)


@pytest.mark.parametrize("part", ["fragment", "index", "filter"])
def test_a_missing_or_truncated_part_is_an_error(tmp_path: Path, part: str) -> None:
    search.index_records(tmp_path, records(3), "en")
    bundle = tmp_path / urls.SEARCH_BUNDLE_DIR
    first = sorted((bundle / part).iterdir())[0]
    first.write_bytes(first.read_bytes()[:-8])
    with pytest.raises(search.SearchIndexError, match=f"incomplete bundle.*{part}/"):
        search.check_bundle(bundle, 3)
    first.unlink()
    with pytest.raises(search.SearchIndexError, match="No such file"):
        search.check_bundle(bundle, 3)


def test_a_truncated_metadata_file_is_an_error(tmp_path: Path) -> None:
    search.index_records(tmp_path, records(3), "en")
    bundle = tmp_path / urls.SEARCH_BUNDLE_DIR
    (meta,) = bundle.glob("*.pf_meta")
    meta.write_bytes(meta.read_bytes()[:-20])

    with pytest.raises(search.SearchIndexError, match="incomplete bundle"):
        search.check_bundle(bundle, 3)


def test_a_record_pagefind_refuses_fails_and_keeps_the_old_bundle(tmp_path: Path) -> None:
    search.index_records(tmp_path, records(2), "en")
    before = entry(tmp_path / urls.SEARCH_BUNDLE_DIR)
    # A filter's values must be a list: Pagefind answers with an error, not an indexed page.
    refused = SearchRecord(url="offers/x/", content="x", meta={}, filters={"eqf": "EQF 6"}, sort={})  # type: ignore[dict-item]

    with pytest.raises(search.SearchIndexError, match="could not index"):
        search.index_records(tmp_path, [refused], "en")

    assert entry(tmp_path / urls.SEARCH_BUNDLE_DIR) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [urls.SEARCH_BUNDLE_DIR]


def test_a_missing_pagefind_binary_is_a_search_index_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))

    with pytest.raises(search.SearchIndexError, match="could not start"):
        search.index_records(tmp_path, records(1), "en")


def test_unreadable_metadata_is_a_search_index_error(tmp_path: Path) -> None:
    search.index_records(tmp_path, records(2), "en")
    bundle = tmp_path / urls.SEARCH_BUNDLE_DIR
    for meta in bundle.glob("*.pf_meta"):
        meta.write_bytes(b"not gzip")

    with pytest.raises(search.SearchIndexError, match="unreadable"):
        search.write_chunk_ranges(bundle)


@pytest.mark.slow
def test_the_bundle_is_complete_every_time(tmp_path: Path) -> None:
    """Pagefind's service answered "written" before its last writes had landed, and exited
    when its input ended: about one run in thirty left an empty or truncated entry file."""
    for run in range(60):
        assert search.index_records(tmp_path / str(run), records(40), "en") == 40


def test_the_index_is_written_when_the_caller_runs_an_event_loop(tmp_path: Path) -> None:
    """A build started from asynchronous code (a test driving a browser) indexes too."""
    import asyncio

    from generator.mkdocs.search import _run

    async def answer() -> int:
        return 42

    async def caller() -> int:
        return _run(answer())

    assert asyncio.run(caller()) == 42
    assert _run(answer()) == 42


def test_the_indexer_leaves_ctrl_c_to_the_build() -> None:
    """`asyncio.run` in the build's thread took SIGINT over: an interrupt was swallowed."""
    import asyncio
    import signal

    from generator.mkdocs.search import _run

    async def handler() -> object:
        await asyncio.sleep(0)
        return signal.getsignal(signal.SIGINT)

    before = signal.getsignal(signal.SIGINT)
    assert _run(handler()) is before


# --- An index in parts ----------------------------------------------------------------


def fragment_meta(bundle: Path) -> list[dict[str, str]]:
    """The metadata of every record in one bundle, read from its fragments."""
    import gzip

    return [
        json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])["meta"]
        for path in sorted((bundle / "fragment").glob("*.pf_fragment"))
    ]


def test_more_records_than_a_part_holds_are_indexed_in_equal_parts(tmp_path: Path) -> None:
    in_title_order = sorted(records(40), key=lambda record: record.sort["title"])
    assert search.index_records(tmp_path, in_title_order, "en", part_size=15) == 40

    bundle = tmp_path / urls.SEARCH_BUNDLE_DIR
    parts = [bundle, bundle / "part-2", bundle / "part-3"]
    assert sorted(p.name for p in bundle.glob("part-*")) == ["part-2", "part-3"]
    assert [entry(part)["languages"]["en"]["page_count"] for part in parts] == [13, 13, 14]
    for part in parts:
        assert search.check_bundle(
            part, entry(part)["languages"]["en"]["page_count"], interface=part == bundle
        )
        assert (part / search.CHUNK_RANGES).is_file()
        assert (part / "pagefind.js").is_file(), "each part is searched by its own script"
    assert (bundle / "pagefind-ui.js").is_file()
    assert not (bundle / "part-2" / "pagefind-ui.js").exists(), "the interface only once"
    # The parts are consecutive slices of the records, ranked in the whole register.
    titles = [[int(meta["sort-title"]) for meta in fragment_meta(part)] for part in parts]
    assert sorted(rank for part in titles for rank in part) == list(range(40))
    assert max(titles[0]) < min(titles[1]) and max(titles[1]) < min(titles[2])


def test_an_index_in_one_part_carries_no_ranks_in_its_metadata(tmp_path: Path) -> None:
    search.index_records(tmp_path, records(5), "en", part_size=5)

    bundle = tmp_path / urls.SEARCH_BUNDLE_DIR
    assert not list(bundle.glob("part-*"))
    assert all(set(meta) == {"title", "facts", "summary"} for meta in fragment_meta(bundle))


def test_a_reindex_in_fewer_parts_leaves_none_of_the_old_ones(tmp_path: Path) -> None:
    search.index_records(tmp_path, records(12), "en", part_size=4)
    search.index_records(tmp_path, records(12), "en", part_size=6)

    bundle = tmp_path / urls.SEARCH_BUNDLE_DIR
    assert sorted(p.name for p in bundle.glob("part-*")) == ["part-2"]


def test_sort_values_become_ranks_with_ties_in_the_given_order() -> None:
    given = records(4)
    starts = ["2027-03-01", "2027-01-15", "2027-03-01", "9999-12-31"]
    given = [replace(r, sort={**r.sort, "start": s}) for r, s in zip(given, starts, strict=True)]

    ranked = search.ranked(given, in_meta=True)

    assert [r.sort["start"] for r in ranked] == ["1", "0", "2", "3"]
    assert [r.sort["title"] for r in ranked] == ["0", "1", "2", "3"]
    assert ranked[0].meta["sort-start"] == "1" and ranked[0].meta["title"] == "Offer 0"
    assert search.ranked(given, in_meta=False)[0].meta == given[0].meta


def test_ranks_are_padded_so_that_text_and_number_order_agree() -> None:
    ranks = [r.sort["title"] for r in search.ranked(records(11), in_meta=False)]
    # "offer 10" sorts between "offer 1" and "offer 2".
    assert ranks[:3] == ["00", "01", "03"] and ranks[10] == "02"
    assert sorted(ranks) == sorted(ranks, key=int) == [f"{n:02}" for n in range(11)]
