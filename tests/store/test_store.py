"""The store: identity, round trips through SQLite, migrations, full-text search, queries."""
from __future__ import annotations

import dataclasses
import json
import sqlite3
import types
import typing

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from presstrace.records import (Actor, Amount, AnalyzedArticle, Claim, ClaimSource, Entity, Event,
                                Framing, Mention, NonContent, Place, Quote, SentenceTone, Sourcing,
                                Speaker, TextSpan, Time, Tone)
from presstrace.store import db, queries
from presstrace.store.errors import QueryError, StoreNotFoundError, StoreVersionError
from presstrace.store.layers import LIST_LAYERS, flatten, unflatten
from presstrace.store.migrations import MIGRATIONS, applied_migrations, migrate, split_statements

TEXT = ('President Zelensky said on Monday: "We will hold Kyiv." War analysts said '
        'tens of thousands of troops massed near Kharkiv. (Photo: AFP)')


def _span(text: str, part: str, cls=TextSpan, **kw):
    start = text.index(part)
    return cls(start=start, end=start + len(part), text=part, **kw)


def make_article(text: str = TEXT, id="a1", date="2025-03-10", source="Example News",
                 speaker="Volodymyr Zelensky") -> AnalyzedArticle:
    """A hand-built article with every layer filled."""
    s = lambda part, cls=TextSpan, **kw: _span(text, part, cls, **kw)  # noqa: E731
    return AnalyzedArticle(
        text=text, id=id, date=date, source=source, title="Kyiv holds", url="https://example.org/a",
        entities=[Entity(id="E1", name=speaker, label="PERSON",
                         mentions=[s("President Zelensky", Mention)], aliases=["Zelensky"],
                         references=[s("We", Mention, kind="pronoun")]),
                  Entity(id="E2", name="Kyiv", label="GPE", mentions=[s("Kyiv", Mention)])],
        quotes=[s("We will hold Kyiv.", Quote, id="Q1",
                  speaker=s("Zelensky", Speaker, entity="E1", name=speaker), cue=s("said"))],
        claims=[s("tens of thousands of troops massed near Kharkiv", Claim, id="C1",
                  source=ClaimSource("vague", text="War analysts", start=text.index("War analysts"),
                                     end=text.index("War analysts") + 12))],
        sourcing=Sourcing(named=0.4, vague=0.3, unattributed=0.3, quoted_speakers={speaker: 1},
                          quoted=0.2),
        times=[s("Monday", Time, value="2025-03-10")],
        places=[s("Kharkiv", Place, name="Kharkiv", geonameid=706483, lat=49.98, lon=36.25,
                  country="UA", admin1="Kharkiv", feature="PPLA")],
        amounts=[s("tens of thousands of troops", Amount, low=10000, high=99999, object="troops",
                   approx=True)],
        events=[s("massed", Event, id="V1", type="MOBILIZE", source_actor=Actor(),
                  target_actor=None, place="Kharkiv", negated=False)],
        tone=Tone(score=-1.5, positive=1.0, negative=2.5, polarity=3.5, activity=4.0,
                  self_group=0.5, word_count=21, sentences=[s("War analysts said", SentenceTone, score=-1.0)],
                  entities={"E1": 0.25}),
        framing=[s("massed", Framing, technique="loaded_language")],
        noncontent=[s("(Photo: AFP)", NonContent, kind="photo_credit")],
    )


def _save(conn, *arts):
    with db.transaction(conn):
        for art in arts:
            db.save_article(conn, art, db.next_article_id(conn), db.article_hash(art.text))


def save_corpus(conn):
    """Two articles from two outlets, a month apart, saved in the store; the store back."""
    base = make_article()
    other = TEXT + " Updated."
    _save(conn, base, make_article(other, id="a2", date="2025-04-01", source="Other Wire",
                                   speaker="Zelensky Volodymyr"))
    return conn


@pytest.mark.parametrize("a,b", [("Kyiv  holds.\n\nThe end.", " Kyiv holds. The end. "),
                                 ("Cafe\u0301 talks", "Caf\u00e9 talks")])
