"""Files written one at a time: into a folder, or into memory, whole or in pieces."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.feed.written import FolderSink, MemorySink, collected, pieces, whole


def test_content_in_pieces_is_put_together_once_asked() -> None:
    made = iter([b"ab", b"", b"cd"])
    assert whole(made) == b"abcd"
    assert whole(b"abcd") == b"abcd"
    assert list(pieces(b"abcd")) == [b"abcd"]
    assert collected([("a", b"1"), ("b", iter([b"2", b"3"]))]) == {"a": b"1", "b": b"23"}


def test_a_folder_sink_writes_each_file_under_its_path(tmp_path: Path) -> None:
    sink = FolderSink(tmp_path / "site")
    for path, content in [("api/v1/a.json", b"{}"), ("api/v1/b.json", b"[]"), ("top.txt", b"t")]:
        with sink.open(path) as file:
            file.write(content)
    assert (tmp_path / "site" / "api" / "v1" / "a.json").read_bytes() == b"{}"
    assert (tmp_path / "site" / "api" / "v1" / "b.json").read_bytes() == b"[]"
    assert (tmp_path / "site" / "top.txt").read_bytes() == b"t"
    sink.remove("top.txt")
    assert not (tmp_path / "site" / "top.txt").exists()


def test_a_memory_sink_holds_a_file_once_it_is_closed_in_the_order_opened() -> None:
    sink = MemorySink()
    first = sink.open("first")
    with sink.open("second") as file:
        file.write(b"2")
    first.write(b"1")
    assert sink.files == {"first": b"", "second": b"2"}
    first.close()
    assert list(sink.files.items()) == [("first", b"1"), ("second", b"2")]
    sink.remove("first")
    assert sink.files == {"second": b"2"}
    with pytest.raises(KeyError):
        sink.remove("first")
