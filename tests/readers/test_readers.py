"""Tests for presstrace.readers: formats, detection, decoding, limits, paths and stdin."""
from __future__ import annotations

import io
import itertools
import json
import logging
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings as hyp_settings, strategies as st

from presstrace.readers import FORMATS, read_inputs
from presstrace.readers.detect import detect_format
from presstrace.records import Article, ArticleError
from presstrace.settings import load_settings

DATA = Path(__file__).parent / "data"
ARTICLE = "The council of Fernbrook said on Monday that the bridge would reopen in June."


def write(folder: Path, name: str, content: bytes | str) -> Path:
    """Write `content` (str as UTF-8 bytes, no newline translation) to folder/name."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def read(*paths, **kwargs) -> list[Article | ArticleError]:
    """Everything read_inputs yields for the paths, as a list."""
    return list(read_inputs([str(p) for p in paths], **kwargs))


def read_one(folder: Path, name: str, content: bytes | str, **kwargs) -> Article | ArticleError:
    """The single item read from one file written with `content`."""
    (item,) = read(write(folder, name, content), **kwargs)
    return item


def limits(**values) -> object:
    """Settings with some limits overridden."""
    return load_settings().with_overrides({"limits": values})


def jsonl(*objects) -> str:
    """JSON Lines text for the objects (strings are written as they are)."""
    return "".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objects)


def summary(items) -> list[tuple]:
    """(kind or error code, id) for each item read."""
    return [("article" if isinstance(i, Article) else i.code, i.id) for i in items]


HTML_PAGE = (DATA / "fernbrook.html").read_text(encoding="utf-8")


# --- format detection --------------------------------------------------------------------

@pytest.mark.parametrize("head, name, expected", [
    (b"date 2025-03-14 Text", "a.txt", "record"),
    (b" date 2025-03-14\nText", "a", "record"),
    (b"\n\t date 2025-03-14\r\n\r\nText", "a", "record"),
    (b"date 2025-13-45 Text", "a", "record"),          # detected; the date is checked later
    (b"dated 2025-03-14 Text", "a", "text"),
    (b'{"text": "x"}\n{"text": "y"}\n', "a.txt", "jsonl"),
    (b'\n\n  {"text": "x"}\n', "a", "jsonl"),
    (b'{"text": "x"}', "a.html", "jsonl"),              # content wins over the extension
    (b"{not json}\n", "a", "text"),
    (b"{not json}\n", "a.jsonl", "jsonl"),              # extension breaks the tie
    (b"{not json}\n", "a.NDJSON", "jsonl"),
    (b"[1, 2]\n", "a", "text"),
    (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "a.txt", "html"),
    (b"  <html lang='en'><p>x</p></html>", "a", "html"),
    (b"<?xml version='1.0'?>\n<!-- saved --><html><body>x</body></html>", "a", "html"),
    (b"<div><p>One.</p><p>Two.</p></div>", "a", "html"),
    (b"<body><p>One.</p></body>", "a", "html"),
    (b"<b>Breaking</b>: the bridge reopens.", "a", "text"),
    (b"A story that mentions <html> tags inline.", "a", "text"),
    (b"Plain words only.", "a.htm", "html"),
    (b"Plain words only.", "a.txt", "text"),
    (b"Plain words only.", "<stdin>", "text"),
    (b"\xff\xfe" + '{"text": "x"}\n'.encode("utf-16-le"), "a", "jsonl"),
    (b"\xef\xbb\xbfdate 2025-03-14 Text", "a", "record"),
])
def test_readers_detect_format(head, name, expected):
    assert detect_format(head, name, complete=True) == expected


@pytest.mark.parametrize("head, expected", [
    (b'{"id": "a", "text": "' + b"x" * 100, "jsonl"),   # first line cut off by the head
    (b"{ not json " + b"x" * 100, "text"),
])
def test_readers_detect_format_cut_first_line(head, expected):
    assert detect_format(head, "a", complete=False) == expected


@pytest.mark.parametrize("name, content, expected", [
    ("a.txt", " date 2025-03-14 " + ARTICLE, ("a", "2025-03-14", ARTICLE)),
    ("a.txt", jsonl({"id": "x", "text": ARTICLE}), ("x", None, ARTICLE)),
    ("a.txt", HTML_PAGE, ("a", "2024-11-05", None)),
    ("a.txt", ARTICLE, ("a", None, ARTICLE)),
    ("a.html", ARTICLE, ("a", None, None)),  # the hint makes it HTML: an empty page
])
def test_readers_auto_detection_end_to_end(tmp_path, name, content, expected):
    article_id, date, text = expected
    item = read_one(tmp_path, name, content)
    assert item.id == article_id
    if name == "a.html":
        assert isinstance(item, ArticleError) and item.code == "empty"
        return
    assert item.date == date
    assert item.text == text if text is not None else "Fernbrook" in item.text


@pytest.mark.parametrize("content, input_format, expected", [
    (" date 2025-03-14 " + ARTICLE, "text", ("article", " date 2025-03-14 " + ARTICLE)),
    (jsonl({"text": ARTICLE}), "text", ("article", jsonl({"text": ARTICLE}))),
    (ARTICLE, "record", ("bad_record", None)),
    (ARTICLE, "jsonl", ("bad_record", None)),
    (" date 2025-03-14 " + ARTICLE, "record", ("article", ARTICLE)),
    (HTML_PAGE, "text", ("article", HTML_PAGE)),
])
def test_readers_forced_format_overrides_detection(tmp_path, content, input_format, expected):
    kind, text = expected
    item = read_one(tmp_path, "in.txt", content, input_format=input_format)
    assert summary([item])[0][0] == kind
    if text is not None:
        assert item.text == text


def test_readers_formats_constant():
    assert FORMATS == ("record", "jsonl", "text", "html")


# --- record ------------------------------------------------------------------------------

def test_readers_record_fixture_with_space_before_date():
    (item,) = read(DATA / "fernbrook.txt")
    raw = (DATA / "fernbrook.txt").read_text(encoding="utf-8")
    assert raw.startswith(" date 2024-11-05 ")
    assert item == Article(text=raw[len(" date 2024-11-05 "):], id="fernbrook", date="2024-11-05")


@pytest.mark.parametrize("content, text", [
    (" date 2025-03-14 Body.\n\nMore.\n\n", "Body.\n\nMore.\n\n"),
    ("date 2025-03-14\n\n   Indented start.  ", "Indented start.  "),
    ("\n\ndate 2025-03-14\tTabbed.", "Tabbed."),
    ("date 2025-03-14\r\n\r\nWindows\r\nlines\r\n", "Windows\nlines\n"),
    ("date 2025-03-14\rOld Mac\rlines", "Old Mac\nlines"),
])
def test_readers_record_text_starts_after_whitespace(tmp_path, content, text):
    item = read_one(tmp_path, "rec.txt", content)
    assert (item.text, item.date, item.id) == (text, "2025-03-14", "rec")


@pytest.mark.parametrize("content, input_format, code, fragment", [
    ("date 2025-13-45 Body.", None, "bad_date", "'2025-13-45'"),
    ("date 2025-02-30 Body.", None, "bad_date", "'2025-02-30'"),
    ("date 14/03/2025 Body.", "record", "bad_date", "'14/03/2025'"),
    ("date 2025-03-14", None, "empty", "2025-03-14"),
    ("date 2025-03-14 \n\n  ", None, "empty", "2025-03-14"),
    ("No header at all.", "record", "bad_record", "'No header at all.'"),
])
def test_readers_record_errors(tmp_path, content, input_format, code, fragment):
    item = read_one(tmp_path, "rec.txt", content, input_format=input_format)
    assert isinstance(item, ArticleError)
    assert (item.code, item.id) == (code, "rec")
    assert "rec.txt" in item.message and fragment in item.message


# --- JSON Lines --------------------------------------------------------------------------

def test_readers_jsonl_fixture_goes_on_after_bad_lines():
    items = read(DATA / "mixed.jsonl")
    assert summary(items) == [
        ("article", "ledger-1"), ("bad_record", "mixed:2"), ("article", 17),
        ("bad_record", "mixed:5"), ("article", "ledger-1"), ("bad_record", "mixed:7"),
        ("article", "mixed:8"),
    ]
    first = items[0]
    assert (first.source, first.title, first.url, first.date) == (
        "The Fernbrook Ledger", "Library to reopen", "https://ledger.example/1", "2024-11-05")
    assert items[2].date == "2024-11-06"
    assert "mixed.jsonl:2" in items[1].message and "broken line" in items[1].message


@pytest.mark.parametrize("line, expected", [
    ({"text": "T"}, ("article", "f:1", "T")),
    ({"id": "a-1", "text": "T"}, ("article", "a-1", "T")),
    ({"id": 7, "text": "T"}, ("article", 7, "T")),
    ({"id": 7.5, "text": "T"}, ("article", 7.5, "T")),
    ({"id": True, "text": "T"}, ("article", True, "T")),
    ({"id": None, "text": "T"}, ("article", "f:1", "T")),
    ({"id": "x", "text": "a\r\nb\rc", "extra": [1, 2]}, ("article", "x", "a\nb\nc")),
    ({"id": "x", "text": ""}, ("empty", "x", None)),
    ({"id": "x", "text": "  \n "}, ("empty", "x", None)),
    ({"id": "x"}, ("bad_record", "x", None)),
    ({"id": "x", "text": None}, ("bad_record", "x", None)),
    ({"id": "x", "text": 42}, ("bad_record", "x", None)),
    ({"id": "x", "text": ["a"]}, ("bad_record", "x", None)),
    ({"id": ["x"], "text": "T"}, ("bad_record", "f:1", None)),
    ({"id": {"k": 1}, "text": "T"}, ("bad_record", "f:1", None)),
    ({"id": "x", "text": "T", "title": 5}, ("bad_record", "x", None)),
    ({"id": "x", "text": "T", "source": {"name": "y"}}, ("bad_record", "x", None)),
    ({"id": "x", "text": "T", "url": None}, ("article", "x", "T")),
    ({"id": "x", "text": "T\u0000"}, ("binary", "x", None)),
    ('{"id": "x", "text": "T",}', ("bad_record", "f:1", None)),
    ("[1, 2, 3]", ("bad_record", "f:1", None)),
    ('"just a string"', ("bad_record", "f:1", None)),
    ("null", ("bad_record", "f:1", None)),
])
def test_readers_jsonl_line(tmp_path, line, expected):
    kind, article_id, text = expected
    item = read_one(tmp_path, "f.jsonl", jsonl(line))
    assert summary([item]) == [(kind, article_id)]
    if text is not None:
        assert item.text == text
    else:
        assert "f.jsonl:1" in item.message


@pytest.mark.parametrize("date, expected", [
    ("2025-03-14", ("article", "2025-03-14")),
    ("2025-03-14T23:30:00Z", ("article", "2025-03-14")),
    ("2025-03-14T23:30:00-05:00", ("article", "2025-03-14")),
    ("2025-03-14 08:00:00", ("article", "2025-03-14")),
    ("2025-03-14T08:00:00.123+01:00", ("article", "2025-03-14")),
    (None, ("article", None)),
    ("", ("article", None)),
    ("14 March 2025", ("article", "2025-03-14")),
    ("Mar. 14, 2025", ("article", "2025-03-14")),
    ("20250314", ("article", "2025-03-14")),
    ("2025-13-45", ("article", None)),
    ("2025-02-29", ("article", None)),
    ("2025-03-14T25:00:00", ("article", None)),
    ("Dec 17, 20", ("article", None)),
    (20250314, ("article", None)),
])
def test_readers_jsonl_dates(tmp_path, date, expected):
    """A date field that is no date costs the date, never the article."""
    _, value = expected
    item = read_one(tmp_path, "f.jsonl", jsonl({"id": "x", "date": date, "text": "T"}))
    assert summary([item]) == [("article", "x")]
    assert item.date == value


def test_readers_jsonl_duplicate_ids_are_both_kept(tmp_path):
    path = write(tmp_path, "dup.jsonl", jsonl({"id": "same", "text": "One."},
                                              {"id": "same", "text": "Two."}))
    assert [(i.id, i.text) for i in read(path)] == [("same", "One."), ("same", "Two.")]


def test_readers_jsonl_blank_lines_and_crlf(tmp_path):
    content = '\r\n{"text": "One."}\r\n\r\n   \r\n{"text": "Two."}'
    items = read(write(tmp_path, "f.jsonl", content))
    assert [(i.id, i.text) for i in items] == [("f:2", "One."), ("f:5", "Two.")]


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_readers_jsonl_without_lines_is_empty(tmp_path, content):
    item = read_one(tmp_path, "f.jsonl", content, input_format="jsonl")
    assert (item.code, item.id) == ("empty", "f")


def test_readers_jsonl_limits_apply_per_line(tmp_path):
    long_line = json.dumps({"id": "long", "text": "x" * 500})
    content = jsonl({"id": "a", "text": "short"}, long_line, {"id": "b", "text": "fine"})
    items = read(write(tmp_path, "f.jsonl", content), settings=limits(max_bytes=100))
    assert summary(items) == [("article", "a"), ("too_large", "f:2"), ("article", "b")]
    assert "f.jsonl:2" in items[1].message and "100" in items[1].message


def test_readers_jsonl_max_chars_applies_to_text(tmp_path):
    content = jsonl({"id": "a", "text": "x" * 11}, {"id": "b", "text": "y" * 10})
    items = read(write(tmp_path, "f.jsonl", content), settings=limits(max_chars=10))
    assert summary(items) == [("too_large", "a"), ("article", "b")]


def test_readers_jsonl_per_line_decoding(tmp_path):
    content = (b'{"id": "u", "text": "caf\xc3\xa9"}\n'
               b'{"id": "w", "text": "caf\xe9 \x93quoted\x94"}\n'
               b'{"id": "r", "text": "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82"}\n'
               b'{"id": "k", "text": "\xcf\xf0\xe8\xe2\xe5\xf2"}\n'
               b'{"id": "z", "text": "ok"}\n')
    items = read(write(tmp_path, "f.jsonl", content))
    assert summary(items) == [("article", "u"), ("article", "w"), ("article", "r"),
                              ("undecodable", "f:4"), ("article", "z")]
    assert [i.text for i in items[:3]] == ["caf\u00e9", "caf\u00e9 \u201cquoted\u201d", "Привет"]
    assert "f.jsonl:4" in items[3].message


def test_readers_jsonl_nul_byte_early_is_binary_file_late_is_binary_line(tmp_path):
    filler = jsonl(*({"id": n, "text": "x" * 60} for n in range(1000)))  # > 64 KiB
    early = read(write(tmp_path, "early.jsonl", b'{"text": "a\x00"}\n' + filler.encode()))
    late = read(write(tmp_path, "late.jsonl", filler.encode() + b'{"text": "a\x00"}\n'))
    assert summary(early) == [("binary", "early")]
    assert len(late) == 1001 and summary(late[-1:]) == [("binary", "late:1001")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_readers_jsonl_with_byte_order_mark(tmp_path, encoding):
    text = jsonl({"id": "a", "text": "Zoë said “hi”."}, {"id": "b", "text": "Two."})
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    items = read(write(tmp_path, "f.jsonl", data))
    assert [(i.id, i.text) for i in items] == [("a", "Zoë said “hi”."), ("b", "Two.")]


class EndlessJsonl(io.RawIOBase):
    """A stream of JSON lines that never ends: reading it all would never finish."""

    def __init__(self):
        self.count = 0
        self.pending = b""

    def readable(self):
        return True

    def readinto(self, buffer):
        while len(self.pending) < len(buffer):
            self.count += 1
            self.pending += json.dumps({"id": self.count, "text": "Line."}).encode() + b"\n"
        n = len(buffer)
        buffer[:n], self.pending = self.pending[:n], self.pending[n:]
        return n


@pytest.mark.parametrize("input_format", [None, "jsonl"])
def test_readers_jsonl_streams(input_format):
    items = read_inputs(["-"], input_format=input_format, stdin=io.BufferedReader(EndlessJsonl()))
    assert [i.id for i in itertools.islice(items, 3)] == [1, 2, 3]


def test_readers_jsonl_streams_file_larger_than_max_bytes(tmp_path):
    content = jsonl(*({"text": f"Article {n}."} for n in range(50)))
    items = read(write(tmp_path, "big.jsonl", content), settings=limits(max_bytes=100))
    assert len(content) > 100
    assert [i.text for i in items] == [f"Article {n}." for n in range(50)]


# --- text and HTML -----------------------------------------------------------------------

@pytest.mark.parametrize("name, content, expected_id", [
    ("story.txt", ARTICLE, "story"),
    ("story.v2.md", "  " + ARTICLE + "\n\n", "story.v2"),
    ("noext", ARTICLE, "noext"),
])
def test_readers_text_is_one_article(tmp_path, name, content, expected_id):
    item = read_one(tmp_path, name, content)
    assert item == Article(text=content, id=expected_id)


def test_readers_html_fixture_extracts_text_and_metadata():
    (item,) = read(DATA / "fernbrook.html")
    assert (item.id, item.date, item.source, item.title, item.url) == (
        "fernbrook", "2024-11-05", "The Fernbrook Ledger",
        "Fernbrook votes to reopen its old library",
        "https://ledger.example/news/fernbrook-library")
    assert "closed far too long" in item.text and "next spring" in item.text


@pytest.mark.parametrize("forbidden", ["SCRIPT_SHOULD_NOT_APPEAR", "STYLE_SHOULD_NOT_APPEAR",
                                       "window.tracker", "console.log", "ad-banner"])
def test_readers_html_drops_script_and_style(forbidden):
    (item,) = read(DATA / "fernbrook.html")
    assert forbidden not in item.text


@pytest.mark.parametrize("page", [
    "<!DOCTYPE html><html><head><title>t</title></head><body></body></html>",
    "<html><body><script>var a = 'only a script';</script></body></html>",
])
def test_readers_html_without_text_is_empty(tmp_path, page):
    item = read_one(tmp_path, "page.html", page)
    assert (item.code, item.id) == ("empty", "page")


def test_readers_html_default_date_only_when_page_has_none(tmp_path):
    undated = "\n".join(line for line in HTML_PAGE.split("\n") if "2024" not in line)
    items = read(DATA / "fernbrook.html", write(tmp_path, "undated.html", undated),
                 date="2000-01-01")
    assert [i.date for i in items] == ["2024-11-05", "2000-01-01"]


# --- decoding ----------------------------------------------------------------------------

@pytest.mark.parametrize("data, expected", [
    ("Zoë said “hi”.".encode("utf-8"), "Zoë said “hi”."),
    (b"\xef\xbb\xbf" + "Zoë said.".encode("utf-8"), "Zoë said."),
    ("Zoë said “hi”.".encode("utf-16"), "Zoë said “hi”."),
    (b"\xff\xfe" + "Zoë said.".encode("utf-16-le"), "Zoë said."),
    (b"\xfe\xff" + "Zoë said.".encode("utf-16-be"), "Zoë said."),
    ("Zoë said.".encode("utf-32"), "Zoë said."),
    (b"Caf\xe9 au lait, na\xefve \x93quote\x94 \x80 5", "Café au lait, naïve “quote” € 5"),
    (b"one\r\ntwo\rthree\nfour\r\n", "one\ntwo\nthree\nfour\n"),
    (b"\r\n\r\nblank first\r\r", "\n\nblank first\n\n"),
    ("crlf in utf-16\r\nend".encode("utf-16"), "crlf in utf-16\nend"),
    (b"tab\tand form\x0cfeed stay", "tab\tand form\x0cfeed stay"),
    (b"one escape \x1b[1m in a long line of text is kept as it is", None),
])
def test_readers_decoding(tmp_path, data, expected):
    item = read_one(tmp_path, "d.txt", data, input_format="text")
    assert isinstance(item, Article)
    assert item.text == (expected if expected is not None else data.decode())


def test_readers_cp1252_fallback_is_logged(tmp_path, caplog):
    with caplog.at_level(logging.INFO, logger="presstrace.readers"):
        item = read_one(tmp_path, "d.txt", b"Caf\xe9 cr\xe8me")
    assert item.text == "Café crème"
    assert "Windows-1252" in caplog.text and "d.txt" in caplog.text


@pytest.mark.parametrize("data, code, fragment", [
    (b"text with a \x00 NUL byte", "binary", "NUL"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", "PNG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "binary", "ZIP"),
    (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "binary", "gzip"),
    (bytes(range(1, 32)) * 4, "binary", "control characters"),
    ("Привет, как дела у вас сегодня?".encode("cp1251"), "undecodable", "UTF-8"),
    (b"bad \x81 byte and \xff", "undecodable", "Windows-1252"),
    (b"\xff\xfe" + b"abc", "undecodable", "utf-16-le"),
    ("Καλημέρα σας, τι κάνετε σήμερα;".encode("cp1253"), "undecodable", "Windows-1252"),
    ("x\x00y".encode("utf-16"), "binary", "NUL"),
    (b"", "empty", "d.txt"),
    (b"   \n\t\r\n  ", "empty", "d.txt"),
    (b"\xef\xbb\xbf", "empty", "d.txt"),
    ("  \n".encode("utf-16"), "empty", "d.txt"),
])
@pytest.mark.parametrize("input_format", [None, "text", "record", "html"])
def test_readers_bad_bytes(tmp_path, data, code, fragment, input_format):
    item = read_one(tmp_path, "d.txt", data, input_format=input_format)
    assert isinstance(item, ArticleError)
    assert (item.code, item.id, item.origin) == (code, "d", str(tmp_path / "d.txt"))
    assert fragment in item.message and "d.txt" in item.message


@pytest.mark.parametrize("data", [b"%PDF-1.4 binary", b"a\x00b\n"])
def test_readers_binary_forced_jsonl_is_one_error(tmp_path, data):
    item = read_one(tmp_path, "f.jsonl", data, input_format="jsonl")
    assert (item.code, item.id) == ("binary", "f")


# --- size limits -------------------------------------------------------------------------

@pytest.mark.parametrize("size, input_format, expected", [
    (100, None, "article"),
    (101, None, "too_large"),
    (101, "text", "too_large"),
    (101, "html", "too_large"),
    (101, "record", "too_large"),
    (70_000, None, "too_large"),   # bigger than the detection head
])
def test_readers_max_bytes(tmp_path, size, input_format, expected):
    item = read_one(tmp_path, "big.txt", b"a" * size, input_format=input_format,
                    settings=limits(max_bytes=100))
    assert summary([item]) == [(expected, "big")]
    if expected == "too_large":
        assert "big.txt" in item.message and "limits.max_bytes" in item.message


def test_readers_max_bytes_checked_before_reading_a_huge_file(tmp_path):
    path = write(tmp_path, "huge.txt", ARTICLE * 2000)  # text for the detection head
    with open(path, "r+b") as fh:
        fh.truncate(4 * 1024**3)  # sparse: 4 GiB that would take long to read
    (item,) = read(path)
    assert (item.code, item.id) == ("too_large", "huge")
    assert str(4 * 1024**3) in item.message


def test_readers_max_bytes_on_stdin():
    item, = read_inputs(["-"], stdin=io.BytesIO(b"a" * 101), settings=limits(max_bytes=100))
    assert (item.code, item.id) == ("too_large", "stdin")


@pytest.mark.parametrize("content, expected", [
    ("é" * 10, "article"),          # 20 bytes, 10 characters
    ("é" * 11, "too_large"),
    ("a\r\n" * 5, "article"),       # 15 characters before, 10 after normalising
])
def test_readers_max_chars(tmp_path, content, expected):
    item = read_one(tmp_path, "c.txt", content, settings=limits(max_chars=10))
    assert summary([item]) == [(expected, "c")]


# --- paths, folders, stdin ---------------------------------------------------------------

def test_readers_folder_is_recursive_sorted_and_skips_hidden(tmp_path):
    for name in ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", "a2/e.txt",
                 ".hidden.txt", ".git/config", "sub/.cache/f.txt"]:
        write(tmp_path / "in", name, f"Text of {name}.")
    items = read(tmp_path / "in")
    assert [i.text for i in items] == ["Text of a.txt.", "Text of a2/e.txt.", "Text of b.txt.",
                                       "Text of sub/c.txt.", "Text of sub/deeper/d.txt."]


def test_readers_several_paths_keep_order_and_formats(tmp_path):
    text = write(tmp_path, "z.txt", ARTICLE)
    lines = write(tmp_path, "a.jsonl", jsonl({"id": "j1", "text": "One."}, {"text": "Two."}))
    items = read(text, tmp_path / "missing.txt", lines, DATA / "fernbrook.txt", text)
    assert summary(items) == [("article", "z"), ("not_found", "missing"), ("article", "j1"),
                              ("article", "a:2"), ("article", "fernbrook"), ("article", "z")]
    assert "missing.txt" in items[1].message


@pytest.mark.parametrize("data, input_format, expected", [
    (ARTICLE.encode(), None, [("stdin", ARTICLE, None)]),
    (b" date 2025-03-14 Body.", None, [("stdin", "Body.", "2025-03-14")]),
    (jsonl({"text": "One."}, {"id": 3, "text": "Two."}).encode(), None,
     [("stdin:1", "One.", None), (3, "Two.", None)]),
    (b'{"text": "raw"}', "text", [("stdin", '{"text": "raw"}', None)]),
    ("utf16 “stdin”".encode("utf-16"), None, [("stdin", "utf16 “stdin”", None)]),
])
def test_readers_stdin(data, input_format, expected):
    items = list(read_inputs(["-"], input_format=input_format, stdin=io.BytesIO(data)))
    assert [(i.id, i.text, i.date) for i in items] == expected


def test_readers_stdin_defaults_to_sys_stdin(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(ARTICLE.encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    assert [(i.id, i.text) for i in read_inputs(["-"])] == [("stdin", ARTICLE)]


def test_readers_stdin_among_files(tmp_path):
    path = write(tmp_path, "f.txt", "File.")
    items = read_inputs([str(path), "-", path], stdin=io.BytesIO(b"Piped."))
    assert [(i.id, i.text) for i in items] == [("f", "File."), ("stdin", "Piped."),
                                                ("f", "File.")]


def test_readers_unreadable_path_is_an_error(tmp_path):
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    item, = read(link)
    assert (item.code, item.id) == ("not_found", "dangling")


# --- the default date --------------------------------------------------------------------

def test_readers_default_date_fills_only_missing_dates(tmp_path):
    paths = [write(tmp_path, "t.txt", ARTICLE),
             write(tmp_path, "r.txt", "date 2025-03-14 Body."),
             write(tmp_path, "j.jsonl", jsonl({"id": 1, "text": "A"},
                                              {"id": 2, "date": "2024-01-02", "text": "B"}))]
    assert [i.date for i in read(*paths, date="2020-05-06")] == [
        "2020-05-06", "2025-03-14", "2020-05-06", "2024-01-02"]


# --- caller errors -----------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, error, fragment", [
    ({"input_format": "pdf"}, ValueError, "record, jsonl, text, html"),
    ({"input_format": "JSONL"}, ValueError, "'JSONL'"),
    ({"date": "2025-13-45"}, ValueError, "'2025-13-45'"),
    ({"date": "14/03/2025"}, ValueError, "'14/03/2025'"),
    ({"date": "2025-03-14T10:00"}, ValueError, "YYYY-MM-DD"),
    ({"date": 20250314}, TypeError, "int"),
    ({"settings": {"limits": {}}}, TypeError, "Settings"),
    ({"paths": "story.txt"}, TypeError, "'story.txt'"),
    ({"paths": [1]}, TypeError, "int"),
    ({"paths": ["-"], "stdin": io.StringIO("text")}, TypeError, "binary"),
])
def test_readers_caller_errors_raise_before_reading(kwargs, error, fragment):
    kwargs = {"paths": ["does-not-matter.txt"], **kwargs}
    with pytest.raises(error, match=fragment.replace(".", r"\.").replace("(", r"\(")):
        read_inputs(**kwargs)  # raised at the call, not on iteration


def test_readers_accepts_path_objects_and_date_objects(tmp_path):
    import datetime as dt
    path = write(tmp_path, "p.txt", ARTICLE)
    (item,) = read_inputs([path], date=dt.date(2025, 3, 14))
    assert (item.id, item.date) == ("p", "2025-03-14")


# --- property: a text file reads back as written -----------------------------------------

TEXT = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"),
                                   whitelist_characters="\n\r\t"), min_size=1),
    st.lists(st.sampled_from(["\r\n", "\r", "\n", "\r\r\n", "date 2025-03-14", "{}", "<html>",
                              "é", "“", " ", "a"]), min_size=1).map("".join),
)


@hyp_settings(max_examples=200, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_readers_text_round_trip(tmp_path, text):
    assume(text.strip())                 # whitespace only is an `empty` error
    assume(not text.startswith("\ufeff"))  # a leading U+FEFF is read as a byte-order mark
    path = write(tmp_path, "prop.txt", text)
    (item,) = read(path, input_format="text")
    assert item.text == text.replace("\r\n", "\n").replace("\r", "\n")
