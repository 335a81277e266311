"""Entities across articles: one corpus entity per real person, organisation or place.

Within an article the pipeline has already clustered the mentions of an entity; here the
per-article entities (`entities` rows) are linked to corpus entities:

- a **family** from the label: PERSON → person; ORG → org; GPE, LOC, FAC → place. Other
  labels (groups, events, works …) are not linked.
- a **key**: the folded words (`names.name_key`) of the entity's longest form (its name or
  an alias); for a place the places layer resolved, `g<geonameid>` instead, so "Kyiv" and
  "Kiev" are one place. The tagger labels the same name PERSON in one article and ORG in
  another, so the corpus decides: an ORG of two or more words joins the person where PERSON
  labels of that key are at least as many as ORG ones ("Volodymyr Zelenskiy" tagged ORG once),
  and a PERSON becomes an organisation where ORG labels outnumber PERSON ones ("White House",
  tagged PERSON in 4 articles of 172).
- **absorbing** one-word corpus entities into a longer one when that is unambiguous: a lone
  surname joins the one full-name person in the corpus with that surname (never when two
  or more have it: "Smith" next to "John Smith" and "Jane Smith" stays apart); a one-word
  organisation joins the one multi-word organisation whose acronym it is ("EU" →
  "European Union"); a place without a GeoNames id joins the one resolved place with the
  same name; a full name whose first name is one letter off, before its last, joins the
  far better-known person with that surname ("Volodymr Zelenskyy", "Vladmir Putin").

Canonical name: the most frequent (by articles) form among the longest ones, on a tie the
one seen first; for a resolved place, the gazetteer's name. Aliases: every form seen, with its article count.

`update_corpus_entities` links only the entities that have no link yet (articles ingested
since the last run, or analysed again); `rebuild` drops every link and starts over. An
absorbed link is kept by later updates even if the surname or acronym becomes ambiguous;
`rebuild` decides again.
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from typing import Iterable, Optional

from ..names import acronym, name_key
from ..store.db import transaction
from ..store.placeview import public_geonameid
from ..store.queries import Filters, like_pattern

FAMILIES = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}


def _key(text: str) -> str:
    return " ".join(name_key(text or ""))


def _forms(row: sqlite3.Row) -> list[str]:
    """The entity's name and aliases, deduplicated, name first."""
    forms = [row["name"]] if row["name"] else []
    for alias in json.loads(row["aliases"]) if row["aliases"] else []:
        if alias and alias not in forms:
            forms.append(alias)
    return forms


def _longest_key(forms: Iterable[str]) -> str:
    keys = [_key(f) for f in forms]
    return max(keys, key=lambda k: (len(k.split()), len(k)), default="")


