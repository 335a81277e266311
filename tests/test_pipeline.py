"""The pipeline: offsets on arbitrary text, paragraph-bound sentences, batches and errors."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

import spacy

from presstrace import Article, analyze, analyze_many, build_pipeline
from presstrace.components import register_all
from presstrace.components.common.doc import get_layer
from presstrace.errors import InputError, PipelineError, SettingsError
from presstrace.pipeline import check_pipeline, component_config
from presstrace.records import AnalyzedArticle, ArticleError

# Text built from pieces news is made of, so the property test reaches every component.
PIECES = st.sampled_from([
    "President", "Vladimir Putin", "Putin", "Kyiv’s", "Kiev", "Kursk", "he said", "she", "his",
    "\"", "“", "”", "'", "’", ",", ".", "!", "?", ":", " - ", "\n", "\n\n", "  ", "By Jane Doe",
    "Reuters/AFP", "Read more:", "the Financial Times", "EU", "European Union", "Mr.", "Zelenskyy",
    "42", "é", "\u0301", "👩‍👩‍👧", "日本", "שלום", "\t", "Photo: Getty Images",
])
TEXTS = st.one_of(st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map(" ".join))


@hsettings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_pipeline_offsets_hold_on_arbitrary_text(run, spans_of, text):
    try:
        art = run(text)
    except InputError as exc:
        assert exc.code == "empty" and not text.strip()
        return
    assert art.text == text
    for where, rec in spans_of(art):
        assert 0 <= rec.start <= rec.end <= len(text), where
        assert text[rec.start:rec.end] == rec.text, where


@pytest.mark.parametrize("text,breaks", [
    ("He spoke first\n\nthen she answered at length\n\nand the meeting ended without a deal", 2),
    ("Pool photo/EPA\n\nThen she said loudly, \"Stop.\"", 1),
    ("Title Line\nA second line starts here. And goes on.", 1),
])
def test_pipeline_sentences_never_cross_paragraph_breaks(nlp, text, breaks):
    doc = nlp(text)
    for sent in doc.sents:
        assert "\n" not in sent.text.strip(), sent.text
    assert len(list(doc.sents)) >= breaks + 1


@pytest.mark.parametrize("text", ["the tide was\nturning slowly when the ships came in"])
def test_pipeline_hard_wrapped_line_stays_one_sentence(nlp, text):
    doc = nlp(text)
    assert len(list(doc.sents)) == 1


def test_pipeline_batch_keeps_order_and_reports_bad_articles(settings):
    items = [Article("Angela Merkel visited Paris.", id="a"), Article("   \n", id="b"),
             ArticleError("binary", "bytes", id="c"), Article("Boris Johnson met Emmanuel Macron.", id="d")]
    out = list(analyze_many(items, settings=settings, batch_size=2))
    assert [r.id for r in out] == ["a", "b", "c", "d"]
    assert isinstance(out[0], AnalyzedArticle) and isinstance(out[3], AnalyzedArticle)
    assert (out[1].code, out[2].code) == ("empty", "binary")


def test_pipeline_one_failing_article_does_not_stop_the_batch(settings, monkeypatch):
    import presstrace.pipeline as pipeline
    real = pipeline.doc_to_article

    def flaky(doc, article):
        if article.id == "boom":
            raise RuntimeError("component exploded")
        return real(doc, article)
    monkeypatch.setattr(pipeline, "doc_to_article", flaky)
    items = [Article("Paris is big.", id="ok1"), Article("Rome too.", id="boom"), Article("Oslo.", id="ok2")]
    out = list(analyze_many(items, settings=settings))
    assert [type(r).__name__ for r in out] == ["AnalyzedArticle", "ArticleError", "AnalyzedArticle"]
    assert out[1].code == "analysis_failed" and "exploded" in out[1].message


def test_pipeline_worker_processes_give_the_same_result(settings):
    texts = [f"Chancellor Olaf Scholz spoke in Berlin on day {k}. He said Kyiv’s forces held." for k in range(6)]
    items = [Article(t, id=str(k)) for k, t in enumerate(texts)]
    one = [r.to_dict() for r in analyze_many(items, settings=settings)]
    two = [r.to_dict() for r in analyze_many(items, n_process=2, settings=settings, batch_size=2)]
    assert one == two


@pytest.mark.parametrize("bad", [42, None, b"bytes"])
def test_pipeline_analyze_rejects_wrong_types(bad):
    with pytest.raises(TypeError):
        analyze(bad)


def test_pipeline_too_large_is_an_input_error(settings):
    small = settings.with_overrides({"limits": {"max_chars": 10}})
    with pytest.raises(InputError) as info:
        analyze("This text is longer than ten characters.", small)
    assert info.value.code == "too_large"


def test_pipeline_components_write_plain_records(nlp):
    doc = nlp("Reuters/AFP\n\nThe Kremlin said Putin would travel.")
    assert get_layer(doc, "noncontent")[0].kind == "photo_credit"
    assert all(type(e).__module__ == "presstrace.records" for e in get_layer(doc, "entities"))


def test_pipeline_slow_article_becomes_a_timeout_record(settings, monkeypatch):
    import time as _time

    import presstrace.pipeline as pipeline
    real = pipeline.doc_to_article

    def slow(doc, article):
        if article.id == "slow":
            _time.sleep(3)
        return real(doc, article)
    monkeypatch.setattr(pipeline, "doc_to_article", slow)
    quick = settings.with_overrides({"limits": {"max_seconds": 1}})
    items = [Article("Paris is big.", id="a"), Article("Rome too.", id="slow"), Article("Oslo.", id="b")]
    out = list(analyze_many(items, settings=quick, batch_size=3))
    assert [getattr(r, "code", "ok") for r in out] == ["ok", "timeout", "ok"]


# -- the layer contract ------------------------------------------------------------------

@pytest.mark.parametrize("components,message", [
    (["noncontent", "amounts", "times"], "'amounts' requires doc._.times, but 'times' assigns it later"),
    (["amounts"], "'amounts' requires doc._.noncontent, but no component in the pipeline assigns it"),
    (["noncontent", "tone"], "'tone' requires doc.sents, but no component"),
])
def test_pipeline_check_names_the_component_and_the_layer_it_lacks(components, message):
    register_all()
    nlp = spacy.blank("en")
    for name in components:
        nlp.add_pipe(name)
    with pytest.raises(PipelineError, match=message):
        check_pipeline(nlp)


def test_pipeline_build_refuses_a_component_before_the_layer_it_reads(settings):
    order = ["paragraph_sentences", "noncontent", "ner_fixes", "quotes", "entities"]
    with pytest.raises(PipelineError, match="'quotes' requires doc._.entities, but 'entities' assigns it later"):
        build_pipeline(settings.with_overrides({"pipeline": {"components": order}}))


@pytest.mark.parametrize("name", ["quotes", "entities"])
def test_pipeline_reading_a_layer_that_has_not_run_is_an_error(name):
    doc = spacy.blank("en")("Kyiv said no.")
    with pytest.raises(PipelineError, match=f"the {name} layer has not run"):
        get_layer(doc, name)
    with pytest.raises(PipelineError):
        getattr(doc._, name)


def test_pipeline_layers_are_doc_attributes(nlp):
    doc = nlp('"We will stay," Zelensky said in Kyiv.')
    assert doc._.quotes and doc._.quotes[0].speaker.text == "Zelensky"
    assert doc._.places[0].text == "Kyiv"


# One pipeline for the two tests below: events and framing switched off, scare quotes shorter.
TRIMMED = {"pipeline": {"components": ["paragraph_sentences", "noncontent", "ner_fixes", "entities", "quotes",
                                       "claims", "times", "places", "amounts", "tone"]},
           "components": {"quotes": {"scare_max_words": 1}}}


def test_pipeline_a_layer_switched_off_stays_empty(settings):
    art = analyze("Russian troops attacked the town, officials said.", settings.with_overrides(TRIMMED))
    assert art.events == [] and art.framing == [] and art.claims


@pytest.mark.parametrize("text,default_kind,trimmed_kind", [
    ('The so-called "peace plan" was rejected.', "scare", "direct"),
    ('The "plan" was rejected.', "scare", "scare"),
])
def test_pipeline_component_settings_reach_the_component(run, settings, text, default_kind, trimmed_kind):
    assert [q.kind for q in run(text).quotes] == [default_kind]
    assert [q.kind for q in analyze(text, settings.with_overrides(TRIMMED)).quotes] == [trimmed_kind]


@pytest.mark.parametrize("name,values,message", [
    ("quotes", {"scare_words": 3}, "component 'quotes' has no setting scare_words; valid: scare_max_words"),
    ("amounts", {"x": 1}, "component 'amounts' has no setting x; valid: none"),
])
def test_pipeline_unknown_component_setting_names_the_valid_ones(settings, name, values, message):
    register_all()
    with pytest.raises(SettingsError, match=message):
        component_config(settings.with_overrides({"components": {name: values}}), name)


def test_pipeline_gazetteer_path_goes_to_the_components_that_take_one(settings):
    register_all()
    assert "gazetteer_path" in component_config(settings, "places")
    assert component_config(settings, "quotes") == {}
