"""English number words: the one parser the times and amounts layers share."""
from __future__ import annotations

import re
from typing import Optional

SMALL = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def words_value(text: str) -> Optional[float]:
    """The value of a number written in words ("twenty-five", "two hundred", "three
    thousand five hundred"), or None when a word of it is no number word."""
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", text.lower()):
        if word == "and":
            continue
        if word in SMALL:
            current += SMALL[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0.0
        else:
            return None
    return total + current
