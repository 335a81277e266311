"""Turn a world-atlas TopoJSON file (Natural Earth country outlines) into the compact
outline file the workbench's map draws: `presstrace/web/static/countries.json`.

Run once, by hand, when the outlines change (the output is committed):

    npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_outlines.py package/countries-110m.json

The output is `{"source": ..., "countries": [{"name", "rings": [[[lon, lat], ...], ...]}]}`
with coordinates rounded to `--digits` decimals and repeated points dropped. Natural Earth
is in the public domain; world-atlas (ISC licence) only re-encodes it as TopoJSON.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "presstrace" / "web" / "static" / "countries.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (arcs are delta-encoded, quantized integers)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list) -> list[tuple[float, float]]:
    """One closed ring from arc indices; ~i stands for arc i walked backwards."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])  # arcs share their end points
    return points


def rounded(points: list[tuple[float, float]], digits: int) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in points:
        point = [round(lon, digits), round(lat, digits)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def convert(topology: dict, digits: int) -> list[dict]:
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        rings = [rounded(ring(r, arcs), digits) for polygon in polygons(geometry) for r in polygon]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            countries.append({"name": geometry.get("properties", {}).get("name", ""), "rings": rings})
    return countries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path)
    parser.add_argument("--digits", type=int, default=2)
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text())
    out = {"source": "Natural Earth 1:110m admin-0 countries (public domain), "
                     "via world-atlas 2.0.2 (ISC)", "countries": convert(topology, args.digits)}
    OUT.write_text(json.dumps(out, separators=(",", ":")))
    print(f"{len(out['countries'])} countries -> {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
