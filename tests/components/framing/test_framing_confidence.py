"""Precision before recall: each framing technique carries its PTC tune precision as its
confidence; those below 0.5 are experimental and left out of the views unless switched on."""
from __future__ import annotations

from presstrace.components.framing.confidence import (CONFIDENT, experimental, is_confident, table,
                                                      technique_confidence)
from presstrace.records import AnalyzedArticle, Framing
from presstrace.report import framing_lines


def test_confidence_table_covers_the_techniques_with_precisions():
    assert {"loaded_language", "name_calling", "bandwagon"} <= set(table())
    assert all(0 <= p <= 1 for p in table().values())
    assert set(experimental()) == {t for t, p in table().items() if p < CONFIDENT}


def test_confidence_records_carry_their_techniques_figure(run):
    art = run("The regime's thugs unleashed a brutal crackdown, reportedly in Kiev.")
    for f in art.framing:
        assert f.confidence == technique_confidence(f.technique)
        assert (f.confidence is None) == (f.technique in ("naming_choice", "hedge"))


def test_confidence_views_leave_out_experimental_items_unless_switched_on():
    low = Framing(0, 5, "bloody", "loaded_language", confidence=0.3)
    high = Framing(6, 10, "Nazi", "bandwagon", confidence=0.6)
    old = Framing(11, 15, "thug", "name_calling", confidence=None)  # stored before the field
    assert [is_confident(f) for f in (low, high, old)] == [False, True, True]
    assert is_confident(low, ["loaded_language"]) and is_confident(low, ["*"])
    assert is_confident({"technique": "loaded_language", "confidence": 0.3}, ["*"])
    art = AnalyzedArticle(text="bloody Nazi thug", framing=[low, high, old])
    assert framing_lines(art)[0] == "framing: 2 spans - bandwagon 1, name_calling 1 (1 experimental, not counted)"
    assert framing_lines(art, ["*"])[0] == "framing: 3 spans - bandwagon 1, loaded_language 1, name_calling 1"
