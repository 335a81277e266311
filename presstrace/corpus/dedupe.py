"""Near-duplicate articles: MinHash signatures of word shingles, found with LSH (datasketch).

A syndicated wire story re-published with a new headline, a trimmed last paragraph or an
added byline is a near-duplicate: its set of word 5-grams overlaps the original's with a
Jaccard similarity above the threshold (0.8 by default). Only originals are indexed, so
every duplicate links to an original, never to another duplicate. Signatures are stored
with the articles, and the index is rebuilt from them when an ingest starts, so a resumed
ingest makes the same decisions as an uninterrupted one.
"""
from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from typing import Optional

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from ..settings import Settings
from ..store import db
from ..store.errors import StoreError

SCHEME = "affine32"  # datasketch's MinHash scheme: 32-bit values, stored little-endian
SEED = 1
WORD_RE = re.compile(r"\w+")
CANDIDATE_MARGIN = 0.2  # LSH candidate threshold below the near-duplicate threshold


@dataclass(frozen=True)
class DedupeConfig:
    threshold: float
    num_perm: int
    shingle_words: int
    min_words: int

    @classmethod
    def from_settings(cls, settings: Settings) -> "DedupeConfig":
        return cls(threshold=float(settings.get("store", "dedupe_threshold")),
                   num_perm=int(settings.get("store", "dedupe_num_perm")),
                   shingle_words=int(settings.get("store", "dedupe_shingle_words")),
                   min_words=int(settings.get("store", "dedupe_min_words")))

    def signature_params(self) -> str:
        """What stored signatures depend on; the threshold may change between runs."""
        return json.dumps({"scheme": SCHEME, "seed": SEED, "num_perm": self.num_perm,
                           "shingle_words": self.shingle_words}, sort_keys=True)


@dataclass(frozen=True)
class Match:
    original_id: int
    similarity: float


def shingles(text: str, size: int) -> set[bytes]:
    """The set of lowercased word `size`-grams of the text (one shingle for shorter text)."""
    words = WORD_RE.findall(unicodedata.normalize("NFC", text).lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """MinHash LSH over the originals of one store, plus the ones this run adds."""

    def __init__(self, config: DedupeConfig, conn: Optional[sqlite3.Connection] = None):
        self.config = config
        self.conn = conn  # the store the index was built from: `match` reads signatures there
        self._template = MinHash(num_perm=config.num_perm, seed=SEED, scheme=SCHEME)
        # LSH only proposes candidates; at its own threshold it finds about half the pairs
        # (0.4 at J=0.8 for b=9, r=13), so it is set lower (J=0.8: 0.99 for b=18, r=7) and
        # each candidate's estimated Jaccard is then checked against the real threshold.
        self._lsh = MinHashLSH(threshold=max(0.1, config.threshold - CANDIDATE_MARGIN),
                               num_perm=config.num_perm)
        self._pending: dict[int, np.ndarray] = {}  # signatures not yet written to the store

    @classmethod
    def from_store(cls, conn: sqlite3.Connection, config: DedupeConfig) -> "NearDuplicateIndex":
        """The index of every original stored; checks the store was signed the same way.

        Raises:
            StoreError: the store's signatures were made with other num_perm/shingle settings.
        """
        params = config.signature_params()
        stored = db.get_meta(conn, "dedupe_signature_params")
        if stored is None:
            with db.transaction(conn):
                db.set_meta(conn, "dedupe_signature_params", params)
        elif stored != params:
            raise StoreError(f"this store's MinHash signatures were made with {stored}; the "
                             f"settings now say {params}. Use the store's dedupe_num_perm and "
                             f"dedupe_shingle_words settings, or a new store")
        index = cls(config, conn)
        with index._lsh.insertion_session() as session:
            for article_id, blob in db.iter_signatures(conn):
                session.insert(article_id, index._lean(np.frombuffer(blob, dtype="<u4")),
                               check_duplication=False)
        return index

    def signature(self, text: str) -> Optional[np.ndarray]:
        """The MinHash values of the text, or None when it is too short to compare."""
        grams = shingles(text, self.config.shingle_words)
        if len(WORD_RE.findall(text)) < self.config.min_words or not grams:
            return None
        minhash = MinHash(num_perm=self.config.num_perm, seed=SEED, scheme=SCHEME,
                          permutations=self._template.permutations)
        minhash.update_batch(list(grams))
        return minhash.hashvalues.astype("<u4")

    def find(self, conn: sqlite3.Connection, values: np.ndarray) -> Optional[Match]:
        """The most similar original at or above the threshold (ties: the lowest id)."""
        best: Optional[Match] = None
        for candidate in sorted(self._lsh.query(self._lean(values))):
            other = self._pending.get(candidate)
            if other is None:
                blob = db.get_signature(conn, candidate)
                if blob is None:
                    continue
                other = np.frombuffer(blob, dtype="<u4")
            similarity = round(float(np.mean(values == other)), 4)
            if similarity >= self.config.threshold and (best is None or similarity > best.similarity):
                best = Match(candidate, similarity)
        return best

    def match(self, values: np.ndarray) -> Optional[Match]:
        """`find` in the store the index was built from (`from_store`)."""
        if self.conn is None:
            raise TypeError("match() needs an index built by from_store(); use find(conn, values)")
        return self.find(self.conn, values)

    def add(self, article_id: int, values: np.ndarray) -> None:
        """Index an original that this run will write."""
        self._pending[article_id] = values
        self._lsh.insert(article_id, self._lean(values), check_duplication=False)

    def written(self, article_id: int) -> None:
        """The article's signature is in the store now; stop holding it in memory."""
        self._pending.pop(article_id, None)

    def _lean(self, values: np.ndarray) -> LeanMinHash:
        return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


def to_blob(values: np.ndarray) -> bytes:
    return values.astype("<u4").tobytes()
