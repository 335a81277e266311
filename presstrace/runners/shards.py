"""Inputs cut into shards: the unit of work a Dask task runs and writes.

A JSON Lines file is cut every `size` lines (a shard keeps the byte offset of its first
line, so a task seeks straight to it); WARC archives are one shard each; other files
(record, text, HTML) go `size` to a shard. A shard's key is a hash of what it covers, so
the same inputs cut the same way give the same keys on every run: that is how a re-run
finds the shards it has finished.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from ..errors import InputError
from ..readers import read_inputs
from ..readers.decode import check_binary, is_wide
from ..readers.detect import detect_format
from ..readers.jsonl import iter_byte_lines, read_line
from ..readers.sources import HEAD_BYTES, ReadOptions, Source, iter_sources, read_up_to
from ..readers.warc import is_warc_name, read_warc
from ..records import Article, ArticleError


@dataclass(frozen=True)
class Shard:
    """A slice of the inputs: `lines` of one JSONL file, one `warc` file, or some `files`."""
    kind: str
    paths: tuple[str, ...]
    first_line: int = 1
    offset: int = 0
    lines: int = 0
    order: int = 0  # position in the input order (loading keeps it)
    sizes: tuple[int, ...] = field(default=(), compare=False)

    @property
    def key(self) -> str:
        """16 hex digits naming the shard's files; the same for the same inputs and cut."""
        what = [self.kind, [os.path.abspath(p) for p in self.paths], list(self.sizes),
                self.first_line, self.lines]
        return hashlib.sha256(json.dumps(what).encode()).hexdigest()[:16]


def plan_shards(paths: list[str], size: int, input_format: Optional[str],
                max_bytes: int) -> list[Shard]:
    """Cut the inputs into shards, in input order (reads JSONL files once, for offsets).

    Args:
        paths: files and folders (globs already expanded); `-` is not supported.
        size: JSONL lines, or files, per shard.
        input_format: a forced reader for non-WARC files, or None to detect.
        max_bytes: longest JSONL line kept (limits.max_bytes), as the reader skips longer.
    """
    shards: list[Shard] = []
    files: list[str] = []

    def flush() -> None:
        """Close the open shard of whole files, if any."""
        if files:
            shards.append(_files_shard(files))
            files.clear()

    for source in _sources(paths):
        if isinstance(source, str):  # a missing path: the reader reports it
            files.append(source)
        elif is_warc_name(source.name):
            flush()
            shards.append(Shard("warc", (source.name,), sizes=(_size(source.name),)))
        elif _is_line_jsonl(source, input_format):
            flush()
            shards += _line_shards(source, size, max_bytes)
        else:
            files.append(source.name)
            if len(files) >= size:
                flush()
    flush()
    unique = list({s.key: s for s in reversed(shards)}.values())[::-1]  # a path given twice
    return [Shard(s.kind, s.paths, s.first_line, s.offset, s.lines, k, s.sizes)
            for k, s in enumerate(unique)]


def _sources(paths: list[str]) -> Iterator[Source | str]:
    if "-" in paths:
        raise ValueError("the dask engine reads files, not standard input")
    for raw in paths:
        for source in iter_sources([raw]):
            yield source if isinstance(source, Source) else raw


def _files_shard(files: list[str]) -> Shard:
    return Shard("files", tuple(files), sizes=tuple(_size(f) for f in files))


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return -1


def _is_line_jsonl(source: Source, input_format: Optional[str]) -> bool:
    """JSONL that can be read from any line on (a UTF-16/32 file is decoded whole)."""
    try:
        with open(source.path, "rb") as fh:
            head = read_up_to(fh, HEAD_BYTES)
        check_binary(head, source.name)
    except (OSError, InputError):
        return False  # the reader reports it, as a whole file
    fmt = input_format or detect_format(head, source.name, len(head) < HEAD_BYTES)
    return fmt == "jsonl" and not is_wide(head)


def _line_shards(source: Source, size: int, max_bytes: int) -> list[Shard]:
    """Shards of `size` lines; a file with no non-blank line is one whole-file shard, so
    the reader's `empty` error is reported as `presstrace ingest` reports it."""
    starts: list[tuple[int, int]] = []  # (line number, byte offset) of each shard
    seen_text = False
    with open(source.path, "rb", buffering=1 << 16) as fh:
        offset = 0
        for number, raw in iter_byte_lines(fh, max_bytes):
            if (number - 1) % size == 0:
                starts.append((number, offset))
            seen_text = seen_text or raw is None or bool(raw.strip())
            offset = fh.tell()
        total = number if starts else 0
    if not seen_text:
        return [_files_shard([source.name])]
    total_size = (_size(source.name),)
    return [Shard("lines", (source.name,), first, off, min(size, total - first + 1), sizes=total_size)
            for first, off in starts]


def read_shard(shard: Shard, options: ReadOptions, input_format: Optional[str],
               date: Optional[str], settings) -> Iterator[Article | ArticleError]:
    """The articles of a shard, exactly as `read_inputs` gives them for the same input."""
    if shard.kind == "warc":
        yield from read_warc(Path(shard.paths[0]), options)
    elif shard.kind == "files":
        yield from read_inputs(list(shard.paths), input_format=input_format, date=date,
                               settings=settings)
    else:
        yield from _read_lines(shard, options)


def _read_lines(shard: Shard, options: ReadOptions) -> Iterator[Article | ArticleError]:
    path = Path(shard.paths[0])
    source = Source(shard.paths[0], path.stem, path)
    with open(path, "rb", buffering=1 << 16) as fh:
        fh.seek(shard.offset)
        for k, raw in iter_byte_lines(fh, options.max_bytes):
            if k > shard.lines:
                return
            item = read_line(raw, source, shard.first_line + k - 1, options)
            if item is not None:
                yield item
