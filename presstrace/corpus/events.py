"""Merged events: the reports of one real event across articles, as one row.

Two event records are reports of the same event when they have the same type, the same
source and target actor, the same place (or both none) and dates within `window_days` of
the earliest report of the group. An actor is compared by its corpus entity (`c12`, see
`entities`), else by country and sector for a group with a country ("RUS-MIL"), else by
its folded name when it is an entity; a sector alone is no actor. A place is compared by
its folded name. Negated and hypothetical events are left out unless asked for, and so
are events given less than a minimum confidence; an event with neither actor nor place
stays alone (nothing says it is the same as another one that day). Undated events stay
alone too.

`update_merged_events` recomputes the `merged_events` and `merged_event_reports` tables
in full (one sort and one pass over the events); `iter_merged_events` reads them.
"""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from typing import Iterator, Optional

from ..names import name_key
from ..store.db import transaction
from .story_features import parse_date

DEFAULT_WINDOW_DAYS = 2


def actor_key(country: Optional[str], sector: Optional[str], corpus_id: Optional[int],
              name: Optional[str], entity: Optional[str] = None) -> str:
    """How an event's actor is compared: its corpus entity (`c12`); else a group with a
    country by country and sector ("RUS-MIL" for "Russian troops", or a people the corpus
    does not link, "the Russians"); else an entity by its folded name. A sector alone
    ("GOV"), or a phrase with no entity and no country, is no actor here: it would join
    unrelated events."""
    if corpus_id is not None:
        return f"c{corpus_id}"
    if country:
        return "-".join(x for x in (country, sector) if x)
    if entity and name:
        return " ".join(name_key(name))
    return ""


def _event_rows(conn: sqlite3.Connection, min_confidence: float = 0.0, unreal: bool = False) -> list[dict]:
    """The events that can be merged, each with its comparison key and date: those given at
    least `min_confidence` (rows older than confidence pass), and only real ones — not
    negated, not hypothetical — unless `unreal`."""
    rows = conn.execute("""
        SELECT ev.id, ev.article_id, ev.type, ev.place, ev.date, ev.negated, ev.extra,
               ev.source_country, ev.source_sector, ev.source_name, ls.corpus_entity_id AS source_cid,
               ev.source_entity, ev.target_entity,
               ev.target_country, ev.target_sector, ev.target_name, lt.corpus_entity_id AS target_cid
        FROM events ev JOIN articles a ON a.id = ev.article_id AND a.status = 'analysed'
        LEFT JOIN entities es ON es.article_id = ev.article_id AND es.local_id = ev.source_entity
        LEFT JOIN corpus_entity_links ls ON ls.entity_id = es.id
        LEFT JOIN entities et ON et.article_id = ev.article_id AND et.local_id = ev.target_entity
        LEFT JOIN corpus_entity_links lt ON lt.entity_id = et.id
        WHERE ev.type IS NOT NULL AND ev.type != '' AND (ev.confidence IS NULL OR ev.confidence >= ?)
        ORDER BY ev.id""", (min_confidence,)).fetchall()
    out = []
    for row in rows:
        extra = json.loads(row["extra"]) if row["extra"] else {}
        if not unreal and (row["negated"] or extra.get("hypothetical")):
            continue
        out.append({
            "id": row["id"], "article_id": row["article_id"], "type": row["type"],
            "source": actor_key(row["source_country"], row["source_sector"], row["source_cid"],
                                row["source_name"], row["source_entity"]),
            "target": actor_key(row["target_country"], row["target_sector"], row["target_cid"],
                                row["target_name"], row["target_entity"]),
            "place": " ".join(name_key(row["place"] or "")), "place_name": row["place"],
            "date": parse_date(row["date"])})
    return out


def group_events(events: list[dict], window_days: int = DEFAULT_WINDOW_DAYS) -> list[list[dict]]:
    """Reports of the same event, grouped; groups ordered by first date, then event id."""
    if window_days < 0:
        raise ValueError(f"event window must be >= 0 days, got {window_days}")
    by_key: dict[tuple, list[dict]] = defaultdict(list)
    alone: list[list[dict]] = []
    for ev in events:
        if ev["date"] is None or not (ev["source"] or ev["target"] or ev["place"]):
            alone.append([ev])
        else:
            by_key[(ev["type"], ev["source"], ev["target"], ev["place"])].append(ev)
    groups = alone
    for reports in by_key.values():
        reports.sort(key=lambda e: (e["date"], e["id"]))
        current = [reports[0]]
        for ev in reports[1:]:
            if (ev["date"] - current[0]["date"]).days <= window_days:
                current.append(ev)
            else:
                groups.append(current)
                current = [ev]
        groups.append(current)
    return sorted(groups, key=lambda g: (g[0]["date"] is None, g[0]["date"] or "", g[0]["id"]))


