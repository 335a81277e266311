"""Networks over the store, as `{"nodes": [...], "edges": [...]}`.

- `actor_network`: who acts on whom. Built from the merged events (`events.py`),
  so an event reported by five articles counts once: an edge is (source actor, target
  actor, event type) with `weight` = merged events, `reports` = event records behind
  them and `articles` = reporting articles. An actor is the merged events' actor key
  (`c12` for a corpus entity, country-sector such as `RUS-MIL` for a group with a country,
  or a folded name for an entity not yet linked), labelled with the corpus name or else
  the name articles used most for it, with its most frequent country and sector as
  `role`. Events without both actors, or with the same actor on both ends, are not edges.
- `quoted_alongside`: speakers quoted in the same article (or story): an edge between two
  speakers weighs the number of articles (stories) quoting both. Speakers are corpus
  entities (see `lookup.resolve_speaker`); names with no corpus entity are left out, since
  "a spokesman" in two articles is not one person.

Both read what the store holds: run `presstrace events --merged` (or ingest, which does
it) before asking for actors.
"""
from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from itertools import combinations
from typing import Any, Iterator, Optional

from ..store.attribution_view import confident_speaker
from ..store.errors import QueryError
from ..store.queries import Filters
from .events import corpus_names
from .lookup import Ref, check_limit, corpus_entity, resolve_speaker, speakers_by_alias, story_id

Graph = dict[str, list[dict[str, Any]]]


def actor_network(conn: sqlite3.Connection, story: Optional[Ref] = None,
                  entity: Optional[Ref] = None, event_type: Optional[str] = None,
                  since: Optional[str] = None, until: Optional[str] = None,
                  min_weight: int = 1, limit: int = 200, every_actor: bool = False) -> Graph:
    """Actors and the events between them; the `limit` heaviest edges (0: all).

    Args:
        story: only events reported by this story's articles.
        entity: only events with this corpus entity as source or target actor.
        event_type: only this PLOVER type (any case).
        since, until: events whose date range meets this one.
        min_weight: least merged events on an edge.
        every_actor: keep edges whose ends are not actors (see `is_actor`) too.
    """
    where = _merged_filters(conn, story, entity, event_type, since, until)
    rows = conn.execute(
        f"SELECT m.source, m.target, m.type, count(*) AS weight, sum(m.reports) AS reports, "
        f"sum(m.articles) AS articles FROM merged_events m{where.sql()} "
        f"GROUP BY m.source, m.target, m.type HAVING count(*) >= ? "
        f"ORDER BY weight DESC, reports DESC, m.source, m.target, m.type",
        [*where.params, min_weight]).fetchall()
    edges = [{"source": r["source"], "target": r["target"], "type": r["type"], "weight": r["weight"],
              "reports": r["reports"], "articles": r["articles"]} for r in rows]
    keys = sorted({e[end] for e in edges for end in ("source", "target")})
    names, roles = _actor_names_and_roles(conn, keys)
    if not every_actor:
        edges = [e for e in edges if is_actor(e["source"], roles) and is_actor(e["target"], roles)]
    edges = edges[:check_limit(limit)]
    return {"nodes": _actor_nodes(conn, edges, names, roles), "edges": edges}


def is_actor(key: str, roles: dict[str, str]) -> bool:
    """Whether an actor key names someone who can act, as the events layer knows actors: a
    corpus entity (`c12`: a person, organisation or place), a group with a country
    ("RUS-MIL"), or an entity its event records give a country or sector ("Republicans":
    LEG). An entity with neither (a product, "Western", "Nazis" as a word) is left out: it
    is a name the parser saw, not an actor the network can follow."""
    if key[:1] == "c" and key[1:].isdigit():
        return True
    if key[:3].isalpha() and key[:3].isupper():
        return True
    return bool(roles.get(key))


