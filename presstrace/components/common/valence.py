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
    """The process's one `SentimentIntensityAnalyzer` (reads the lexicon file on first use)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    return SentimentIntensityAnalyzer()


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
