"""Where the map opens: the bounds that frame the news, not the whole world.

Leaflet (vendored in `static/vendor/`, run by `static/map.js`) projects and draws the map,
the Natural Earth outlines (`static/countries.json`, built by `scripts/build_outlines.py`)
and the markers; what stays here is the choice of what to frame, which is about the news
and not about drawing: the places that hold most mentions, without the far-away few.
"""
from __future__ import annotations

from typing import Optional

# GeoNames codes of countries, continents, regions, seas, rivers, ranges: too wide to frame a map on
BROAD = ("PCL", "CONT", "RGN", "OCN", "AREA", "SEA", "GULF", "BAY", "STM", "MTS", "DSRT", "PEN", "LKS")


def bounds(places: list[dict], share: float = 0.8) -> Optional[list[list[float]]]:
    """[[south, west], [north, east]] around the `focus` points; None (the whole world)
    when there are none."""
    points = focus(places, share)
    if not points:
        return None
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def focus(places: list[dict], share: float = 0.8) -> list[tuple[float, float]]:
    """The points a map should frame: the places (towns, regions; not whole countries or
    continents, whose centroids say little) that between them hold `share` of the mentions,
    trimmed of the outlying tenth on each side in latitude and longitude, weighted by
    mentions, so a handful of far-away mentions do not zoom the map out to the world."""
    local = [p for p in places if not (p["feature"] or "").startswith(BROAD)] or places
    total = sum(p["mentions"] for p in local)
    if not total:
        return []
    lat_lo, lat_hi = _weighted_range(local, "lat", (1 - share) / 2)
    lon_lo, lon_hi = _weighted_range(local, "lon", (1 - share) / 2)
    return [(p["lat"], p["lon"]) for p in local
            if lat_lo <= p["lat"] <= lat_hi and lon_lo <= p["lon"] <= lon_hi]


def _weighted_range(places: list[dict], key: str, cut: float) -> tuple[float, float]:
    ordered = sorted(places, key=lambda p: p[key])
    total = sum(p["mentions"] for p in ordered)
    seen, low, high = 0.0, ordered[0][key], ordered[-1][key]
    for p in ordered:
        seen += p["mentions"]
        if seen >= cut * total:
            low = p[key]
            break
    seen = 0.0
    for p in reversed(ordered):
        seen += p["mentions"]
        if seen >= cut * total:
            high = p[key]
            break
    return low, high
