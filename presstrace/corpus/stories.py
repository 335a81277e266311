"""Online story clustering over the store's articles.

Articles are taken in date order (then store id); each joins the open story it is most
similar to, when that similarity reaches `threshold`, or starts a new story. A story is
open for an article whose date lies within `window_days` of the story's dates; articles
or stories without a date are always in reach of each other.

Similarity of an article to a story is a weighted mean of four cosines against the
story's centroid (the sum of its members' unit vectors), each channel counting only
when the article has something in it:

- **text**: TF-IDF (sublinear tf, smoothed idf over the store) of the title, counted
  twice, and the first `lead_chars` characters of the text;
- **entities**: names of the article's named entities (people, organisations, places,
  groups, events, laws, works), idf-weighted;
- **places**: resolved toponyms (GeoNames ids, else names);
- **dates**: calendar dates the article mentions (`times`) and event dates.

A gap of days between the article and the nearest date of the story multiplies the
similarity by `day_decay` per day and subtracts `day_penalty` per day; an article or story
without a date has to reach the (higher) `undated_threshold` instead of `threshold`, since
nothing but the text speaks for the match. Assignments are stored (`stories`, `story_articles`), so a later
call only places articles that have none yet: old stories keep their members, new
articles join them or start new ones. `rebuild` clusters everything again.
Near-duplicates (status `duplicate`) follow their original.
"""
from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from datetime import date as Date
from typing import Iterator, Optional

from ..store.db import get_meta, set_meta, transaction

META_KEY = "stories_params"

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


@dataclass(frozen=True)
class StoryParams:
    """Clustering settings; stored with the assignments (a change means a rebuild)."""
    threshold: float = 0.08          # least similarity to join, both sides dated
    undated_threshold: float = 0.25  # the same when the article or the story has no date
    window_days: int = 3             # a story is closed this many quiet days after its last article
    text_weight: float = 0.85
    entity_weight: float = 0.1
    place_weight: float = 0.05
    date_weight: float = 0.0         # mentioned dates; hurt on AllSides dev, so off by default
    day_decay: float = 0.5           # similarity times day_decay ** (days between)
    day_penalty: float = 0.03        # less day_penalty * (days between)
    lead_chars: int = 1500
    embedding_weight: float = 0.0    # sentence embeddings (the `embeddings` extra); 0: off

    def __post_init__(self):
        for name in ("threshold", "undated_threshold"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"story {name} must be in [0, 1], got {getattr(self, name)}")
        if self.window_days < 0:
            raise ValueError(f"story window must be >= 0 days, got {self.window_days}")


@dataclass
class Doc:
    """One article's clustering features (raw counts; weighted by `weigh`)."""
    article_id: int
    date: Optional[Date]
    title: str = ""
    channels: dict[str, Counter] = field(default_factory=dict)
    dense: dict[int, float] = field(default_factory=dict)  # unit sentence embedding, if any


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


CHANNELS = ("text", "entities", "places", "dates", "embedding")
COUNTED = CHANNELS[:4]  # the channels weighted by TF-IDF; "embedding" is a dense unit vector

# The embeddings extra's settings, tuned on the AllSides dev split (benchmarks/stories.py
# --embeddings): embeddings carry 0.6 of the weight and raise both thresholds, since
# embedding cosines run higher than TF-IDF ones.
EMBEDDING_PARAMS = dict(embedding_weight=0.6, threshold=0.2, undated_threshold=0.45)


def _weights(params: StoryParams) -> dict[str, float]:
    return {"text": params.text_weight, "entities": params.entity_weight,
            "places": params.place_weight, "dates": params.date_weight,
            "embedding": params.embedding_weight}


def load_docs(conn: sqlite3.Connection, params: StoryParams) -> list[Doc]:
    """Features of every analysed (or failed) article in the store, in store id order."""
    docs: dict[int, Doc] = {}
    for row in conn.execute("SELECT id, date, title, text FROM articles "
                            "WHERE status IN ('analysed', 'failed') ORDER BY id"):
        title = row["title"] or ""
        text = Counter(tokens(title) * 2)
        text.update(tokens((row["text"] or "")[:params.lead_chars]))
        docs[row["id"]] = Doc(row["id"], parse_date(row["date"]), title,
                              {"text": text, "entities": Counter(), "places": Counter(),
                               "dates": Counter()})
    marks = ", ".join("?" * len(ENTITY_LABELS))
    for row in conn.execute(f"SELECT article_id, lower(name) AS name FROM entities "
                            f"WHERE label IN ({marks}) AND name IS NOT NULL", ENTITY_LABELS):
        if row["article_id"] in docs:
            docs[row["article_id"]].channels["entities"][row["name"]] += 1
    for row in conn.execute("SELECT article_id, geonameid, lower(coalesce(name, text)) AS name "
                            "FROM places"):
        key = f"g{row['geonameid']}" if row["geonameid"] is not None else row["name"]
        if key and row["article_id"] in docs:
            docs[row["article_id"]].channels["places"][key] += 1
    for row in conn.execute("SELECT article_id, value FROM times UNION ALL "
                            "SELECT article_id, date FROM events"):
        value = str(row["value"] or "")
        if row["article_id"] in docs and ISO_DATE.match(value):
            docs[row["article_id"]].channels["dates"][value] += 1
    if params.embedding_weight > 0:
        from .embeddings import article_vectors
        for aid, vector in article_vectors(conn, params.lead_chars, set(docs)).items():
            if aid in docs:
                docs[aid].dense = {i: float(v) for i, v in enumerate(vector)}
    return list(docs.values())


