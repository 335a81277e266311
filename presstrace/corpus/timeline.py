"""Timelines: the events and quotes about a corpus entity, a place or a story, by date.

An item's date is the event's own date when the events layer resolved one (`2022-04-03`,
`2022-04`), else the reporting article's date; a quote is dated by its article. Every
item keeps its article id and offsets, so a reader can open the sentence it came from.

- **entity** (id, canonical name or alias, see `lookup.corpus_entity`): events whose
  source or target actor is one of its per-article entities, and quotes it is the speaker
  of. An entity that is a resolved place is treated as that place.
- **place** (a GeoNames id, or a name: a map row's `ref`): events located there (the
  event's place names it) and events and quotes whose span contains a mention of it.
- **story** (`s12` or `12`): every event and quote of its articles.

Filters combine (an entity within a story). `since`/`until` apply to the item's date.
"""
from __future__ import annotations

import sqlite3
from typing import Any, Optional

from ..store.errors import QueryError
from ..store.queries import Filters, fetch_rows
from .lookup import Ref, check_limit, corpus_entity, dated, place as find_place, place_names, story_id

EVENT_DATE = f"CASE WHEN {dated('e.date')} THEN e.date ELSE a.date END"

EVENTS = (f"SELECT 'event' AS kind, {EVENT_DATE} AS date, e.text, e.article_id, a.source AS outlet, "
          "e.start, e.end, e.type, e.source_name AS source_actor, e.target_name AS target_actor, "
          "e.place, e.negated, NULL AS speaker "
          "FROM events e JOIN articles a ON a.id = e.article_id")
QUOTES = ("SELECT 'quote' AS kind, a.date AS date, q.text, q.article_id, a.source AS outlet, "
          "q.start, q.end, NULL, NULL, NULL, NULL, NULL, q.speaker_name AS speaker "
          "FROM quotes q JOIN articles a ON a.id = q.article_id")

# One of an article's per-article entities, linked to the corpus entity (`?`), is `local`.
# The corpus entity's links are an uncorrelated list (built once), so SQLite walks the
# item's own article's entities instead of all the entity's links for every item.
LINKED = ("EXISTS (SELECT 1 FROM entities en WHERE en.article_id = {alias}.article_id "
          "AND en.local_id IN ({locals}) AND en.id IN "
          "(SELECT entity_id FROM corpus_entity_links WHERE corpus_entity_id = ?))")
# A mention of the place lies inside the item's span.
MENTIONS = ("EXISTS (SELECT 1 FROM places p WHERE p.article_id = {alias}.article_id "
            "AND p.start >= {alias}.start AND p.end <= {alias}.end AND {match})")


def timeline(conn: sqlite3.Connection, entity: Optional[Ref] = None, place: Optional[Ref] = None,
             story: Optional[Ref] = None, since: Optional[str] = None, until: Optional[str] = None,
             limit: int = 200) -> list[dict[str, Any]]:
    """Events and quotes, oldest first (undated last), for an entity, a place or a story.

    Raises:
        QueryError: none of entity, place, story given; an unknown one; a bad date or limit.
    """
    if entity is None and place is None and story is None:
        raise QueryError("a timeline needs an entity, a place or a story")
    events, quotes = Filters(), Filters()
    found = find_place(conn, place) if place is not None else None
    if entity is not None:
        row = corpus_entity(conn, entity)
        if row["family"] == "place" and row["geonameid"] is not None and found is None:
            # The entity's id as stored, internal or not: the user never sees it.
            found = row["geonameid"], place_names(conn, row["geonameid"])
        else:
            # The indexed article test first narrows the correlated one to a few articles.
            for where in (events, quotes):
                where.add("a.id IN (SELECT article_id FROM corpus_entity_links "
                          "WHERE corpus_entity_id = ?)", row["id"])
            events.add(LINKED.format(alias="e", locals="e.source_entity, e.target_entity"), row["id"])
            quotes.add(LINKED.format(alias="q", locals="q.speaker_entity"), row["id"])
    if found is not None:
        _place_filters(found, events, quotes)
    if story is not None:
        sid = story_id(conn, story)
        for where in (events, quotes):
            where.add("a.id IN (SELECT article_id FROM story_articles WHERE story_id = ?)", sid)
    events.dates(EVENT_DATE, since, until)
    quotes.dates("a.date", since, until)
    lim = check_limit(limit)
    sql = (f"SELECT * FROM ({EVENTS}{events.sql()} UNION ALL {QUOTES}{quotes.sql()}) "
           "ORDER BY date IS NULL, date, article_id, start" + (" LIMIT ?" if lim else ""))
    rows = fetch_rows(conn, sql, [*events.params, *quotes.params, *([lim] if lim else [])])
    return [_item(r) for r in rows]


def _place_filters(found: tuple[Optional[int], set[str]], events: Filters, quotes: Filters) -> None:
    gid, names = found
    marks = ", ".join("?" * len(names))
    if gid is not None:
        match, params = "p.geonameid = ?", [gid]
    else:
        match, params = f"lower(coalesce(p.name, p.text)) IN ({marks})", sorted(names)
    # Only articles that mention the place (the events layer takes its places from the
    # places layer), found through the index before the span tests.
    for where in (events, quotes):
        where.add(f"a.id IN (SELECT p.article_id FROM places p WHERE {match})", *params)
    events.add(f"(lower(e.place) IN ({marks}) OR {MENTIONS.format(alias='e', match=match)})",
               *sorted(names), *params)
    quotes.add(MENTIONS.format(alias="q", match=match), *params)


def _item(row: dict[str, Any]) -> dict[str, Any]:
    """A timeline row without the columns that belong to the other kind."""
    common = {k: row[k] for k in ("date", "kind", "text", "article_id", "outlet", "start", "end")}
    if row["kind"] == "quote":
        return {**common, "speaker": row["speaker"]}
    return {**common, "type": row["type"], "source_actor": row["source_actor"],
            "target_actor": row["target_actor"], "place": row["place"],
            "negated": bool(row["negated"])}
