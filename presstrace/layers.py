"""The one list of layers: for each, its record, the component that writes it, the layers that
component reads, its store table and columns, and how the report and the workbench name it.

Everything that enumerates layers derives from `LAYERS`: the pipeline's output
(`pipeline.doc_to_article`) and its build-time check, the store's tables (`store/layers.py`),
the workbench reader (`web/highlight.py`) and the text report (`report.py`). The record
classes (`records.py`), the store schema (`store/schema.sql`) and the JSON Schema
(`schema/presstrace-1.schema.json`) are written by hand; tests fail when one disagrees.
No spaCy here: the store and the interfaces import this module.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .records import (Amount, Claim, Entity, Event, Framing, NonContent, Place, Quote, Sourcing, Time,
                      Tone)


@dataclass(frozen=True)
class Column:
    """A store column and where its value lives in the record's dict (`speaker.name`)."""
    name: str
    path: tuple[str, ...]
    kind: str = ""  # "" as is, "json" for lists and dicts, "bool"


def col(name: str, path: Optional[str] = None, kind: str = "") -> Column:
    """A column named `name` holding the record field at dotted `path` (default: `name`)."""
    return Column(name, tuple((path or name).split(".")), kind)


def _span(prefix: str) -> tuple[Column, ...]:
    return tuple(col(f"{prefix}_{f}", f"{prefix}.{f}") for f in ("start", "end", "text"))


SPAN = (col("start"), col("end"), col("text"))


@dataclass(frozen=True)
class Layer:
    """One layer of the `presstrace/1` output.

    Attributes:
        name: the field of `AnalyzedArticle`, key of the JSON object and store table.
        record: the class of one record (of the summary, for per-article layers).
        component: the pipeline component (a spaCy factory) that writes the layer.
        requires: the layers that component reads; they must run before it.
        title: the layer's section title in the text report and the workbench.
        many: a list of records with offsets; False for one summary per article.
        columns: how a record's fields map to the store table's columns (`store/layers.py`).
    """
    name: str
    record: type
    component: str
    requires: tuple[str, ...]
    title: str
    many: bool = True
    columns: tuple[Column, ...] = ()

    @property
    def table(self) -> str:
        """The store table of its records: the layer's own name."""
        return self.name

    @property
    def schema_def(self) -> str:
        """Its record's definition in the JSON Schema's `$defs` ("Quote" -> "quote")."""
        return self.record.__name__.lower()


# In the order of the JSON output (SCHEMA.md); every layer is always present.
LAYERS: tuple[Layer, ...] = (
    Layer("entities", Entity, "entities", ("noncontent",), "Entities",
          columns=(col("local_id", "id"), col("name"), col("label"), col("aliases", kind="json"))),
    Layer("quotes", Quote, "quotes", ("noncontent", "entities"), "Quotes",
          columns=(col("local_id", "id"), *SPAN, col("kind"), col("channel"),
                   col("speaker_entity", "speaker.entity"), col("speaker_name", "speaker.name"),
                   *_span("speaker"), *_span("cue"), col("speaker_confidence", "speaker.confidence"))),
    Layer("claims", Claim, "claims", ("noncontent", "entities", "quotes"), "Claims",
          columns=(col("local_id", "id"), *SPAN, col("source_kind", "source.kind"),
                   col("source_entity", "source.entity"), col("source_name", "source.name"),
                   *_span("source"), *_span("cue"), col("source_confidence", "source.confidence"))),
    Layer("sourcing", Sourcing, "claims", ("noncontent", "entities", "quotes"), "Sourcing", many=False,
          columns=(col("named"), col("vague"), col("unattributed"), col("quoted"),
                   col("quoted_speakers", kind="json"), col("hedged_sentences"), col("hedged"))),
    Layer("times", Time, "times", (), "Times",
          columns=(*SPAN, col("type"), col("value"))),
    Layer("places", Place, "places", ("noncontent", "entities"), "Places",
          columns=(*SPAN, col("name"), col("geonameid"), col("lat"), col("lon"), col("country"),
                   col("admin1"), col("feature"), col("stands_for"), col("kind"),
                   col("confidence"))),
    Layer("amounts", Amount, "amounts", ("noncontent", "times"), "Amounts",
          columns=(*SPAN, col("value"), col("low"), col("high"), col("unit"), col("object"),
                   col("approx", kind="bool"))),
    Layer("events", Event, "events", ("noncontent", "entities", "quotes", "claims", "times", "places"),
          "Events",
          columns=(col("local_id", "id"), *SPAN, col("type"), col("mode"),
                   *(col(f"{side}_{f}", f"{side}_actor.{f}") for side in ("source", "target")
                     for f in ("entity", "name", "country", "sector")),
                   col("place"), col("date"), col("negated", kind="bool"), col("confidence"))),
    Layer("tone", Tone, "tone", ("noncontent", "entities", "quotes"), "Tone", many=False,
          columns=(col("score"), col("positive"), col("negative"), col("polarity"), col("activity"),
                   col("self_group"), col("word_count"), col("entities", kind="json"),
                   col("author_score"), col("author_positive"), col("author_negative"),
                   col("author_word_count"))),
    Layer("framing", Framing, "framing", ("noncontent", "quotes"), "Framing",
          columns=(*SPAN, col("technique"), col("concept"), col("variant"), col("voice"),
                   col("found_by"), col("confidence"), col("count"), col("quoted_only", kind="bool"),
                   col("alternatives", kind="json"))),
    Layer("noncontent", NonContent, "noncontent", (), "Non-content",
          columns=(*SPAN, col("kind"))),
)

BY_NAME: dict[str, Layer] = {layer.name: layer for layer in LAYERS}
# Layers whose records are spans of the text (the reader highlights them), in output order.
SPAN_LAYERS: tuple[str, ...] = tuple(layer.name for layer in LAYERS if layer.many)


def layer(name: str) -> Layer:
    """The layer called `name`; a `KeyError` that lists the valid names otherwise."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"no layer {name!r}; valid: {', '.join(BY_NAME)}") from None


def written_by(component: str) -> tuple[str, ...]:
    """The layers `component` writes (claims writes claims and sourcing), in output order."""
    return tuple(layer.name for layer in LAYERS if layer.component == component)
