"""Hedges and vague sourcing as one measure: the sourcing profile counts the author's
sentences that hedge or rest on a vague source, and the framing profile reports the same."""
from __future__ import annotations

from presstrace.report import framing_lines, sourcing_lines


def test_hedging_counts_hedges_and_vague_sources_once_per_sentence(run):
    text = ("The general reportedly resigned on Monday, and it is believed he left the capital. "
            "Some analysts say the army is exhausted. "
            "The parliament met on Tuesday and passed the budget.")
    art = run(text)
    assert art.sourcing.hedged_sentences == 2
    assert art.sourcing.hedged == round(2 / 3, 4)


def test_hedging_leaves_out_hedges_inside_quotes(run):
    art = run('"The general reportedly resigned," the mayor said on Monday.')
    assert art.sourcing.hedged_sentences == 0


def test_hedging_sourcing_and_framing_profiles_agree(run):
    art = run("The minister reportedly resigned. The parliament met on Tuesday.")
    line = "hedging: 1 sentences (50%) hedged or vaguely sourced - reportedly"
    assert line in framing_lines(art)
    assert "  " + line in sourcing_lines(art)
