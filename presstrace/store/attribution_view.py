"""Which stored attributions the corpus views credit to a person.

Entity pages, the quotation network, the outlet comparison's quoted speakers and the
home page's "most quoted" credit a quote to its speaker only when the speaker's calibrated
confidence is at least `CONFIDENT_SPEAKER`; the quote itself is still counted, as one
without a speaker. `query quotes --min-confidence` and the API choose their own bar.
"""
from __future__ import annotations

# Below three in four, a credited speaker is wrong often enough to mislead a reader of an
# entity page (the class "a quote's governing verb's subject, a description" is 0.55).
# Quotes of older stores have no confidence (NULL) and keep their speaker.
CONFIDENT_SPEAKER = 0.75


def confident_speaker(alias: str = "q") -> str:
    """An SQL condition: the quote (as `alias`) has a speaker confident enough to credit."""
    return f"({alias}.speaker_confidence IS NULL OR {alias}.speaker_confidence >= {CONFIDENT_SPEAKER})"