def test_store_article_hash_ignores_whitespace_and_unicode_form(a, b):
    assert db.article_hash(a) == db.article_hash(b)
    assert db.article_hash(a) != db.article_hash(a + " more")


@pytest.mark.parametrize("art", [make_article(), AnalyzedArticle(text="Bare text.")])
def test_store_round_trip_keeps_every_layer(store, art):
    _save(store, art)
    (back,) = list(db.iter_articles(store))
    assert back == art
    assert json.dumps(back.to_dict()) == json.dumps(art.to_dict())


@pytest.mark.parametrize("record", [
    {"start": 0, "end": 4, "text": "Kyiv", "type": "ASSAULT", "added_later": [1, 2],
     "source_actor": {"name": "Russia", "added_later": True}, "target_actor": None},
    {"start": 0, "end": 4, "text": "Kyiv", "type": "ASSAULT", "source_actor": {}, "target_actor": None},
])
def test_store_rows_keep_fields_a_newer_record_adds(record):
    row = flatten(record, LIST_LAYERS["events"])
    assert row["source_name"] == record["source_actor"].get("name")
    expected = {c.path[0]: None for c in LIST_LAYERS["events"] if len(c.path) == 1}
    expected.update(record)
    expected["source_actor"] = {**dict.fromkeys(("entity", "name", "country", "sector")),
                                **record["source_actor"]}
    assert unflatten(row, LIST_LAYERS["events"]) == expected


