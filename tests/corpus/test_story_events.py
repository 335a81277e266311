"""Event-level stories: rarity-weighted specifics on a corpus of one topic, average linkage
without chaining, locked groups, the shared specifics shown as evidence, and a user's
splits and merges kept across re-clustering."""
from __future__ import annotations

import shutil
from collections import Counter
from datetime import date

import pytest

from presstrace.corpus.stories import StoryParams, cluster, iter_stories, update_stories
from presstrace.corpus.story_edits import merge_stories, split_story
from presstrace.corpus.story_evidence import shared_specifics, story_evidence
from presstrace.corpus.story_features import Doc, document_frequencies
from presstrace.corpus.story_linkage import average_linkage
from presstrace.store import db
from presstrace.store.errors import QueryError

WAR = "russia ukraine war putin kyiv troops forces"


def doc(aid, words, names=(), day=1):
    return Doc(aid, date(2022, 8, day), "",
               {"text": Counter(f"{WAR} {words}".split()), "entities": Counter(names),
                "places": Counter(), "dates": Counter()})


@pytest.mark.parametrize("threshold", [0.12])
def test_story_events_one_topic_corpus_groups_happenings_not_the_war(threshold):
    """Articles of three days about one war: the two about a car bomb and the two about
    a jailed player are stories; the forty others share only the war and stay alone."""
    docs = [doc(1, "car bomb dugin daughter moscow", ["darya dugina"]),
            doc(2, "dugin daughter killed car bomb", ["darya dugina"]),
            doc(3, "griner letter white house", ["brittney griner"]),
            doc(4, "griner wife letter biden", ["brittney griner"])]
    docs += [doc(10 + i, f"report{i} town{i} shelling", day=1 + i % 3) for i in range(40)]
    placed = cluster(docs, StoryParams(threshold=threshold))
    sizes = Counter(key for key, _ in placed.values())
    assert placed[1][0] == placed[2][0] != placed[3][0] == placed[4][0]
    assert sorted(sizes.values()) == [1] * 40 + [2, 2]
    # With the usual smoothing (idf + 1) the war's words keep weight, and lump articles.
    lumped = cluster(docs, StoryParams(threshold=threshold, idf_floor=1.0))
    assert len({k for k, _ in lumped.values()}) < 42


@pytest.mark.parametrize("link", [0.6])
def test_story_events_average_linkage_does_not_chain(link):
    """A-B and B-C are close, A-C share nothing: C's mean link to {A, B} is half, so it
    stays out where a single link or a centroid would pull it in."""
    pairs = {(0, 1): 0.9, (1, 2): link}
    assert average_linkage(3, pairs, 0.4) == [[0, 1], [2]]
    assert average_linkage(3, pairs, 0.25) == [[0, 1, 2]]


@pytest.mark.parametrize("locks", [{0: "p1", 1: "p2"}])
def test_story_events_locked_groups_never_merge_but_take_new_items(locks):
    pairs = {(0, 1): 0.9, (1, 2): 0.8}
    assert average_linkage(3, pairs, 0.1, locks) == [[0], [1, 2]]
    assert average_linkage(3, pairs, 0.1, {0: "p1", 1: "p1"}) == [[0, 1, 2]]


@pytest.mark.parametrize("n_common", [5])
def test_story_events_evidence_puts_rare_shared_names_first(n_common):
    members = [doc(1, "car bomb", ["darya dugina", "vladimir putin"]),
               doc(2, "car bomb", ["darya dugina", "vladimir putin"]),
               doc(3, "grain", ["olaf scholz"])]
    others = [doc(10 + i, "", ["vladimir putin"]) for i in range(n_common)]
    df = document_frequencies(members + others)
    found = shared_specifics(members[:2], df, len(members) + n_common)
    texts = [e["text"] for e in found]
    assert texts[0] == "darya dugina" and found[0]["kind"] == "name"
    assert texts.index("darya dugina") < texts.index("vladimir putin")
    assert "olaf scholz" not in texts and all(e["articles"] == 2 for e in found)
    assert "russia" in texts  # shared, but common words rank below the names
    assert texts.index("russia") > texts.index("darya dugina")


def groups(conn):
    return sorted(sorted(s["articles"]) for s in iter_stories(conn))


def article_id(conn, input_id):
    return conn.execute("SELECT id FROM articles WHERE input_id = ?", (input_id,)).fetchone()[0]


def story_of(conn, input_id):
    return conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?",
                        (article_id(conn, input_id),)).fetchone()[0]


def test_story_events_split_and_merge_outlive_a_rebuild(story_stores, tmp_path):
    path = tmp_path / "edit.db"
    shutil.copy(story_stores[0], path)
    conn = db.open_store(path, create=False)
    update_stories(conn, rebuild=True)
    assert groups(conn) == [["dam-1", "dam-2", "dam-3"], ["deal-1", "deal-2", "deal-3"]]
    dam = story_of(conn, "dam-1")
    assert any(e["kind"] == "name" for e in story_evidence(conn, dam))
    new = split_story(conn, dam, [article_id(conn, "dam-3")])
    assert story_of(conn, "dam-3") == new != dam
    update_stories(conn, rebuild=True)
    assert groups(conn) == [["dam-1", "dam-2"], ["dam-3"], ["deal-1", "deal-2", "deal-3"]]
    merged = merge_stories(conn, story_of(conn, "dam-1"), story_of(conn, "deal-1"))
    assert story_of(conn, "deal-2") == merged
    update_stories(conn, StoryParams(threshold=0.5))  # new settings: everything re-clustered
    assert groups(conn) == [["dam-1", "dam-2", "deal-1", "deal-2", "deal-3"], ["dam-3"]]
    with pytest.raises(QueryError):
        split_story(conn, story_of(conn, "dam-3"), [article_id(conn, "dam-3")])  # all of it
    with pytest.raises(QueryError):
        merge_stories(conn, merged, merged)
