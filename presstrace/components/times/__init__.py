"""The times layer: TIMEX3 expressions found by a grammar and normalised against the
article's date."""
