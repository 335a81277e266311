"""Resolving what a caller names (a story, a corpus entity, a place) to store ids.

Shared by the corpus views (`compare`, `timeline`, `network`, `mapdata`, `profile`); each
raises `QueryError` for something the store does not hold, so the CLI and the API can
answer "unknown id" instead of an empty result that looks like a real one.
"""
from __future__ import annotations

import re
import sqlite3
from typing import Optional, Union

from ..store.errors import QueryError

Ref = Union[int, str]
MAX_ID = 2**63 - 1  # SQLite's integers; a larger id names nothing in the store


class UnknownError(QueryError):
    """The story, entity or place asked for is not in the store (the API answers 404)."""


def _id(text: str) -> Optional[int]:
    """`text` as a store id when it is one that SQLite can hold, else None."""
    return int(text) if text.isascii() and text.isdigit() and int(text) <= MAX_ID else None  # not '¹'


STORY_ID = re.compile(r"^s?(\d+)$", re.IGNORECASE)
NEGATIVE = re.compile(r"^-\s*\d+$")  # an internal place id, or a typo: no GeoNames id


def dated(column: str) -> str:
    """SQL true when `column` is a date a timeline can sort: YYYY, YYYY-MM or YYYY-MM-DD
    (not a week, `2022-W44`, or a bare `PRESENT_REF`, which would sort among the years)."""
    return (f"({column} GLOB '[0-9][0-9][0-9][0-9]' OR "
            f"{column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]*')")


def story_id(conn: sqlite3.Connection, value: Ref) -> int:
    """The stored story's id from `12`, `"12"` or the contract's `"s12"`."""
    match = STORY_ID.match(str(value).strip())
    if not match:
        raise QueryError(f"story ids look like s12 or 12, got {value!r}")
    sid = _id(match.group(1))
    if sid is None or conn.execute("SELECT 1 FROM stories WHERE id = ?", (sid,)).fetchone() is None:
        raise UnknownError(f"no story s{match.group(1)} (run `presstrace stories` after an ingest)")
    return sid