def weigh(docs: list[Doc]) -> dict[int, dict[str, dict[str, float]]]:
    """article id -> channel -> unit TF-IDF vector (sublinear tf, smoothed idf)."""
    n = len(docs)
    df = {ch: Counter() for ch in COUNTED}
    for doc in docs:
        for ch in COUNTED:
            df[ch].update(doc.channels[ch].keys())
    out = {}
    for doc in docs:
        vecs = {"embedding": doc.dense}
        for ch in COUNTED:
            vec = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[ch][t])) + 1)
                   for t, c in doc.channels[ch].items()}
            norm = math.sqrt(sum(v * v for v in vec.values()))
            vecs[ch] = {t: v / norm for t, v in vec.items()} if norm else {}
        out[doc.article_id] = vecs
    return out


class _Story:
    __slots__ = ("key", "members", "centroid", "norms", "first", "last")

    def __init__(self, key):
        self.key = key
        self.members: list[int] = []
        self.centroid = {ch: {} for ch in CHANNELS}
        self.norms = dict.fromkeys(CHANNELS, 0.0)
        self.first: Optional[Date] = None
        self.last: Optional[Date] = None

    def add(self, doc: Doc, vecs: dict[str, dict[str, float]]) -> None:
        self.members.append(doc.article_id)
        for ch in CHANNELS:
            cen = self.centroid[ch]
            for t, v in vecs[ch].items():
                cen[t] = cen.get(t, 0.0) + v
            self.norms[ch] = math.sqrt(sum(v * v for v in cen.values()))
        if doc.date is not None:
            self.first = doc.date if self.first is None else min(self.first, doc.date)
            self.last = doc.date if self.last is None else max(self.last, doc.date)

    def gap(self, when: Optional[Date]) -> int:
        """Days between `when` and the story's date range (0 inside it or when unknown)."""
        if when is None or self.first is None:
            return 0
        if when < self.first:
            return (self.first - when).days
        if when > self.last:
            return (when - self.last).days
        return 0


def similarity(vecs: dict[str, dict[str, float]], story: _Story, gap: int,
               params: StoryParams) -> float:
    """Weighted mean of the channel cosines (channels the article has), less the day gap."""
    total = weight_sum = 0.0
    for ch, weight in _weights(params).items():
        vec = vecs[ch]
        if not vec or weight <= 0:
            continue
        weight_sum += weight
        norm = story.norms[ch]
        if norm:
            cen = story.centroid[ch]
            total += weight * sum(v * cen.get(t, 0.0) for t, v in vec.items()) / norm
    if not weight_sum:
        return 0.0
    return total / weight_sum * params.day_decay ** gap - params.day_penalty * gap


def cluster(docs: list[Doc], params: StoryParams,
            assigned: Optional[dict[int, int]] = None,
            first_key: Optional[int] = None) -> dict[int, tuple[int, Optional[float]]]:
    """Place the articles that `assigned` lacks; return their (story key, score).

    Args:
        docs: every article's features (the idf is computed over all of them).
        params: the settings.
        assigned: article id -> story key of articles already placed; their stories are
            rebuilt from them and stay open to the new articles.
        first_key: the key of the first new story (default: after the largest old one).
    Returns:
        article id -> (story key, similarity when it joined, None when it started the
        story) for the new articles.
    """
    assigned = assigned or {}
    vectors = weigh(docs)
    by_id = {d.article_id: d for d in docs}
    stories: dict[int, _Story] = {}
    for aid, key in sorted(assigned.items()):
        if aid in by_id:
            stories.setdefault(key, _Story(key)).add(by_id[aid], vectors[aid])
    next_key = first_key if first_key is not None else max(assigned.values(), default=0) + 1
    fresh = sorted((d for d in docs if d.article_id not in assigned),
                   key=lambda d: (d.date is None, d.date or Date.min, d.article_id))
    result: dict[int, tuple[int, Optional[float]]] = {}
    for doc in fresh:
        vecs = vectors[doc.article_id]
        best, best_margin, best_score = None, 0.0, 0.0
        for story in stories.values():
            gap = story.gap(doc.date)
            if gap > params.window_days:
                continue  # closed: quiet for longer than the window
            score = similarity(vecs, story, gap, params)
            dated = doc.date is not None and story.first is not None
            margin = score - (params.threshold if dated else params.undated_threshold)
            if margin >= best_margin:
                best, best_margin, best_score = story, margin, score
        if best is None:
            best = stories[next_key] = _Story(next_key)
            next_key += 1
            result[doc.article_id] = (best.key, None)
        else:
            result[doc.article_id] = (best.key, round(best_score, 4))
        best.add(doc, vecs)
    return result


