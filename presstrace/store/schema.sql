-- presstrace store, migration 0001_initial.
-- Never edit this file once released: every later change is a new named migration in
-- migrations.py, so a store written by any earlier presstrace can be brought up to date.
--
-- One row per distinct article (identity: sha256 of its NFC, whitespace-collapsed text);
-- one table per layer of the presstrace/1 contract, keyed to the article. Columns hold the
-- contract's fields; `extra` (JSON) keeps any field a newer record type adds, so a stored
-- article always rebuilds into the same AnalyzedArticle.

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    input_id,                 -- the input id of the copy that was analysed (string or number)
    date TEXT,
    source TEXT,
    title TEXT,
    url TEXT,
    text TEXT NOT NULL,
    chars INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('analysed', 'duplicate', 'failed')),
    duplicate_of INTEGER REFERENCES articles(id),
    similarity REAL,          -- estimated Jaccard similarity to duplicate_of
    extra TEXT
);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_source_date ON articles(source, date);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
CREATE INDEX articles_status ON articles(status);

-- Every input that maps to an article: the same text read again (another file, another
-- outlet's identical copy) adds a row here instead of a second article.
CREATE TABLE article_ids (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    input_id,
    date TEXT,
    source TEXT,
    title TEXT,
    url TEXT
);
CREATE UNIQUE INDEX article_ids_unique ON article_ids(article_id, ifnull(input_id, ''));
CREATE INDEX article_ids_input_id ON article_ids(input_id);

CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    input_id,
    origin TEXT,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX errors_unique ON errors(ifnull(input_id, ''), ifnull(origin, ''), code, message);
CREATE INDEX errors_code ON errors(code);

-- MinHash signatures (datasketch, little-endian uint32 values) for near-duplicate search;
-- the LSH index is rebuilt from them when an ingest starts.
CREATE TABLE signatures (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    minhash BLOB NOT NULL
);

CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    local_id TEXT,            -- E1, E2 … within the article
    name TEXT,
    label TEXT,
    aliases TEXT,             -- JSON list
    extra TEXT,
    UNIQUE (article_id, seq)
);
CREATE INDEX entities_name_label ON entities(name, label);
CREATE INDEX entities_label ON entities(label);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('mention', 'reference')),
    seq INTEGER NOT NULL,
    start INTEGER,
    end INTEGER,
    text TEXT,
    kind TEXT,
    extra TEXT
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    local_id TEXT,
    start INTEGER,
    end INTEGER,
    text TEXT,
    kind TEXT,
    channel TEXT,
    speaker_entity TEXT,
    speaker_name TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_text TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    cue_text TEXT,
    extra TEXT,
    UNIQUE (article_id, seq)
);
CREATE INDEX quotes_speaker_name ON quotes(speaker_name COLLATE NOCASE);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    local_id TEXT,
    start INTEGER,
    end INTEGER,
    text TEXT,
    source_kind TEXT,
    source_entity TEXT,
    source_name TEXT,
    source_start INTEGER,
    source_end INTEGER,
    source_text TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    cue_text TEXT,
    extra TEXT,
    UNIQUE (article_id, seq)
);
CREATE INDEX claims_source_kind ON claims(source_kind);
CREATE INDEX claims_source_name ON claims(source_name COLLATE NOCASE);

CREATE TABLE sourcing (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    named REAL,
    vague REAL,
    unattributed REAL,
    quoted REAL,
    quoted_speakers TEXT,     -- JSON object: speaker name -> quotes
    extra TEXT
);

CREATE TABLE times (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER,
    end INTEGER,
    text TEXT,
    type TEXT,
    value TEXT,
    extra TEXT,
    UNIQUE (article_id, seq)
);
CREATE INDEX times_value ON times(value);

CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER,
    end INTEGER,
    text TEXT,
    name TEXT,
    geonameid INTEGER,
    lat REAL,
    lon REAL,
    country TEXT,
    admin1 TEXT,
    feature TEXT,
    stands_for TEXT,
    extra TEXT,
    UNIQUE (article_id, seq)
);
CREATE INDEX places_geonameid ON places(geonameid);
CREATE INDEX places_country ON places(country);

CREATE TABLE amounts (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER,
    end INTEGER,
    text TEXT,
    value NUMERIC,
    low NUMERIC,
    high NUMERIC,
    unit TEXT,
    object TEXT,
    approx INTEGER,
    extra TEXT,
    UNIQUE (article_id, seq)
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    local_id TEXT,
    start INTEGER,
    end INTEGER,
    text TEXT,
    type TEXT,
    mode TEXT,
    source_entity TEXT,
    source_name TEXT,
    source_country TEXT,
    source_sector TEXT,
    target_entity TEXT,
    target_name TEXT,
    target_country TEXT,
    target_sector TEXT,
    place TEXT,
    date TEXT,
    negated INTEGER,
    extra TEXT,
    UNIQUE (article_id, seq)
);
CREATE INDEX events_type_date ON events(type, date);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_source_name ON events(source_name COLLATE NOCASE);
CREATE INDEX events_target_name ON events(target_name COLLATE NOCASE);

CREATE TABLE tone (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    score REAL,
    positive REAL,
    negative REAL,
    polarity REAL,
    activity REAL,
    self_group REAL,
    word_count INTEGER,
    entities TEXT,            -- JSON object: entity id -> tone of its sentences
    extra TEXT
);

CREATE TABLE sentence_tones (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER,
    end INTEGER,
    text TEXT,
    score REAL,
    positive REAL,
    negative REAL,
    extra TEXT,
    UNIQUE (article_id, seq)
);

CREATE TABLE framing (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER,
    end INTEGER,
    text TEXT,
    technique TEXT,
    concept TEXT,
    variant TEXT,
    extra TEXT,
    UNIQUE (article_id, seq)
);
CREATE INDEX framing_technique ON framing(technique);

CREATE TABLE noncontent (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER,
    end INTEGER,
    text TEXT,
    kind TEXT,
    extra TEXT,
    UNIQUE (article_id, seq)
);

-- Full-text search over article titles and text, and over quotes (external content:
-- the text is stored once, in articles and quotes; triggers keep the index in step).
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker_name, content='quotes', content_rowid='id');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.id, new.text, new.speaker_name);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name) VALUES ('delete', old.id, old.text, old.speaker_name);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text, speaker_name ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name) VALUES ('delete', old.id, old.text, old.speaker_name);
    INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.id, new.text, new.speaker_name);
END;
