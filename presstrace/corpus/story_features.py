"""What an article offers story clustering: its words and its specifics, weighted by rarity.

Each article is read into channels of counted features:

- **text**: words of the title (counted twice) and of the first `lead_chars` characters;
- **entities**: names of its named entities (people, organisations, places, groups,
  events, laws, works);
- **places**: resolved toponyms (GeoNames ids, else names);
- **dates**: calendar dates it mentions (`times`) and its events' dates.

`weigh` turns the counts into unit vectors whose weights grow with how rare a feature is
in the store (idf raised to `idf_power`): on a corpus about one war, "Russia", "Ukraine",
"war" and "Putin" are in most articles and carry next to nothing, while "Bucha", "Dugin"
or "2022-08-20" carry a story. The idf is the store's own, so what counts as specific
follows the corpus.
"""
from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Optional

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "PRODUCT",
                 "WORK_OF_ART")

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself said says
say told new one two would could may might must shall us mr mrs ms year years week day
days time people like get got make made back many much even well still since last first
according including per via among amid
""".split())

TOKEN = re.compile(r"[^\W\d_][\w'’-]*[\w]|[^\W\d_]", re.UNICODE)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

CHANNELS = ("text", "entities", "places", "dates", "embedding")
COUNTED = CHANNELS[:4]  # the channels weighted by rarity; "embedding" is a dense unit vector


@dataclass
class Doc:
    """One article's clustering features (raw counts; weighted by `weigh`)."""
    article_id: int
    date: Optional[Date]
    title: str = ""
    channels: dict[str, Counter] = field(default_factory=dict)
    dense: dict[int, float] = field(default_factory=dict)  # unit sentence embedding, if any
    labels: dict[str, str] = field(default_factory=dict)   # feature -> how a reader sees it


def tokens(text: str) -> list[str]:
    """Lowercased word tokens without stopwords, numbers or one-letter words."""
    out = []
    for tok in TOKEN.findall(text.lower()):
        tok = tok.replace("’", "'")
        if tok.endswith("'s"):
            tok = tok[:-2]
        if len(tok) > 1 and tok not in STOPWORDS:
            out.append(tok)
    return out


def parse_date(value: Optional[str]) -> Optional[Date]:
    if not value or not ISO_DATE.match(str(value)[:10]):
        return None
    try:
        return Date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def load_docs(conn: sqlite3.Connection, lead_chars: int = 1500,
              embeddings: bool = False) -> list[Doc]:
    """Features of every analysed (or failed) article in the store, in store id order.

    Args:
        conn: the store.
        lead_chars: how much of the text (after the title) the text channel reads.
        embeddings: also read sentence embeddings (the `embeddings` extra).
    """
    docs: dict[int, Doc] = {}
    for row in conn.execute("SELECT id, date, title, text FROM articles "
                            "WHERE status IN ('analysed', 'failed') ORDER BY id"):
        title = row["title"] or ""
        text = Counter(tokens(title) * 2)
        text.update(tokens((row["text"] or "")[:lead_chars]))
        docs[row["id"]] = Doc(row["id"], parse_date(row["date"]), title,
                              {"text": text, "entities": Counter(), "places": Counter(),
                               "dates": Counter()})
    _add_entities(conn, docs)
    _add_places(conn, docs)
    _add_dates(conn, docs)
    if embeddings:
        from .embeddings import article_vectors
        for aid, vector in article_vectors(conn, lead_chars, set(docs)).items():
            if aid in docs:
                docs[aid].dense = {i: float(v) for i, v in enumerate(vector)}
    return list(docs.values())


def _add_entities(conn: sqlite3.Connection, docs: dict[int, Doc]) -> None:
    marks = ", ".join("?" * len(ENTITY_LABELS))
    for row in conn.execute(f"SELECT article_id, name FROM entities "
                            f"WHERE label IN ({marks}) AND name IS NOT NULL", ENTITY_LABELS):
        doc = docs.get(row["article_id"])
        if doc is not None:
            key = row["name"].lower()
            doc.channels["entities"][key] += 1
            doc.labels.setdefault(f"entities:{key}", row["name"])


def _add_places(conn: sqlite3.Connection, docs: dict[int, Doc]) -> None:
    for row in conn.execute("SELECT article_id, geonameid, coalesce(name, text) AS name "
                            "FROM places"):
        doc, name = docs.get(row["article_id"]), row["name"] or ""
        key = f"g{row['geonameid']}" if row["geonameid"] is not None else name.lower()
        if key and doc is not None:
            doc.channels["places"][key] += 1
            doc.labels.setdefault(f"places:{key}", name)


def _add_dates(conn: sqlite3.Connection, docs: dict[int, Doc]) -> None:
    """Dates the article mentions, but not its own day or the day before: every article
    of a day says "today" and "yesterday", so those name no happening."""
    for row in conn.execute("SELECT article_id, value FROM times UNION ALL "
                            "SELECT article_id, date FROM events"):
        value, doc = str(row["value"] or ""), docs.get(row["article_id"])
        if doc is None or not ISO_DATE.match(value):
            continue
        when = parse_date(value)
        if doc.date is not None and when is not None and 0 <= (doc.date - when).days <= 1:
            continue
        doc.channels["dates"][value] += 1


def document_frequencies(docs: list[Doc]) -> dict[str, Counter]:
    """channel -> feature -> number of articles that have it."""
    df = {ch: Counter() for ch in COUNTED}
    for doc in docs:
        for ch in COUNTED:
            df[ch].update(doc.channels[ch].keys())
    return df


# Articles about other things that a store is taken to sit among when rarity is measured:
# in a store of a handful of articles, what three of them share is still rare, while in a
# store of thousands about one war, what nearly all share weighs close to nothing.
BACKGROUND = 10


def rarity(df: int, n: int, power: float = 1.0, floor: float = 1.0) -> float:
    """A feature's weight from the articles that have it: smoothed idf (over the store and
    BACKGROUND articles without the feature) plus `floor`, to `power`; with floor 0 a
    feature nearly every article of a large store has weighs next to nothing."""
    return (math.log((1 + n + BACKGROUND) / (1 + df)) + floor) ** power


def weigh(docs: list[Doc], idf_power: float = 1.0,
          idf_floor: float = 1.0) -> dict[int, dict[str, dict[str, float]]]:
    """article id -> channel -> unit vector (sublinear tf times rarity)."""
    n = len(docs)
    df = document_frequencies(docs)
    out = {}
    for doc in docs:
        vecs = {"embedding": doc.dense}
        for ch in COUNTED:
            vec = {t: (1 + math.log(c)) * rarity(df[ch][t], n, idf_power, idf_floor)
                   for t, c in doc.channels[ch].items()}
            norm = math.sqrt(sum(v * v for v in vec.values()))
            vecs[ch] = {t: v / norm for t, v in vec.items()} if norm else {}
        out[doc.article_id] = vecs
    return out
