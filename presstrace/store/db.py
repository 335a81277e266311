"""Store access as small verb functions over one SQLite file.

`open_store` connects (WAL, foreign keys on, migrations applied); the rest read and write
articles, their layers, input ids, errors and MinHash signatures. Connections are in
autocommit mode: writers group their work with `transaction`. SQL takes values only as
parameters; table and column names come from this package's own constants.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from ..records import AnalyzedArticle, Article, ArticleError, encodable
from .errors import StoreError, StoreNotFoundError
from .layers import LAYER_TABLES, LIST_LAYERS, ArticleRows, article_rows, build_article
from .migrations import migrate

# Tables holding data (exports write these; FTS indexes and signatures are derived state).
DATA_TABLES = ("articles", "article_ids", "errors", "entities", "mentions", *LIST_LAYERS,
               "sourcing", "tone", "sentence_tones")
STATUSES = ("analysed", "duplicate", "failed")


def open_store(path: str | os.PathLike, create: bool = True) -> sqlite3.Connection:
    """Connect to the store at `path`, creating it if asked, and bring its schema up to date.

    Args:
        path: the SQLite file.
        create: make a new store when there is none; when False a missing file raises.
    Raises:
        StoreNotFoundError: no file at `path` and `create` is False.
        StoreVersionError: the file was written by a newer presstrace.
    """
    path = Path(path)
    if not create and not path.is_file():
        raise StoreNotFoundError(f"no presstrace store at {path} (create one with "
                                 f"`presstrace ingest PATH… --db {path}`)")
    try:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # with WAL: safe against a killed process
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:  # a folder, an unwritable place, not a SQLite file
        raise StoreError(f"cannot open {path} as a presstrace store: {exc}") from exc
    migrate(conn)
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction (BEGIN IMMEDIATE … COMMIT, ROLLBACK on error)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def normalise_text(text: str) -> str:
    """The text articles are identified by: NFC, every whitespace run one space, stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def article_hash(text: str) -> str:
    """An article's identity: sha256 (hex) of its normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def find_article(conn: sqlite3.Connection, digest: str) -> Optional[sqlite3.Row]:
    """The `id` and `status` of the article with this hash, or None."""
    return conn.execute("SELECT id, status FROM articles WHERE hash = ?", (digest,)).fetchone()


def next_article_id(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT ifnull(max(id), 0) + 1 FROM articles").fetchone()[0]


def get_meta(conn: sqlite3.Connection, key: str) -> Optional[str]:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else row[0]


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))


# Set in the transaction that stores new articles, cleared once stories, corpus entities
# and merged events have caught up with them: a run killed in between finds it set.
CORPUS_PENDING = "corpus_pending"


def mark_corpus_pending(conn: sqlite3.Connection) -> None:
    """Record, in the open transaction, that the corpus views are behind the articles."""
    set_meta(conn, CORPUS_PENDING, "1")


def corpus_pending(conn: sqlite3.Connection) -> bool:
    """True when articles were stored after the corpus views were last brought up to date."""
    return get_meta(conn, CORPUS_PENDING) == "1"


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    names = ", ".join(row)
    marks = ", ".join("?" * len(row))
    return conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})",
                        tuple(row.values())).lastrowid


def _insert_many(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if rows:
        names = ", ".join(rows[0])
        marks = ", ".join("?" * len(rows[0]))
        conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})",
                         [tuple(r.values()) for r in rows])


def article_row(art: Article | AnalyzedArticle, article_id: int, digest: str, status: str,
                 duplicate_of: Optional[int] = None, similarity: Optional[float] = None,
                 extra: Optional[str] = None) -> dict[str, Any]:
    return {"id": article_id, "hash": digest, "input_id": art.id, "date": art.date,
            "source": art.source, "title": art.title, "url": art.url, "text": art.text,
            "chars": len(art.text), "status": status, "duplicate_of": duplicate_of,
            "similarity": similarity, "extra": extra}


def _upsert_article(conn: sqlite3.Connection, row: dict[str, Any]) -> None:
    """Insert the article row, or replace the metadata of the one with this id."""
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (row["id"],)).fetchone() is None:
        _insert(conn, "articles", row)
        return
    sets = ", ".join(f"{k} = ?" for k in row if k != "id")
    conn.execute(f"UPDATE articles SET {sets} WHERE id = ?",
                 (*[v for k, v in row.items() if k != "id"], row["id"]))


def delete_layers(conn: sqlite3.Connection, article_id: int) -> None:
    """Remove an article's layer rows (before it is analysed again)."""
    for table in reversed(LAYER_TABLES):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM errors WHERE article_id = ?", (article_id,))


