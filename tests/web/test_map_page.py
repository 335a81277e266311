"""The map page, the entity page and the reader on the map store (tests/conftest.py):
confident toponyms framed on the news, the whole world on request, the largest markers
named, a legend of sizes, demonyms drawn and listed apart, untrusted names escaped, and no
internal place id anywhere."""
from __future__ import annotations

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


def view_box(html: str) -> list[float]:
    return [float(v) for v in re.search(r'<svg class="map" id="map" viewBox="([^"]+)"', html).group(1).split()]


def test_map_frames_confident_toponyms_and_can_show_the_world(map_client):
    framed = page(map_client, "/map")
    assert view_box(framed)[2] < 360
    assert framed.count('<circle class="marker"') == 5  # Kharkiv, Kyiv, Moscow, Germany, the hostile one
    assert "Berlin" not in framed and "marker demonym" not in framed  # 0.3 confidence; no demonyms asked
    world = page(map_client, "/map?world=1")
    assert view_box(world) == list(geo.WORLD) and 'name="world" value="1" checked' in world
    assert "Berlin" in page(map_client, "/map?min_confidence=0.25")


def test_map_names_the_largest_markers_and_escapes_them(map_client, map_facts):
    html = page(map_client, "/map")
    labels = re.findall(r'<text class="label"[^>]*>([^<]*)</text>', html)
    assert labels[0] == "Kharkiv" and "Kyiv" in labels
    assert "&lt;b&gt;Evil&lt;/b&gt; &#34;Town&#34; &amp; &lt;script&gt;x&lt;/script&gt;" in labels
    assert "<script>x" not in html and map_facts["hostile"] not in html
    # Its timeline link carries the name, URL-encoded.
    assert f'<a href="/timeline?place={quote(map_facts["hostile"], safe="/")}">' in html


def test_map_legend_gives_marker_sizes(map_client):
    legend = re.search(r'<g class="legend".*?</g>', page(map_client, "/map?demonyms=1"), re.S).group(0)
    # Kharkiv, 3 mentions, is the largest: 3 and a quarter of it rounded (1).
    assert re.findall(r">(\d+)</text>", legend) == ["3", "1"]
    assert "Marker sizes: 3, 1 mentions" in legend


def test_map_legend_counts_are_round_shares_of_the_largest():
    box = geo.view_box([(50, 36)])
    legend = geo.legend(300, box)
    assert [c["count"] for c in legend["circles"]] == [300, 80, 20]
    radii = [c["r"] for c in legend["circles"]]
    assert radii == sorted(radii, reverse=True) and radii[0] == pytest.approx(box[2] / 120, abs=1e-3)
    assert geo.legend(0, box) is None


def test_map_draws_and_lists_demonyms_apart(map_client):
    html = page(map_client, "/map?demonyms=1")
    rings = re.findall(r'<circle class="marker demonym"[^>]*><title>([^<]*)</title>', html)
    assert len(rings) == 1 and rings[0].startswith("Russia, RU (demonym): 2 mentions in 2 articles")
    table = html.split('<table class="list" id="demonyms">')[1].split("</table>")[0]
    assert "><bdi>Russia</bdi></a>" in table and "Kharkiv" not in table
    places = html.split("<h2>Most mentioned places</h2>")[1].split("</table>")[0]
    assert "Russia" not in places
    assert 'aria-labelledby="map-title"' in html and "and 1 demonym," in html


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


def test_map_labels_leave_out_a_name_that_would_overlap_a_bigger_ones():
    box = geo.view_box([(50.45, 30.52)])
    near = [{"name": "Kyiv", "lat": 50.45, "lon": 30.52, "mentions": 9, "feature": "PPLC"},
            {"name": "Boryspil", "lat": 50.35, "lon": 30.6, "mentions": 4, "feature": "PPL"},
            {"name": "Odesa", "lat": 46.48, "lon": 30.72, "mentions": 2, "feature": "PPL"}]
    assert [label["name"] for label in geo.labels(geo.markers(near, box), box)] == ["Kyiv", "Odesa"]
    assert len(geo.labels(geo.markers(near, box), box, count=1)) == 1
