"""How each layer of an AnalyzedArticle maps to table rows, and back.

A record's `to_dict` output is flattened into columns: top-level fields by name, one level
of nesting (`speaker.name` → `speaker_name`) by prefix. Anything no column holds — a field
a newer record type adds — goes to the row's `extra` JSON, so `rows → record` rebuilds
exactly what was stored. A nested object that is present but has no non-null column value
is marked in `extra`, so `Actor()` never comes back as None.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from ..layers import BY_NAME, LAYERS, SPAN, Column, col
from ..records import AnalyzedArticle, to_dict

# Layers of many records, each in the table of its name (presstrace/layers.py gives the
# columns): one row per record, in order (`seq`). Entities with their mentions, and the
# per-article layers, are written apart below.
LIST_LAYERS: dict[str, tuple[Column, ...]] = {
    layer.name: layer.columns for layer in LAYERS if layer.many and layer.name != "entities"}
ENTITY_COLUMNS = BY_NAME["entities"].columns
MENTION_COLUMNS = (*SPAN, col("kind"))
MENTION_ROLES = {"mentions": "mention", "references": "reference"}
SOURCING_COLUMNS = BY_NAME["sourcing"].columns
TONE_COLUMNS = BY_NAME["tone"].columns
SENTENCE_TONE_COLUMNS = (*SPAN, col("score"), col("positive"), col("negative"))
ARTICLE_FIELDS = ("text", "id", "date", "source", "title", "url")
LAYER_TABLES = ("entities", "mentions", *LIST_LAYERS, "sourcing", "tone", "sentence_tones")


def _encode(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if kind == "bool":
        return int(bool(value))
    return value


def _decode(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "json":
        return json.loads(value)
    if kind == "bool":
        return bool(value)
    return value


def _dump_extra(extra: dict) -> str | None:
    return json.dumps(extra, ensure_ascii=False) if extra else None


def flatten(record: Mapping[str, Any], columns: tuple[Column, ...]) -> dict[str, Any]:
    """Column values for one record dict, plus `extra` for what no column holds.

    Args:
        record: a record's `to_dict` output.
        columns: the table's columns.
    """
    data = dict(record)
    row: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    nested: dict[str, list[Column]] = {}
    for column in columns:
        if len(column.path) == 1:
            row[column.name] = _encode(data.pop(column.path[0], None), column.kind)
        else:
            nested.setdefault(column.path[0], []).append(column)
    for key, group in nested.items():
        obj = data.pop(key, None)
        obj = dict(obj) if isinstance(obj, Mapping) else obj
        if not isinstance(obj, dict):
            row.update({c.name: None for c in group})
            if obj is not None:
                extra[key] = obj
            continue
        values = [obj.pop(c.path[1], None) for c in group]
        row.update({c.name: _encode(v, c.kind) for c, v in zip(group, values)})
        if obj or all(v is None for v in values):
            extra[key] = obj
    extra.update(data)
    row["extra"] = _dump_extra(extra)
    return row


def unflatten(row: Mapping[str, Any], columns: tuple[Column, ...]) -> dict[str, Any]:
    """The record dict `flatten` was given, from a row.

    Args:
        row: column values (a mapping with an `extra` key).
        columns: the table's columns.
    """
    data: dict[str, Any] = json.loads(row["extra"]) if row["extra"] else {}
    nested: dict[str, dict[str, Any]] = {}
    for column in columns:
        value = _decode(row[column.name], column.kind)
        if len(column.path) == 1:
            data[column.path[0]] = value
        else:
            nested.setdefault(column.path[0], {})[column.path[1]] = value
    for key, values in nested.items():
        marker = data.get(key)
        if isinstance(marker, dict):
            data[key] = {**marker, **values}
        elif marker is None:
            data[key] = values if any(v is not None for v in values.values()) else None
    return data


@dataclass
class ArticleRows:
    """Everything one analysed article writes, table by table (ids filled in by db.py)."""
    article: dict[str, Any]
    entities: list[tuple[dict[str, Any], list[dict[str, Any]]]]  # (entity row, mention rows)
    lists: dict[str, list[dict[str, Any]]]
    sourcing: dict[str, Any]
    tone: dict[str, Any]
    sentence_tones: list[dict[str, Any]]


def article_rows(art: AnalyzedArticle) -> ArticleRows:
    """Split an analysed article into the rows of every layer table."""
    data = to_dict(art)
    article = {k: data.pop(k) for k in ARTICLE_FIELDS}
    entities = []
    for seq, entity in enumerate(data.pop("entities")):
        mentions = []
        for field, role in MENTION_ROLES.items():
            for k, mention in enumerate(entity.pop(field, None) or []):
                mentions.append({"role": role, "seq": k, **flatten(mention, MENTION_COLUMNS)})
        entities.append(({"seq": seq, **flatten(entity, ENTITY_COLUMNS)}, mentions))
    lists = {name: [{"seq": seq, **flatten(rec, columns)} for seq, rec in enumerate(data.pop(name))]
             for name, columns in LIST_LAYERS.items()}
    tone = dict(data.pop("tone"))
    sentences = [{"seq": seq, **flatten(s, SENTENCE_TONE_COLUMNS)}
                 for seq, s in enumerate(tone.pop("sentences", None) or [])]
    sourcing = flatten(data.pop("sourcing"), SOURCING_COLUMNS)
    article["extra"] = _dump_extra(data)  # top-level fields a newer AnalyzedArticle adds
    return ArticleRows(article, entities, lists, sourcing, flatten(tone, TONE_COLUMNS), sentences)


def table_rows(rows: ArticleRows, article_id: int,
               entity_ids: Iterator[int]) -> dict[str, list[dict[str, Any]]]:
    """Every layer table's rows for one article, keyed to `article_id`, without a database.

    The store lets SQLite number entities; writers with no database at hand (Parquet
    shards) give `entity_ids`, and mentions point at them, as the store's rows do.

    Args:
        rows: `article_rows` of the analysed article.
        article_id: the id its rows point at.
        entity_ids: ids for its entities, taken in order.
    Returns:
        table name -> rows, in the order the store writes them (`articles` excluded).
    """
    out: dict[str, list[dict[str, Any]]] = {"entities": [], "mentions": []}
    for entity, mentions in rows.entities:
        entity_id = next(entity_ids)
        out["entities"].append({"id": entity_id, "article_id": article_id, **entity})
        out["mentions"] += [{"entity_id": entity_id, "article_id": article_id, **m} for m in mentions]
    for table, layer_rows in rows.lists.items():
        out[table] = [{"article_id": article_id, **r} for r in layer_rows]
    out["sourcing"] = [{"article_id": article_id, **rows.sourcing}]
    out["tone"] = [{"article_id": article_id, **rows.tone}]
    out["sentence_tones"] = [{"article_id": article_id, **r} for r in rows.sentence_tones]
    return out


def build_article(article: Mapping[str, Any], rows: Mapping[str, list[Mapping[str, Any]]]) -> AnalyzedArticle:
    """Rebuild an AnalyzedArticle from its `articles` row and its layer rows.

    Args:
        article: the articles row (`input_id` is the article's id).
        rows: table name -> that article's rows, in `seq` order; mentions carry
            `entity_id`, entities their `id`; sourcing and tone hold at most one row.
    """
    data: dict[str, Any] = json.loads(article["extra"]) if article["extra"] else {}
    data.update({k: article[k] for k in ARTICLE_FIELDS if k != "id"})
    data["id"] = article["input_id"]
    data["entities"] = list(_entities(rows.get("entities", []), rows.get("mentions", [])))
    for name, columns in LIST_LAYERS.items():
        data[name] = [unflatten(r, columns) for r in rows.get(name, [])]
    for name, columns in (("sourcing", SOURCING_COLUMNS), ("tone", TONE_COLUMNS)):
        found = rows.get(name) or []
        if found:
            data[name] = unflatten(found[0], columns)
    if "tone" in data:
        data["tone"]["sentences"] = [unflatten(r, SENTENCE_TONE_COLUMNS)
                                     for r in rows.get("sentence_tones", [])]
    return AnalyzedArticle.from_dict(data)


def _entities(entities: list[Mapping[str, Any]], mentions: list[Mapping[str, Any]]) -> Iterator[dict]:
    by_entity: dict[int, dict[str, list]] = {}
    for m in mentions:
        field = "mentions" if m["role"] == "mention" else "references"
        by_entity.setdefault(m["entity_id"], {"mentions": [], "references": []})[field].append(m)
    for row in entities:
        entity = unflatten(row, ENTITY_COLUMNS)
        found = by_entity.get(row["id"], {"mentions": [], "references": []})
        for field in ("mentions", "references"):
            ordered = sorted(found[field], key=lambda m: m["seq"])
            entity[field] = [unflatten(m, MENTION_COLUMNS) for m in ordered]
        yield entity
