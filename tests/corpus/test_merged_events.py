"""Merged events (`corpus/events.py`): two reports of one shelling in the invented entity
store merge, a later shelling does not unless the window is wider; grouping by window,
actors and place."""
from __future__ import annotations

import pytest

from presstrace.corpus.entities import update_corpus_entities
from presstrace.corpus.events import group_events, iter_merged_events, update_merged_events
from presstrace.corpus.story_features import parse_date


def test_events_reports_of_one_shelling_merge(entity_conn):
    update_corpus_entities(entity_conn)
    update_merged_events(entity_conn)
    shelling = [m for m in iter_merged_events(entity_conn, "ASSAULT") if m["place"] == "Kharkiv"]
    # k2 and k3 report the same shelling on 7 May; k4's shelling two weeks later is another one.
    assert [sorted(a["input_id"] for a in m["articles"]) for m in shelling] == [["k2", "k3"], ["k4"]]
    assert {a["source"] for a in shelling[0]["articles"]} == {"Wire", "Daily Ledger"}
    assert shelling[0]["source"] == "RUS-MIL" and shelling[0]["reports"] == 2
    assert shelling[0]["first"] == shelling[0]["last"] == "2024-05-07"
    # An actor known only by name is compared, and shown, as its corpus entity.
    assert [m["source"] for m in iter_merged_events(entity_conn, "ACCUSE")] == ["Volodymyr Zelenskyy"]
    # With a window wide enough, the later shelling joins too.
    update_merged_events(entity_conn, window_days=14)
    shelling = [m for m in iter_merged_events(entity_conn, "assault") if m["place"] == "Kharkiv"]
    assert [len(m["articles"]) for m in shelling] == [3]


def event(id, day, source="RUS-MIL", place="kharkiv"):
    return {"id": id, "article_id": id, "type": "ASSAULT", "source": source, "target": "",
            "place": place, "place_name": place, "date": parse_date(day)}


def test_events_group_events_window_actors_and_places():
    groups = group_events([event(1, "2024-05-07"), event(2, "2024-05-09"), event(3, "2024-05-10"),
                           event(4, "2024-05-07", source="UKR-MIL"), event(5, "2024-05-07", place="odesa"),
                           event(6, None), event(7, "2024-05-07", source="", place="")])
    assert sorted(sorted(e["id"] for e in g) for g in groups) == [[1, 2], [3], [4], [5], [6], [7]]
    with pytest.raises(ValueError):
        group_events([], window_days=-1)


def test_events_merge_leaves_out_unconfident_and_unreal_unless_asked(entity_conn):
    update_corpus_entities(entity_conn)
    everything = update_merged_events(entity_conn)["events"]
    real = [r[0] for r in entity_conn.execute(
        "SELECT id FROM events WHERE NOT negated AND coalesce(json_extract(extra, '$.hypothetical'), 0) = 0 "
        "AND confidence >= 0.5 ORDER BY id")]
    assert everything == len(real) >= 2
    entity_conn.execute("UPDATE events SET confidence = 0.1 WHERE id = ?", (real[0],))
    assert update_merged_events(entity_conn, min_confidence=0.5)["events"] == everything - 1
    entity_conn.execute("UPDATE events SET negated = 1 WHERE id = ?", (real[1],))
    assert update_merged_events(entity_conn)["events"] == everything - 1
    assert update_merged_events(entity_conn, unreal=True)["events"] > everything - 1
