"""The workbench's map (`/map`): the places articles name, drawn by Leaflet (vendored in
`static/vendor/`, run by `static/map.js`) over the Natural Earth outlines, and listed in
tables, which are the page without scripts. Demonyms, when asked for, are drawn and listed
apart: they name a country's people, not a place in it.

The markers reach the script as a JSON block (Jinja's `tojson` escapes `<`, `>` and `&`);
the script writes names with `textContent` only.
"""
from __future__ import annotations

from typing import Annotated, Optional
from urllib.parse import quote

from fastapi import Query, Request
from fastapi.responses import HTMLResponse

from ..corpus.mapdata import place_counts
from ..records import DEMONYM
from ..store.placeview import CONFIDENT_PLACE
from . import geo
from .corpus_pages import Date, Name, ask
from .pages import Conn, router, show

Confidence = Annotated[Optional[float], Query(ge=0, le=1)]
CONFIDENCE_CHOICES = (0.0, 0.25, CONFIDENT_PLACE, 0.75, 0.9)  # the map form's menu
LABELS = 8  # markers named on the map: enough to orient, few enough not to clutter


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, conn: Conn, story: Name = None, since: Date = None,
             until: Date = None, top: Annotated[int, Query(ge=1, le=2000)] = 300,
             min_confidence: Confidence = None, demonyms: bool = False,
             world: bool = False) -> HTMLResponse:
    """Confident toponyms framed on the news (the whole world with `world`)."""
    rows = [p for p in ask(place_counts, conn, story=story or None, since=since, until=until,
                           limit=top, min_confidence=min_confidence, demonyms=demonyms, missing=400)
            if p["lat"] is not None and p["lon"] is not None]
    places = [p for p in rows if p["kind"] != DEMONYM]
    peoples = [p for p in rows if p["kind"] == DEMONYM]
    confidence = CONFIDENT_PLACE if min_confidence is None else min_confidence
    return show(request, "map.html", places=places, peoples=peoples,
                drawn=map_data(places, peoples, world), story=story or "", since=since or "",
                until=until or "", top=top, demonyms=demonyms, world=world,
                confidence=confidence, choices=sorted({*CONFIDENCE_CHOICES, confidence}))


def map_data(places: list[dict], peoples: list[dict], world: bool) -> dict:
    """What map.js draws: a marker per place (demonyms marked), the bounds to open on
    (None: the world), how many of the most mentioned to name, and the largest count,
    which sets the markers' scale and the legend."""
    markers = [{"name": p["name"], "country": p["country"], "lat": p["lat"], "lon": p["lon"],
                "mentions": p["mentions"], "articles": p["articles"], "demonym": p["kind"] == DEMONYM,
                "href": "/timeline?place=" + quote(str(p["ref"]), safe="")}
               for p in places + peoples]
    return {"markers": markers, "labels": LABELS,
            "bounds": None if world else geo.bounds(places or peoples),
            "most": max((m["mentions"] for m in markers), default=0)}
