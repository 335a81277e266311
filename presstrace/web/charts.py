"""Chart data for the pages. Time series are drawn in the browser by uPlot (vendored in
`static/vendor/`, run by `static/charts.js`): `chart_data` shapes what it reads. The
sourcing bar stays a server-side SVG (`stacked_shares`): three rectangles need no library,
and every article page would otherwise load one for them."""
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


MOST_SERIES = 10  # the chart's palette: past ten, colours repeat and lines cannot be told apart


def chart_data(kind: str, x: list[str], series: list[dict], percent: bool = False,
               xlabel: str = "period") -> dict:
    """What `static/charts.js` draws with uPlot: `kind` lines or bars over the dates `x`
    (YYYY-MM-DD, or YYYY-MM for months), one series per {"label", "values"}; only the first
    MOST_SERIES are drawn (`left_out` says how many were not; the page's table has them)."""
    drawn = series[:MOST_SERIES]
    values = [v for s in drawn for v in s["values"] if v is not None]
    return {"kind": kind, "x": x, "series": drawn, "percent": percent, "xlabel": xlabel,
            "first": x[0] if x else "", "last": x[-1] if x else "", "top": max(values, default=0),
            "left_out": max(len(series) - MOST_SERIES, 0)}
