"""`presstrace stories`, `entities` and `events --merged` on the invented story and entity
stores: the commands write what the corpus functions answer."""
from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from presstrace.cli import cli


def test_corpus_entities_and_events_commands(entity_stores, tmp_path):
    path = tmp_path / "cli.db"
    shutil.copy(entity_stores[0], path)
    runner = CliRunner()
    result = runner.invoke(cli, ["entities", "--db", str(path), "--update", "--top", "3",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 3 and rows[0]["articles"] == 3
    assert {r["name"] for r in rows} >= {"Volodymyr Zelenskyy", "European Union"}
    result = runner.invoke(cli, ["entities", "--db", str(path), "--family", "place"])
    assert result.exit_code == 0 and "Kyiv" in result.stdout and "Kiev" in result.stdout
    result = runner.invoke(cli, ["events", "--db", str(path), "--merged", "--type", "ASSAULT",
                                 "--min-articles", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    merged = json.loads(result.stdout)
    assert [sorted(a["input_id"] for a in m["articles"]) for m in merged] == [["k2", "k3"]]
    result = runner.invoke(cli, ["events", "--db", str(path), "--merged"])
    assert result.exit_code == 0 and "Daily Ledger; Wire" in result.stdout
    assert runner.invoke(cli, ["events", "--db", str(path)]).exit_code == 2
    # Nothing is given more than certainty; unreal events add reports.
    result = runner.invoke(cli, ["events", "--db", str(path), "--merged", "--min-confidence", "1"])
    assert result.exit_code == 0 and "0 merged events from 0 reports" in result.stderr
    real = runner.invoke(cli, ["events", "--db", str(path), "--merged"]).stderr
    every = runner.invoke(cli, ["events", "--db", str(path), "--merged", "--unreal"]).stderr
    assert int(every.split(" from ")[1].split()[0]) >= int(real.split(" from ")[1].split()[0])


def test_corpus_stories_command_jsonl_table_and_rebuild(story_stores, tmp_path):
    path = tmp_path / "cli.db"
    shutil.copy(story_stores[0], path)
    runner = CliRunner()
    result = runner.invoke(cli, ["stories", "--db", str(path)], catch_exceptions=False)
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(sorted(s["articles"]) for s in lines) == [
        ["dam-1", "dam-2", "dam-3"], ["deal-1", "deal-2", "deal-3"]]
    assert "2 stories; 6 articles placed" in result.stderr
    result = runner.invoke(cli, ["stories", "--db", str(path), "--format", "table", "--rebuild"])
    assert result.exit_code == 0 and "(rebuilt)" in result.stderr
    assert "Marvale dam bursts" in result.stdout and "2024-03-04..2024-03-06" in result.stdout
    out = tmp_path / "s.jsonl"
    result = runner.invoke(cli, ["stories", "--db", str(path), "--threshold", "0.99", "--out", str(out)])
    assert result.exit_code == 0 and "(rebuilt)" in result.stderr  # new settings: clustered again
    assert len(out.read_text().splitlines()) == 6
    result = runner.invoke(cli, ["stories", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no presstrace store" in result.output
