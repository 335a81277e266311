"""Read articles from files, folders, glob patterns, WARC archives and standard input.

`read_inputs` is the one entry point: it yields an `Article` per article read, or an
`ArticleError` for bad input, in input order, and raises only for a caller's mistake.
`ReadOptions.from_settings` is the one way to build what every reader needs.
"""
from __future__ import annotations

import io
import logging
import os
import sys
from typing import BinaryIO, Iterator, Optional, Sequence

from ..errors import InputError
from ..records import Article, ArticleError
from ..settings import Settings, load_settings
from .decode import check_binary, decode_bytes
from .detect import detect_format
from .html import parse_html
from .jsonl import read_jsonl
from .paths import estimate_inputs, expand_globs
from .record import parse_record
from .sources import (HEAD_BYTES, STDIN, ReadOptions, Source, iter_sources, open_source,
                      read_rest, read_up_to)
from .text import parse_text
from .warc import is_warc_name, read_warc, require_warcio

__all__ = ["FORMATS", "ReadOptions", "estimate_inputs", "expand_globs", "is_warc_name",
           "read_inputs"]

LOGGER = logging.getLogger(__name__)

FORMATS = ("record", "jsonl", "text", "html")
PARSERS = {"record": parse_record, "text": parse_text, "html": parse_html}


def read_inputs(paths: Sequence[str | os.PathLike], input_format: Optional[str] = None,
                date: Optional[str] = None, settings: Optional[Settings] = None,
                stdin: Optional[BinaryIO] = None) -> Iterator[Article | ArticleError]:
    """Articles from files, folders (recursive, sorted, hidden skipped), glob patterns,
    WARC archives (every HTML page in them) and `-` (stdin).

    Args:
        paths: the inputs, in order.
        input_format: one of FORMATS to force it for every input that is not a WARC
            archive; None detects it per file.
        date: `YYYY-MM-DD` for articles that have no date of their own.
        settings: limits (`limits.max_bytes`, `limits.max_chars`); default `load_settings()`.
        stdin: binary stream read for `-`; default `sys.stdin.buffer`.
    Yields:
        An Article, or an ArticleError for input that cannot be read, in input order.
    Raises:
        TypeError, ValueError: for bad arguments (checked before the first item).
    """
    paths = expand_globs(_check_paths(paths))
    if any(is_warc_name(os.fspath(p)) for p in paths):
        require_warcio()
    if input_format is not None and input_format not in FORMATS:
        raise ValueError(f"unknown input format {input_format!r}; valid formats: "
                         f"{', '.join(FORMATS)}")
    settings = load_settings() if settings is None else settings
    if not isinstance(settings, Settings):
        raise TypeError(f"settings must be a Settings, got {type(settings).__name__}")
    options = ReadOptions.from_settings(settings, date)
    stream = _stdin_stream(stdin) if STDIN in [os.fspath(p) for p in paths] else None
    return _read_all(paths, input_format, options, stream)


def _check_paths(paths) -> list:
    """The paths as a list; a lone string or a non-path item is a caller error.

    Args:
        paths: what the caller passed.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        raise TypeError(f"paths must be a list of paths, not a single {type(paths).__name__} "
                        f"({paths!r}); wrap it in a list")
    paths = list(paths)
    for path in paths:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"each path must be a str or os.PathLike, got "
                            f"{type(path).__name__} {path!r}")
    return paths


def _stdin_stream(stdin) -> BinaryIO:
    """The binary stream to read for `-`.

    Args:
        stdin: the caller's stream, or None for `sys.stdin.buffer`.
    """
    stream = sys.stdin if stdin is None else stdin
    stream = getattr(stream, "buffer", stream)
    if isinstance(stream, io.TextIOBase):
        raise TypeError("stdin must be a binary stream (e.g. sys.stdin.buffer or BytesIO)")
    return stream


def _read_all(paths: list, input_format: Optional[str], options: ReadOptions,
              stdin: Optional[BinaryIO]) -> Iterator[Article | ArticleError]:
    """Every article of every path, in order.

    Args:
        paths: the checked paths.
        input_format: a forced format, or None.
        options: limits and the default date.
        stdin: the stream for `-`.
    """
    for source in iter_sources(paths):
        if _is_archive(source):
            yield from _read_archive(source, options)
            continue
        if isinstance(source, ArticleError):
            LOGGER.warning("%s", source.message)
            yield source
            continue
        for item in read_source(source, input_format, options, stdin):
            if isinstance(item, ArticleError):
                LOGGER.warning("%s", item.message)
            yield item


def read_source(source: Source, input_format: Optional[str], options: ReadOptions,
                stdin: Optional[BinaryIO]) -> Iterator[Article | ArticleError]:
    """The articles of one file (or stdin): detect its format, decode, parse.

    Args:
        source: the input.
        input_format: a forced format, or None to detect it.
        options: limits and the default date.
        stdin: the stream for `-`.
    """
    try:
        with open_source(source, stdin) as stream:
            head = read_up_to(stream, HEAD_BYTES)
            check_binary(head, source.name)
            fmt = input_format or detect_format(head, source.name, len(head) < HEAD_BYTES)
            if fmt == "jsonl":
                yield from read_jsonl(source, head, stream, options)
                return
            data = read_rest(head, stream, source.name, options.max_bytes)
        yield PARSERS[fmt](decode_bytes(data, source.name, options.max_chars), source, options)
    except InputError as exc:
        yield ArticleError(exc.code, exc.message, id=source.stem, origin=source.name)
    except OSError as exc:
        yield ArticleError("not_found", f"{source.name}: cannot be read "
                                        f"({exc.strerror or exc})", id=source.stem,
                           origin=source.name)


def _is_archive(source: Source | ArticleError) -> bool:
    """Whether the input is (or, when missing, is named as) a WARC archive.

    Args:
        source: an input, or the error for a path that does not exist.
    """
    name = source.name if isinstance(source, Source) else source.origin
    return name is not None and is_warc_name(name)


def _read_archive(source: Source | ArticleError, options: ReadOptions) -> Iterator[Article | ArticleError]:
    """The pages of one WARC archive. Its errors are records without a log line: a crawl
    may hold many bad pages, and the caller's run counts them.

    Args:
        source: the archive, or the error for a missing one.
        options: limits and the default date.
    """
    if isinstance(source, ArticleError):
        yield source
        return
    require_warcio()
    yield from read_warc(source.path, options)
