"""Times layer: TIMEX3 expressions normalised against the article date (text -> records).

Unless a row says otherwise the article date is Friday 2025-03-14.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from presstrace.components.times.lexicon import parse_number, spoken_year
from presstrace.components.times.values import duration, month_day_date, parse_date, weekday_date

DATE = "2025-03-14"

# The TIMEX3 value grammar (TimeML 1.2.1) as far as presstrace writes it.
_Y = r"(?:\d{4}|XXXX)"
_DATE = (rf"(?:{_Y}(?:-(?:\d\d|XX)(?:-(?:\d\d|XX))?|-W(?:\d\d|XX)(?:-(?:[1-7]|WE))?|-Q[1-4X]|-H[12]"
         r"|-(?:SP|SU|FA|WI))?|[\dX]{2,3})")
_NUM = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"P(?:(?:{_NUM}(?:Y|M|W|D|DE|CE|ML))+(?:T(?:{_NUM}[HMS])+)?|T(?:{_NUM}[HMS])+)"
TIMEX3_VALUE = re.compile(rf"(?:{_DATE}(?:T(?:\d\d:\d\d(?::\d\d)?|MO|AF|EV|NI|DT))?|{_DURATION}"
                          r"|PRESENT_REF|PAST_REF|FUTURE_REF)")
TYPES = {"DATE", "TIME", "DURATION", "SET"}


def times_of(art) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in art.times]


def found(art, text: str):
    """The one time record whose text is `text`."""
    hits = [t for t in art.times if t.text == text]
    assert hits, f"no time {text!r} in {times_of(art)}"
    return hits[0]


@pytest.mark.parametrize("text,span,value", [
    ("President Trump has revealed Friday that he held a call.", "Friday", "2025-03-14"),
    ("The call, held Thursday, included a plea.", "Thursday", "2025-03-13"),
    ("Already as of Wednesday there were reports of a withdrawal.", "Wednesday", "2025-03-12"),
    ("Trump and Putin will meet on Monday.", "Monday", "2025-03-17"),
    ("The talks are set to resume Tuesday in Riyadh.", "Tuesday", "2025-03-18"),
    ("The court has given them until Tuesday to reply.", "Tuesday", "2025-03-18"),
    ("Officials said last Wednesday that the deal was off.", "last Wednesday", "2025-03-12"),
    ("He spoke on Wednesday morning.", "Wednesday morning", "2025-03-12TMO"),
])
def test_times_weekdays_follow_the_tense(run, text, span, value):
    assert found(run(text, DATE), span).value == value


@pytest.mark.parametrize("text,span,typ,value", [
    ("We spoke with him yesterday.", "yesterday", "DATE", "2025-03-13"),
    ("The summit opens today.", "today", "DATE", "2025-03-14"),
    ("The vote is tomorrow.", "tomorrow", "DATE", "2025-03-15"),
    ("He will speak tonight.", "tonight", "TIME", "2025-03-14TNI"),
    ("Drones attacked the city last night.", "last night", "TIME", "2025-03-13TNI"),
    ("The vote is at 3 p.m.", "3 p.m.", "TIME", "2025-03-14T15:00"),
    ("They met on Thursday and spoke again at 3 p.m.", "3 p.m.", "TIME", "2025-03-13T15:00"),
    ("The match was postponed until 15:00 GMT Saturday.", "15:00 GMT Saturday", "TIME", "2025-03-15T15:00"),
])
def test_times_days_and_clock_times(run, text, span, typ, value):
    t = found(run(text, DATE), span)
    assert (t.type, t.value) == (typ, value)


@pytest.mark.parametrize("text,span,value", [
    ("Casualties rose last week.", "last week", "2025-W10"),
    ("Talks continue this week.", "this week", "2025-W11"),
    ("Elections are due next month.", "next month", "2025-04"),
    ("Exports fell last year.", "last year", "2024"),
    ("Prices rose this month.", "this month", "2025-03"),
    ("Earlier this year the army advanced.", "Earlier this year", "2025"),
    ("Ukraine launched the incursion in August.", "August", "2024-08"),
    ("The talks will resume in August.", "August", "2025-08"),
    ("The order was signed on August 5.", "August 5", "2024-08-05"),
    ("Troops crossed the border on 5 August 2024.", "5 August 2024", "2024-08-05"),
    ("Troops crossed the border on Aug. 5, 2024.", "Aug. 5, 2024", "2024-08-05"),
    ("The report is dated 2024-08-05.", "2024-08-05", "2024-08-05"),
    ("The memo is dated 08/05/2024.", "08/05/2024", "2024-08-05"),
    ("Nationalism grew in the 1990s.", "the 1990s", "199"),
    ("The treaty was signed in 1996.", "1996", "1996"),
    ("He left two years ago.", "two years ago", "2023"),
    ("The strike happened three days ago.", "three days ago", "2025-03-11"),
    ("Revenue in fiscal 2024 rose.", "fiscal 2024", "2024"),
    ("Sales in FY2025 will grow.", "FY2025", "2025"),
    ("Last summer the front barely moved.", "Last summer", "2024-SU"),
    ("Profit rose in the first quarter.", "the first quarter", "2025-Q1"),
    ("The payment is due at the end of the year.", "the end of the year", "2025"),
    ("The summit is scheduled for June 3.", "June 3", "2025-06-03"),
    ("The 20th century ended.", "The 20th century", "19"),
])
def test_times_dates_are_normalised_against_the_article_date(run, text, span, value):
    t = found(run(text, DATE), span)
    assert (t.type, t.value) == ("DATE", value)


@pytest.mark.parametrize("text,span,value", [
    ("In recent days fighting intensified.", "recent days", "PAST_REF"),
    ("The town was recently retaken.", "recently", "PAST_REF"),
    ("The army is now retreating.", "now", "PRESENT_REF"),
    ("Troops are currently surrounded.", "currently", "PRESENT_REF"),
    ("The plan may change in the near future.", "the near future", "FUTURE_REF"),
])
def test_times_vague_references(run, text, span, value):
    assert found(run(text, DATE), span).value == value


@pytest.mark.parametrize("text,span,typ,value", [
    ("Over the past decade the economy grew.", "the past decade", "DURATION", "P10Y"),
    ("They fought for three days.", "three days", "DURATION", "P3D"),
    ("A two-year deal was signed.", "two-year", "DURATION", "P2Y"),
    ("The siege lasted six months.", "six months", "DURATION", "P6M"),
    ("They waited for hours.", "hours", "DURATION", "PTXH"),
    ("It took about two hours.", "about two hours", "DURATION", "PT2H"),
    ("A minute and a half later the line went dead.", "A minute and a half", "DURATION", "PT1M30S"),
    ("Repairs take half an hour.", "half an hour", "DURATION", "PT30M"),
    ("The work will take the next few days.", "the next few days", "DURATION", "PXD"),
    ("Patrols run every week.", "every week", "SET", "P1W"),
    ("The council meets daily.", "daily", "SET", "P1D"),
    ("Inspections happen each Monday.", "each Monday", "SET", "XXXX-WXX-1"),
    ("The festival is held annually.", "annually", "SET", "P1Y"),
    ("Markets close on Sundays.", "Sundays", "SET", "XXXX-WXX-7"),
])
def test_times_durations_and_sets(run, text, span, typ, value):
    t = found(run(text, DATE), span)
    assert (t.type, t.value) == (typ, value)


@pytest.mark.parametrize("text,expected", [
    ("The buyback could take between 12 and 18 months.", [("12", "P12M"), ("18 months", "P18M")]),
    ("Recovery takes two to six days.", [("two", "P2D"), ("six days", "P6D")]),
    ("The pandemic of 2009-2010 killed many.", [("2009", "2009"), ("2010", "2010")]),
])
def test_times_ranges_are_split(run, text, expected):
    assert [(t.text, t.value) for t in run(text, DATE).times] == expected


@pytest.mark.parametrize("text,expected", [
    ("In 2019 he was elected. That year the war began. The following year it ended.",
     [("2019", "2019"), ("That year", "2019"), ("The following year", "2020")]),
    ("Third-quarter profit fell to $2 million from $5 million a year earlier.",
     [("Third-quarter", "2024-Q3"), ("a year earlier", "2023-Q3")]),
])
def test_times_anaphora_counts_from_the_last_date(run, text, expected):
    assert [(t.text, t.value) for t in run(text, DATE).times] == expected


@pytest.mark.parametrize("text,span,value", [
    ("Trump and Putin will meet on Monday.", "Monday", "XXXX-WXX-1"),
    ("The incursion began in August.", "August", "XXXX-08"),
    ("We spoke yesterday.", "yesterday", "XXXX-XX-XX"),
    ("He left two years ago.", "two years ago", "PAST_REF"),
    ("Casualties rose last week.", "last week", "XXXX-WXX"),
    ("Last summer the front barely moved.", "Last summer", "XXXX-SU"),
    ("The vote is at 3 p.m.", "3 p.m.", "XXXX-XX-XXT15:00"),
    ("The call, held Thursday, included a plea.", "Thursday", "XXXX-WXX-4"),
])
def test_times_without_a_date_stay_underspecified(run, text, span, value):
    assert found(run(text), span).value == value


@pytest.mark.parametrize("text", [
    "You may march on the capital.",
    "We saw the sun rise over the river.",
    "The second call came later. We talked for a second time.",
    "Theresa May spoke to reporters.",
    "Some 2,000 troops and 1500 soldiers held 1,300 sq km.",
    "Her 6-year-old son and the 35 years old pilot survived.",
    "The Communist Party daily Granma printed the speech.",
    "He appeared on \"This Week\" and on \"Today Show\".",
    "March 8 marchers gathered; the march ended. may it end.",
])
def test_times_ordinary_words_are_not_times(run, text):
    # "March 8" is a date; nothing else in these sentences is.
    assert [t.text for t in run(text, DATE).times] in ([], ["March 8"])


@pytest.mark.parametrize("text,span", [
    ("The two leaders will meet on Monday.", "Monday"),
    ("Fighting eased in the past week.", "the past week"),
    ("The drone attack came two years ago.", "two years ago"),
    ("It lasted about two years.", "about two years"),
    ("The army advanced last summer.", "last summer"),
    ("The offensive began in early December.", "early December"),
    ("Prices rose since 1990.", "1990"),
])
def test_times_spans_follow_timeml(run, text, span):
    assert [t.text for t in run(text, DATE).times] == [span]


@pytest.mark.parametrize("text,span,value", [
    ("Casualties rose last week.", "last week", "2025-W11"),
    ("Over the weekend fighting continued.", "the weekend", "2025-W11-WE"),
])
def test_times_weeks_on_a_sunday(run, text, span, value):
    assert found(run(text, "2025-03-16"), span).value == value


@pytest.mark.parametrize("name,expected", [("Friday", "2025-03-14"), ("August", "2024-08")])
def test_times_seed_sample(run, seed_path, name, expected):
    raw = seed_path.read_text("utf-8").strip()
    date, text = re.match(r"date\s+(\S+)\s+(.*)", raw, re.S).groups()
    art = run(text, date)
    assert (found(art, name).type, found(art, name).value) == ("DATE", expected)


@pytest.mark.parametrize("today,weekday,direction,expected", [
    ("2025-03-14", 5, None, "2025-03-14"),
    ("2025-03-14", 1, "past", "2025-03-10"),
    ("2025-03-14", 1, "future", "2025-03-17"),
    ("2025-03-14", 6, "present", "2025-03-15"),
])
def test_times_weekday_arithmetic(today, weekday, direction, expected):
    assert weekday_date(parse_date(today), weekday, direction).isoformat() == expected


@pytest.mark.parametrize("today,month,dom,direction,expected", [
    ("1989-10-27", 12, 7, None, "1989-12-07"),   # nearer ahead
    ("1998-08-18", 8, 7, None, "1998-08-07"),    # nearer behind
    ("1999-05-06", 10, 23, "past", "1998-10-23"),
    ("2025-03-14", 2, 29, None, "2024-02-29"),   # only leap years have it
])
def test_times_month_day_arithmetic(today, month, dom, direction, expected):
    assert month_day_date(parse_date(today), month, dom, direction).isoformat() == expected


@pytest.mark.parametrize("words,number", [
    ("three", 3.0), ("twenty-one", 21.0), ("a couple of", 2.0), ("several", "X"), ("1,300", 1300.0),
    ("two thousand", 2000.0), ("blue", None),
])
def test_times_number_words(words, number):
    assert parse_number(words) == number


@pytest.mark.parametrize("num,unit,clock,half,value", [
    (3.0, "D", False, False, "P3D"), (2.0, "H", True, False, "PT2H"), ("X", "Y", False, False, "PXY"),
    (1.0, "M", True, True, "PT1M30S"), (1.0, "Y", False, True, "P1Y6M"), (0.5, "H", True, False, "PT30M"),
])
def test_times_duration_values(num, unit, clock, half, value):
    assert duration(num, unit, clock, half) == value


@pytest.mark.parametrize("text,year", [("nineteen ninety-six", 1996), ("twenty twenty", 2020), ("ninety", None)])
def test_times_spoken_years(text, year):
    assert spoken_year(text) == year


@pytest.mark.parametrize("value,ok", [
    ("2025-03-13", True), ("2024-08", True), ("2025-W11", True), ("2025-Q1", True), ("2025-SU", True),
    ("P3D", True), ("PT2H", True), ("PT1M30S", True), ("P1Y6M", True), ("PRESENT_REF", True),
    ("XXXX-08", True), ("2025-03-13T15:00", True), ("2025-03-13TMO", True), ("XXXX-WXX-1", True),
    ("199", True), ("19", True), ("2025-13", True), ("P", False), ("today", False), ("2025-3-1", False),
])
def test_times_value_grammar_itself(value, ok):
    # The grammar is syntactic: "2025-13" is well formed, if not a real month.
    assert bool(TIMEX3_VALUE.fullmatch(value)) == ok


# Text made of pieces of time expressions, so the property tests reach every pattern.
PIECES = st.sampled_from([
    "Friday", "Monday morning", "last", "next", "this", "week", "weekend", "month", "year", "ago", "two",
    "twenty-one", "a", "half", "and a half", "days", "hours", "p.m.", "3", "15:00", "GMT", "noon",
    "August", "Aug.", "May", "march", "5", "31", "2024", "1990s", "'90s", "the", "past", "fiscal", "FY",
    "Q3", "quarter", "summer", "fall", "every", "each", "daily", "Sundays", "yesterday", "tonight", "now",
    "recently", "earlier", "year-earlier", "that", "following", "Christmas", "08/05/2024", "2024-02-30",
    "-", "/", ",", ".", "\n", "between", "and", "to", "will", "said", "é", "日本", "\u0301", "century",
    "21st", "nineteen ninety-six", "o'clock", "in the morning", "until", "since", "early", "mid-",
])
TEXTS = st.one_of(st.text(max_size=120), st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=40).map(" ".join))


@hsettings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, date=st.sampled_from([None, "2025-03-14", "2024-02-29", "2000-01-02", "1999-12-31"]))
def test_times_values_are_valid_timex3_and_offsets_hold(run, text, date):
    if not text.strip():
        return
    art = run(text, date)
    for t in art.times:
        assert art.text[t.start:t.end] == t.text
        assert t.type in TYPES
        assert TIMEX3_VALUE.fullmatch(t.value), (t.text, t.value)
        if date is None:  # a year only when the text names one, never today's
            named = re.search(r"\d\d|nineteen|twenty", t.text, re.I)
            assert named or not re.match(r"\d{4}", t.value), (t.text, t.value)
