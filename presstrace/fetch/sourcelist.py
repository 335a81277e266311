"""The SOURCES of `fetch` and `watch`: URLs, or files listing them one a line, each with
an optional outlet name after it (`https://example.org/feed.xml Example Times`); blank
lines and lines starting with # are skipped."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Optional
from urllib.parse import urlsplit

from ..errors import InputError

MAX_LIST_BYTES = 5_000_000


@dataclass(frozen=True)
class SourceSpec:
    url: str
    outlet: Optional[str] = None


def read_sources(arguments: Iterable[str]) -> list[SourceSpec]:
    """The sources named, in order, each once.

    Raises:
        InputError: an argument that is neither an http(s) URL nor a readable file.
    """
    specs: dict[str, SourceSpec] = {}
    for argument in arguments:
        for spec in _expand(argument):
            specs.setdefault(spec.url, spec)
    return list(specs.values())


def _expand(argument: str) -> list[SourceSpec]:
    if urlsplit(argument).scheme.lower() in ("http", "https"):
        return [SourceSpec(argument)]
    if not os.path.isfile(argument):
        raise InputError("bad_source", f"{argument}: neither an http(s) URL nor a file of sources")
    if os.path.getsize(argument) > MAX_LIST_BYTES:
        raise InputError("too_large", f"{argument}: a source list over {MAX_LIST_BYTES} bytes")
    with open(argument, encoding="utf-8", errors="replace") as fh:
        return [spec for spec in map(_line, fh) if spec is not None]


def _line(line: str) -> Optional[SourceSpec]:
    parts = line.strip().split(None, 1)
    if not parts or parts[0].startswith("#"):
        return None
    if urlsplit(parts[0]).scheme.lower() not in ("http", "https"):
        return None
    return SourceSpec(parts[0], parts[1].strip()[:200] if len(parts) > 1 else None)
