"""Which articles report the same happening: pair similarities and average-linkage groups.

Two articles' similarity is a weighted mean of their channel cosines (`story_features`:
words, entities, places, dates, and sentence embeddings when present), over the channels
both articles have, scaled down by the days between them. Articles further apart than
the window are not compared at all.

Groups are made by average linkage: the two groups whose mean pair similarity is highest
merge, as long as it reaches the threshold. A mean over every pair, unlike a centroid or
a single strong link, keeps a story from growing by chaining: an article that shares the
war, the day and a name or two with some members, but nothing specific with the others,
stays out. Locked groups (stories a user split or merged, or stories already stored when
only new articles are placed) never merge with one another; new articles may join them.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date as Date
from itertools import count
from typing import Iterable, Optional

import numpy as np
from scipy import sparse

from .story_features import CHANNELS, Doc


@dataclass(frozen=True)
class Linkage:
    """How pair similarities are made and when groups merge (see StoryParams)."""
    weights: dict[str, float]
    threshold: float
    undated_threshold: float
    window_days: int
    day_decay: float
    day_penalty: float


def channel_matrices(docs: list[Doc], vectors: dict) -> dict[str, sparse.csr_matrix]:
    """channel -> sparse matrix of unit rows, one row per doc (in `docs` order)."""
    out = {}
    for ch in CHANNELS:
        vocab: dict = {}
        rows, cols, vals = [], [], []
        for i, doc in enumerate(docs):
            for t, v in vectors[doc.article_id][ch].items():
                rows.append(i)
                cols.append(vocab.setdefault(t, len(vocab)))
                vals.append(v)
        out[ch] = sparse.csr_matrix((vals, (rows, cols)), shape=(len(docs), max(len(vocab), 1)))
    return out


def _blocks(docs: list[Doc], window: int) -> Iterable[tuple[np.ndarray, np.ndarray]]:
    """(rows, cols) index blocks that hold every pair to compare: each date's articles
    against those of the same or the next `window` days; undated ones against all."""
    by_date: dict[Optional[Date], list[int]] = {}
    for i, doc in enumerate(docs):
        by_date.setdefault(doc.date, []).append(i)
    dates = sorted(d for d in by_date if d is not None)
    for k, day in enumerate(dates):
        near = [j for d in dates[k:] if (d - day).days <= window for j in by_date[d]]
        yield np.array(by_date[day]), np.array(near)
    if None in by_date:
        yield np.array(by_date[None]), np.arange(len(docs))


def pair_similarities(docs: list[Doc], vectors: dict, link: Linkage,
                      floor: float = 0.01) -> dict[tuple[int, int], float]:
    """(i, j) with i < j, indices into `docs` -> similarity, for pairs above `floor`.

    An undated pair's similarity is scaled by threshold / undated_threshold, so that it
    joins a group only when it reaches the undated threshold.
    """
    mats = channel_matrices(docs, vectors)
    present = np.array([[mats[ch][i].nnz > 0 for ch in CHANNELS] for i in range(len(docs))],
                       dtype=float)
    w = np.array([link.weights.get(ch, 0.0) for ch in CHANNELS])
    ordinal = np.array([d.date.toordinal() if d.date else -1 for d in docs])
    undated_scale = link.threshold / link.undated_threshold if link.undated_threshold else 1.0
    out: dict[tuple[int, int], float] = {}
    for rows, cols in _blocks(docs, link.window_days):
        total = np.zeros((len(rows), len(cols)))
        for k, ch in enumerate(CHANNELS):
            if w[k] > 0:
                total += w[k] * (mats[ch][rows] @ mats[ch][cols].T).toarray()
        weight = (present[rows] * w) @ present[cols].T
        sim = np.divide(total, weight, out=np.zeros_like(total), where=weight > 0)
        gap = np.abs(ordinal[rows][:, None] - ordinal[cols][None, :])
        undated = (ordinal[rows][:, None] < 0) | (ordinal[cols][None, :] < 0)
        gap[undated] = 0
        sim = sim * link.day_decay ** gap - link.day_penalty * gap
        sim[undated] *= undated_scale
        for a, b in zip(*np.nonzero(sim > floor)):
            i, j = int(rows[a]), int(cols[b])
            if i != j:
                out[(min(i, j), max(i, j))] = float(sim[a, b])
    return out


def average_linkage(n: int, pairs: dict[tuple[int, int], float], threshold: float,
                    locks: Optional[dict[int, object]] = None) -> list[list[int]]:
    """Groups of the indices 0..n-1 by average linkage down to `threshold`.

    Args:
        n: the number of items.
        pairs: (i, j) -> similarity; a missing pair counts as 0.
        threshold: the least mean pair similarity at which two groups merge.
        locks: item -> lock key; items with the same key start as one group, and two
            groups that both hold a lock never merge.
    Returns:
        the groups, each a sorted list of indices, in order of their first item.
    """
    locks = locks or {}
    members: dict[int, list[int]] = {}
    lock_of: dict[int, object] = {}
    group_of = {}
    for key in sorted(set(locks.values()), key=str):
        gid = len(members)
        members[gid] = sorted(i for i, k in locks.items() if k == key)
        lock_of[gid] = key
        group_of.update((i, gid) for i in members[gid])
    for i in range(n):
        if i not in group_of:
            group_of[i] = len(members)
            members[group_of[i]] = [i]
    sums: dict[int, dict[int, float]] = {g: {} for g in members}
    for (i, j), s in pairs.items():
        a, b = group_of[i], group_of[j]
        if a != b:
            sums[a][b] = sums[a].get(b, 0.0) + s
            sums[b][a] = sums[b].get(a, 0.0) + s
    _merge_down(members, sums, lock_of, threshold)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _merge_down(members: dict[int, list[int]], sums: dict[int, dict[int, float]],
                lock_of: dict[int, object], threshold: float) -> None:
    """Merge the closest pair of groups while their mean similarity reaches `threshold`."""
    ids = count(max(members, default=-1) + 1)
    heap = [(-s / (len(members[a]) * len(members[b])), a, b)
            for a, row in sums.items() for b, s in row.items() if a < b]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if -neg < threshold:
            break
        if a not in members or b not in members or (a in lock_of and b in lock_of):
            continue
        new = next(ids)
        members[new] = members.pop(a) + members.pop(b)
        if a in lock_of or b in lock_of:
            lock_of[new] = lock_of.pop(a) if a in lock_of else lock_of.pop(b)
        row: dict[int, float] = {}
        for old in (a, b):
            for c, s in sums.pop(old).items():
                if c not in (a, b):
                    row[c] = row.get(c, 0.0) + s
                    del sums[c][old]
        sums[new] = row
        for c, s in row.items():
            sums[c][new] = s
            heapq.heappush(heap, (-s / (len(members[new]) * len(members[c])), new, c))
