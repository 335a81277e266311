"""Events layer: PLOVER types, actors with country and sector, qualities (text -> records)."""
from __future__ import annotations

import pytest


def event(art, etype):
    found = [e for e in art.events if e.type == etype]
    assert found, f"no {etype} event: {[(e.type, e.text) for e in art.events]}"
    return found[0]


@pytest.mark.parametrize("text,etype", [
    ("Russian forces shelled the city of Kharkiv overnight.", "ASSAULT"),
    ("The town of Izium was captured by Russian troops in April.", "ASSAULT"),
    ("Ukrainian troops surrounded the Russian garrison on three sides.", "ASSAULT"),
    ("The Russian withdrawal from Kherson was completed on Friday.", "RETREAT"),
    ("Ukraine withdrew its forces from Severodonetsk.", "RETREAT"),
    ("Emmanuel Macron held a phone call with Vladimir Putin on Sunday.", "CONSULT"),
    ("Olaf Scholz met Joe Biden at the White House.", "CONSULT"),
    ("Zelensky urged NATO to close the sky over Ukraine.", "REQUEST"),
    ("The appeal by the Red Cross for a ceasefire went unanswered.", "REQUEST"),
    ("The European Union imposed sanctions on Russian banks.", "SANCTION"),
    ("Police arrested dozens of protesters in Moscow.", "COERCE"),
    ("Thousands of demonstrators protested in Tbilisi against the law.", "PROTEST"),
    ("Washington accused Moscow of war crimes.", "ACCUSE"),
    ("The minister has come under fierce criticism from the opposition.", "ACCUSE"),
    ("Kyiv rejected the Russian proposal.", "REJECT"),
    ("Russia threatened to cut gas supplies to Europe.", "THREATEN"),
    ("Germany sent humanitarian aid to Poland.", "AID"),
    ("The Kremlin ordered a partial mobilisation of reservists.", "MOBILIZE"),
    ("The two sides agreed to a prisoner exchange.", "AGREE"),
])
def test_events_types(run, text, etype):
    ev = event(run(text, "2022-06-01"), etype)
    assert text[ev.start:ev.end] == ev.text


@pytest.mark.parametrize("text,etype,src,src_country,src_sector", [
    ("Russian forces shelled the city of Kharkiv overnight.", "ASSAULT", "Russian forces", "RUS", "MIL"),
    ("The town of Izium was captured by Russian troops in April.", "ASSAULT", "Russian troops", "RUS", "MIL"),
    ("The European Union imposed sanctions on Russian banks.", "SANCTION", "European Union", None, "IGO"),
    ("The Kremlin ordered a partial mobilisation of reservists.", "MOBILIZE", "Kremlin", "RUS", "GOV"),
])
def test_events_source_actor_country_and_sector(run, text, etype, src, src_country, src_sector):
    ev = event(run(text), etype)
    assert ev.source_actor is not None and src in (ev.source_actor.text or "")
    assert (ev.source_actor.country, ev.source_actor.sector) == (src_country, src_sector)


def test_events_passive_target_place_and_date(run):
    art = run("On Thursday the town of Sudzha was taken back by Russian forces.", "2025-03-14")
    ev = event(art, "ASSAULT")
    assert ev.mode == "occupy/seize territory"
    assert ev.date == "2025-03-13" and ev.date_source == "text"


def test_events_article_date_is_marked_as_such(run):
    ev = event(run("Ukrainian troops surrounded the garrison.", "2024-05-02"), "ASSAULT")
    assert (ev.date, ev.date_source) == ("2024-05-02", "article")


@pytest.mark.parametrize("text,etype,negated,hypothetical", [
    ("Russia did not attack the convoy.", "ASSAULT", True, False),
    ("Turkey will support Finland's application.", "AGREE", False, True),
    ("The army would attack the city if talks failed.", "THREATEN", False, True),
])
def test_events_qualities(run, text, etype, negated, hypothetical):
    ev = event(run(text), etype)
    assert (ev.negated, ev.hypothetical) == (negated, hypothetical)


def test_events_reported_by_links_the_claim(run):
    art = run("Officials said Russian forces had captured the village.")
    ev = event(art, "ASSAULT")
    claim = next(c for c in art.claims if c.id == ev.reported_by)
    assert claim.source.kind == "vague"


def test_events_content_of_another_event_is_not_coded_twice(run):
    art = run("Kyiv rejected a Russian request for talks.")
    assert [e.type for e in art.events] == ["REJECT"]


def test_events_key_is_stable_for_the_same_event(run):
    a = event(run("Russian forces shelled Kharkiv on Monday.", "2022-05-03"), "ASSAULT")
    b = event(run("On Monday, Kharkiv was shelled by Russian forces.", "2022-05-03"), "ASSAULT")
    assert a.key == b.key
