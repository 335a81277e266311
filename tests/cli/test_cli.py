"""The command line, run in-process with click's runner."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from presstrace.cli import cli
from presstrace.schema import validate_output


def test_cli_analyze_seed_jsonl_keeps_the_contract(invoke, seed_path):
    result = invoke("analyze", "--format", "jsonl", str(seed_path))
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    art = json.loads(line)
    validate_output(art)
    assert art["date"] == "2025-03-14" and art["text"].startswith("President Trump")
    for ent in art["entities"]:
        for m in ent["mentions"]:
            assert art["text"][m["start"]:m["end"]] == m["text"]
    assert any(n["kind"] == "photo_credit" for n in art["noncontent"])


def test_cli_table_report_shows_entities(invoke, seed_path):
    result = invoke("analyze", "--format", "table", str(seed_path))
    assert result.exit_code == 0
    assert "Entities (" in result.stdout and "Vladimir Putin" in result.stdout


def test_cli_json_format_is_one_array(invoke, tmp_path):
    (tmp_path / "a.txt").write_text("Angela Merkel visited Paris.")
    (tmp_path / "b.txt").write_text("Boris Johnson visited Rome.")
    result = invoke("analyze", "--format", "json", str(tmp_path))
    data = json.loads(result.stdout)
    assert [d["id"] for d in data] == ["a", "b"]


@pytest.mark.parametrize("content,code", [(b"", "empty"), (b"\x00\x01\x02binary\x00", "binary"),
                                          (b"%PDF-1.4\n%\xe2\xe3", "binary")])
def test_cli_bad_input_gets_an_error_line_and_the_run_goes_on(invoke, tmp_path, content, code):
    (tmp_path / "1bad.txt").write_bytes(content)
    (tmp_path / "2good.txt").write_text("Emmanuel Macron spoke in Paris on Monday.")
    result = invoke("analyze", str(tmp_path))
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert lines[0]["error"]["code"] == code and lines[0]["error"]["message"]
    assert lines[1]["entities"]
    assert result.exit_code == 0
    assert invoke("analyze", "--strict", str(tmp_path)).exit_code == 1


def test_cli_nothing_analysed_exits_non_zero(invoke, tmp_path):
    (tmp_path / "empty.txt").write_text("   ")
    assert invoke("analyze", str(tmp_path / "empty.txt")).exit_code == 1


def test_cli_reads_stdin_jsonl_and_echoes_ids(invoke):
    lines = [{"id": 7, "date": "2022-03-01", "text": "Olaf Scholz met Joe Biden.", "extra": [1]},
             {"id": "x-2", "text": "Kyiv’s mayor spoke."}]
    stdin = "\n".join(json.dumps(x) for x in lines)
    result = invoke("analyze", "--date", "2022-01-01", input=stdin)
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [(o["id"], o["date"]) for o in out] == [(7, "2022-03-01"), ("x-2", "2022-01-01")]


def test_cli_input_option_forces_the_format(invoke, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text('{"text": "not json lines here"}')
    result = invoke("analyze", "--input", "text", str(path))
    assert json.loads(result.stdout)["text"] == '{"text": "not json lines here"}'


def test_cli_summary_prints_one_line_per_article_and_totals(invoke, tmp_path):
    for k, name in enumerate(["Angela Merkel", "Emmanuel Macron"]):
        (tmp_path / f"{k}.txt").write_text(f"{name} spoke in Paris.")
    result = invoke("analyze", "--format", "table", "--summary", str(tmp_path))
    assert "2 articles analysed, 0 errors" in result.stdout


def test_cli_unknown_setting_is_a_clear_error(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[limits]\nmax_chars_typo = 5\n")
    result = CliRunner().invoke(cli, ["--config", str(cfg), "analyze", "-"], input="x")
    assert result.exit_code != 0 and "max_chars_typo" in result.output


@pytest.mark.parametrize("command", [["--help"], ["analyze", "--help"], ["gazetteer", "build", "--help"]])
def test_cli_every_command_has_help(invoke, command):
    result = invoke(*command)
    assert result.exit_code == 0 and "Usage" in result.stdout


@pytest.mark.parametrize("fmt", ["jsonl"])
def test_cli_analyze_reads_a_warc_archive(invoke, tmp_path, write_warc, fmt):
    page = ("<html><head><title>Repairs in Lviv</title></head><body><article><p>Officials in "
            "Lviv said on Monday that repairs to the main bridge would take three weeks.</p>"
            "</article></body></html>").encode()
    crawl = write_warc(tmp_path / "crawl.warc.gz", [("https://example.org/lviv", "text/html", page),
                                                     ("https://example.org/a.png", "image/png", b"\x89PNG")])
    result = invoke("analyze", "--format", fmt, str(crawl))
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    art = json.loads(line)
    assert art["url"] == "https://example.org/lviv" and art["title"] == "Repairs in Lviv"
    assert any(e["name"] == "Lviv" for e in art["entities"])
