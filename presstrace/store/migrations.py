"""Versioned schema migrations, applied in order and recorded in the database.

`0001_initial` is `schema.sql`; every later change is a named function here, appended to
`MIGRATIONS` and never edited once released. `migrate` applies the ones a store lacks,
each in its own transaction together with its row in `schema_migrations`, so a store
written by any older presstrace opens in a newer one, and a crash mid-migration leaves
the store at the previous version.
"""
from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

from .errors import StoreVersionError

LOGGER = logging.getLogger(__name__)

SCHEMA_SQL = Path(__file__).with_name("schema.sql")


@dataclass(frozen=True)
class Migration:
    name: str
    apply: Callable[[sqlite3.Connection], None]


def split_statements(script: str) -> list[str]:
    """The complete SQL statements of a script, triggers (with their inner `;`) kept whole.

    Args:
        script: SQL text.
    """
    statements, current = [], []
    for line in script.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("--")):
            continue
        current.append(line)
        candidate = "\n".join(current)
        if sqlite3.complete_statement(candidate):
            statements.append(candidate.strip())
            current = []
    if current and "\n".join(current).strip():
        raise ValueError(f"incomplete SQL statement at the end of the script: {current[0]!r}")
    return statements


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute a script statement by statement inside the caller's transaction."""
    for statement in split_statements(script):
        conn.execute(statement)


def _initial(conn: sqlite3.Connection) -> None:
    run_script(conn, SCHEMA_SQL.read_text(encoding="utf-8"))


DATASETTE_VIEWS = """
CREATE VIEW quotes_view AS
SELECT q.id, q.article_id, a.date, a.source, a.title, q.speaker_name AS speaker,
       q.text AS quote, q.cue_text AS cue, q.channel, q.kind
FROM quotes q JOIN articles a ON a.id = q.article_id;

CREATE VIEW claims_view AS
SELECT c.id, c.article_id, a.date, a.source, a.title, c.source_kind, c.source_name,
       c.text AS claim, c.cue_text AS cue
FROM claims c JOIN articles a ON a.id = c.article_id;

CREATE VIEW entity_counts AS
SELECT e.name, e.label, count(m.id) AS mentions, count(DISTINCT e.article_id) AS articles
FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id AND m.role = 'mention'
GROUP BY e.name, e.label;

CREATE VIEW sourcing_by_source AS
SELECT a.source, count(*) AS articles, avg(s.named) AS named, avg(s.vague) AS vague,
       avg(s.unattributed) AS unattributed, avg(s.quoted) AS quoted
FROM sourcing s JOIN articles a ON a.id = s.article_id
GROUP BY a.source;

CREATE VIEW duplicate_groups AS
SELECT d.duplicate_of AS original_id, o.source AS original_source, o.title AS original_title,
       d.id AS duplicate_id, d.source AS duplicate_source, d.title AS duplicate_title,
       d.similarity
FROM articles d JOIN articles o ON o.id = d.duplicate_of;
"""


def _datasette_views(conn: sqlite3.Connection) -> None:
    """Views that read well in Datasette: quotes and claims with their article, counts."""
    run_script(conn, DATASETTE_VIEWS)


STORIES_SQL = """
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT,
    first TEXT,               -- earliest member date (YYYY-MM-DD) or NULL
    last TEXT                 -- latest member date or NULL
);

CREATE TABLE story_articles (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    score REAL                -- similarity to the story when the article joined (NULL: started it)
);
CREATE INDEX story_articles_story ON story_articles(story_id);
"""


def _stories(conn: sqlite3.Connection) -> None:
    """Story clustering: stories and the story each article belongs to."""
    run_script(conn, STORIES_SQL)


