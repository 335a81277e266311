"""VADER's valence lexicon (vaderSentiment 3.3.2, MIT licence), loaded once per process.

The tone and framing layers read word valences from here instead of keeping a word list
of their own: `vader_lexicon.txt` ships inside the `vaderSentiment` package, so nothing is
downloaded. Valences run from -4 (most negative) to +4 (most positive).
"""
from __future__ import annotations

import functools
from typing import Optional

from spacy.tokens import Token


@functools.lru_cache(maxsize=1)
def analyzer():
    """The process's one VADER analyzer (reads the lexicon file on first use)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    class WindowedAnalyzer(SentimentIntensityAnalyzer):
        """VADER with its negation and idiom checks handed only the words they read.

        Stock VADER lowercases the whole sentence again for every sentiment word it checks,
        so a sentence's cost grows with the square of its length (a 200,000-character line
        with no full stop took 70 s). Those checks read at most three words before the word
        and two after it, so they get that window, with the word's index in it: the same
        scores, in time linear in the sentence."""

        @staticmethod
        def _negation_check(valence, words, start_i, i):
            lo = max(0, i - 3)
            return SentimentIntensityAnalyzer._negation_check(valence, words[lo:i + 1], start_i, i - lo)

        @staticmethod
        def _special_idioms_check(valence, words, i):
            if i < 3:  # never called so, but where the stock check reads around the list's end
                return SentimentIntensityAnalyzer._special_idioms_check(valence, words, i)
            return SentimentIntensityAnalyzer._special_idioms_check(valence, words[i - 3:i + 3], 3)

    return WindowedAnalyzer()


def lexicon() -> dict[str, float]:
    """VADER's lexicon: lower-case word -> mean valence."""
    return analyzer().lexicon


def boosters() -> dict[str, float]:
    """VADER's degree adverbs ("utterly", "deeply"; "slightly") -> their intensity step."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT
    return BOOSTER_DICT


def valence(word: str) -> float:
    """The valence of one word (0.0 when VADER does not rate it)."""
    return lexicon().get(word.lower(), 0.0)


_VALENCES: dict[tuple[int, int], float] = {}  # (lower, lemma) string ids -> valence


def token_valence(token: Token) -> float:
    """The valence of a token by its form, falling back to its lemma ("smears" -> "smear")."""
    key = (token.lower, token.lemma)
    found = _VALENCES.get(key)
    if found is None:
        found = _VALENCES[key] = _valence_of(token)
    return found


def _valence_of(token: Token) -> float:
    lex = lexicon()
    lower = token.lower_
    found: Optional[float] = lex.get(lower)
    if found is None and token.lemma_:
        found = lex.get(token.lemma_.lower())
    return found or 0.0


def compound(text: str) -> float:
    """VADER's normalised compound score of a sentence, -1 .. +1."""
    return analyzer().polarity_scores(text)["compound"]
