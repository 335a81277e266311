"""Where input comes from: paths expanded to files, standard input, and bounded reads."""
from __future__ import annotations

import contextlib
import io
import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..errors import InputError
from ..records import ArticleError
from ..settings import Settings
from .dates import check_option_date

LOGGER = logging.getLogger(__name__)

STDIN = "-"
HEAD_BYTES = 64 * 1024  # read first, for format detection and binary checks


@dataclass(frozen=True)
class Source:
    """One input file, or standard input (`path` None)."""
    name: str  # as messages show it: the path, or "<stdin>"
    stem: str  # the default article id
    path: Path | None = None


@dataclass(frozen=True)
class ReadOptions:
    """What every reader needs: the limits and the caller's default date."""
    max_bytes: int
    max_chars: int
    date: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings, date=None) -> "ReadOptions":
        """The limits of `settings` (limits.max_bytes, limits.max_chars) and a checked date.

        Args:
            settings: presstrace settings.
            date: `YYYY-MM-DD`, a `datetime.date`, or None; a bad one raises ValueError.
        """
        return cls(max_bytes=int(settings.get("limits", "max_bytes")),
                   max_chars=int(settings.get("limits", "max_chars")),
                   date=check_option_date(date))


def iter_sources(paths: Iterable[str | os.PathLike]) -> Iterator[Source | ArticleError]:
    """Expand paths in order: files as given, folders recursively and sorted, `-` stdin.

    Args:
        paths: files, folders, or `-`.
    Yields:
        A Source per file, or a `not_found` ArticleError for a path that does not exist.
    """
    for raw in paths:
        if os.fspath(raw) == STDIN:
            yield Source("<stdin>", "stdin")
            continue
        path = Path(raw)
        if path.is_dir():
            files = list(walk_folder(path))
            if not files:
                LOGGER.warning("%s: folder holds no (non-hidden) files", path)
            yield from (Source(str(f), f.stem, f) for f in files)
        elif path.exists() or path.is_symlink():
            yield Source(str(path), path.stem, path)
        else:
            yield ArticleError("not_found", f"{path}: no such file or folder",
                               id=path.stem or None, origin=str(path))


def walk_folder(folder: Path) -> list[Path]:
    """Every non-hidden file under `folder`, hidden folders skipped, sorted by relative path.

    Args:
        folder: a directory.
    """
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files.extend(Path(root, n) for n in names if not n.startswith("."))
    return sorted(files, key=lambda f: f.relative_to(folder).parts)


def open_source(source: Source, stdin: BinaryIO) -> contextlib.AbstractContextManager:
    """A binary stream for the source; standard input is not closed afterwards.

    Args:
        source: the input.
        stdin: the binary stream to read for `-`.
    """
    if source.path is None:
        return contextlib.nullcontext(stdin)
    return open(source.path, "rb")


def read_up_to(stream: BinaryIO, size: int) -> bytes:
    """Read until `size` bytes or end of stream (pipes may return short reads).

    Args:
        stream: a binary stream.
        size: the most bytes to read.
    """
    chunks, left = [], size
    while left > 0:
        chunk = stream.read(left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_rest(head: bytes, stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    """The whole input, given its first bytes; `too_large` over `max_bytes`, checked first.

    Args:
        head: the bytes already read from `stream`.
        stream: the rest of the input.
        name: the file for the message.
        max_bytes: the `limits.max_bytes` setting.
    """
    size = _file_size(stream)
    if size is None or size <= max_bytes:
        data = head + read_up_to(stream, max_bytes + 1 - len(head))
        if len(data) <= max_bytes:
            return data
        size = None
    shown = f"{size} bytes" if size is not None else f"more than {max_bytes} bytes"
    raise InputError("too_large", f"{name}: {shown} is over the limit of {max_bytes} "
                                  f"bytes (limits.max_bytes)")


def _file_size(stream: BinaryIO) -> int | None:
    """The size of a regular file behind the stream, or None (pipe, in-memory stream).

    Args:
        stream: a binary stream.
    """
    try:
        info = os.fstat(stream.fileno())
    except (AttributeError, OSError, io.UnsupportedOperation):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


class PrefixedStream(io.RawIOBase):
    """A raw stream that gives `head` first and then the rest of `stream`."""

    def __init__(self, head: bytes, stream: BinaryIO):
        super().__init__()
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        """Fill `buffer` from the head, then from the stream; 0 at the end."""
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)
