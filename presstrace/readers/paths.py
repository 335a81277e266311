"""The paths a run is given: shell patterns expanded, and how many inputs they hold.

`expand_globs` lets `ingest 'feeds/*.jsonl'` work where no shell expands the pattern;
`estimate_inputs` gives a progress line its total before anything is read.
"""
from __future__ import annotations

import glob
import os
from pathlib import Path
from typing import Iterable, Optional

from .detect import hint_from_name
from .sources import STDIN, Source, iter_sources
from .warc import is_warc_name


def expand_globs(paths: Iterable[str | os.PathLike]) -> list[str | os.PathLike]:
    """Paths with shell-style patterns expanded (sorted); a pattern matching nothing stays.

    Args:
        paths: files, folders, patterns or `-`; a path that exists is never a pattern.
    Returns:
        The paths in order, each pattern replaced by its matches.
    """
    out: list[str | os.PathLike] = []
    for path in paths:
        if isinstance(path, str) and path != STDIN and not os.path.exists(path) and glob.has_magic(path):
            out.extend(sorted(glob.glob(path, recursive=True)) or [path])
        else:
            out.append(path)
    return out


def estimate_inputs(paths: Iterable[str]) -> Optional[int]:
    """How many inputs the paths hold, or None when it cannot be known in advance.

    Lines of JSON Lines files, one per other file; unknown for standard input and WARC
    archives.

    Args:
        paths: the paths given to ingest (globs already expanded).
    """
    total = 0
    for source in iter_sources(paths):
        if isinstance(source, Source) and source.path is None:
            return None
        if not isinstance(source, Source):
            total += 1
        elif is_warc_name(source.name):
            return None
        else:
            total += _count_file(source.path)
    return total


def _count_file(path: Path) -> int:
    """Non-blank lines of a JSON Lines file, else 1.

    Args:
        path: a file.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
            if hint_from_name(path.name) != "jsonl" and not head.lstrip().startswith(b"{"):
                return 1
            fh.seek(0)
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 1