def _strategy(hint) -> st.SearchStrategy:
    """Values of any record type, built from its type hints."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return st.none() | _strategy(inner[0])
    if origin is list:
        return st.lists(_strategy(typing.get_args(hint)[0]), max_size=2)
    if origin is dict:
        key, value = typing.get_args(hint)
        return st.dictionaries(_strategy(key), _strategy(value), max_size=2)
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return st.builds(hint, **{f.name: _strategy(hints[f.name]) for f in dataclasses.fields(hint)})
    return {bool: st.booleans(), int: st.integers(-2**53, 2**53),
            float: st.floats(allow_nan=False, allow_infinity=False),
            str: st.text(max_size=12)}.get(hint, st.none())


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(art=_strategy(AnalyzedArticle))
def test_store_round_trip_any_article(store, art):
    store.execute("DELETE FROM articles")
    _save(store, art)
    (back,) = list(db.iter_articles(store))
    assert back == art


def test_store_is_wal_with_foreign_keys(store):
    assert store.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        store.execute("INSERT INTO quotes (article_id, seq) VALUES (99, 0)")


def test_store_records_its_migrations(store, tmp_path):
    assert applied_migrations(store) == [m.name for m in MIGRATIONS]
    assert migrate(store) == []  # nothing left to apply


def test_store_opens_a_store_made_by_an_older_schema(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite3.connect(path, isolation_level=None)
    migrate(old, upto="0001_initial")  # what the first released presstrace wrote
    old.execute("INSERT INTO articles (id, hash, input_id, text, chars, status, source) "
                "VALUES (1, 'h', 'x', 'Kyiv said no.', 13, 'analysed', 'Old Outlet')")
    old.execute("INSERT INTO quotes (article_id, seq, text, speaker_name) VALUES (1, 0, 'no', 'Kyiv')")
    old.close()
    conn = db.open_store(path)
    assert applied_migrations(conn) == [m.name for m in MIGRATIONS]
    assert [tuple(r) for r in conn.execute("SELECT speaker, quote, source FROM quotes_view")] == [
        ("Kyiv", "no", "Old Outlet")]
    assert queries.search(conn, "Kyiv")[0]["article_id"] == 1


def test_store_refuses_a_store_from_a_newer_presstrace(store, tmp_path):
    store.execute("INSERT INTO schema_migrations VALUES ('0099_future', '2030-01-01')")
    store.close()
    with pytest.raises(StoreVersionError, match="0099_future"):
        db.open_store(tmp_path / "store.db")


def test_store_is_not_created_by_readers(tmp_path):
    with pytest.raises(StoreNotFoundError):
        db.open_store(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_store_schema_splits_into_whole_statements():
    statements = split_statements("CREATE TABLE t (a);\nCREATE TRIGGER x AFTER INSERT ON t BEGIN\n"
                                  "  SELECT 1;\n  SELECT 2;\nEND;\n-- note\n")
    assert len(statements) == 2 and statements[1].endswith("END;")


def test_store_saving_again_replaces_the_layers(store):
    art = make_article()
    _save(store, art)
    with db.transaction(store):
        db.save_article(store, art, 1, db.article_hash(art.text))
    counts = {t: db.count_rows(store, t) for t in ("articles", "entities", "mentions", "quotes")}
    assert counts == {"articles": 1, "entities": 2, "mentions": 3, "quotes": 1}
    assert len(queries.search(store, "Kyiv")) == 1


@pytest.mark.parametrize("target,text,expected", [("articles", "Kharkiv", 1), ("articles", '"hold Kyiv"', 1),
                                                  ("articles", "Odesa", 0), ("quotes", "hold", 1),
                                                  ("quotes", "Kharkiv", 0)])
def test_store_search_finds_articles_and_quotes(store, target, text, expected):
    _save(store, make_article())
    assert len(queries.search(store, text, target=target)) == expected


def test_store_bad_search_expression_is_a_query_error(store):
    with pytest.raises(QueryError, match="bad search expression"):
        queries.search(store, 'AND "')


@pytest.mark.parametrize("kwargs,expected", [({}, 2), ({"speaker": "volodymyr zel"}, 1),
                                             ({"since": "2025-03-15"}, 1), ({"until": "2025-03"}, 1),
                                             ({"source": "wire"}, 1), ({"speaker": "nobody"}, 0)])
def test_store_quotes_filter(store, kwargs, expected):
    corpus = save_corpus(store)
    assert len(queries.quotes(corpus, **kwargs)) == expected


@pytest.mark.parametrize("function,kwargs,check", [
    (queries.claims, {"kind": "vague"}, lambda rows: len(rows) == 2 and rows[0]["claimed_by"] == "War analysts"),
    (queries.claims, {"kind": "named"}, lambda rows: rows == []),
    (queries.entities, {"top": 1}, lambda rows: rows == [{"name": "Kyiv", "label": "GPE", "mentions": 2, "articles": 2}]),
    (queries.sourcing, {"by": "source"}, lambda rows: [r["source"] for r in rows] == ["Example News", "Other Wire"]
                                                       and rows[0]["vague"] == 0.3 and rows[0]["quotes"] == 1),
    (queries.events, {"type": "mobilize", "place": "khar"}, lambda rows: len(rows) == 2),
    (queries.stats, {}, lambda rows: rows[0] == {"what": "articles (analysed)", "count": 2}),
])
def test_store_queries_answer(store, function, kwargs, check):
    corpus = save_corpus(store)
    assert check(function(corpus, **kwargs))


@pytest.mark.parametrize("function,kwargs", [(queries.quotes, {"since": "March"}),
                                             (queries.sourcing, {"by": "weekday"}),
                                             (queries.claims, {"kind": "rumour"})])
def test_store_queries_reject_bad_values(store, function, kwargs):
    corpus = save_corpus(store)
    with pytest.raises(QueryError):
        function(corpus, **kwargs)


@pytest.mark.parametrize("minimum,expected", [(None, 2), (0.5, 1), (0.95, 0)])
def test_store_quotes_and_claims_filter_on_confidence(store, minimum, expected):
    sure, unsure = make_article(), make_article(text=TEXT + " More.", id="a2", date="2025-03-16")
    sure.quotes[0].speaker.confidence, unsure.quotes[0].speaker.confidence = 0.9, 0.3
    sure.claims[0].source.confidence, unsure.claims[0].source.confidence = 0.9, 0.3
    _save(store, sure, unsure)
    assert len(queries.quotes(store, min_confidence=minimum)) == expected
    assert len(queries.claims(store, kind="vague", min_confidence=minimum)) == expected
    if minimum is None:
        assert sorted(r["confidence"] for r in queries.quotes(store)) == [0.3, 0.9]
