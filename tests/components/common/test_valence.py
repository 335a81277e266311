"""VADER's scores, computed in time linear in the sentence."""
from __future__ import annotations

import time

from hypothesis import given, settings as hsettings, strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from presstrace.components.common.valence import analyzer, compound

# Words that VADER's negation, idiom and booster checks look at, and some it scores.
WORDS = ("no never so this without doubt kind of sort least at very not nor or good bad great "
         "terrible happy sad the is kinda yeah right cut mustard hand to mouth BAD GOOD ! ? but "
         "love hate isn't don't").split()
STOCK = SentimentIntensityAnalyzer()


@hsettings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=24).map(" ".join))
def test_valence_scores_equal_stock_vader(text):
    assert analyzer().polarity_scores(text) == STOCK.polarity_scores(text)


def test_valence_a_long_sentence_costs_linear_time():
    line = "Officials said no convoy reached Kharkiv and the good talks went on " * 3000
    started = time.perf_counter()
    compound(line)
    assert time.perf_counter() - started < 2.0  # stock VADER: over a minute
