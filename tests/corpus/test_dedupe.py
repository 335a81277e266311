"""Near-duplicates (`corpus/dedupe.py`): MinHash signatures find a lightly changed copy and
not a reordered text; short texts are not signed; a store signed with other settings is
refused."""
from __future__ import annotations

import pytest

from presstrace.corpus.dedupe import DedupeConfig, NearDuplicateIndex, shingles
from presstrace.store.errors import StoreError

WORDS = ("Officials in Kyiv said on Tuesday that repairs to the power grid would take weeks after "
         "overnight strikes damaged substations across the east of the country while engineers "
         "worked in freezing weather to restore heating to hospitals schools and apartment blocks "
         "and the national operator asked households to limit their use of electricity during the "
         "evening peak hours until further notice").split()


@pytest.mark.parametrize("change,is_duplicate", [(lambda w: w[:-2] + ["today", "officials"], True),
                                                 (lambda w: list(reversed(w)), False)])
def test_dedupe_finds_near_duplicates_only(store, change, is_duplicate):
    index = NearDuplicateIndex.from_store(store, DedupeConfig(0.8, 128, 5, 20))
    original = index.signature(" ".join(WORDS))
    index.add(1, original)
    match = index.find(store, index.signature(" ".join(change(list(WORDS)))))
    assert (match is not None) is is_duplicate
    if is_duplicate:
        assert match.original_id == 1 and match.similarity >= 0.8


def test_dedupe_skips_short_texts_and_checks_settings(store):
    index = NearDuplicateIndex.from_store(store, DedupeConfig(0.8, 128, 5, 20))
    assert index.signature("Kyiv said no.") is None
    assert shingles("A b c", 5) == {b"a b c"}
    with pytest.raises(StoreError, match="num_perm"):
        NearDuplicateIndex.from_store(store, DedupeConfig(0.8, 64, 5, 20))
