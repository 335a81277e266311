"""What makes two articles one happening: an outlet's house words do not, a channel of
common features is weak, and the head (title and first lines) and lead carry the story."""
from __future__ import annotations

import math
from collections import Counter
from datetime import date

import pytest

from presstrace.corpus.stories import StoryParams, cluster
from presstrace.corpus.story_features import Doc, load_docs, tokens, weigh
from presstrace.store import db

BOILERPLATE = ("russia attacked late february failure implement minsk agreements "
               "poroshenko lugansk donbass")


def doc(aid, words, source, day=1, dates=()):
    return Doc(aid, date(2022, 8, day), "",
               {"text": Counter(words.split()), "entities": Counter(), "places": Counter(),
                "dates": Counter(dates)}, source=source)


@pytest.mark.parametrize("house", [True])
def test_story_specifics_an_outlets_boilerplate_joins_nothing(house):
    """Every article of one outlet closes on the same background paragraph: two of its
    articles on different happenings stay apart when a feature weighs no more than its
    rarity within the outlet, and are lumped when it weighs its rarity in the store."""
    wire = [doc(i, f"topic{i} {BOILERPLATE}", "Wire", day=1 + i % 3) for i in range(30)]
    others = [doc(100 + i, f"other{i} item{i} thing{i}", f"Outlet{i % 5}", day=1 + i % 3)
              for i in range(30)]
    docs = wire + others
    apart = cluster(docs, StoryParams(house_rarity=house))
    lumped = cluster(docs, StoryParams(house_rarity=not house))
    assert len({apart[i][0] for i in range(30)}) == 30
    assert len({lumped[i][0] for i in range(30)}) < 30


@pytest.mark.parametrize("floor", [2.0])
def test_story_specifics_a_channel_of_common_features_stays_short(floor):
    """The invasion's date in most articles makes a short date vector (its cosine with
    another such article is small), a date few articles mention a nearly unit one."""
    docs = [doc(i, f"w{i}", f"O{i}", dates=["2022-02-24"]) for i in range(100)]
    docs += [doc(50, "x", "A", dates=["2022-08-20"]), doc(51, "y", "B", dates=["2022-08-20"])]
    vectors = weigh(docs, idf_floor=0.0, norm_floor=floor)
    length = {aid: math.sqrt(sum(v * v for v in vectors[aid]["dates"].values()))
              for aid in (0, 50)}
    assert length[0] < 0.5 < 0.8 < length[50] <= 1.0
    plain = weigh(docs, idf_floor=0.0, norm_floor=0.0)
    assert sum(v * v for v in plain[0]["dates"].values()) == pytest.approx(1.0)


@pytest.mark.parametrize("head_chars", [40])
def test_story_specifics_head_is_the_title_and_first_lines(story_stores, head_chars):
    """The head channel holds the title's words and those of the text's first characters
    only; names, places and dates are read from the lead when a limit is set."""
    conn = db.open_store(story_stores[0], create=False)
    docs = load_docs(conn, head_chars=head_chars)
    texts = {r["id"]: (r["title"] or "", r["text"] or "")
             for r in conn.execute("SELECT id, title, text FROM articles")}
    assert docs and all(d.source for d in docs)
    for d in docs:
        title, text = texts[d.article_id]
        assert set(d.channels["head"]) == set(tokens(title) + tokens(text[:head_chars]))
    whole = {d.article_id: d for d in load_docs(conn)}
    lead = load_docs(conn, specifics_chars=60)
    assert any(sum(d.channels["entities"].values())
               < sum(whole[d.article_id].channels["entities"].values()) for d in lead)
    for d in lead:
        assert set(d.channels["places"]) <= set(whole[d.article_id].channels["places"])
    conn.close()
