"""Why a story's articles are together: the specifics two or more of them share.

A feature counts as evidence when at least two members have it; it is ranked by its
rarity in the store times the members that have it, so "Bucha", "Dugin" or a date lead
and the war's everyday words ("Russia", "Ukraine") trail or drop off. Words already
shown inside a shared name are left out. The list is stored with the story
(`stories.evidence`, JSON) when the stories are made, since the rarities need the
whole store.
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict

from .story_features import Doc, document_frequencies, rarity

KINDS = {"entities": "name", "places": "place", "dates": "date", "text": "word"}
LIMIT = 12


def shared_specifics(members: list[Doc], df: dict[str, Counter], n: int,
                     limit: int = LIMIT) -> list[dict]:
    """The features at least two members share, the most telling first.

    Args:
        members: the story's articles' features.
        df: channel -> feature -> articles in the store that have it.
        n: articles in the store.
        limit: most items returned.
    Returns:
        [{"kind": name|place|date|word, "text": shown form, "articles": members having
        it, "weight": rarity times members}].
    """
    have: dict[tuple[str, str], int] = Counter()
    labels: dict[tuple[str, str], str] = {}
    for doc in members:
        for ch in KINDS:
            for feature in doc.channels.get(ch, {}):
                have[(ch, feature)] += 1
                labels.setdefault((ch, feature), doc.labels.get(f"{ch}:{feature}", feature))
    shared = [(rarity(df[ch][f], n) * k, ch, f, k) for (ch, f), k in have.items() if k >= 2]
    shared.sort(key=lambda item: (-item[0], item[1], item[2]))
    out, shown_words = [], set()
    for weight, ch, feature, k in shared:
        if ch == "text" and feature in shown_words:
            continue
        if ch != "text":
            shown_words.update(labels[(ch, feature)].lower().split())
        out.append({"kind": KINDS[ch], "text": labels[(ch, feature)], "articles": k,
                    "weight": round(weight, 2)})
    return out[:limit]


def store_evidence(conn: sqlite3.Connection, docs: list[Doc]) -> None:
    """Write every story's shared specifics to `stories.evidence` (inside the caller's
    transaction)."""
    by_id = {doc.article_id: doc for doc in docs}
    members: dict[int, list[Doc]] = defaultdict(list)
    for aid, sid in conn.execute("SELECT article_id, story_id FROM story_articles"):
        if aid in by_id:
            members[sid].append(by_id[aid])
    df, n = document_frequencies(docs), len(docs)
    conn.execute("UPDATE stories SET evidence = NULL")
    conn.executemany("UPDATE stories SET evidence = ? WHERE id = ?",
                     [(json.dumps(shared_specifics(m, df, n), ensure_ascii=False), sid)
                      for sid, m in members.items() if len(m) > 1])


def story_evidence(conn: sqlite3.Connection, story_id: int) -> list[dict]:
    """The stored shared specifics of one story ([] when none were stored)."""
    row = conn.execute("SELECT evidence FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None or not row[0]:
        return []
    return json.loads(row[0])
