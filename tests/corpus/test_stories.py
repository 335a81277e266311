"""Story clustering on the invented story store (DAM and MERGER in tests/conftest.py): two
stories of three articles from different outlets and days; the incremental update, the
JSONL contract."""
from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from presstrace.corpus.stories import Doc, StoryParams, cluster, iter_stories, stored_params, update_stories
from presstrace.corpus.story_features import tokens
from presstrace.runners import ingest
from presstrace.store import db


def groups(conn):
    return sorted(sorted(s["articles"]) for s in iter_stories(conn))


def test_stories_cluster_the_two_stories(story_stores, tmp_path):
    path = tmp_path / "s.db"
    shutil.copy(story_stores[0], path)
    conn = db.open_store(path, create=False)
    summary = update_stories(conn)
    assert summary == {"articles": 6, "new_stories": 2, "stories": 2, "rebuilt": 0}
    assert groups(conn) == [["dam-1", "dam-2", "dam-3"], ["deal-1", "deal-2", "deal-3"]]
    # Nothing new: nothing placed, nothing changed.
    assert update_stories(conn)["articles"] == 0
    assert groups(conn) == [["dam-1", "dam-2", "dam-3"], ["deal-1", "deal-2", "deal-3"]]


def test_stories_update_incrementally_after_a_later_ingest(story_stores, tmp_path, settings):
    path = tmp_path / "inc.db"
    shutil.copy(story_stores[1], path)
    conn = db.open_store(path, create=False)
    update_stories(conn)
    before = {s["story"]: sorted(s["articles"]) for s in iter_stories(conn)}
    assert sorted(before.values()) == [["dam-1", "dam-2"], ["deal-1", "deal-2"]]
    conn.close()
    ingest([str(story_stores[2])], path, settings, n_process=1)
    conn = db.open_store(path, create=False)
    summary = update_stories(conn)
    assert summary["articles"] == 2 and summary["new_stories"] == 0
    after = {s["story"]: sorted(s["articles"]) for s in iter_stories(conn)}
    # The same story ids, each grown by its new article.
    assert after == {key: sorted(ids + [ids[0][:-1] + "3"]) for key, ids in before.items()}
    assert update_stories(conn, rebuild=True)["rebuilt"] == 1
    assert groups(conn) == sorted(after.values())


def test_stories_jsonl_contract(story_stores, tmp_path):
    path = tmp_path / "c.db"
    shutil.copy(story_stores[0], path)
    conn = db.open_store(path, create=False)
    update_stories(conn)
    stories = list(iter_stories(conn))
    for story in stories:
        assert set(story) == {"story", "articles", "title", "first", "last", "sources"}
        assert isinstance(story["story"], str) and all(isinstance(a, str) for a in story["articles"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", story["first"])
        assert story["first"] <= story["last"]
    dam = next(s for s in stories if "dam-1" in s["articles"])
    assert dam["first"] == "2024-03-04" and dam["last"] == "2024-03-05"
    assert dam["sources"] == ["Daily Ledger", "North Courier", "Valley Herald"]
    assert dam["title"] == "Marvale dam bursts after days of rain"


def doc(aid, day, words):
    from collections import Counter
    return Doc(aid, date(2024, 1, day) if day else None, "",
               {"text": Counter(words.split()), "entities": Counter(), "places": Counter(),
                "dates": Counter()})


def test_stories_close_after_the_quiet_window_and_undated_need_more():
    docs = [doc(1, 1, "storm coast power"), doc(2, 2, "storm coast power"),
            doc(3, 9, "storm coast power"), doc(4, 9, "budget vote senate")]
    params = StoryParams(threshold=0.05, window_days=3, day_decay=1.0, day_penalty=0.0)
    placed = cluster(docs, params)
    assert placed[1][0] == placed[2][0]  # a day apart: the same story
    assert placed[3][0] != placed[1][0]  # a week later: the story had closed
    assert placed[4][0] not in (placed[1][0], placed[3][0])
    # Two articles are the whole corpus: nothing is rarer than anything, so the smoothed
    # idf (floor 1) lets the shared words count at all.
    undated = [doc(1, None, "storm coast power grid"), doc(2, None, "storm coast rain flood")]
    loose, strict = (StoryParams(undated_threshold=t, idf_floor=1.0) for t in (0.2, 0.9))
    assert len({k for k, _ in cluster(undated, loose).values()}) == 1
    assert len({k for k, _ in cluster(undated, strict).values()}) == 2


def test_stories_tokens_and_params():
    assert tokens("The Mayor's dam burst, 2,000 flee!") == ["mayor", "dam", "burst", "flee"]
    with pytest.raises(ValueError):
        StoryParams(threshold=1.5)


def test_stories_dense_embedding_channel_joins_what_words_do_not():
    """Two reports sharing no word but close in meaning (as a sentence embedding sees it)
    join when the embedding channel carries weight, and stay apart without it."""
    a, b = doc(1, 1, "quake strikes coast"), doc(2, 1, "tremor jolts shoreline")
    a.dense, b.dense = {0: 0.8, 1: 0.6}, {0: 0.6, 1: 0.8}  # unit vectors, cosine 0.96
    words_only = cluster([a, b], StoryParams(threshold=0.3))
    with_meaning = cluster([a, b], StoryParams(threshold=0.3, embedding_weight=0.6))
    assert words_only[1][0] != words_only[2][0]
    assert with_meaning[1][0] == with_meaning[2][0]


def test_stories_keep_the_users_settings_through_later_updates(story_stores, tmp_path):
    """`presstrace stories --threshold …` is remembered: the update an ingest runs places
    new articles with those settings instead of re-clustering with the defaults."""
    path = tmp_path / "keep.db"
    shutil.copy(story_stores[0], path)
    conn = db.open_store(path, create=False)
    update_stories(conn, StoryParams(threshold=0.99))
    assert stored_params(conn) == StoryParams(threshold=0.99)
    assert update_stories(conn)["rebuilt"] == 0
    assert update_stories(conn, StoryParams())["rebuilt"] == 1
    assert stored_params(conn) == StoryParams()
