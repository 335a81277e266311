"""Stories: the articles that report one happening, across outlets and days.

Two articles belong to one story when they share what is specific to a happening (the
people, places, dates and distinctive words that are rare in the store), not when they
share the war: `story_features` weighs every feature by its rarity in the store, and
`story_linkage` groups articles by average linkage of their pair similarities, over
articles at most `window_days` apart. What a story's members share is stored with it
(`story_evidence`), so its page can show why they are together.

Assignments are stored (`stories`, `story_articles`), so a later call only places the
articles that have none yet: stored stories keep their members and may gain new ones, but
never merge. `rebuild` clusters everything again, keeping the user's splits and merges
(`story_edits`: pinned groups stay together and apart). Near-duplicates (status
`duplicate`) follow their original.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, fields
from typing import Hashable, Iterator, Optional

from ..store.db import get_meta, set_meta, transaction
from .story_evidence import store_evidence
from .story_features import Doc, load_docs as read_docs, weigh
from .story_linkage import Linkage, average_linkage, pair_similarities

META_KEY = "stories_params"


@dataclass(frozen=True)
class StoryParams:
    """Clustering settings; stored with the assignments (a change means a rebuild)."""
    # Fitted on the tune parts of the AllSides and BASIL sets (benchmarks/stories.py),
    # and read on the 20 largest stories of the 1,298 ukraine_media_dev articles; the
    # head, house rarity, norm floor and specifics settings were added together (issue #22).
    threshold: float = 0.12          # least mean pair similarity to merge, both sides dated
    undated_threshold: float = 0.2   # the same when an article has no date
    window_days: int = 3             # articles further apart are never compared
    text_weight: float = 0.85
    entity_weight: float = 0.1
    place_weight: float = 0.05
    date_weight: float = 0.1         # mentioned dates other than the article's own day
    day_decay: float = 0.8           # similarity times day_decay ** (days between)
    day_penalty: float = 0.03        # less day_penalty * (days between)
    lead_chars: int = 1500
    embedding_weight: float = 0.0    # sentence embeddings (the `embeddings` extra); 0: off
    idf_power: float = 1.0           # rarity weight = (idf + idf_floor) ** idf_power
    # 0: a feature every article has weighs nothing, so on a corpus of one war "Russia"
    # and "Ukraine" cannot make two articles one story (1, the usual smoothing, let them)
    idf_floor: float = 0.0
    # What an article reports is in its title and lead; later paragraphs give background
    # and other news (an AP roundup's last item, an outlet's closing boilerplate).
    specifics_chars: int = 1500      # names, places, dates from this much text; 0: all
    house_rarity: bool = True        # a feature weighs at most its rarity in its outlet
    norm_floor: float = 2.0          # a channel of only common features stays weak (weigh)
    head_chars: int = 300            # the head channel: the title and this much text
    head_weight: float = 0.6

    def __post_init__(self):
        for name in ("threshold", "undated_threshold"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"story {name} must be in [0, 1], got {getattr(self, name)}")
        if self.window_days < 0:
            raise ValueError(f"story window must be >= 0 days, got {self.window_days}")

    def linkage(self) -> Linkage:
        return Linkage({"text": self.text_weight, "entities": self.entity_weight,
                        "places": self.place_weight, "dates": self.date_weight,
                        "head": self.head_weight, "embedding": self.embedding_weight},
                       self.threshold, self.undated_threshold, self.window_days,
                       self.day_decay, self.day_penalty)


# The embeddings extra's settings (benchmarks/stories.py --embeddings): embeddings carry
# 0.6 of the weight and raise both thresholds, since embedding cosines run higher.
EMBEDDING_PARAMS = dict(embedding_weight=0.6, threshold=0.2, undated_threshold=0.45)


def load_docs(conn: sqlite3.Connection, params: StoryParams) -> list[Doc]:
    """Every analysed (or failed) article's features, as `params` asks for them."""
    return read_docs(conn, params.lead_chars, params.embedding_weight > 0,
                     params.specifics_chars, params.head_chars)


