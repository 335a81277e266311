"""Small SVG charts computed on the server: plain numbers for the templates to draw with
SVG attributes (the pages' Content-Security-Policy allows no inline styles or scripts)."""
from __future__ import annotations

from typing import Iterable

SOURCING_KINDS = ("named", "vague", "unattributed")


def stacked_shares(shares: dict[str, float], kinds: Iterable[str] = SOURCING_KINDS,
                   width: float = 300.0) -> list[dict]:
    """Segments of one horizontal bar, each kind's share of the whole."""
    kinds = list(kinds)
    total = sum(max(shares.get(k) or 0.0, 0.0) for k in kinds)
    x = 0.0
    out = []
    for kind in kinds:
        share = (max(shares.get(kind) or 0.0, 0.0) / total) if total else 0.0
        out.append({"kind": kind, "x": round(x, 2), "width": round(share * width, 2),
                    "share": share})
        x += share * width
    return out


def bars(counts: list[tuple[str, int]], width: float = 600.0, height: float = 120.0,
         widest: float = 40.0) -> dict:
    """A bar per (label, count), scaled to fit, for counts over time; a few months get
    narrow bars, not one that fills the chart."""
    if not counts:
        return {"bars": [], "width": width, "height": height, "most": 0}
    most = max(c for _, c in counts) or 1
    step = min(width / len(counts), widest / 0.8)
    out = []
    for i, (label, count) in enumerate(counts):
        h = height * count / most
        out.append({"label": label, "count": count, "x": round(i * step + step * 0.1, 2),
                    "y": round(height - h, 2), "width": round(step * 0.8, 2),
                    "height": round(h, 2)})
    return {"bars": out, "width": width, "height": height, "most": most}


def lines(periods: list[str], series: list[dict], key: str, width: float = 640.0,
          height: float = 160.0, most_series: int = 8) -> dict:
    """A polyline per series over the periods, for attention over time: `key` picks the
    values (`counts` or `shares`); a missing share (no article that period) is drawn as 0.
    Only the first `most_series` are drawn, so the colours stay distinguishable."""
    drawn = series[:most_series]
    values = [[v or 0 for v in s[key]] for s in drawn]
    top = max((v for vs in values for v in vs), default=0) or 1
    step = width / max(len(periods) - 1, 1)
    out = []
    for i, (s, vs) in enumerate(zip(drawn, values)):
        points = [(round(k * step, 2), round(height - height * v / top, 2)) for k, v in enumerate(vs)]
        out.append({"outlet": s["outlet"], "colour": i,
                    "points": " ".join(f"{x:g},{y:g}" for x, y in points),
                    "dots": [{"x": x, "y": y, "label": periods[k], "value": vs[k]}
                             for k, (x, y) in enumerate(points)]})
    return {"lines": out, "width": width, "height": height, "top": top,
            "first": periods[0] if periods else "", "last": periods[-1] if periods else "",
            "left_out": max(len(series) - most_series, 0)}
