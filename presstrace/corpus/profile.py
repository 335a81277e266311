"""An entity's page: `entity_profile(conn, corpus_entity_id)`.

Its canonical name and aliases (with the articles using each), the quotes it is the
speaker of, the events it is an actor in (with its role), and how often articles mention
it per month. Lists are newest first and capped at `limit`; the totals are always given.
"""
from __future__ import annotations

import sqlite3
from typing import Any

from ..store.attribution_view import confident_speaker
from ..store.placeview import public_geonameid
from ..store.queries import fetch_rows
from .lookup import Ref, check_limit, corpus_entity
from .timeline import EVENT_DATE

# The entity's per-article entities, whose local ids quotes and events point at.
LINKED = ("SELECT en.article_id, en.local_id, en.id FROM corpus_entity_links l "
          "JOIN entities en ON en.id = l.entity_id WHERE l.corpus_entity_id = ?")


def entity_profile(conn: sqlite3.Connection, corpus_entity_id: Ref, limit: int = 50) -> dict[str, Any]:
    """The entity page's data. `corpus_entity_id` may also be a name or alias.

    Raises:
        QueryError: no such corpus entity.
    """
    row = corpus_entity(conn, corpus_entity_id)
    cid, lim = row["id"], check_limit(limit)
    aliases = fetch_rows(conn, "SELECT alias, articles FROM corpus_entity_aliases WHERE corpus_entity_id = ? "
                               "ORDER BY articles DESC, alias", (cid,))
    quotes = fetch_rows(conn, f"SELECT q.article_id, a.date, a.source AS outlet, q.text, q.start, q.end, "
                              f"q.kind, q.cue_text AS cue FROM ({LINKED}) me "
                              f"JOIN quotes q ON q.article_id = me.article_id AND q.speaker_entity = me.local_id "
                              f"AND {confident_speaker()} "
                              f"JOIN articles a ON a.id = q.article_id "
                              f"ORDER BY a.date IS NULL, a.date DESC, q.article_id, q.start", (cid,))
    events = fetch_rows(conn, f"SELECT DISTINCT e.article_id, {EVENT_DATE} AS date, a.source AS outlet, "
                              f"e.type, CASE WHEN e.source_entity = me.local_id THEN 'source' ELSE 'target' END "
                              f"AS role, e.source_name AS source_actor, e.target_name AS target_actor, e.place, "
                              f"e.text, e.start, e.end, e.negated FROM ({LINKED}) me "
                              f"JOIN events e ON e.article_id = me.article_id "
                              f"AND me.local_id IN (e.source_entity, e.target_entity) "
                              f"JOIN articles a ON a.id = e.article_id "
                              f"ORDER BY {EVENT_DATE} IS NULL, {EVENT_DATE} DESC, e.article_id, e.start", (cid,))
    months = fetch_rows(conn, f"SELECT substr(a.date, 1, 7) AS month, count(m.id) AS mentions, "
                              f"count(DISTINCT me.article_id) AS articles FROM ({LINKED}) me "
                              f"JOIN articles a ON a.id = me.article_id "
                              f"LEFT JOIN mentions m ON m.entity_id = me.id AND m.role = 'mention' "
                              f"WHERE a.date IS NOT NULL GROUP BY month ORDER BY month", (cid,))
    return {"id": cid, "family": row["family"], "name": row["name"], "geonameid": public_geonameid(row["geonameid"]),
            "articles": row["articles"], "aliases": aliases,
            "quote_count": len(quotes), "quotes": quotes[:lim],
            "event_count": len(events), "events": events[:lim],
            "mentions_by_month": months}