def cluster(docs: list[Doc], params: StoryParams,
            locks: Optional[dict[int, Hashable]] = None,
            first_key: Optional[int] = None) -> dict[int, tuple[int, Optional[float]]]:
    """Group the articles into stories; return each one's (story key, score).

    Args:
        docs: every article's features (rarity is measured over all of them).
        params: the settings.
        locks: article id -> lock: articles with one lock stay together, and two locked
            groups never merge. An int lock is a stored story's key and stays its key.
        first_key: the key of the first new story (default: after the largest int lock).
    Returns:
        article id -> (story key, the article's mean similarity to the story's other
        members, None when it is alone).
    """
    locks = {aid: key for aid, key in (locks or {}).items()}
    index = {doc.article_id: i for i, doc in enumerate(docs)}
    pairs = pair_similarities(docs, weigh(docs, params.idf_power, params.idf_floor,
                                      params.house_rarity, params.norm_floor), params.linkage())
    groups = average_linkage(len(docs), pairs, params.threshold,
                             {index[a]: k for a, k in locks.items() if a in index})
    ints = [k for k in locks.values() if isinstance(k, int)]
    next_key = first_key if first_key is not None else max(ints, default=0) + 1
    result: dict[int, tuple[int, Optional[float]]] = {}
    for group in groups:
        held = {locks.get(docs[i].article_id) for i in group} - {None}
        key = next((k for k in held if isinstance(k, int)), None)
        if key is None:
            key, next_key = next_key, next_key + 1
        for i in group:
            result[docs[i].article_id] = (key, _mean_link(i, group, pairs))
    return result


def _mean_link(i: int, group: list[int], pairs: dict[tuple[int, int], float]) -> Optional[float]:
    if len(group) < 2:
        return None
    total = sum(pairs.get((min(i, j), max(i, j)), 0.0) for j in group if j != i)
    return round(total / (len(group) - 1), 4)


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
    dropped and the store is clustered again, the user's pinned groups kept. `params`
    None keeps the stored settings (the defaults on a first run), so an ingest never
    undoes a user's choice.
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
        locks = assigned if assigned else pinned_groups(conn)
        first_key = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM stories").fetchone()[0]
        placed = cluster(docs, params, locks, first_key)
        _write_assignments(conn, placed)
        store_evidence(conn, docs)
        set_meta(conn, META_KEY, wanted)
    fresh = [aid for aid in placed if aid not in assigned]
    old_keys = set(assigned.values())
    return {"articles": len(fresh),
            "new_stories": len({placed[a][0] for a in fresh} - old_keys),
            "stories": conn.execute("SELECT count(*) FROM stories").fetchone()[0],
            "rebuilt": int(rebuild)}


def pinned_groups(conn: sqlite3.Connection) -> dict[int, str]:
    """article id -> its pin group ("p<n>") for the articles a user split or merged."""
    return {r[0]: f"p{r[1]}" for r in conn.execute(
        "SELECT article_id, pin FROM story_pins")}


def _write_assignments(conn: sqlite3.Connection,
                       placed: dict[int, tuple[int, Optional[float]]]) -> None:
    conn.executemany("INSERT OR IGNORE INTO stories (id) VALUES (?)",
                     [(key,) for key in sorted({key for key, _ in placed.values()})])
    conn.executemany("INSERT OR REPLACE INTO story_articles (article_id, story_id, score) "
                     "VALUES (?, ?, ?)",
                     [(aid, key, score) for aid, (key, score) in placed.items()])
    # Near-duplicates follow their original.
    conn.execute("INSERT OR REPLACE INTO story_articles (article_id, story_id, score) "
                 "SELECT d.id, sa.story_id, d.similarity FROM articles d "
                 "JOIN story_articles sa ON sa.article_id = d.duplicate_of "
                 "WHERE d.status = 'duplicate'")
    conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)")
    refresh_story_rows(conn)


def refresh_story_rows(conn: sqlite3.Connection) -> None:
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
