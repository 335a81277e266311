"""The layer registry: every place that lists layers agrees with `presstrace.layers`.

The record classes, the JSON Schema and the store schema are written by hand; these tests
fail when one of them, a component's declared contract, the default pipeline, the report
or the reader misses a layer the registry has, or disagrees with it.
"""
from __future__ import annotations

import dataclasses
import typing

import pytest
from spacy.language import Language

from presstrace import load_settings, report
from presstrace.components import register_all
from presstrace.layers import BY_NAME, LAYERS, SPAN_LAYERS, layer, written_by
from presstrace.records import AnalyzedArticle
from presstrace.schema import output_schema
from presstrace.web import highlight

ARTICLE_FIELDS = ("text", "id", "date", "source", "title", "url")


def test_layers_are_the_article_record_fields_in_output_order():
    fields = [f.name for f in dataclasses.fields(AnalyzedArticle)]
    assert fields == [*ARTICLE_FIELDS, *(lay.name for lay in LAYERS)]


@pytest.mark.parametrize("lay", LAYERS, ids=lambda lay: lay.name)
def test_layers_record_class_is_the_article_field_type(lay):
    hint = typing.get_type_hints(AnalyzedArticle)[lay.name]
    assert hint == (list[lay.record] if lay.many else lay.record)


@pytest.mark.parametrize("lay", LAYERS, ids=lambda lay: lay.name)
def test_layers_json_schema_requires_the_layer_and_describes_its_record(lay):
    defs = output_schema()["$defs"]
    article = defs["article"]
    assert lay.name in article["required"]
    described = article["properties"][lay.name]
    ref = described["items"]["$ref"] if lay.many else described["$ref"]
    assert ref == f"#/$defs/{lay.schema_def}"
    fields = {f.name for f in dataclasses.fields(lay.record)}
    assert fields <= set(defs[lay.schema_def]["properties"]), fields - set(defs[lay.schema_def]["properties"])


@pytest.mark.parametrize("lay", LAYERS, ids=lambda lay: lay.name)
def test_layers_store_table_holds_every_declared_column(lay, store_columns):
    assert lay.table in store_columns, f"no table {lay.table} in the store schema"
    missing = {c.name for c in lay.columns} - store_columns[lay.table]
    assert not missing, f"{lay.table} lacks {missing}"


@pytest.mark.parametrize("lay", LAYERS, ids=lambda lay: lay.name)
def test_layers_columns_point_at_record_fields(lay):
    fields = {f.name for f in dataclasses.fields(lay.record)}
    assert {c.path[0] for c in lay.columns} <= fields


@pytest.mark.parametrize("lay", LAYERS, ids=lambda lay: lay.name)
def test_layers_component_declares_what_the_registry_says(lay):
    register_all()
    meta = Language.get_factory_meta(lay.component)
    assert f"doc._.{lay.name}" in meta.assigns
    assert {f"doc._.{r}" for r in lay.requires} <= set(meta.requires)


def test_layers_components_name_only_registered_layers():
    register_all()
    for name in load_settings().get("pipeline", "components"):
        meta = Language.get_factory_meta(name)
        for attr in (*meta.requires, *meta.assigns):
            if attr.startswith("doc._."):
                assert attr[len("doc._."):] in BY_NAME, f"{name} declares {attr}, which is no layer"


def test_layers_default_pipeline_has_each_layers_component_after_what_it_reads():
    order = load_settings().get("pipeline", "components")
    for lay in LAYERS:
        assert lay.component in order, lay.name
        for required in lay.requires:
            assert order.index(BY_NAME[required].component) < order.index(lay.component), (lay.name, required)


def test_layers_report_and_reader_show_every_span_layer():
    assert set(report.RENDERERS) | set(report.REPORTED_WITH_TONE) == set(SPAN_LAYERS)
    assert [title for title, _, _ in report.SECTIONS] == [BY_NAME[n].title for _, n, _ in report.SECTIONS]
    assert highlight.LAYERS == SPAN_LAYERS


@pytest.mark.parametrize("component,layers", [("claims", ("claims", "sourcing")), ("quotes", ("quotes",)),
                                              ("ner_fixes", ())])
def test_layers_written_by_a_component(component, layers):
    assert written_by(component) == layers


def test_layers_unknown_name_lists_the_valid_ones():
    with pytest.raises(KeyError, match="valid: entities, quotes"):
        layer("quote")
