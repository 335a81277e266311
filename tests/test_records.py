"""Record model: dict round trips and the shipped JSON Schema."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from presstrace.records import (Actor, AnalyzedArticle, ArticleError, Claim, ClaimSource, Entity,
                                Event, Framing, Mention, NonContent, Place, Quote, Speaker, Sourcing,
                                TextSpan, Time, Tone)
from presstrace.layers import SPAN_LAYERS
from presstrace.schema import validate_output

TEXT = "President Trump said on Friday: \"We talked.\" Sudzha fell, reports said. (Photo: AFP)"


def full_article() -> AnalyzedArticle:
    def span(s: str, cls=TextSpan, **kw):
        i = TEXT.index(s)
        return cls(start=i, end=i + len(s), text=s, **kw)
    return AnalyzedArticle(
        text=TEXT, id="a1", date="2025-03-14", source="Example", title="T", url="https://example.org/a",
        entities=[Entity(id="E1", name="Trump", label="PERSON", mentions=[span("President Trump", Mention)],
                         references=[], aliases=[])],
        quotes=[span("We talked.", Quote, id="Q1", speaker=span("Trump", Speaker, entity="E1", name="Trump"),
                     cue=span("said"), channel=None, kind="direct")],
        claims=[span("Sudzha fell", Claim, id="C1", source=ClaimSource(kind="vague", text="reports", start=TEXT.index("reports"),
                                                                    end=TEXT.index("reports") + 7))],
        sourcing=Sourcing(named=0.5, vague=0.5, unattributed=0.0, quoted_speakers={"Trump": 1}),
        times=[span("Friday", Time, type="DATE", value="2025-03-14")],
        places=[span("Sudzha", Place, name="Sudzha", geonameid=486816, lat=51.19, lon=35.27, country="RU",
                     admin1="Kursk", feature="PPL")],
        amounts=[], events=[span("Sudzha fell", Event, id="V1", type="ASSAULT",
                                 source_actor=Actor(country="RUS", sector="MIL"), target_actor=None)],
        tone=Tone(score=-1.0, positive=1.0, negative=2.0, polarity=3.0),
        framing=[span("talked", Framing, technique="loaded_language")],
        noncontent=[span("(Photo: AFP)", NonContent, kind="photo_credit")],
    )


@pytest.mark.parametrize("article", [full_article(), AnalyzedArticle(text="x")])
def test_records_dict_round_trip(article):
    data = json.loads(json.dumps(article.to_dict()))
    assert AnalyzedArticle.from_dict(data) == article


@pytest.mark.parametrize("article", [full_article(), AnalyzedArticle(text="")])
def test_records_output_matches_json_schema(article):
    data = article.to_dict()
    validate_output(data)
    assert data["schema"] == "presstrace/1"
    assert all(isinstance(data[layer], list) for layer in SPAN_LAYERS)


@pytest.mark.parametrize("bad", [{"schema": "presstrace/1", "text": "x"},
                                 {**AnalyzedArticle(text="x").to_dict(), "times": [{"start": 0}]},
                                 {"schema": "presstrace/1", "id": "a", "error": {"code": ""}}])
def test_records_schema_rejects_broken_output(bad):
    import jsonschema
    with pytest.raises(jsonschema.ValidationError):
        validate_output(bad)


@pytest.mark.parametrize("code", ["empty", "binary"])
def test_records_error_record_shape(code):
    data = ArticleError(code, "why", id="a").to_dict()
    validate_output(data)
    assert data == {"schema": "presstrace/1", "id": "a", "error": {"code": code, "message": "why"}}


words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)


@hsettings(max_examples=60, deadline=None)
@given(text=words, name=words, start=st.integers(0, 5), kind=st.sampled_from(["name", "pronoun"]),
       value=st.one_of(st.none(), words), lat=st.floats(-90, 90))
def test_records_round_trip_property(text, name, start, kind, value, lat):
    art = AnalyzedArticle(text=text, entities=[Entity(id="E1", name=name, label="ORG",
                                                      mentions=[Mention(start, start, "", kind)])],
                          times=[Time(0, 0, "", type="SET", value=value)],
                          places=[Place(0, 0, "", name=name, lat=lat, lon=0.0)])
    assert AnalyzedArticle.from_dict(json.loads(json.dumps(art.to_dict()))) == art