def pending_entities(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Entities of analysed articles, of a linked family, that have no corpus entity yet."""
    marks = ", ".join("?" * len(FAMILIES))
    return conn.execute(
        f"SELECT e.id, e.article_id, e.name, e.label, e.aliases FROM entities e "
        f"JOIN articles a ON a.id = e.article_id "
        f"LEFT JOIN corpus_entity_links l ON l.entity_id = e.id "
        f"WHERE a.status = 'analysed' AND l.entity_id IS NULL AND e.label IN ({marks}) "
        f"ORDER BY e.article_id, e.seq", tuple(FAMILIES)).fetchall()


def place_ids(conn: sqlite3.Connection, article_ids: list[int]) -> dict[tuple[int, str], int]:
    """(article id, folded key of a place's text or name) -> GeoNames id, for resolved places."""
    out: dict[tuple[int, str], int] = {}
    for start in range(0, len(article_ids), 500):
        part = article_ids[start:start + 500]
        marks = ", ".join("?" * len(part))
        for row in conn.execute(f"SELECT article_id, text, name, geonameid FROM places "
                                f"WHERE geonameid IS NOT NULL AND article_id IN ({marks}) "
                                f"ORDER BY article_id, seq", part):
            for form in (row["text"], row["name"]):
                if form:
                    out.setdefault((row["article_id"], _key(form)), row["geonameid"])
    return out


def label_votes(conn: sqlite3.Connection, pending: list[sqlite3.Row]) -> dict[str, Counter]:
    """PERSON and ORG labels of the pending entities' keys: among the entities linked so far
    (by their corpus entity's key) and the pending ones. Only those keys are read, so an
    update costs what it links, not what the store holds."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for row in pending:
        if row["label"] in ("PERSON", "ORG"):
            votes[_longest_key(_forms(row))][row["label"]] += 1
    keys = sorted(votes)
    for start in range(0, len(keys), 500):
        part = keys[start:start + 500]
        for key, label, n in conn.execute(
                "SELECT c.key, e.label, count(*) FROM corpus_entities c "
                "JOIN corpus_entity_links l ON l.corpus_entity_id = c.id JOIN entities e ON e.id = l.entity_id "
                f"WHERE c.family IN ('person', 'org') AND c.key IN ({', '.join('?' * len(part))}) "
                "AND e.label IN ('PERSON', 'ORG') GROUP BY c.key, e.label", part):
            votes[key][label] += n
    return votes


def _identify(row: sqlite3.Row, geo: dict[tuple[int, str], int],
              votes: dict[str, Counter]) -> Optional[tuple[str, str, Optional[int]]]:
    """(family, key, geonameid) of one per-article entity, or None when it has no key."""
    family = FAMILIES[row["label"]]
    forms = _forms(row)
    key = _longest_key(forms)
    if not key:
        return None
    if family == "place":
        for form in forms:
            gid = geo.get((row["article_id"], _key(form)))
            if gid is not None:
                return "place", f"g{gid}", gid
    said = votes.get(key, Counter())
    if family == "org" and len(key.split()) > 1 and said["ORG"] <= said["PERSON"]:
        return "person", key, None
    if family == "person" and said["ORG"] > said["PERSON"]:
        return "org", key, None
    return family, key, None


def update_corpus_entities(conn: sqlite3.Connection, rebuild: bool = False) -> dict[str, int]:
    """Link the entities that have no corpus entity yet; return counts of what changed.

    Returns:
        `linked` (per-article entities linked), `new` (corpus entities created), `absorbed`
        (one-word corpus entities merged into a longer one), `entities` (corpus entities
        now), `rebuilt` (1 when everything was linked again).
    """
    with transaction(conn):
        if rebuild:
            conn.execute("DELETE FROM corpus_entity_links")
            conn.execute("DELETE FROM corpus_entities")
        # Links lost to an article analysed again leave entities without any.
        conn.execute("DELETE FROM corpus_entities WHERE id NOT IN "
                     "(SELECT corpus_entity_id FROM corpus_entity_links)")
        pending = pending_entities(conn)
        geo = place_ids(conn, sorted({r["article_id"] for r in pending}))
        known = {(r["family"], r["key"]): r["id"]
                 for r in conn.execute("SELECT id, family, key FROM corpus_entities")}
        votes = label_votes(conn, pending)
        # … and entities that lost only some links need their aliases and counts again.
        touched: set[int] = {r[0] for r in conn.execute(
            "SELECT c.id FROM corpus_entities c WHERE c.articles != (SELECT count(DISTINCT "
            "l.article_id) FROM corpus_entity_links l WHERE l.corpus_entity_id = c.id)")}
        links, new = [], 0
        for row in pending:
            found = _identify(row, geo, votes)
            if found is None:
                continue
            family, key, gid = found
            cid = known.get((family, key))
            if cid is None:
                cid = conn.execute("INSERT INTO corpus_entities (family, key, geonameid) "
                                   "VALUES (?, ?, ?)", (family, key, gid)).lastrowid
                known[(family, key)] = cid
                new += 1
            links.append((row["id"], row["article_id"], cid))
            touched.add(cid)
        conn.executemany("INSERT INTO corpus_entity_links (entity_id, article_id, corpus_entity_id) "
                         "VALUES (?, ?, ?)", links)
        absorbed = absorb(conn, touched)
        refresh(conn, touched)
        total = conn.execute("SELECT count(*) FROM corpus_entities").fetchone()[0]
    return {"linked": len(links), "new": new, "absorbed": absorbed, "entities": total,
            "rebuilt": int(rebuild)}


def _merge(conn: sqlite3.Connection, source: int, target: int) -> None:
    conn.execute("UPDATE corpus_entity_links SET corpus_entity_id = ? WHERE corpus_entity_id = ?",
                 (target, source))
    conn.execute("DELETE FROM corpus_entities WHERE id = ?", (source,))


def absorb(conn: sqlite3.Connection, touched: set[int]) -> int:
    """Merge one-word corpus entities into the one longer entity they stand for.

    A lone surname into the only full-name person with it; a one-word organisation into
    the only multi-word organisation it is the acronym of; an unresolved place into the
    only resolved place with that name. `touched` gains the targets. Returns the merges.
    """
    rows = conn.execute("SELECT id, family, key, geonameid FROM corpus_entities").fetchall()
    articles = dict(conn.execute("SELECT corpus_entity_id, count(DISTINCT article_id) FROM corpus_entity_links "
                                 "GROUP BY corpus_entity_id").fetchall())
    forms: dict[int, set[str]] = defaultdict(set)
    for row in conn.execute("SELECT l.corpus_entity_id, e.name, e.aliases FROM corpus_entity_links l "
                            "JOIN entities e ON e.id = l.entity_id"):
        forms[row["corpus_entity_id"]].update(_forms(row))
    index: dict[tuple[str, str], set[int]] = defaultdict(set)
    for row in rows:
        words = row["key"].split()
        if row["family"] == "person" and len(words) > 1:
            index[("person", words[-1])].add(row["id"])
        elif row["family"] == "org" and len(words) > 1:
            for form in forms[row["id"]]:
                if acronym(form):
                    index[("org", acronym(form).lower())].add(row["id"])
        elif row["family"] == "place" and row["geonameid"] is not None:
            for form in forms[row["id"]]:
                index[("place", _key(form))].add(row["id"])
    merged = 0
    for row in rows:
        if row["family"] == "place":
            if row["geonameid"] is not None:
                continue
        elif len(row["key"].split()) != 1:
            continue
        targets = index.get((row["family"], row["key"]), set()) - {row["id"]}
        target = _dominant(targets, articles)
        if target is not None:
            _merge(conn, row["id"], target)
            touched.discard(row["id"])
            touched.add(target)
            merged += 1
    return merged + _misspelt_first_names(conn, touched, articles)


# A first name this long or longer may be misspelt by one letter ("Volodymr", "Vladmir");
# shorter ones are too often another name ("Jon", "Joan").
MISSPELT_MIN_LENGTH = 5


def _misspelt_first_names(conn: sqlite3.Connection, touched: set[int], articles: dict[int, int]) -> int:
    """Merge a full-name person into the one far better-known person with the same surname
    whose first name differs by a single letter (added, dropped, changed or two swapped):
    "Volodymr Zelenskyy" (7 articles) into "Volodymyr Zelenskyy" (322). "Daniel" and
    "Danielle" differ by two letters and stay apart."""
    by_surname: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for cid, key in conn.execute("SELECT id, key FROM corpus_entities WHERE family = 'person'"):
        words = key.split()
        if len(words) == 2 and len(words[0]) >= MISSPELT_MIN_LENGTH:
            by_surname[words[1]].append((cid, words[0]))
    merged = 0
    for people in by_surname.values():
        for cid, first in sorted(people, key=lambda p: articles.get(p[0], 0)):
            close = {other for other, name in people if other != cid and _misspelt(first, name)}
            target = _dominant(close, articles) if close else None
            if target is not None and articles.get(target, 0) >= DOMINANCE * max(1, articles.get(cid, 0)):
                _merge(conn, cid, target)
                people[:] = [p for p in people if p[0] != cid]
                touched.discard(cid)
                touched.add(target)
                merged += 1
    return merged


def _misspelt(a: str, b: str) -> bool:
    """One edit away, not at the end: "Maria" and "Mario", "Daniela" and "Daniele" are names
    of their own."""
    return a[-1] == b[-1] and one_edit(a[:-1], b[:-1])


def one_edit(a: str, b: str) -> bool:
    """Whether `b` is `a` with one letter added, dropped, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return short[i:] == long_[i + 1:]


# A lone surname goes to the best-known full name when that one is in this many times as
# many articles as the next ("Biden": Joe Biden, not Hunter Biden).
DOMINANCE = 5


def _dominant(targets: set[int], articles: dict[int, int]) -> Optional[int]:
    """The only target, or the one that dwarfs the others in the corpus; else None."""
    if len(targets) == 1:
        return next(iter(targets))
    ranked = sorted(targets, key=lambda t: -articles.get(t, 0))
    if len(ranked) > 1 and articles.get(ranked[0], 0) >= DOMINANCE * max(1, articles.get(ranked[1], 0)):
        return ranked[0]
    return None


def refresh(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Recompute the aliases, canonical name and article count of these corpus entities."""
    ids = sorted(ids)
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        marks = ", ".join("?" * len(part))
        seen: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        for row in conn.execute(f"SELECT l.corpus_entity_id, l.article_id, e.name, e.aliases "
                                f"FROM corpus_entity_links l JOIN entities e ON e.id = l.entity_id "
                                f"WHERE l.corpus_entity_id IN ({marks})", part):
            for form in _forms(row):
                seen[row["corpus_entity_id"]][form].add(row["article_id"])
        gazetteer = _gazetteer_names(conn, part)
        conn.execute(f"DELETE FROM corpus_entity_aliases WHERE corpus_entity_id IN ({marks})", part)
        for cid in part:
            counts = {form: len(arts) for form, arts in seen[cid].items()}
            first = {form: min(arts) for form, arts in seen[cid].items()}
            conn.executemany("INSERT INTO corpus_entity_aliases (corpus_entity_id, alias, articles) "
                             "VALUES (?, ?, ?)", [(cid, f, n) for f, n in sorted(counts.items())])
            articles = len(set().union(*seen[cid].values())) if seen[cid] else 0
            conn.execute("UPDATE corpus_entities SET name = ?, articles = ? WHERE id = ?",
                         (gazetteer.get(cid) or canonical_name(counts, first), articles, cid))


def _gazetteer_names(conn: sqlite3.Connection, ids: list[int]) -> dict[int, str]:
    """corpus entity id -> the places layer's most common name for its GeoNames id."""
    marks = ", ".join("?" * len(ids))
    names: dict[int, Counter] = defaultdict(Counter)
    for row in conn.execute(f"SELECT c.id, p.name FROM corpus_entities c "
                            f"JOIN places p ON p.geonameid = c.geonameid "
                            f"WHERE c.id IN ({marks}) AND p.name IS NOT NULL", ids):
        names[row["id"]][row["name"]] += 1
    return {cid: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for cid, c in names.items()}


def canonical_name(counts: dict[str, int], first: Optional[dict[str, int]] = None) -> Optional[str]:
    """The most frequent of the longest forms (most words).

    Ties go to the form seen first (`first`: form -> earliest article id), then A-Z.
    """
    if not counts:
        return None
    first = first or {}
    most = max(len(name_key(f)) for f in counts)
    full = [f for f in counts if len(name_key(f)) == most]
    return min(full, key=lambda f: (-counts[f], first.get(f, 0), f))


def list_corpus_entities(conn: sqlite3.Connection, top: Optional[int] = None,
                         family: Optional[str] = None, q: Optional[str] = None,
                         offset: int = 0) -> list[dict]:
    """Corpus entities by articles (most first): id, family, name, articles, mentions, aliases.
    `q` keeps those whose name or one of whose spellings holds it (case-insensitive), so
    "Kiev" finds Kyiv; `offset` skips that many rows (the workbench's paging)."""
    where = Filters()
    if family:
        where.add("c.family = ?", family)
    if q:
        pattern = like_pattern(q)
        where.add("(c.name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM corpus_entity_aliases x "
                  "WHERE x.corpus_entity_id = c.id AND x.alias LIKE ? ESCAPE '\\'))", pattern, pattern)
    # SQLite takes an OFFSET only after a LIMIT; -1 is its "no limit".
    params = [*where.params, top or -1, offset]
    rows = conn.execute(
        f"SELECT c.id, c.family, c.name, c.geonameid, c.articles, "
        f"(SELECT count(*) FROM corpus_entity_links l JOIN mentions m ON m.entity_id = l.entity_id "
        f" AND m.role = 'mention' WHERE l.corpus_entity_id = c.id) AS mentions "
        f"FROM corpus_entities c{where.sql()} ORDER BY c.articles DESC, mentions DESC, c.name, c.id "
        f"LIMIT ? OFFSET ?", params).fetchall()
    aliases: dict[int, list[str]] = defaultdict(list)
    if rows:
        marks = ", ".join("?" * len(rows))
        for row in conn.execute(f"SELECT corpus_entity_id, alias FROM corpus_entity_aliases "
                                f"WHERE corpus_entity_id IN ({marks}) ORDER BY articles DESC, alias",
                                [r["id"] for r in rows]):
            aliases[row[0]].append(row[1])
    # presstrace's own places keep their internal id in the store, never in what is shown.
    return [{"id": r["id"], "family": r["family"], "name": r["name"],
             "geonameid": public_geonameid(r["geonameid"]),
             "articles": r["articles"], "mentions": r["mentions"], "aliases": aliases[r["id"]]}
            for r in rows]
