"""WARC archives and glob patterns through `read_inputs`, as every command reads them."""
from __future__ import annotations

import pytest

from presstrace.readers import read_inputs
from presstrace.records import Article, ArticleError


@pytest.mark.parametrize("pattern", ["*.warc.gz"])
def test_warc_read_inputs_reads_archives_and_patterns(crawl, tmp_path, settings, pattern):
    (tmp_path / "note.txt").write_text("The council met in Lviv on Friday.", encoding="utf-8")
    items = list(read_inputs([str(tmp_path / pattern), str(tmp_path / "note.txt")], settings=settings))
    assert [type(i) for i in items] == [Article, Article]
    page, note = items
    assert page.url == "https://example.org/lviv" and page.id.startswith("urn:uuid:")
    assert "repairs to the main bridge" in page.text and note.id == "note"


@pytest.mark.parametrize("name", ["fake.warc"])
def test_warc_a_mislabelled_archive_is_an_error_record(tmp_path, settings, name):
    (tmp_path / name).write_text("Just some text, not an archive.\n")
    (item,) = read_inputs([str(tmp_path / name)], settings=settings)
    assert isinstance(item, ArticleError) and item.code == "bad_record" and "WARC" in item.message