def stored_params(conn: sqlite3.Connection) -> Optional[StoryParams]:
    """The settings the stored stories were made with (None before the first run); a
    setting an older presstrace did not record takes its default."""
    stored = get_meta(conn, META_KEY)
    if stored is None:
        return None
    names = {f.name for f in fields(StoryParams)}
    return StoryParams(**{k: v for k, v in json.loads(stored).items() if k in names})


def update_stories(conn: sqlite3.Connection, params: Optional[StoryParams] = None,
                   rebuild: bool = False) -> dict[str, int]:
    """Bring the stored stories up to date; return counts of what changed.

    Articles without a story are placed (joining stored stories or starting new ones);
    with `rebuild`, or when the stored settings differ from `params`, every assignment is
    dropped and the store is clustered again. `params` None keeps the stored settings
    (the defaults on a first run), so an ingest never undoes a user's choice.
    """
    before = stored_params(conn)
    params = params or before or StoryParams()
    wanted = json.dumps(asdict(params), sort_keys=True)
    rebuild = rebuild or (before is not None and before != params)
    docs = load_docs(conn, params)
    with transaction(conn):
        if rebuild:
            conn.execute("DELETE FROM story_articles")
            conn.execute("DELETE FROM stories")
        conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)")
        assigned = {r[0]: r[1] for r in conn.execute(
            "SELECT sa.article_id, sa.story_id FROM story_articles sa "
            "JOIN articles a ON a.id = sa.article_id WHERE a.status IN ('analysed', 'failed')")}
        first_key = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM stories").fetchone()[0]
        placed = cluster(docs, params, assigned, first_key)
        new_stories = {key for key, score in placed.values() if score is None}
        for key in sorted(new_stories):
            conn.execute("INSERT INTO stories (id) VALUES (?)", (key,))
        conn.executemany("INSERT OR REPLACE INTO story_articles (article_id, story_id, score) "
                         "VALUES (?, ?, ?)",
                         [(aid, key, score) for aid, (key, score) in placed.items()])
        # Near-duplicates follow their original.
        conn.execute("INSERT OR REPLACE INTO story_articles (article_id, story_id, score) "
                     "SELECT d.id, sa.story_id, d.similarity FROM articles d "
                     "JOIN story_articles sa ON sa.article_id = d.duplicate_of "
                     "WHERE d.status = 'duplicate'")
        conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)")
        _refresh_story_rows(conn)
        set_meta(conn, META_KEY, wanted)
    return {"articles": len(placed), "new_stories": len(new_stories),
            "stories": conn.execute("SELECT count(*) FROM stories").fetchone()[0],
            "rebuilt": int(rebuild)}


def _refresh_story_rows(conn: sqlite3.Connection) -> None:
    """Each story's first/last date and title (the earliest member's title)."""
    conn.execute("""
        UPDATE stories SET
          first = (SELECT min(a.date) FROM story_articles sa JOIN articles a ON a.id = sa.article_id
                   WHERE sa.story_id = stories.id),
          last = (SELECT max(a.date) FROM story_articles sa JOIN articles a ON a.id = sa.article_id
                  WHERE sa.story_id = stories.id),
          title = (SELECT a.title FROM story_articles sa JOIN articles a ON a.id = sa.article_id
                   WHERE sa.story_id = stories.id AND a.title IS NOT NULL AND a.title != ''
                   ORDER BY a.date IS NULL, a.date, a.id LIMIT 1)""")


def iter_stories(conn: sqlite3.Connection) -> Iterator[dict]:
    """Stored stories as SCHEMA.md's story objects, oldest first.

    `articles` lists every input id that maps to a member article; `sources` the
    outlets of those inputs.
    """
    stories = conn.execute("SELECT id, title, first, last FROM stories "
                           "ORDER BY first IS NULL, first, id").fetchall()
    members: dict[int, list[sqlite3.Row]] = {}
    for row in conn.execute(
            "SELECT sa.story_id, a.id AS article_id, a.input_id, a.source, "
            "ai.input_id AS alt_id, ai.source AS alt_source FROM story_articles sa "
            "JOIN articles a ON a.id = sa.article_id "
            "LEFT JOIN article_ids ai ON ai.article_id = a.id ORDER BY a.date, a.id, ai.rowid"):
        members.setdefault(row["story_id"], []).append(row)
    for story in stories:
        ids: list = []
        sources: set[str] = set()
        for row in members.get(story["id"], []):
            for value in (row["input_id"], row["alt_id"]):
                if value is not None and str(value) not in ids:
                    ids.append(str(value))
            sources.update(s for s in (row["source"], row["alt_source"]) if s)
        yield {"story": f"s{story['id']}", "articles": ids, "title": story["title"] or "",
               "first": (story["first"] or "")[:10] or None, "last": (story["last"] or "")[:10] or None, "sources": sorted(sources)}
