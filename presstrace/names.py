"""How names are compared: folded spellings, keys, acronyms, possessives. Plain strings only.

A mention keeps what the article says ("Russian President Vladimir Putin"); an entity's
name drops titles and possessives; matching uses a folded key so that transliteration
variants (Zelensky / Zelenskyy / Zelenskiy, Kiev's / Kiev) meet. The pipeline's entities
layer and the corpus's entities across articles share these rules, so no spaCy here.
"""
from __future__ import annotations

import re

from unidecode import unidecode

DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
POSSESSIVES = {"'s", "’s", "'", "’", "s'"}
NAME_PARTICLES = {"of", "the", "and", "for", "de", "la", "du", "von", "van", "al", "&"}
# English personal and demonstrative pronouns: never a name, whatever a tagger says ("US",
# the country, is written in capitals and is no "us").
PRONOUNS = {"i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "this", "that",
            "these", "those", "who", "whom", "which", "what"}


def is_pronoun(name: str) -> bool:
    """Whether a would-be name is a pronoun ("It", "We"; not "US")."""
    return name.lower() in PRONOUNS and name != "US"


def strip_possessive(word: str) -> str:
    """"Kyiv’s" -> "Kyiv", "Jones'" -> "Jones"."""
    return re.sub(r"(?:['’]s|['’])$", "", word)


def display_name(text: str) -> str:
    """A clean display form: no possessive, no brackets an editor put inside a quote
    ("[Vladimir] Putin"), no hyphen left at either end ("Russia-"), straight whitespace."""
    text = re.sub(r"\s+", " ", re.sub(r"[\[\]{}]", "", text)).strip()
    return strip_possessive(text).strip(" -–—")


def fold(word: str) -> str:
    """Fold one word to an ASCII key that merges common transliteration variants."""
    w = unidecode(word).lower()
    w = strip_possessive(w)
    w = re.sub(r"[^a-z0-9]", "", w)
    # Slavic and Arabic transliteration: -iy/-yy/-ii/-yi endings, kh/h, w/v, j/y.
    w = re.sub(r"(?:iy|yy|ii|yi|ij)$", "y", w)
    w = re.sub(r"ei$", "ey", w)  # Sergei / Sergey, Alexei / Alexey
    return w.replace("kh", "h").replace("w", "v").replace("j", "y")


def name_key(text: str) -> tuple[str, ...]:
    """The folded words of a name, without determiners and particles at the edges."""
    words = [fold(w) for w in re.split(r"[\s\-]+", text) if w]
    words = [w for w in words if w]
    if len(words) > 2:  # a middle initial: "Vladimir V. Putin" is "Vladimir Putin"
        words = [words[0]] + [w for w in words[1:-1] if len(w) > 1] + [words[-1]]
    while words and words[0] in DETERMINERS:
        words.pop(0)
    return tuple(words)


def acronym(text: str) -> str:
    """Initials of a multi-word name ("European Union" -> "EU"), particles skipped."""
    words = [w for w in re.split(r"[\s\-]+", text) if w and w.lower() not in NAME_PARTICLES]
    return "".join(w[0] for w in words if w[0].isalpha()).upper() if len(words) > 1 else ""
