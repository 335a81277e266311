"""WARC (and ARC) archives: every HTML page captured in them is one article.

Needs the optional `warcio` package. Each `response` (or `resource`) record with status
200 and an HTML content type is extracted like an HTML file (trafilatura); its id is the
WARC-Record-ID and its URL the WARC-Target-URI when the page gives none. The capture date
(WARC-Date) is not the publication date and is never used as one. Other records are skipped.
"""
from __future__ import annotations

import gzip
import importlib.util
import logging
from pathlib import Path
from typing import Iterator

from ..errors import InputError, PresstraceError
from ..records import Article, ArticleError
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
    number = 0
    try:
        with open(path, "rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream, arc2warc=True), 1):
                if _is_html_page(record):
                    yield _read_record(record, path, number, options)
    except (ArchiveLoadFailed, OSError, ValueError) as exc:
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


def _read_record(record, path: Path, number: int, options: ReadOptions) -> Article | ArticleError:
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or f"{path.stem}:{number}").strip("<>")
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{path}#{number}"
    try:
        data = record.content_stream().read(options.max_bytes + 1)
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
