"""Amounts layer: values, bounds, units and counted objects; what is not an amount (text -> records)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from presstrace.components.amounts.grammar import find_quantities, words_value

FIELDS = ("text", "value", "low", "high", "unit", "object", "approx")


def amount(art, text):
    """The amount whose text is exactly `text`."""
    found = [a for a in art.amounts if a.text == text]
    assert found, f"no amount {text!r}: {[a.text for a in art.amounts]}"
    return found[0]


@pytest.mark.parametrize("sentence,expected", [
    ("Kyiv’s forces managed to seize some 1,300 sq km of Russian territory.",
     ("some 1,300 sq km", 1300, None, None, "km2", "Russian territory", True)),
    ("The cost has been tens of thousands of Ukrainian troops lost.",
     ("tens of thousands of Ukrainian troops", None, 10000, 99999, None, "troops", True)),
    ("At this moment, thousands of Ukrainian troops are surrounded.",
     ("thousands of Ukrainian troops", None, 1000, 9999, None, "troops", True)),
    ("Russia retook well over a dozen towns and settlements in rapid fashion.",
     ("well over a dozen towns and settlements", None, 13, None, None, "towns and settlements", False)),
    ("The territory they hold has shrunk at least four-fold.",
     ("at least four-fold", None, 4, None, "fold", None, False)),
    ("The deal is worth $2.5bn over five years.",
     ("$2.5bn", 2.5e9, None, None, "USD", None, False)),
    ("The EU pledged €300 million in aid.",
     ("€300 million", 3e8, None, None, "EUR", None, False)),
    ("Turnout fell to 15% of registered voters.",
     ("15%", 15, None, None, "percent", "registered voters", False)),
    ("A third of the budget goes to defence.",
     ("A third", 0.333, None, None, "fraction", "budget", False)),
    ("More than 40 soldiers were wounded.",
     ("More than 40 soldiers", None, 41, None, None, "soldiers", False)),
    ("Fewer than 40 civilians remained.",
     ("Fewer than 40 civilians", None, None, 39, None, "civilians", False)),
    ("Dozens of homes were destroyed.",
     ("Dozens of homes", None, 24, 143, None, "homes", True)),
    ("Hundreds of people gathered outside.",
     ("Hundreds of people", None, 100, 999, None, "people", True)),
    ("Only a handful of residents stayed.",
     ("a handful of residents", None, 2, 9, None, "residents", True)),
    ("Between 10 and 15 tanks were lost.",
     ("Between 10 and 15 tanks", None, 10, 15, None, "tanks", False)),
    ("Prices rose by up to 20 percent.",
     ("up to 20 percent", None, None, 20, "percent", None, False)),
    ("Nearly 300 people were evacuated.",
     ("Nearly 300 people", None, None, 300, None, "people", True)),
    ("An estimated 1.2 million refugees crossed the border.",
     ("An estimated 1.2 million refugees", 1.2e6, None, None, None, "refugees", True)),
    ("Twenty-five people were arrested.",
     ("Twenty-five people", 25, None, None, None, "people", False)),
    ("He paid £1.2 billion for the club.",
     ("£1.2 billion", 1.2e9, None, None, "GBP", None, False)),
])
def test_amounts_values_units_and_objects(run, sentence, expected):
    a = amount(run(sentence), expected[0])
    got = tuple(getattr(a, f) for f in FIELDS)
    assert got[0] == expected[0]
    for name, g, e in zip(FIELDS[1:], got[1:], expected[1:]):
        if isinstance(e, float):
            assert g == pytest.approx(e, rel=1e-3), name
        else:
            assert g == e, name


@pytest.mark.parametrize("sentence,not_amount", [
    ("The war began in 2024 and ended in 2025.", "2024"),
    ("It was the first time since World War II.", "II"),
    ("A Boeing 737 landed at 10 a.m.", "737"),
    ("The meeting is on 14 March.", "14"),
    ("The driver, 39, was taken to hospital.", "39"),
    ("Traffic was diverted onto Highway 59 near the bridge.", "59"),
    ("He finished 2nd in the race, after the first lap.", "2nd"),
    ("The team won 2-0 on Saturday.", "2-0"),
    ("A fire broke out at 775 Main St. on Sunday.", "775"),
    ("It happened at one point last year.", "one"),
])
def test_amounts_skip_years_dates_names_and_bare_numbers(run, sentence, not_amount):
    art = run(sentence)
    assert not any(not_amount in a.text for a in art.amounts), [a.text for a in art.amounts]


@pytest.mark.parametrize("words,value", [
    ("twenty-five", 25), ("two hundred", 200), ("three million", 3e6), ("one hundred and twenty", 120),
    ("ninety nine", 99), ("banana", None),
])
def test_amounts_number_words(words, value):
    assert words_value(words) == value


AMOUNT_PHRASES = st.sampled_from([
    "more than 40 soldiers", "up to 20 percent", "fewer than 3 cars", "between 10 and 15 tanks",
    "tens of thousands of troops", "at least four-fold", "$2.5bn", "nearly 300 people", "10-15 people",
    "six or seven calls", "about 15%", "a third of the vote", "well over a dozen towns", "2-0",
    "under 1.5 million", "1,300 sq km", "€300 million", "dozens", "twenty-five",
])


@hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(AMOUNT_PHRASES, st.text(max_size=12)), max_size=8))
def test_amounts_bounds_are_ordered_and_offsets_hold(parts):
    text = " ".join(parts)
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        if q.low is not None and q.high is not None:
            assert q.low <= q.high, (text, q)


@pytest.mark.parametrize("text", [
    "Some 1,300 sq km; more than 40 soldiers; between 10 and 15 tanks; $2.5bn; 15%; dozens of homes.",
    "\u00a0$ 5 , 000 — 12-fold?? 3..5 % of 1/2 ",
])
def test_amounts_records_keep_offsets_and_order(run, text):
    art = run(text)
    for a in art.amounts:
        assert text[a.start:a.end] == a.text
        if a.low is not None and a.high is not None:
            assert a.low <= a.high
    assert [a.start for a in art.amounts] == sorted(a.start for a in art.amounts)


@pytest.mark.parametrize("text,unit", [("They paid a$0 fee.", "AUD"), ("It cost us$40.", "USD")])
def test_amounts_a_currency_sign_in_lower_case_is_read(text, unit):
    assert [q.unit for q in find_quantities(text)] == [unit]
