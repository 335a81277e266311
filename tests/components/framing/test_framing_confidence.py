"""Precision before recall: each framing item carries the PTC tune precision of its class
(technique, rule, voice, sentence kind) as its confidence; those below 0.5 are experimental
and left out of the views unless switched on."""
from __future__ import annotations

from presstrace.components.framing.confidence import (CONFIDENT, experimental, is_confident, item_confidence,
                                                      table, technique_confidence)
from presstrace.components.framing.item_class import levels, sentence_kind
from presstrace.records import AnalyzedArticle, Framing
from presstrace.report import framing_lines


def test_confidence_table_covers_the_techniques_with_precisions():
    assert {"loaded_language", "name_calling", "bandwagon"} <= set(table())
    assert all(0 <= p <= 1 for p in table().values())
    confident = {key.split("|")[0] for key, p in table().items() if p >= CONFIDENT}
    assert set(experimental()) == {key.split("|")[0] for key in table()} - confident


def test_confidence_records_carry_their_classes_figure(run):
    text = "The regime's thugs unleashed a brutal crackdown, reportedly in Kiev."
    art = run(text)
    for f in art.framing:
        assert f.confidence == item_confidence(f.technique, f.found_by, f.voice, text, f.end)
        assert (f.confidence is None) == (f.technique in ("naming_choice", "hedge"))


def test_item_classes_nest_from_technique_to_sentence_kind():
    text = "Is this a brutal regime? They are thugs! It rained."
    assert levels("loaded_language", "loaded_adj_noun", "quoted", text, 23) == [
        "loaded_language", "loaded_language|loaded_adj_noun", "loaded_language|loaded_adj_noun|quoted",
        "loaded_language|loaded_adj_noun|quoted|question"]
    assert levels("doubt", "doubt_cue:reportedly", None, text, 3)[-1] == "doubt|doubt_cue|author|question"
    assert [sentence_kind(text, end) for end in (10, 38, 50)] == ["question", "exclamation", "statement"]
    assert sentence_kind("Mr. Smith, the U.S. envoy, lied?", 15) == "question"
    assert sentence_kind("A headline without a stop\nBody?", 5) == "statement"


def test_item_confidence_reads_the_finest_class_the_table_lists():
    known = table()
    key = next(k for k in known if k.count("|") == 3)
    technique, rule, voice, kind = key.split("|")
    text = "It was so." if kind == "statement" else ("It was so?" if kind == "question" else "It was so!")
    assert item_confidence(technique, rule + ":cue", voice, text, 5) == known[key]
    unseen = item_confidence(technique, "no_such_rule", voice, text, 5)
    assert unseen == known[technique] == technique_confidence(technique)
    assert item_confidence("hedge", "hedge_word", "author", text, 5) is None


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
