"""The map's geometry: Natural Earth country outlines and place markers as SVG, in an
equirectangular projection (x = lon, y = -lat), so no projection library is needed.

The outlines (`static/countries.json`, built by `scripts/build_outlines.py`) are turned
into one SVG path once per process. The view box frames the markers with a margin, so
a map of a war in Ukraine opens on Ukraine, not on the whole world (`WORLD` on request).
The largest markers are named, and a legend gives marker sizes in mentions. Sizes are in
the view's units, scaled to its width, so they look the same at any zoom.
"""
from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Iterable, Optional

OUTLINES = Path(__file__).parent / "static" / "countries.json"
WORLD = (-180.0, -90.0, 360.0, 180.0)  # x, y, width, height of the whole world
MIN_SPAN = 12.0                         # degrees: the tightest view, for one marker
LABELS = 8                              # markers named on the map: enough to orient, few enough not to clutter
# GeoNames codes of countries, continents, regions, seas, rivers, ranges: too wide to frame a map on
BROAD = ("PCL", "CONT", "RGN", "OCN", "AREA", "SEA", "GULF", "BAY", "STM", "MTS", "DSRT", "PEN", "LKS")


@functools.lru_cache(maxsize=1)
def outline_path() -> str:
    """Every country's rings as one SVG path in projected coordinates."""
    countries = json.loads(OUTLINES.read_text())["countries"]
    parts = []
    for country in countries:
        for ring in country["rings"]:
            for copy in _copies(_unwrapped(ring)):
                parts.append("M" + " ".join(f"{lon:g} {-lat:g}" for lon, lat in copy) + "Z")
    return "".join(parts)


def _unwrapped(ring: list[list[float]]) -> list[tuple[float, float]]:
    """The ring with no jump of more than 180° in longitude: a ring crossing the
    antimeridian (Russia's Chukotka, Fiji) continues past ±180 instead of drawing a line
    across the whole map."""
    out: list[tuple[float, float]] = []
    shift = 0.0
    for lon, lat in ring:
        if out and abs(lon + shift - out[-1][0]) > 180:
            shift += 360.0 if lon + shift < out[-1][0] else -360.0
        out.append((lon + shift, lat))
    return out


def _copies(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The ring, and its copy one world over when it runs past the map's edge."""
    lons = [lon for lon, _ in ring]
    copies = [ring]
    if max(lons) > 180:
        copies.append([(lon - 360, lat) for lon, lat in ring])
    if min(lons) < -180:
        copies.append([(lon + 360, lat) for lon, lat in ring])
    return copies


def view_box(points: Iterable[tuple[float, float]], margin: float = 0.15) -> tuple[float, ...]:
    """x, y, width, height framing these (lat, lon) points, at least MIN_SPAN degrees wide,
    with 2:1 proportions like the world's; the whole world when there are none."""
    points = list(points)
    if not points:
        return WORLD
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    width = max(max(lons) - min(lons), 2 * (max(lats) - min(lats)), MIN_SPAN) * (1 + 2 * margin)
    width = min(width, WORLD[2])
    height = width / 2
    cx, cy = (max(lons) + min(lons)) / 2, -(max(lats) + min(lats)) / 2
    x = min(max(cx - width / 2, WORLD[0]), WORLD[0] + WORLD[2] - width)
    y = min(max(cy - height / 2, WORLD[1]), WORLD[1] + WORLD[3] - height)
    return (round(x, 2), round(y, 2), round(width, 2), round(height, 2))


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


def markers(places: list[dict], box: tuple[float, ...], most: Optional[int] = None) -> list[dict]:
    """Places with coordinates as circles: area grows with mentions, radius scaled to the
    view so markers keep their size on screen whatever the zoom. `most` (default: these
    places' largest count) sets the scale, so two sets of markers can share one."""
    if not places:
        return []
    most = most or max(p["mentions"] for p in places) or 1
    out = []
    for place in places:
        out.append({**place, "x": round(place["lon"], 4), "y": round(-place["lat"], 4),
                    "r": round(radius(place["mentions"], most, box), 4)})
    return sorted(out, key=lambda m: -m["r"])  # big ones first, so small ones stay on top


def radius(mentions: int, most: int, box: tuple[float, ...]) -> float:
    """A marker's radius: 1/120 of the view's width for the most mentioned, never under a quarter of it."""
    return box[2] / 120 * max(math.sqrt(mentions / (most or 1)), 0.25)


def font_size(box: tuple[float, ...]) -> float:
    """Text about 1/80 of the view's width: the same size on screen at any zoom."""
    return round(box[2] / 80, 4)


def labels(marks: list[dict], box: tuple[float, ...], count: int = LABELS) -> list[dict]:
    """The names of the `count` most mentioned markers, placed right of each, with a halo
    width in the view's units (the text scales with the view). A name that would overlap
    one already placed is left out: the table below lists every place anyway."""
    size = font_size(box)
    placed: list[dict] = []
    for m in sorted(marks, key=lambda m: (-m["mentions"], m["name"] or "")):
        if len(placed) == count:
            break
        label = {"name": m["name"], "x": round(m["x"] + m["r"] + size * 0.25, 4),
                 "y": round(m["y"] + size * 0.35, 4), "size": size, "halo": round(size * 0.2, 4),
                 "width": len(m["name"] or "") * size * 0.6}
        if m["name"] and not any(_overlap(label, other) for other in placed):
            placed.append(label)
    return placed


def _overlap(a: dict, b: dict) -> bool:
    """Whether two labels' boxes (baseline at y, one font size high) meet."""
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and abs(a["y"] - b["y"]) < a["size"] * 1.1)


def legend(most: int, box: tuple[float, ...]) -> Optional[dict]:
    """Reference circles for `most` mentions and round shares of it (a quarter and a
    sixteenth: half and a quarter of the radius; one mention at least), drawn in the
    view's lower left corner."""
    if most < 1:
        return None
    counts = sorted({most, *(c for c in (_round(most / 4), _round(most / 16)) if c < most)},
                    reverse=True)
    size, pad, big = font_size(box), box[2] / 80, radius(most, most, box)
    bottom = box[1] + box[3] - pad
    circles, x = [], box[0] + 2 * pad
    for count in counts:
        r = radius(count, most, box)
        circles.append({"count": count, "x": round(x + r, 4), "y": round(bottom - size * 1.6 - r, 4),
                        "r": round(r, 4), "tx": round(x + r, 4), "ty": round(bottom - size * 0.5, 4)})
        x += 2 * max(r, size) + pad
    return {"circles": circles, "size": size, "x": round(box[0] + pad, 4),
            "y": round(bottom - size * 1.6 - 2 * big - pad, 4), "caption_x": round(x, 4),
            "caption_y": round(bottom - size * 0.5, 4), "width": round(x + size * 4.5 - box[0] - pad, 4),
            "height": round(size * 1.6 + 2 * big + pad, 4)}


def _round(value: float) -> int:
    """`value` to one significant digit (75 -> 80, 1234 -> 1000), at least 1: counts a
    reader takes in, and a single mention is the smallest there is."""
    if value < 1:
        return 1
    step = 10 ** int(math.log10(value))
    return int(round(value / step) * step)
