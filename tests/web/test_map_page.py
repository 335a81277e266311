"""The map page, the entity page and the reader on the map store (tests/conftest.py):
confident toponyms framed on the news, the whole world on request, the markers Leaflet
draws (static/map.js) handed over as a JSON block no name can break out of, demonyms drawn
and listed apart, untrusted names escaped, and no internal place id anywhere."""
from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from presstrace.web import geo


@pytest.fixture(scope="module")
def map_client(map_store, settings, app_client):
    pytest.importorskip("fastapi")
    with app_client(map_store, settings) as c:
        yield c


def page(client, path: str) -> str:
    answer = client.get(path)
    assert answer.status_code == 200, (path, answer.text[:300])
    return answer.text


def drawn(html: str) -> dict:
    """The map's JSON block: markers, bounds, labels, most."""
    body = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in body  # no name can close the block
    return json.loads(body)


def test_map_frames_confident_toponyms_and_can_show_the_world(map_client):
    framed = drawn(page(map_client, "/map"))
    (south, west), (north, east) = framed["bounds"]
    assert south <= north and west <= east and east - west < 360
    names = sorted(m["name"] for m in framed["markers"])
    assert len(names) == 5 and {"Kharkiv", "Kyiv", "Moscow", "Germany"} <= set(names)
    assert "Berlin" not in names and not any(m["demonym"] for m in framed["markers"])
    world = page(map_client, "/map?world=1")
    assert drawn(world)["bounds"] is None and 'name="world" value="1" checked' in world
    assert "Berlin" in [m["name"] for m in drawn(page(map_client, "/map?min_confidence=0.25"))["markers"]]


def test_map_markers_carry_hostile_names_as_data_only(map_client, map_facts):
    html = page(map_client, "/map")
    markers = drawn(html)["markers"]
    hostile = next(m for m in markers if m["name"] == map_facts["hostile"])
    assert hostile["href"] == "/timeline?place=" + quote(map_facts["hostile"], safe="")
    assert "<script>x" not in html and map_facts["hostile"] not in html
    # Its timeline link in the table carries the name, URL-encoded.
    assert f'<a href="/timeline?place={quote(map_facts["hostile"], safe="/")}">' in html
    assert drawn(html)["labels"] >= 1


def test_map_scale_is_the_largest_count(map_client):
    data = drawn(page(map_client, "/map?demonyms=1"))
    # Kharkiv, 3 mentions, is the largest: the markers' and the legend's scale.
    assert data["most"] == max(m["mentions"] for m in data["markers"]) == 3


def test_map_draws_and_lists_demonyms_apart(map_client):
    html = page(map_client, "/map?demonyms=1")
    rings = [m for m in drawn(html)["markers"] if m["demonym"]]
    assert [(m["name"], m["country"], m["mentions"], m["articles"]) for m in rings] == [("Russia", "RU", 2, 2)]
    table = html.split('<table class="list" id="demonyms">')[1].split("</table>")[0]
    assert "><bdi>Russia</bdi></a>" in table and "Kharkiv" not in table
    places = html.split("<h2>Most mentioned places</h2>")[1].split("</table>")[0]
    assert "Russia" not in places
    assert 'aria-label="Map of 5 places and 1 demonym,' in html


def test_map_links_places_to_timelines_that_open(map_client):
    html = page(map_client, "/map")
    links = re.findall(r'<a href="/timeline\?place=([^"]+)"><bdi>([^<]+)</bdi></a>', html)
    refs = dict((name, ref) for ref, name in links)
    assert refs["Kyiv"] == "703448" and refs["Moscow"] == "Moscow" and refs["Germany"] == "Germany"
    assert "REJECT" in page(map_client, "/timeline?place=Moscow")
    assert "REQUEST" in page(map_client, "/timeline?place=Germany")


def test_no_page_shows_an_internal_place_id(map_client, map_facts):
    internal = str(map_facts["internal_id"]).lstrip("-")
    moscow = map_client.get("/api/entities/Moscow").json()["id"]
    article = map_client.get("/api/articles", params={"limit": 10}).json()["items"]
    reader = next(a["id"] for a in article if a["input_id"] == "kh-2")
    for path in ("/map", "/map?demonyms=1&min_confidence=0", f"/entities/{moscow}",
                 f"/articles/{reader}", "/timeline?place=Moscow"):
        html = page(map_client, path)
        assert internal not in html, path
    assert "GeoNames 703448" in page(map_client, f"/articles/{reader}")  # a real id still shows


def test_map_refuses_bad_parameters(map_client):
    for path in ("/map?min_confidence=2", "/map?world=maybe"):
        assert map_client.get(path).status_code in (400, 422)
    refused = map_client.get("/timeline?place=-5")
    assert refused.status_code == 400 and "positive" in refused.text


@pytest.mark.parametrize("places, expected", [
    ([], None),
    ([{"lat": 50.45, "lon": 30.52, "mentions": 9, "feature": "PPLC"}], [[50.45, 30.52], [50.45, 30.52]]),
    # a country's centroid says little: the towns frame the map when there are any
    ([{"lat": 50.45, "lon": 30.52, "mentions": 9, "feature": "PPLC"},
      {"lat": 46.48, "lon": 30.72, "mentions": 2, "feature": "PPL"},
      {"lat": 39.8, "lon": -98.5, "mentions": 50, "feature": "PCLI"}], [[46.48, 30.52], [50.45, 30.72]]),
])
def test_map_bounds_frame_the_towns(places, expected):
    assert geo.bounds(places, share=1.0) == expected
