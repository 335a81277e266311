"""WARC (and ARC) archives: every HTML page captured in them is one article.

Needs the optional `warcio` package. Each `response` (or `resource`) record with status
200 and an HTML content type is extracted like an HTML file (trafilatura); its id is the
WARC-Record-ID and its URL the WARC-Target-URI when the page gives none. The capture date
(WARC-Date) is not the publication date and is never used as one. Other records are skipped,
except the `metadata` record `presstrace fetch` writes right after each response
(`FETCH_METADATA_TYPE`): its outlet, and its date when the page gives none, are applied, so
an archive of a fetch rebuilds the same articles offline.
"""
from __future__ import annotations

import dataclasses
import gzip
import importlib.util
import json
import logging
from pathlib import Path
from typing import Iterator

from ..errors import InputError, PresstraceError
from ..records import Article, ArticleError
from .dates import parse_date
from .decode import decode_bytes
from .html import parse_html
from .sources import ReadOptions, Source

LOGGER = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def is_warc_name(name: str) -> bool:
    """Whether a file name says WARC or ARC archive (gzipped or not).

    Args:
        name: a file name or path.
    """
    return name.lower().endswith(WARC_SUFFIXES)


def require_warcio() -> None:
    """Raise PresstraceError naming the package when warcio is not installed."""
    if importlib.util.find_spec("warcio") is None:
        raise PresstraceError("WARC input needs the warcio package: pip install warcio")


def read_warc(path: Path, options: ReadOptions) -> Iterator[Article | ArticleError]:
    """The articles of one WARC file, in record order; bad records become ArticleErrors.

    Args:
        path: a .warc or .warc.gz file.
        options: limits and the default date.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if not _looks_like_archive(path):
        yield ArticleError("bad_record", f"{path}: not a WARC or ARC archive (it does not start "
                                         f"with a WARC or ARC header)", id=path.stem, origin=str(path))
        return
    number, pending = 0, None
    page_options = dataclasses.replace(options, date=None)  # a fetch's metadata date comes first
    try:
        with open(path, "rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream, arc2warc=True), 1):
                if pending is not None and _is_fetch_metadata(record, pending[0]):
                    _apply_fetch_metadata(pending[1], record)
                    continue
                if _is_html_page(record):
                    if pending is not None:
                        yield _with_default_date(pending[1], options)
                    pending = _read_record(record, path, number, page_options)
        if pending is not None:
            yield _with_default_date(pending[1], options)
            pending = None
    except (ArchiveLoadFailed, OSError, ValueError) as exc:
        if pending is not None:  # read whole before the archive broke off
            yield _with_default_date(pending[1], options)
        yield ArticleError("bad_record", f"{path}: not a readable WARC archive ({exc})",
                           id=path.stem, origin=str(path))
        return
    if number == 0:  # warcio reads a file with no WARC header as an empty archive
        yield ArticleError("bad_record", f"{path}: not a WARC archive (no records in it)",
                           id=path.stem, origin=str(path))


ARCHIVE_STARTS = (b"WARC/", b"filedesc://")


def _looks_like_archive(path: Path) -> bool:
    """Whether the file (gzipped or not) starts like a WARC or ARC archive: warcio reads
    any line of text as an ARC record, so a mislabelled file must be caught first."""
    try:
        with open(path, "rb") as raw:
            head = raw.read(2)
        opener = gzip.open if head == b"\x1f\x8b" else open
        with opener(path, "rb") as stream:
            start = stream.read(16)
    except (OSError, EOFError):
        return False
    return start.startswith(ARCHIVE_STARTS)


def _is_html_page(record) -> bool:
    if record.rec_type not in ("response", "resource"):
        return False
    if record.rec_type == "response":
        if record.http_headers is None or record.http_headers.get_statuscode() != "200":
            return False
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    return "html" in content_type.lower()


def _read_record(record, path: Path, number: int,
                 options: ReadOptions) -> tuple[str, Article | ArticleError]:
    """The record's id and the article its page holds (or the error reading it)."""
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or f"{path.stem}:{number}").strip("<>")
    url = record.rec_headers.get_header("WARC-Target-URI")
    data = record.content_stream().read(options.max_bytes + 1)
    return record_id, page_article(data, url, record_id, f"{path}#{number}", options)


def page_article(data: bytes, url: str | None, record_id: str, where: str,
                 options: ReadOptions) -> Article | ArticleError:
    """The article of one fetched HTML page, as the WARC reader and `presstrace fetch` read it.

    Args:
        data: the page's body bytes (at most `options.max_bytes` + 1 of them).
        url: the URL it was fetched from; the article's URL when the page names none.
        record_id: the article's id (the WARC-Record-ID).
        where: the page's place, for messages.
        options: limits and the default date.
    """
    try:
        if len(data) > options.max_bytes:
            raise InputError("too_large", f"{where}: page is over the limit of {options.max_bytes} "
                                          f"bytes (limits.max_bytes)")
        text = decode_bytes(data, where, options.max_chars)
        article = parse_html(text, Source(where, record_id), options)
    except InputError as exc:
        return ArticleError(exc.code, exc.message, id=record_id, origin=where)
    article.id = record_id
    article.url = article.url or url
    return article


FETCH_METADATA_TYPE = "application/vnd.presstrace.fetch+json"
MAX_METADATA_BYTES = 65536


def _is_fetch_metadata(record, record_id: str) -> bool:
    """Whether the record is presstrace's metadata about the response just read."""
    if record.rec_type != "metadata":
        return False
    concurrent = (record.rec_headers.get_header("WARC-Concurrent-To") or "").strip("<>")
    content_type = record.rec_headers.get_header("Content-Type") or ""
    return concurrent == record_id and content_type.startswith(FETCH_METADATA_TYPE)


def _apply_fetch_metadata(item: Article | ArticleError, record) -> None:
    """The fetch's input id and outlet, and its date where the page had none; an archive is untrusted
    input, so a metadata record that does not read as expected is ignored."""
    if isinstance(item, ArticleError):
        return
    try:
        data = json.loads(record.content_stream().read(MAX_METADATA_BYTES))
    except (ValueError, UnicodeDecodeError):
        LOGGER.warning("%s: unreadable fetch metadata ignored", item.id)
        return
    if not isinstance(data, dict):
        return
    if isinstance(data.get("id"), str) and data["id"].strip():
        item.id = data["id"].strip()[:2000]
    if isinstance(data.get("source"), str) and data["source"].strip():
        item.source = data["source"].strip()[:200]
    if item.date is None and isinstance(data.get("date"), str):
        try:
            item.date = parse_date(data["date"], item.id or "")
        except InputError:
            LOGGER.warning("%s: fetch metadata date %r ignored", item.id, data["date"][:40])


def _with_default_date(item: Article | ArticleError, options: ReadOptions) -> Article | ArticleError:
    """The caller's default date for an article that has none after its metadata."""
    if isinstance(item, Article) and item.date is None:
        item.date = options.date
    return item
