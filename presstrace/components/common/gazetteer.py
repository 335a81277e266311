"""One gazetteer per process for the components that need it.

Components get a path string in their config (spaCy configs must be plain data); this
turns it into a `Gazetteer`, opened once per process and shared.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4)
def gazetteer_for(path: str = ""):
    """The gazetteer at `path`, or the default index when `path` is empty."""
    from ...gazetteer import Gazetteer, load_gazetteer

    return Gazetteer.open(path) if path else load_gazetteer()
