"""Hostile and broken input: each kind gets an error record with a code or a correct
analysis, never a crash, and the good article in the same batch is always analysed."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from click.testing import CliRunner

from presstrace.cli import cli

GOOD = "Angela Merkel spoke in Berlin on Monday. \"We will help,\" she said."
LONG_LINE = ("Officials said the convoy reached Kharkiv and the talks went on " * 3200)[:200_000]

# (name, file name, content as bytes, expected: "ok" or an error code)
CASES = [
    ("empty", "a.txt", b"", "empty"),
    ("whitespace only", "a.txt", b"  \n\t\n  ", "empty"),
    ("utf-8 bom only", "a.txt", b"\xef\xbb\xbf", "empty"),
    ("random binary", "a.bin", bytes(range(256)) * 8, "binary"),
    ("pdf bytes", "a.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "binary"),
    ("nul bytes in text", "a.txt", b"Kyiv said\x00 the talks\x00 ended.", "binary"),
    ("invalid utf-8, not Windows-1252 either", "a.txt", b"The minister\x80\x81 said the talks\xff ended.", "undecodable"),
    ("invalid utf-8 that is Windows-1252", "a.txt", b"The minister\x93s talks\x94 ended in Kyiv.", "ok"),
    ("utf-16 with bom", "a.txt", "Zelensky spoke in Kyiv on Friday.".encode("utf-16"), "ok"),
    ("latin-1", "a.txt", "The caf\xe9 in Montr\xe9al reopened, officials said.".encode("latin-1"), "ok"),
    ("windows-1252 quotes", "a.txt", "\u201cWe are ready,\u201d the general said.".encode("cp1252"), "ok"),
    ("crlf line endings", "a.txt", b"Line one in Kyiv.\r\n\r\nLine two in Lviv.\r\n", "ok"),
    ("200,000-character line", "a.txt", LONG_LINE.encode(), "ok"),
    ("no punctuation", "a.txt", b"putin met macron in moscow and they talked for hours about ukraine and gas", "ok"),
    ("all capitals", "a.txt", b"RUSSIAN FORCES SHELLED KHARKIV ON MONDAY, OFFICIALS SAID.", "ok"),
    ("only quote marks", "a.txt", "\"\"\"\u201c\u201d\u201d''\u2018\u2019\"".encode(), "ok"),
    ("unbalanced quotes", "a.txt", b'He said "this never ends. And "another one. "Third" "', "ok"),
    ("deeply nested quotes", "a.txt", ("\u201c" * 200 + "deep" + "\u201d" * 200).encode(), "ok"),
    ("right-to-left", "a.txt", "\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 said Biden in \u05d9\u05e8\u05d5\u05e9\u05dc\u05d9\u05dd.".encode(), "ok"),
    ("cjk", "a.txt", "\u4e60\u8fd1\u5e73\u5728\u5317\u4eac\u4f1a\u89c1\u4e86\u666e\u4eac\u3002 Xi met Putin.".encode(), "ok"),
    ("emoji with joiners", "a.txt", "Protesters \U0001f469\u200d\U0001f469\u200d\U0001f467 marched in Tbilisi \U0001f1ec\U0001f1ea.".encode(), "ok"),
    ("combining marks", "a.txt", "Zelens\u0301ky\u0308 said Kyi\u0308v would hold.".encode(), "ok"),
    ("control characters, mostly", "a.txt", b"The talks\x07 ended\x1b in Minsk.", "binary"),
    ("a stray control character", "a.txt", b"The talks in Minsk ended late on Friday, officials said.\x07 " * 4, "ok"),
    ("html with script and style", "a.html",
     b"<html><head><style>p{color:red}</style><script>alert('x')</script></head><body><article><p>"
     + GOOD.encode() * 5 + b"</p></article></body></html>", "ok"),
    ("truncated html", "a.html", b"<html><body><article><p>" + GOOD.encode() * 5 + b"<p>And then the", "ok"),
    ("malformed html: misnested and unclosed tags", "a.html",
     b"<html><body><div><p>Angela Merkel spoke in <b>Berlin <i>on</b> Monday.</i> \"We will help,\" "
     b"she said.</p></span></div></td><p class=\"x>Officials met.<div <p>", "ok"),
    ("huge attribute html", "a.html", b"<html><body><div data-x=\"" + b"a" * 500_000 + b"\"><p>"
     + GOOD.encode() * 5 + b"</p></div></body></html>", "ok"),
    ("record with impossible date", "a.txt", b"date 2025-13-45\nThe talks ended.", "bad_date"),
    ("record dated before 1900", "a.txt", b"date 1850-06-01\nThe treaty was signed in Paris.", "ok"),
    ("record dated in the future", "a.txt", b"date 2099-01-01\nThe talks ended on Friday.", "ok"),
    ("over the size limit (20 MB)", "a.txt", b"Officials said so. " * 1_100_000, "too_large"),
]

JSONL_CASES = [
    ("broken json line", b'{"id": "x", "text": "broken', "bad_record"),
    ("text of the wrong type", b'{"id": "x", "text": 5}', "bad_record"),
    ("missing text", b'{"id": "x", "title": "no body"}', "bad_record"),
    ("a list, not an object", b'["x", "y"]', "bad_record"),
    ("id of the wrong type", b'{"id": {"a": [1]}, "text": "Kyiv said so."}', "bad_record"),
    ("source of the wrong type", b'{"id": "x", "source": ["a"], "text": "Kyiv said so."}', "bad_record"),
    ("date of the wrong type costs only the date", b'{"id": "x", "date": 5, "text": "Kyiv said so."}', None),
    ("a lone surrogate in the text", b'{"id": "x", "text": "Kyiv \\ud800 said so."}', "bad_record"),
    ("a lone surrogate in the title", b'{"id": "x", "title": "\\udfff", "text": "Kyiv said so."}', "bad_record"),
    ("a lone surrogate in the id", b'{"id": "x\\ud800", "text": "Kyiv said so."}', "bad_record"),
]


def run_folder(tmp_path, files: dict[str, bytes]) -> list[dict]:
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    result = CliRunner().invoke(cli, ["analyze", "--format", "jsonl", str(tmp_path)], catch_exceptions=False)
    return [json.loads(line) for line in result.stdout.splitlines()]


def assert_offsets(article: dict) -> None:
    text = article["text"]
    for layer in ("quotes", "claims", "times", "places", "amounts", "events", "framing", "noncontent"):
        for rec in article[layer]:
            assert text[rec["start"]:rec["end"]] == rec["text"], layer
    for ent in article["entities"]:
        for m in ent["mentions"] + ent.get("references", []):
            assert text[m["start"]:m["end"]] == m["text"]


@pytest.mark.parametrize("name,filename,content,expected", CASES, ids=[c[0] for c in CASES])
def test_analyze_bad_input_kind_gets_a_code_or_an_analysis(tmp_path, name, filename, content, expected):
    out = run_folder(tmp_path, {"1" + filename: content, "2good.txt": GOOD.encode()})
    bad, good = out
    if expected == "ok":
        assert "error" not in bad, bad.get("error")
        assert_offsets(bad)
    else:
        assert bad["error"]["code"] == expected and bad["error"]["message"]
    assert "error" not in good and good["entities"]


@pytest.mark.parametrize("name,line,expected", JSONL_CASES, ids=[c[0] for c in JSONL_CASES])
def test_analyze_bad_jsonl_line_loses_only_itself(tmp_path, name, line, expected):
    good = json.dumps({"id": "g", "text": GOOD}).encode()
    out = run_folder(tmp_path, {"a.jsonl": good + b"\n" + line + b"\n" + good + b"\n"})
    assert [o.get("error", {}).get("code") for o in out] == [None, expected, None]


def test_analyze_duplicate_jsonl_ids_are_both_analysed(tmp_path):
    line = json.dumps({"id": "same", "text": GOOD}).encode()
    out = run_folder(tmp_path, {"a.jsonl": line + b"\n" + line + b"\n"})
    assert [o["id"] for o in out] == ["same", "same"] and all("error" not in o for o in out)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=600), st.text(max_size=400).map(str.encode)),
       suffix=st.sampled_from([".txt", ".jsonl", ".html", ".bin", ""]))
def test_analyze_fuzzed_bytes_never_crash_the_run(tmp_path_factory, content, suffix):
    from presstrace import analyze_many, read_inputs
    from presstrace.records import AnalyzedArticle, ArticleError

    folder = tmp_path_factory.mktemp("fuzz")
    (folder / f"f{suffix}").write_bytes(content)
    for res in analyze_many(read_inputs([str(folder)])):
        assert isinstance(res, (AnalyzedArticle, ArticleError))
        if isinstance(res, AnalyzedArticle):
            assert_offsets(res.to_dict())
        else:
            assert res.code and res.message