CORPUS_SQL = """
CREATE TABLE corpus_entities (
    id INTEGER PRIMARY KEY,
    family TEXT NOT NULL CHECK (family IN ('person', 'org', 'place')),
    key TEXT NOT NULL,        -- folded name key (words joined by spaces) or g<geonameid>
    name TEXT,                -- canonical name: the most frequent full form
    geonameid INTEGER,
    articles INTEGER NOT NULL DEFAULT 0,
    UNIQUE (family, key)
);

CREATE TABLE corpus_entity_aliases (
    corpus_entity_id INTEGER NOT NULL REFERENCES corpus_entities(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    articles INTEGER NOT NULL, -- articles that used this form
    PRIMARY KEY (corpus_entity_id, alias)
);

CREATE TABLE corpus_entity_links (
    entity_id INTEGER PRIMARY KEY REFERENCES entities(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    corpus_entity_id INTEGER NOT NULL REFERENCES corpus_entities(id) ON DELETE CASCADE
);
CREATE INDEX corpus_entity_links_corpus ON corpus_entity_links(corpus_entity_id);
CREATE INDEX corpus_entity_links_article ON corpus_entity_links(article_id);

CREATE TABLE merged_events (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    source TEXT,              -- actor key: country-sector, c<corpus entity id> or folded name
    target TEXT,
    place TEXT,
    first TEXT,               -- earliest report date (YYYY-MM-DD) or NULL
    last TEXT,
    reports INTEGER NOT NULL, -- event rows merged
    articles INTEGER NOT NULL -- distinct reporting articles
);
CREATE INDEX merged_events_type_first ON merged_events(type, first);

CREATE TABLE merged_event_reports (
    event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    merged_event_id INTEGER NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX merged_event_reports_merged ON merged_event_reports(merged_event_id);
"""


def _corpus(conn: sqlite3.Connection) -> None:
    """Entities across articles (with aliases and links) and merged event reports."""
    run_script(conn, CORPUS_SQL)


EMBEDDINGS_SQL = """
CREATE TABLE article_embeddings (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    model TEXT NOT NULL,      -- the model that made the vector; another model's are recomputed
    vector BLOB NOT NULL      -- float32, unit length
);
"""


def _embeddings(conn: sqlite3.Connection) -> None:
    """Sentence embeddings of articles, kept for story clustering's optional extra."""
    run_script(conn, EMBEDDINGS_SQL)


def _attribution_confidence(conn: sqlite3.Connection) -> None:
    """The calibrated confidence of each quote's speaker and claim's source, as columns so
    queries can filter on it (older rows hold none)."""
    conn.execute("ALTER TABLE quotes ADD COLUMN speaker_confidence REAL")
    conn.execute("ALTER TABLE claims ADD COLUMN source_confidence REAL")


def _event_confidence(conn: sqlite3.Connection) -> None:
    """The calibrated confidence of each event, as a column so merged events and queries
    can filter on it (older rows hold none)."""
    conn.execute("ALTER TABLE events ADD COLUMN confidence REAL")


def _place_kind_confidence(conn: sqlite3.Connection) -> None:
    """Each place's kind (a toponym, or a demonym naming its country) and calibrated
    confidence, as columns so the map and exports can leave demonyms and unconfident places
    out (older rows hold no confidence and count as toponyms)."""
    conn.execute("ALTER TABLE places ADD COLUMN kind TEXT NOT NULL DEFAULT 'toponym'")
    conn.execute("ALTER TABLE places ADD COLUMN confidence REAL")


def _framing_voice(conn: sqlite3.Connection) -> None:
    """Whether each framing span is the author's wording or inside a quote, so outlet
    comparisons count only the author's voice (older rows hold NULL and count as author)."""
    conn.execute("ALTER TABLE framing ADD COLUMN voice TEXT")


def _tone_author_voice(conn: sqlite3.Connection) -> None:
    """The tone of the author's own words, outside quotes, which outlet comparisons use
    (older rows hold NULL and fall back to the whole article's tone)."""
    for column in ("author_score REAL", "author_positive REAL", "author_negative REAL",
                   "author_word_count INTEGER"):
        conn.execute(f"ALTER TABLE tone ADD COLUMN {column}")


def _framing_trust(conn: sqlite3.Connection) -> None:
    """Framing records' rule and calibrated confidence (views default to confident items;
    older rows hold NULL, read as confident), a naming choice's counts (one record per
    concept per article), and the sourcing profile's hedging measure (NULL: not measured)."""
    for column in ("found_by TEXT", "confidence REAL", "count INTEGER", "quoted_only INTEGER",
                   "alternatives TEXT"):
        conn.execute(f"ALTER TABLE framing ADD COLUMN {column}")
    for column in ("hedged_sentences INTEGER", "hedged REAL"):
        conn.execute(f"ALTER TABLE sourcing ADD COLUMN {column}")


