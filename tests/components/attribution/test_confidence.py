"""Confidence of speakers and sources: the evidence class of each, and the shipped table."""
from __future__ import annotations

import pytest

from presstrace.components.attribution.confidence import mention_kind, table
from presstrace.records import ClaimSource, Speaker


@pytest.mark.parametrize("who,kind", [
    (Speaker(0, 5, "Putin", entity="E1", name="Vladimir Putin"), "name"),
    (Speaker(0, 2, "he", entity="E1", name="Vladimir Putin"), "resolved"),
    (Speaker(0, 2, "he"), "pronoun"),
    (Speaker(0, 18, "the Russian leader", name="the Russian leader"), "description"),
    (ClaimSource("vague", name="war analysts", start=0, end=12, text="war analysts"), "description"),
])
def test_confidence_mention_kind(who, kind):
    assert mention_kind(who) == kind


def test_confidence_table_has_a_figure_for_every_layer():
    found = table()
    assert ("quote", "*", "*") in found and ("claim", "*", "*") in found
    assert all(0.0 <= v <= 1.0 for v in found.values())


def test_confidence_a_named_speaker_next_to_the_quote_outranks_an_inherited_one(run):
    art = run('Volodymyr Zelensky spoke on Monday.\n\n"We will hold the line," Zelensky said.\n\n'
              '"Our people know what is at stake and they will not give up."')
    first, second = art.quotes
    assert first.speaker.confidence > 0.8
    assert second.speaker.name == "Volodymyr Zelensky" and second.speaker.confidence < first.speaker.confidence


def test_confidence_every_claim_with_a_source_carries_one(run):
    art = run("Ukrainian officials said the bridge was destroyed. According to Reuters, talks resumed.")
    sourced = [c for c in art.claims if c.source.kind != "unattributed"]
    assert sourced and all(0.0 <= c.source.confidence <= 1.0 for c in sourced)
