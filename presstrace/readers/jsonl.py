"""JSON Lines: one article object per line, read as a stream so big files never sit in memory.

Each object needs a string `text` and may have `id`, `date`, `source`, `title`, `url`;
other fields are ignored. `id` is echoed back unchanged (any JSON scalar); when it is
absent or null the id is `<file stem>:<line number>`. A `date` may be `YYYY-MM-DD` or an
ISO datetime (its date part is kept); null or "" means none. A bad line becomes an
ArticleError for that line and reading goes on. Limits apply per line: `max_bytes` to the
line, `max_chars` to its text. Lines are split on `\\n` (a `\\r` before it is JSON whitespace).
Files with a UTF-16/32 byte-order mark are decoded whole, so they must fit in `max_bytes`.
"""
from __future__ import annotations

import io
import json
import logging
from typing import BinaryIO, Iterable, Iterator

from ..errors import InputError
from ..records import Article, ArticleError
from .dates import lenient_date
from .decode import check_text, decode_bytes, is_wide, to_str
from .sources import PrefixedStream, ReadOptions, Source, read_rest

LOGGER = logging.getLogger(__name__)

SCALARS = (str, int, float, bool)
META_FIELDS = ("source", "title", "url")
Line = tuple[int, "bytes | str | None"]  # None: a line over max_bytes, skipped


def read_jsonl(source: Source, head: bytes, stream: BinaryIO,
               options: ReadOptions) -> Iterator[Article | ArticleError]:
    """Articles from a JSON Lines input, line by line.

    Args:
        source: where it comes from; its stem starts default ids.
        head: the first bytes, already read from `stream`.
        stream: the rest of the input.
        options: limits and the default date.
    Yields:
        An Article or ArticleError per non-blank line; one `empty` error if there is none.
    """
    if is_wide(head):
        text = decode_bytes(read_rest(head, stream, source.name, options.max_bytes),
                            source.name, options.max_chars)
        lines: Iterable[Line] = enumerate(text.split("\n"), 1)
    else:
        reader = io.BufferedReader(PrefixedStream(head, stream), 1 << 16)
        lines = iter_byte_lines(reader, options.max_bytes)
    found = False
    for number, raw in lines:
        result = read_line(raw, source, number, options)
        if result is not None:
            found = True
            yield result
    if not found:
        yield ArticleError("empty", f"{source.name}: no JSON lines (empty or blank only)",
                           id=source.stem, origin=source.name)


def iter_byte_lines(stream: BinaryIO, max_bytes: int) -> Iterator[Line]:
    """Number and bytes of each line, never holding more than `max_bytes` of one line.

    Args:
        stream: a buffered binary stream.
        max_bytes: the longest line kept; a longer one is skipped and given as None.
    """
    number = 0
    while line := stream.readline(max_bytes + 1):
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 16)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def read_line(raw: bytes | str | None, source: Source, number: int,
              options: ReadOptions) -> Article | ArticleError | None:
    """The article (or error) on one line; None for a blank line.

    Args:
        raw: the line's bytes or text, or None when it was over `max_bytes`.
        source: the file, for ids and messages.
        number: the line number, from 1.
        options: limits and the default date.
    """
    where, default_id = f"{source.name}:{number}", f"{source.stem}:{number}"
    article_id = default_id
    try:
        if raw is None:
            raise InputError("too_large", f"{where}: line is over the limit of "
                                          f"{options.max_bytes} bytes (limits.max_bytes)")
        line = raw if isinstance(raw, str) else to_str(raw, where)
        if not line.strip():
            return None
        data = load_object(line, where)
        article_id = data["id"] if isinstance(data.get("id"), SCALARS) else default_id
        return build_article(data, article_id, where, options)
    except InputError as exc:
        return ArticleError(exc.code, exc.message, id=article_id, origin=where)


def load_object(line: str, where: str) -> dict:
    """The JSON object on a line; `bad_record` when it is not valid JSON or not an object.

    Args:
        line: the decoded line.
        where: file and line number, for the message.
    """
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError("bad_record", f"{where}: not valid JSON ({exc}): "
                                       f"{_clip(line.rstrip())!r}") from None
    if not isinstance(data, dict):
        raise InputError("bad_record", f"{where}: expected a JSON object, got "
                                       f"{type(data).__name__} {_clip(line.rstrip())!r}")
    return data


def build_article(data: dict, article_id, where: str, options: ReadOptions) -> Article:
    """An Article from a line's object; raises InputError for missing or ill-typed fields.

    Args:
        data: the decoded object.
        article_id: the id to give it (the line's own, or the default).
        where: file and line number, for messages.
        options: limits and the default date.
    """
    if data.get("id") is not None and not isinstance(data["id"], SCALARS):
        raise InputError("bad_record", f"{where}: 'id' must be a string or number, got "
                                       f"{_clip(json.dumps(data['id']))}")
    if "text" not in data:
        raise InputError("bad_record", f"{where}: no 'text' field (fields: {sorted(data)})")
    text = _field(data, "text", where, optional=False)
    meta = {key: _field(data, key, where) for key in META_FIELDS}
    date = lenient_date(data["date"], where) if data.get("date") not in (None, "") else None
    date = date or options.date
    text = check_text(text, where, options.max_chars)
    return Article(text=text, id=article_id, date=date, **meta)


def _field(data: dict, key: str, where: str, optional: bool = True) -> str | None:
    """A string field of the object; null allowed when optional, other types raise.

    Args:
        data: the decoded object.
        key: the field name.
        where: file and line number, for the message.
        optional: whether null (or absence) is allowed.
    """
    value = data.get(key)
    if isinstance(value, str) or (value is None and optional):
        return value
    code = "bad_date" if key == "date" else "bad_record"
    raise InputError(code, f"{where}: {key!r} must be a string, got "
                           f"{type(value).__name__} {_clip(json.dumps(value))}")


def _clip(value: str, width: int = 80) -> str:
    """The value cut to `width` characters for a message.

    Args:
        value: any text.
        width: the most characters kept.
    """
    return value if len(value) <= width else value[:width - 1] + "…"
