"""What an article offers story clustering: its words and its specifics, weighted by rarity.

Each article is read into channels of counted features:

- **text**: words of the title (counted twice) and of the first `lead_chars` characters;
- **head**: words of the title and the first `head_chars` characters, where an article
  says what happened (a daily roundup or a report's background comes later);
- **entities**: names of its named entities (people, organisations, places, groups,
  events, laws, works);
- **places**: resolved toponyms (GeoNames ids, else names);
- **dates**: calendar dates it mentions (`times`) and its events' dates;

names, places and dates only from the first `specifics_chars` characters when that is set.

`weigh` turns the counts into vectors whose weights grow with how rare a feature is in the
store (idf raised to `idf_power`): on a corpus about one war, "Russia", "Ukraine", "war"
and "Putin" are in most articles and carry next to nothing, while "Bucha", "Dugin" or
"2022-08-20" carry a story. The idf is the store's own, so what counts as specific
follows the corpus; with `house`, a feature also weighs no more than its rarity within
its own outlet (an outlet's closing boilerplate is common there, however rare elsewhere).
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
NEAR_DAYS = 1

CHANNELS = ("text", "entities", "places", "dates", "head", "embedding")
COUNTED = CHANNELS[:5]  # the channels weighted by rarity; "embedding" is a dense unit vector


@dataclass
class Doc:
    """One article's clustering features (raw counts; weighted by `weigh`)."""
    article_id: int
    date: Optional[Date]
    title: str = ""
    channels: dict[str, Counter] = field(default_factory=dict)
    dense: dict[int, float] = field(default_factory=dict)  # unit sentence embedding, if any
    labels: dict[str, str] = field(default_factory=dict)   # feature -> how a reader sees it
    source: str = ""                                        # the outlet


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
              embeddings: bool = False, specifics_chars: int = 0,
              head_chars: int = 0) -> list[Doc]:
    """Features of every analysed (or failed) article in the store, in store id order.

    Args:
        conn: the store.
        lead_chars: how much of the text (after the title) the text channel reads.
        embeddings: also read sentence embeddings (the `embeddings` extra).
        specifics_chars: read names, places and dates only from this much of the text
            (0: all of it).
        head_chars: the head channel reads the title and this much of the text.
    """
    docs: dict[int, Doc] = {}
    for row in conn.execute("SELECT id, date, title, text, source FROM articles "
                            "WHERE status IN ('analysed', 'failed') ORDER BY id"):
        title = row["title"] or ""
        text = Counter(tokens(title) * 2)
        body = row["text"] or ""
        text.update(tokens(body[:lead_chars]))
        head = Counter(tokens(title) + tokens(body[:head_chars]))
        docs[row["id"]] = Doc(row["id"], parse_date(row["date"]), title,
                              {"text": text, "entities": Counter(), "places": Counter(),
                               "dates": Counter(), "head": head}, source=row["source"] or "")
    limit = specifics_chars or None
    _add_entities(conn, docs, limit)
    _add_places(conn, docs, limit)
    _add_dates(conn, docs, limit)
    if embeddings:
        from .embeddings import article_vectors
        for aid, vector in article_vectors(conn, lead_chars, set(docs)).items():
            if aid in docs:
                docs[aid].dense = {i: float(v) for i, v in enumerate(vector)}
    return list(docs.values())


# A row counts when it starts within the limit (or the limit is None, or it has no offset).
WITHIN = "(? IS NULL OR {col} IS NULL OR {col} < ?)"


def _add_entities(conn: sqlite3.Connection, docs: dict[int, Doc], limit: Optional[int]) -> None:
    marks = ", ".join("?" * len(ENTITY_LABELS))
    first = "(SELECT min(m.start) FROM mentions m WHERE m.entity_id = e.id)"
    for row in conn.execute(f"SELECT e.article_id, e.name FROM entities e "
                            f"WHERE e.label IN ({marks}) AND e.name IS NOT NULL "
                            f"AND {WITHIN.format(col=first)}", (*ENTITY_LABELS, limit, limit)):
        doc = docs.get(row["article_id"])
        if doc is not None:
            key = row["name"].lower()
            doc.channels["entities"][key] += 1
            doc.labels.setdefault(f"entities:{key}", row["name"])