def story_articles(conn: sqlite3.Connection, sid: int) -> list[int]:
    """Store ids of a story's member articles, oldest first."""
    return [r[0] for r in conn.execute(
        "SELECT a.id FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        "WHERE sa.story_id = ? ORDER BY a.date IS NULL, a.date, a.id", (sid,))]


def corpus_entity(conn: sqlite3.Connection, value: Ref) -> sqlite3.Row:
    """A corpus entity by id, canonical name or alias (any case); the one in most articles."""
    text = str(value).strip()
    if _id(text) is not None:
        row = conn.execute("SELECT * FROM corpus_entities WHERE id = ?", (_id(text),)).fetchone()
        if row is not None:
            return row
    # A name can be several entities' name or alias ("Putin": Vladimir Putin, and a stray
    # place the tagger made of it); the one in most articles is the one meant.
    row = conn.execute("SELECT * FROM corpus_entities WHERE id IN ("
                       "SELECT id FROM corpus_entities WHERE name = ?1 COLLATE NOCASE UNION "
                       "SELECT corpus_entity_id FROM corpus_entity_aliases WHERE alias = ?1 COLLATE NOCASE) "
                       "ORDER BY articles DESC, id LIMIT 1", (text,)).fetchone()
    if row is None:
        raise UnknownError(f"no corpus entity {value!r} (run `presstrace entities --update`)")
    return row


def place(conn: sqlite3.Connection, value: Ref) -> tuple[Optional[int], set[str]]:
    """(GeoNames id or None, lowercased names it goes by) for a GeoNames id or a place name.

    A name the gazetteer resolved stands for its GeoNames id (the one most often meant);
    an unresolved name, or one of presstrace's own places (no GeoNames id), stands only for
    itself. A negative number is refused: it is no GeoNames id, and presstrace's internal
    ids are never shown, so nobody can have been given one.
    """
    text = str(value).strip()
    if not text:
        raise QueryError("empty place")
    if NEGATIVE.match(text):
        raise QueryError(f"a place is a GeoNames id (a positive number) or a name, got {text!r}")
    gid = _id(text)
    if gid is None:
        row = conn.execute("SELECT geonameid FROM places WHERE geonameid IS NOT NULL AND "
                           "(name = ?1 COLLATE NOCASE OR text = ?1 COLLATE NOCASE) "
                           "GROUP BY geonameid ORDER BY count(*) DESC LIMIT 1", (text,)).fetchone()
        gid = row[0] if row else None
    if gid is None:
        if conn.execute("SELECT 1 FROM places WHERE name = ?1 COLLATE NOCASE OR "
                        "text = ?1 COLLATE NOCASE LIMIT 1", (text,)).fetchone() is None:
            raise UnknownError(f"no place {value!r} in the store")
        return None, {text.casefold()}
    names = place_names(conn, gid)
    if not names:
        raise UnknownError(f"no place with GeoNames id {gid} in the store")
    return gid, names


def place_names(conn: sqlite3.Connection, geonameid: int) -> set[str]:
    """The lowercased names and texts of the places stored with this (possibly internal) id."""
    return {n.casefold() for r in conn.execute(
        "SELECT DISTINCT name, text FROM places WHERE geonameid = ?", (geonameid,)) for n in r if n}


def check_limit(limit: int) -> Optional[int]:
    """`limit` as SQL wants it: None for 0 (no limit); a negative one is the caller's error."""
    if limit < 0:
        raise QueryError(f"limit must be 0 (no limit) or more, got {limit}")
    return limit or None


# A speaker the quote layer could only name by a pronoun is nobody in particular.
PRONOUNS = frozenset("i we you he she it they me us him her them".split())


def speakers_by_alias(conn: sqlite3.Connection, names: set[str]) -> dict[str, tuple[int, str]]:
    """Speaker name -> (corpus entity id, canonical name), for names that are the alias of
    one person or organisation, or of one that the others' article counts dwarf
    (`corpus_entities.DOMINANCE`): a quote whose speaker the article did not link to an
    entity ("Zelenskyy" said …) still counts for the person the corpus knows."""
    from .entities import DOMINANCE

    wanted = sorted(n for n in names if n and n.casefold() not in PRONOUNS)
    out: dict[str, tuple[int, str]] = {}
    for start in range(0, len(wanted), 500):
        part = wanted[start:start + 500]
        marks = ", ".join("?" * len(part))
        rows = conn.execute(f"SELECT al.alias, c.id, c.name, al.articles FROM corpus_entity_aliases al "
                            f"JOIN corpus_entities c ON c.id = al.corpus_entity_id "
                            f"WHERE c.family IN ('person', 'org') AND al.alias IN ({marks}) "
                            f"ORDER BY al.articles DESC, c.id", part)
        found: dict[str, list[tuple[int, str, int]]] = {}
        for alias, cid, name, articles in rows:
            found.setdefault(alias, []).append((cid, name, articles))
        for alias, hits in found.items():
            if len(hits) == 1 or hits[0][2] >= DOMINANCE * hits[1][2]:
                out[alias] = hits[0][:2]
    return out


def resolve_speaker(row, by_alias: dict) -> Optional[tuple[str, Optional[int]]]:
    """(name, corpus entity id or None) of a quote's speaker; None for none or a pronoun.

    `row` has `speaker_name`, and `cid`/`name` of the corpus entity its speaker entity is
    linked to (None when unlinked); `by_alias` is `speakers_by_alias` for the unlinked names.
    """
    if row["cid"] is not None:
        return row["name"] or row["speaker_name"], row["cid"]
    name = row["speaker_name"]
    if not name or name.casefold() in PRONOUNS:
        return None
    if name in by_alias:
        cid, canonical = by_alias[name]
        return canonical, cid
    return name, None
