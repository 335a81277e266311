"""Text given directly — the API's body, the workbench's form — is read as a file's text:
line endings normalised to `\\n` (README), so the same words give the same analysis."""
from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from presstrace.cli import cli

SAMPLES = Path(__file__).resolve().parents[2] / "presstrace" / "samples"


def seed_body() -> str:
    """The seed article's text (its first line is the record's date)."""
    return SAMPLES.joinpath("seed.txt").read_text(encoding="utf-8").split("\n", 1)[1].strip()


def as_browser_sends(text: str) -> str:
    return text.replace("\n", "\r\n")


def cli_quotes(tmp_path, text: str) -> int:
    path = tmp_path / "a.txt"
    path.write_bytes(as_browser_sends(text).encode("utf-8"))
    res = CliRunner().invoke(cli, ["analyze", "--format", "jsonl", "--input", "text", str(path)])
    assert res.exit_code == 0, res.output
    return len(json.loads(res.output.splitlines()[0])["quotes"])


def test_api_analyze_normalises_line_endings_as_files_are(client, tmp_path):
    text = seed_body()
    res = client.post("/api/analyze", json={"text": as_browser_sends(text), "date": "2025-03-14"})
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["text"] == text and "\r" not in body["text"]
    assert len(body["quotes"]) == cli_quotes(tmp_path, text) > 0


def test_form_analyze_normalises_line_endings_as_files_are(client, tmp_path):
    text = seed_body()
    res = client.post("/analyze", data={"text": as_browser_sends(text), "date": "2025-03-14"})
    assert res.status_code == 200, res.text
    assert "\r" not in res.text
    shown = re.search(r'data-toggle="quotes".*?<span class="meta">(\d+)</span>', res.text, re.S)
    assert shown and int(shown.group(1)) == cli_quotes(tmp_path, text)


def test_given_text_is_refused_as_a_file_would_be(client):
    res = client.post("/api/analyze", json={"text": "a\x00b said the minister."})
    assert res.status_code == 400 and res.json()["error"]["code"] == "binary"