def _merged_filters(conn: sqlite3.Connection, story: Optional[Ref], entity: Optional[Ref],
                    event_type: Optional[str], since: Optional[str], until: Optional[str]) -> Filters:
    """The WHERE clause over `merged_events m` that both the network and an edge's reports use."""
    where = Filters().add("m.source IS NOT NULL").add("m.target IS NOT NULL").add("m.source != m.target")
    if event_type:
        where.add("m.type = ? COLLATE NOCASE", event_type)
    if since:
        where.dates("m.last", since, None)
    if until:
        where.dates("m.first", None, until)
    if story is not None:
        where.add("m.id IN (SELECT r.merged_event_id FROM merged_event_reports r JOIN story_articles sa "
                  "ON sa.article_id = r.article_id WHERE sa.story_id = ?)", story_id(conn, story))
    if entity is not None:
        where.add("m.id IN (SELECT r.merged_event_id FROM merged_event_reports r "
                  "JOIN events e ON e.id = r.event_id JOIN entities en ON en.article_id = e.article_id "
                  "AND en.local_id IN (e.source_entity, e.target_entity) "
                  "JOIN corpus_entity_links l ON l.entity_id = en.id WHERE l.corpus_entity_id = ?)",
                  corpus_entity(conn, entity)["id"])
    return where


def actor_edge_reports(conn: sqlite3.Connection, source: str, target: str, event_type: str,
                       story: Optional[Ref] = None, since: Optional[str] = None,
                       until: Optional[str] = None, limit: int = 50, offset: int = 0) -> list[dict]:
    """The event records behind one actor edge (source, target, type), newest first: what
    each article wrote (`text`, `start`, `end` into it), with its outlet and date."""
    where = _merged_filters(conn, story, None, event_type, since, until)
    where.add("m.source = ?", source).add("m.target = ?", target)
    return [dict(r) for r in conn.execute(
        f"SELECT e.id, e.article_id, a.date, a.source AS outlet, a.title, e.type, "
        f"e.source_name AS source_actor, e.target_name AS target_actor, e.place, e.text, "
        f"e.start, e.end FROM merged_events m JOIN merged_event_reports r ON r.merged_event_id = m.id "
        f"JOIN events e ON e.id = r.event_id JOIN articles a ON a.id = e.article_id{where.sql()} "
        f"ORDER BY a.date IS NULL, a.date DESC, e.article_id, e.start LIMIT ? OFFSET ?",
        [*where.params, check_limit(limit) or -1, offset])]


def _actor_nodes(conn: sqlite3.Connection, edges: list[dict], names: dict[str, str],
                 roles: dict[str, str]) -> list[dict]:
    keys = sorted({e[end] for e in edges for end in ("source", "target")})
    labels = {**names, **corpus_names(conn, keys)}
    weight, as_source, as_target = Counter(), Counter(), Counter()
    for e in edges:
        weight[e["source"]] += e["weight"]
        weight[e["target"]] += e["weight"]
        as_source[e["source"]] += e["weight"]
        as_target[e["target"]] += e["weight"]
    nodes = [{"id": k, "label": labels.get(k, k), "role": roles.get(k), "weight": weight[k],
              "as_source": as_source[k], "as_target": as_target[k]} for k in keys]
    return sorted(nodes, key=lambda n: (-n["weight"], n["id"]))


