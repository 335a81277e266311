"""A definite description as speaker names the one person whose titles fit it."""
from __future__ import annotations

import pytest


def speakers(art):
    return [(q.speaker.text, q.speaker.name) if q.speaker else None for q in art.quotes]


@pytest.mark.parametrize("text,name", [
    # a title before the name
    ('CIA Director William Burns spoke at a forum on Tuesday. "We are watching closely," '
     'the CIA director said.', "William Burns"),
    # an apposition after it
    ('Dmytro Kuleba, the foreign minister, flew to Brussels. "Weapons, weapons, weapons," '
     'the foreign minister told reporters.', "Dmytro Kuleba"),
])
def test_a_description_names_the_person_it_fits(run, text, name):
    assert speakers(run(text))[-1][1] == name


def test_a_description_two_people_fit_names_nobody(run):
    text = ('Defence Minister Anna Berg met Defence Minister Lars Holm in Oslo. '
            '"The talks went well," the defence minister said.')
    speaker = speakers(run(text))[-1]
    assert speaker is not None and speaker[1] == "the defence minister"


def test_a_description_no_one_fits_stays_a_description(run):
    text = ('Mayor Tom Reed opened the bridge. "It took ten years," the chief engineer said.')
    assert speakers(run(text))[-1][1] == "the chief engineer"