def _fetch(conn: sqlite3.Connection) -> None:
    """`presstrace fetch`: each source's state (its validators, so an unchanged feed costs
    one conditional request, and its last outcome), and each fetched URL with its
    canonical URL, fetch time and feed, keyed to the article by its input id."""
    run_script(conn, """
CREATE TABLE sources (
    url TEXT PRIMARY KEY, outlet TEXT, kind TEXT, etag TEXT, last_modified TEXT,
    last_fetch TEXT, last_status INTEGER, last_error TEXT, links INTEGER, new_articles INTEGER
);
CREATE TABLE fetches (
    url TEXT PRIMARY KEY, canonical_url TEXT, final_url TEXT, input_id TEXT, feed TEXT,
    fetched_at TEXT NOT NULL, warc TEXT
);
CREATE INDEX fetches_canonical_url ON fetches(canonical_url);
CREATE INDEX fetches_input_id ON fetches(input_id);
""")


def _story_edits(conn: sqlite3.Connection) -> None:
    """Stories a user split or merged, kept across re-clustering: each pinned article's
    group (articles of one pin stay together, two pins stay apart); and what a story's
    articles share (JSON), shown on its page."""
    run_script(conn, """
ALTER TABLE stories ADD COLUMN evidence TEXT;
CREATE TABLE story_pins (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    pin INTEGER NOT NULL,
    pinned_at TEXT NOT NULL
);
CREATE INDEX story_pins_pin ON story_pins(pin);
""")


def _fetch_robots(conn: sqlite3.Connection) -> None:
    """`presstrace fetch`: each host's robots.txt as last received, used for a day and then
    asked for again conditionally (RFC 9309), so a second run makes only conditional requests."""
    run_script(conn, """
CREATE TABLE robots (
    root TEXT PRIMARY KEY, status INTEGER NOT NULL, body BLOB, etag TEXT, last_modified TEXT,
    fetched_at REAL NOT NULL
);
""")


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _initial),
    Migration("0002_datasette_views", _datasette_views),
    Migration("0003_stories", _stories),
    Migration("0004_corpus", _corpus),
    Migration("0005_embeddings", _embeddings),
    Migration("0006_attribution_confidence", _attribution_confidence),
    Migration("0007_event_confidence", _event_confidence),
    Migration("0008_place_kind_confidence", _place_kind_confidence),
    Migration("0009_framing_voice", _framing_voice),
    Migration("0010_tone_author_voice", _tone_author_voice),
    Migration("0011_framing_trust", _framing_trust),
    Migration("0012_fetch", _fetch),
    Migration("0013_story_edits", _story_edits),
    Migration("0014_fetch_robots", _fetch_robots),
)


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in the store, in the order they were applied."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                 "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    return [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY rowid")]


def migrate(conn: sqlite3.Connection, upto: Optional[str] = None) -> list[str]:
    """Apply the migrations the store lacks, in order; return the names applied.

    Args:
        conn: a connection in autocommit mode (isolation_level None).
        upto: stop after this migration (tests build older stores with it).
    Raises:
        StoreVersionError: the store records a migration this presstrace does not know,
            i.e. a newer presstrace wrote it.
    """
    known = [m.name for m in MIGRATIONS]
    if upto is not None and upto not in known:
        raise ValueError(f"unknown migration {upto!r}; valid: {', '.join(known)}")
    done = applied_migrations(conn)
    unknown = [name for name in done if name not in known]
    if unknown:
        raise StoreVersionError(
            f"the store was written by a newer presstrace: it has migration(s) "
            f"{', '.join(unknown)}, this version knows {', '.join(known)}; upgrade presstrace")
    applied = []
    for migration in MIGRATIONS:
        if migration.name not in done:
            _apply(conn, migration)
            applied.append(migration.name)
        if migration.name == upto:
            break
    return applied


def _apply(conn: sqlite3.Connection, migration: Migration) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have applied it while we waited for the write lock.
        if conn.execute("SELECT 1 FROM schema_migrations WHERE name = ?",
                        (migration.name,)).fetchone() is None:
            migration.apply(conn)
            conn.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                         (migration.name, datetime.now(timezone.utc).isoformat(timespec="seconds")))
            LOGGER.info("store migration %s applied", migration.name)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