def _actor_names_and_roles(conn: sqlite3.Connection, keys: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Actor key -> the name its event records use most ("RUS-MIL" -> "Russian forces"), and
    -> the country and sector they give it most ("c12" -> "RUS-GOV"), kept beside the node."""
    names: dict[str, Counter] = defaultdict(Counter)
    roles: dict[str, Counter] = defaultdict(Counter)
    for start in range(0, len(keys), 400):
        part = keys[start:start + 400]
        marks = ", ".join("?" * len(part))
        for end in ("source", "target"):
            for row in conn.execute(
                    f"SELECT m.{end} AS key, e.{end}_name AS name, e.{end}_country AS country, "
                    f"e.{end}_sector AS sector, count(*) AS n "
                    f"FROM merged_events m JOIN merged_event_reports r ON r.merged_event_id = m.id "
                    f"JOIN events e ON e.id = r.event_id WHERE m.{end} IN ({marks}) GROUP BY 1, 2, 3, 4", part):
                if row["name"] is not None:
                    names[row["key"]][row["name"]] += row["n"]
                role = "-".join(x for x in (row["country"], row["sector"]) if x)
                if role:
                    roles[row["key"]][role] += row["n"]

    def top(counts: dict[str, Counter]) -> dict[str, str]:
        return {k: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for k, c in counts.items()}
    return top(names), top(roles)


GROUPINGS = ("article", "story")


def quoted_alongside(conn: sqlite3.Connection, story: Optional[Ref] = None,
                     since: Optional[str] = None, until: Optional[str] = None,
                     by: str = "article", min_weight: int = 1, limit: int = 200) -> Graph:
    """Speakers (nodes) and how often two are quoted in the same article or story (edges).

    Args:
        story: only this story's articles.
        since, until: article dates.
        by: `article` or `story`: what "together" means.
        min_weight: least shared articles (stories) on an edge.
        limit: the heaviest edges kept (0: all); nodes are the speakers they join.
    """
    groups: dict[Any, set[int]] = defaultdict(set)
    names: dict[int, str] = {}
    quotes, articles = Counter(), defaultdict(set)
    for row, name, cid in _quote_speakers(conn, story, since, until, by):
        names[cid] = name
        quotes[cid] += 1
        articles[cid].add(row["article_id"])
        group = row["article_id"] if by == "article" else row["story_id"]
        if group is not None:
            groups[group].add(cid)
    return _speaker_graph(groups, names, quotes, articles, min_weight, check_limit(limit))


def _quote_speakers(conn: sqlite3.Connection, story: Optional[Ref], since: Optional[str],
                    until: Optional[str], by: str) -> Iterator[tuple[sqlite3.Row, str, int]]:
    """(quote row, speaker name, corpus entity id) of every confident quote whose speaker the
    corpus knows, with the quote's text, offsets, article, outlet and story."""
    if by not in GROUPINGS:
        raise QueryError(f"cannot group quotes by {by!r}; valid: {', '.join(GROUPINGS)}")
    where = Filters().add("q.kind != 'scare'").add(confident_speaker()).dates("a.date", since, until)
    if story is not None:
        where.add("sa.story_id = ?", story_id(conn, story))
    rows = conn.execute(
        "SELECT q.article_id, sa.story_id, q.speaker_name, c.id AS cid, c.name, q.text, q.start, "
        "q.end, a.date, a.source AS outlet, a.title FROM quotes q "
        "JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN story_articles sa ON sa.article_id = q.article_id "
        "LEFT JOIN entities en ON en.article_id = q.article_id AND en.local_id = q.speaker_entity "
        "LEFT JOIN corpus_entity_links l ON l.entity_id = en.id "
        "LEFT JOIN corpus_entities c ON c.id = l.corpus_entity_id" + where.sql(), where.params).fetchall()
    by_alias = speakers_by_alias(conn, {r["speaker_name"] for r in rows if r["cid"] is None})
    for row in rows:
        speaker = resolve_speaker(row, by_alias)
        if speaker is not None and speaker[1] is not None:
            yield row, speaker[0], speaker[1]


def speaker_edge_quotes(conn: sqlite3.Connection, source: int, target: int,
                        story: Optional[Ref] = None, since: Optional[str] = None,
                        until: Optional[str] = None, by: str = "article", limit: int = 50,
                        offset: int = 0) -> list[dict]:
    """The quotes behind one edge of `quoted_alongside`: what either speaker said in the
    articles (stories) that quote both, newest first."""
    pair = {int(source), int(target)}
    found = list(_quote_speakers(conn, story, since, until, by))
    members: dict[Any, set[int]] = defaultdict(set)
    for row, _, cid in found:
        members[row["article_id"] if by == "article" else row["story_id"]].add(cid)
    shared = {group for group, cids in members.items() if group is not None and pair <= cids}
    out = [{"article_id": row["article_id"], "date": row["date"], "outlet": row["outlet"],
            "title": row["title"], "speaker": name, "speaker_id": cid, "text": row["text"],
            "start": row["start"], "end": row["end"]}
           for row, name, cid in found if cid in pair
           and (row["article_id"] if by == "article" else row["story_id"]) in shared]
    out.sort(key=lambda q: (q["article_id"], q["start"]))
    out.sort(key=lambda q: q["date"] or "", reverse=True)  # stable: newest first, undated last
    lim = check_limit(limit)
    return out[offset:offset + lim if lim else None]


def _speaker_graph(groups, names, quotes, articles, min_weight: int, limit: Optional[int]) -> Graph:
    shared: Counter = Counter()
    for members in groups.values():
        shared.update(combinations(sorted(members), 2))
    pairs = sorted(((a, b, n) for (a, b), n in shared.items() if n >= min_weight),
                   key=lambda p: (-p[2], names[p[0]], names[p[1]]))[:limit]
    edges = [{"source": a, "target": b, "weight": n} for a, b, n in pairs]
    ids = sorted({e[end] for e in edges for end in ("source", "target")},
                 key=lambda c: (-quotes[c], names[c]))
    nodes = [{"id": c, "label": names[c], "quotes": quotes[c], "articles": len(articles[c])} for c in ids]
    return {"nodes": nodes, "edges": edges}