def save_article(conn: sqlite3.Connection, art: AnalyzedArticle, article_id: int,
                 digest: str) -> None:
    """Write an analysed article and all its layers under `article_id` (replacing any)."""
    rows: ArticleRows = article_rows(art)
    _upsert_article(conn, article_row(art, article_id, digest, "analysed",
                                       extra=rows.article["extra"]))
    delete_layers(conn, article_id)
    for entity, mentions in rows.entities:
        entity_id = _insert(conn, "entities", {"article_id": article_id, **entity})
        _insert_many(conn, "mentions", [{"entity_id": entity_id, "article_id": article_id, **m}
                                        for m in mentions])
    for table, layer_rows in rows.lists.items():
        _insert_many(conn, table, [{"article_id": article_id, **r} for r in layer_rows])
    _insert(conn, "sourcing", {"article_id": article_id, **rows.sourcing})
    _insert(conn, "tone", {"article_id": article_id, **rows.tone})
    _insert_many(conn, "sentence_tones", [{"article_id": article_id, **r}
                                          for r in rows.sentence_tones])


def save_failed(conn: sqlite3.Connection, article: Article, article_id: int, digest: str,
                error: ArticleError) -> None:
    """Keep an article the pipeline failed on (status `failed`) and its error."""
    _upsert_article(conn, article_row(article, article_id, digest, "failed"))
    delete_layers(conn, article_id)
    save_error(conn, error, article_id)


def save_duplicate(conn: sqlite3.Connection, article: Article, article_id: int, digest: str,
                   original_id: int, similarity: float) -> None:
    """Keep a near-duplicate, linked to its original and not analysed."""
    _insert(conn, "articles", article_row(article, article_id, digest, "duplicate",
                                           duplicate_of=original_id, similarity=similarity))


