"""The WARC file of a fetch run, beside the store: every fetched page's response as
received (status line, headers, body), then presstrace's metadata record about it (outlet,
date, input id), so `presstrace ingest` of the file rebuilds the same articles offline.

One file per run (`<store>-warc/fetch-<time>-<pid>.warc.gz`): a run killed mid-record
leaves only its own file with a cut last record, which the reader reports and passes.
"""
from __future__ import annotations

import io
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ..readers.warc import FETCH_METADATA_TYPE
from .client import Response

# urllib undoes chunking; the stored body is whole, so these no longer describe it.
DROPPED_HEADERS = {"transfer-encoding", "content-length"}


def archive_folder(db_path: str | os.PathLike) -> Path:
    """The folder of a store's fetch archives: `news.db` -> `news-warc/`."""
    path = Path(db_path)
    return path.with_name(path.stem + "-warc")


class Archive:
    """A WARC file being written; records are flushed as they are written."""

    def __init__(self, db_path: str | os.PathLike):
        folder = archive_folder(db_path)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        self.path = folder / f"fetch-{stamp}-{os.getpid()}.warc.gz"
        self._stream = None
        self._writer: Optional[WARCWriter] = None

    def write(self, response: Response, metadata: dict) -> str:
        """Write the response and its metadata record; return the response's record id."""
        if self._writer is None:  # no empty file for a run that fetched no page
            self._stream = open(self.path, "ab")
            self._writer = WARCWriter(self._stream, gzip=True)
        headers = [(k, v) for k, v in response.headers if k.lower() not in DROPPED_HEADERS]
        headers.append(("Content-Length", str(len(response.body))))
        http = StatusAndHeaders(f"{response.status} {response.reason}".strip(), headers,
                                protocol="HTTP/1.1")
        date = response.fetched_at.replace("+00:00", "Z")
        record = self._writer.create_warc_record(
            response.url, "response", payload=io.BytesIO(response.body), http_headers=http,
            warc_headers_dict={"WARC-Date": date})
        self._writer.write_record(record)
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        meta = self._writer.create_warc_record(
            response.url, "metadata", payload=io.BytesIO(json.dumps(metadata).encode("utf-8")),
            warc_content_type=FETCH_METADATA_TYPE,
            warc_headers_dict={"WARC-Concurrent-To": record_id, "WARC-Date": date})
        self._writer.write_record(meta)
        self._stream.flush()
        return record_id.strip("<>")

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
