"""The shipped word lists and tables (`presstrace/data/*.txt`, `*.tsv`), read one way.

Every list is UTF-8, one entry a line; a blank line or one that starts with `#` is no
entry. Tables split their lines on tabs. Callers cache what they build from them.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

DATA_PACKAGE = "presstrace.data"


def data_lines(name: str) -> list[str]:
    """The entry lines of a shipped data file, as written (comments and blank lines left out).

    Args:
        name: the file's name in `presstrace/data`.
    """
    text = resources.files(DATA_PACKAGE).joinpath(name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def data_rows(name: str) -> list[list[str]]:
    """The entry lines of a shipped table, split on tabs (cells as written)."""
    return [line.split("\t") for line in data_lines(name)]


@lru_cache(maxsize=1)
def agencies() -> tuple[str, ...]:
    """News and photo agency names from the shipped list, longest first (the non-content
    layer finds credits with them; the entities layer makes them organisations)."""
    names = [line.strip() for line in data_lines("news_agencies.txt")]
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonyms and national adjectives, lower-cased ("russian") -> the ISO alpha-3 code of
    their country, from the shipped `actor_demonyms.tsv`."""
    return {w.lower(): code for w, code in data_rows("actor_demonyms.tsv")}


def is_demonym(word: str) -> bool:
    """"Russian", "Ukrainians", "British": a word naming a country's people or adjective."""
    low = word.lower()
    return low in demonyms() or (low.endswith("s") and low[:-1] in demonyms())


@lru_cache(maxsize=1)
def speaker_nouns() -> frozenset[str]:
    """Common nouns that can say something: the CAMEO agent nouns and the hand-written list
    of writings, groups, relations and roles (`speaker_nouns*.txt`)."""
    words = data_lines("speaker_nouns_cameo.txt") + data_lines("speaker_nouns.txt")
    return frozenset(w.strip().lower() for w in words)


@lru_cache(maxsize=None)
def english_lemmas(pos: str) -> frozenset[str]:
    """The lemmas of one part of speech ("noun", "verb", "adj", "adv") in the English model's
    own lemmatizer tables, read from the installed model package named in the default
    settings; empty if it has none."""
    # imported here: only this reader needs spaCy and the settings, and lexicons load early
    from spacy.lookups import Lookups
    from spacy.util import get_package_path

    from ...errors import SettingsError
    from ...settings import load_settings
    try:
        root = get_package_path(load_settings().get("model", "name"))
    except (ImportError, OSError, SettingsError):
        return frozenset()
    for path in sorted(root.glob("*/lemmatizer/lookups")):
        lookups = Lookups().from_disk(path)
        if lookups.has_table("lemma_index"):
            return frozenset(lookups.get_table("lemma_index").get(pos, []))
    return frozenset()