def add_input_id(conn: sqlite3.Connection, article_id: int, article: Article) -> bool:
    """Record that this input maps to the article; False when it was already recorded."""
    cursor = conn.execute(
        "INSERT OR IGNORE INTO article_ids (article_id, input_id, date, source, title, url) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (article_id, article.id, article.date, article.source, article.title, article.url))
    return cursor.rowcount > 0


def save_error(conn: sqlite3.Connection, error: ArticleError,
               article_id: Optional[int] = None) -> bool:
    """Record an input that could not be stored; False when the same error is recorded."""
    cursor = conn.execute(
        "INSERT OR IGNORE INTO errors (input_id, origin, code, message, article_id) VALUES (?, ?, ?, ?, ?)",
        (encodable(error.id), encodable(error.origin), error.code, encodable(error.message), article_id))
    return cursor.rowcount > 0


def save_signature(conn: sqlite3.Connection, article_id: int, signature: bytes) -> None:
    conn.execute("INSERT OR REPLACE INTO signatures (article_id, minhash) VALUES (?, ?)",
                 (article_id, signature))


def get_signature(conn: sqlite3.Connection, article_id: int) -> Optional[bytes]:
    row = conn.execute("SELECT minhash FROM signatures WHERE article_id = ?",
                       (article_id,)).fetchone()
    return None if row is None else row[0]


def iter_signatures(conn: sqlite3.Connection) -> Iterator[tuple[int, bytes]]:
    """(article id, signature) of every original (not near-duplicate) article, by id."""
    yield from conn.execute(
        "SELECT s.article_id, s.minhash FROM signatures s JOIN articles a ON a.id = s.article_id "
        "WHERE a.duplicate_of IS NULL ORDER BY s.article_id")


def load_article(conn: sqlite3.Connection, article_id: int) -> AnalyzedArticle:
    """The stored AnalyzedArticle with this id; KeyError when there is none."""
    found = list(iter_articles(conn, ids=[article_id], statuses=STATUSES))
    if not found:
        raise KeyError(f"no article with id {article_id}")
    return found[0]


def iter_articles(conn: sqlite3.Connection, statuses: Iterable[str] = ("analysed",),
                  ids: Optional[Iterable[int]] = None, chunk: int = 200) -> Iterator[AnalyzedArticle]:
    """Stored articles rebuilt as AnalyzedArticle records, in id order.

    Args:
        conn: the store.
        statuses: which articles (`analysed`, `duplicate`, `failed`); duplicates and failed
            articles have empty layers.
        ids: only these article ids.
        chunk: articles loaded per round of queries.
    """
    for _, art in iter_stored(conn, statuses, ids, chunk):
        yield art


def iter_stored(conn: sqlite3.Connection, statuses: Iterable[str] = ("analysed",),
                ids: Optional[Iterable[int]] = None,
                chunk: int = 200) -> Iterator[tuple[sqlite3.Row, AnalyzedArticle]]:
    """(articles row, rebuilt AnalyzedArticle) pairs, in id order; arguments as `iter_articles`."""
    for rows in iter_article_rows(conn, statuses, ids, chunk):
        layers = _layer_rows(conn, [r["id"] for r in rows])
        for row in rows:
            yield row, build_article(row, {t: layers[t].get(row["id"], []) for t in layers})


def iter_article_rows(conn: sqlite3.Connection, statuses: Iterable[str] = ("analysed",),
                      ids: Optional[Iterable[int]] = None, chunk: int = 200) -> Iterator[list[sqlite3.Row]]:
    """Chunks of `articles` rows, in id order."""
    statuses = list(statuses)
    marks = ", ".join("?" * len(statuses))
    wanted = sorted(set(ids)) if ids is not None else None
    last = 0
    while True:
        if wanted is not None:
            part = wanted[:chunk]
            wanted = wanted[chunk:]
            if not part:
                return
            rows = conn.execute(f"SELECT * FROM articles WHERE id IN ({', '.join('?' * len(part))}) "
                                f"AND status IN ({marks}) ORDER BY id", (*part, *statuses)).fetchall()
        else:
            rows = conn.execute(f"SELECT * FROM articles WHERE id > ? AND status IN ({marks}) "
                                f"ORDER BY id LIMIT ?", (last, *statuses, chunk)).fetchall()
            if not rows:
                return
            last = rows[-1]["id"]
        if rows:
            yield rows


def _layer_rows(conn: sqlite3.Connection, ids: list[int]) -> dict[str, dict[int, list[sqlite3.Row]]]:
    """table -> article id -> rows, in order, for these articles."""
    marks = ", ".join("?" * len(ids))
    out: dict[str, dict[int, list[sqlite3.Row]]] = {}
    for table in LAYER_TABLES:
        order = "article_id" if table in ("sourcing", "tone") else "article_id, seq"
        grouped: dict[int, list[sqlite3.Row]] = {}
        for row in conn.execute(f"SELECT * FROM {table} WHERE article_id IN ({marks}) "
                                f"ORDER BY {order}", ids):
            grouped.setdefault(row["article_id"], []).append(row)
        out[table] = grouped
    return out


def count_rows(conn: sqlite3.Connection, table: str) -> int:
    if table not in DATA_TABLES + ("signatures",):
        raise ValueError(f"unknown table {table!r}; valid: {', '.join(DATA_TABLES)}")
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