def update_merged_events(conn: sqlite3.Connection, window_days: int = DEFAULT_WINDOW_DAYS,
                         min_confidence: float = 0.0, unreal: bool = False) -> dict[str, int]:
    """Recompute the merged events; return `events` (reports read) and `merged` (groups).

    Args:
        min_confidence: leave out events given less confidence.
        unreal: keep negated and hypothetical events too (left out by default).
    """
    events = _event_rows(conn, min_confidence, unreal)
    groups = group_events(events, window_days)
    with transaction(conn):
        conn.execute("DELETE FROM merged_event_reports")
        conn.execute("DELETE FROM merged_events")
        for number, group in enumerate(groups, 1):
            first, dates = group[0], [e["date"] for e in group if e["date"] is not None]
            conn.execute(
                "INSERT INTO merged_events (id, type, source, target, place, first, last, reports, "
                "articles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (number, first["type"], first["source"] or None, first["target"] or None,
                 first["place_name"] or None, min(dates).isoformat() if dates else None,
                 max(dates).isoformat() if dates else None, len(group),
                 len({e["article_id"] for e in group})))
            conn.executemany("INSERT INTO merged_event_reports (event_id, merged_event_id, article_id) "
                             "VALUES (?, ?, ?)", [(e["id"], number, e["article_id"]) for e in group])
    return {"events": len(events), "merged": len(groups)}


def iter_merged_events(conn: sqlite3.Connection, event_type: Optional[str] = None,
                       min_articles: int = 1) -> Iterator[dict]:
    """Stored merged events (by first date) with their reporting articles and outlets.

    `reports` counts the event records merged, `articles` the reporting articles, each as
    {"id": store id, "input_id": …, "source": outlet, "date": …}. An actor that is a
    corpus entity is shown by its canonical name.
    """
    where, params = ["m.articles >= ?"], [min_articles]
    if event_type:
        where.append("m.type = ? COLLATE NOCASE")
        params.append(event_type)
    merged = conn.execute(f"SELECT * FROM merged_events m WHERE {' AND '.join(where)} "
                          f"ORDER BY m.first IS NULL, m.first, m.id", params).fetchall()
    if not merged:
        return
    marks = ", ".join("?" * len(merged))
    articles: dict[int, list[dict]] = defaultdict(list)
    for row in conn.execute(
            f"SELECT DISTINCT r.merged_event_id, a.id, a.input_id, a.source, a.date "
            f"FROM merged_event_reports r JOIN articles a ON a.id = r.article_id "
            f"WHERE r.merged_event_id IN ({marks}) ORDER BY a.date, a.id", [m["id"] for m in merged]):
        articles[row[0]].append({"id": row["id"], "input_id": row["input_id"],
                                 "source": row["source"], "date": row["date"]})
    names = corpus_names(conn, [k for m in merged for k in (m["source"], m["target"])])
    for m in merged:
        yield {"merged_event": m["id"], "type": m["type"],
               "source": names.get(m["source"], m["source"]),
               "target": names.get(m["target"], m["target"]), "place": m["place"],
               "first": m["first"], "last": m["last"], "reports": m["reports"],
               "articles": articles[m["id"]]}


def corpus_names(conn: sqlite3.Connection, keys: list[Optional[str]]) -> dict[str, str]:
    """Actor key c<id> -> that corpus entity's canonical name."""
    ids = sorted({int(k[1:]) for k in keys if k and k[0] == "c" and k[1:].isascii() and k[1:].isdigit()})
    out: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        marks = ", ".join("?" * len(part))
        out.update((f"c{r[0]}", r[1]) for r in conn.execute(
            f"SELECT id, name FROM corpus_entities WHERE id IN ({marks}) AND name IS NOT NULL", part))
    return out