def _add_places(conn: sqlite3.Connection, docs: dict[int, Doc], limit: Optional[int]) -> None:
    for row in conn.execute("SELECT article_id, geonameid, coalesce(name, text) AS name "
                            f"FROM places WHERE {WITHIN.format(col='start')}", (limit, limit)):
        doc, name = docs.get(row["article_id"]), row["name"] or ""
        key = f"g{row['geonameid']}" if row["geonameid"] is not None else name.lower()
        if key and doc is not None:
            doc.channels["places"][key] += 1
            doc.labels.setdefault(f"places:{key}", name)


def _add_dates(conn: sqlite3.Connection, docs: dict[int, Doc], limit: Optional[int]) -> None:
    """Dates the article mentions, but not its own day or the days beside it: every
    article of a day says "today", "yesterday" or "tomorrow", so those name no happening."""
    within = WITHIN.format(col="start")
    for row in conn.execute(f"SELECT article_id, value FROM times WHERE {within} UNION ALL "
                            f"SELECT article_id, date FROM events WHERE {within}",
                            (limit, limit, limit, limit)):
        value, doc = str(row["value"] or ""), docs.get(row["article_id"])
        if doc is None or not ISO_DATE.match(value):
            continue
        when = parse_date(value)
        if doc.date is not None and when is not None and abs((doc.date - when).days) <= NEAR_DAYS:
            continue
        doc.channels["dates"][value] += 1


def document_frequencies(docs: list[Doc]) -> dict[str, Counter]:
    """channel -> feature -> number of articles that have it."""
    df = {ch: Counter() for ch in COUNTED}
    for doc in docs:
        for ch in COUNTED:
            df[ch].update(doc.channels.get(ch, {}).keys())
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


def weigh(docs: list[Doc], idf_power: float = 1.0, idf_floor: float = 1.0,
          house: bool = False, norm_floor: float = 0.0) -> dict[int, dict[str, dict[str, float]]]:
    """article id -> channel -> vector (sublinear tf times rarity), of length at most 1.

    Args:
        docs: every article's features (rarity is measured over all of them).
        idf_power, idf_floor: see `rarity`.
        house: a feature weighs no more than its rarity among its own outlet's articles,
            so an outlet's house words and boilerplate paragraphs ("the Minsk agreements"
            closing every article of one outlet) do not join its articles.
        norm_floor: added (squared) to each vector's squared length, so a channel that
            holds only common features stays short and its cosine small, while one of
            rare features keeps nearly unit length.
    """
    n = len(docs)
    df = document_frequencies(docs)
    by_outlet = _outlet_frequencies(docs) if house else {}
    out = {}
    for doc in docs:
        vecs = {"embedding": doc.dense}
        own = by_outlet.get(doc.source)
        for ch in COUNTED:
            vec = {t: (1 + math.log(c)) * _weight(ch, t, df, n, own, idf_power, idf_floor)
                   for t, c in doc.channels.get(ch, {}).items()}
            norm = math.sqrt(sum(v * v for v in vec.values()) + norm_floor ** 2)
            vecs[ch] = {t: v / norm for t, v in vec.items()} if norm else {}
        out[doc.article_id] = vecs
    return out


def _outlet_frequencies(docs: list[Doc]) -> dict[str, tuple[int, dict[str, Counter]]]:
    """outlet -> (its articles, channel -> feature -> its articles that have it)."""
    groups: dict[str, list[Doc]] = {}
    for doc in docs:
        groups.setdefault(doc.source, []).append(doc)
    return {src: (len(g), document_frequencies(g)) for src, g in groups.items()}


def _weight(ch: str, feature: str, df: dict[str, Counter], n: int,
            own: Optional[tuple[int, dict[str, Counter]]], power: float, floor: float) -> float:
    """A feature's rarity in the store, or (with `own`, its outlet's article count and
    frequencies) in its outlet when that is less: what an outlet says in most of its
    articles is its house style, however rare elsewhere."""
    weight = rarity(df[ch][feature], n, power, floor)
    if own is not None:
        weight = min(weight, rarity(own[1][ch][feature], own[0], power, floor))
    return weight
