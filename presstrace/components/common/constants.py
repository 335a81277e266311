"""Facts of English and of the label scheme that several layers test against."""
from __future__ import annotations

# Dependency labels of a clause's subject (active and passive).
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# spaCy (OntoNotes) labels of named places: countries and cities, other locations, facilities.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# English modal auxiliaries as spaCy tokenises them ("won't" is "wo" + "n't", "can't" "ca" + "n't").
MODALS = frozenset({"will", "would", "could", "can", "may", "might", "must", "shall", "should", "'ll", "wo", "ca"})
# Penn tags of finite verb forms (past, present, modal): a clause that can stand alone has one.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
