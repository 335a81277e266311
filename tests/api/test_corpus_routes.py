"""The corpus view endpoints (`api/corpus_routes.py`) over the invented views store: each
answers what the corpus functions answer, pages like the other lists, and errors have the
one shape."""
from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

from presstrace.corpus.compare import compare_story  # noqa: E402
from presstrace.corpus.network import actor_network, quoted_alongside  # noqa: E402
from presstrace.corpus.profile import entity_profile  # noqa: E402
from presstrace.corpus.timeline import timeline  # noqa: E402


def test_corpus_routes_story_and_entity(views_client, views_conn, story_of):
    sid = story_of(views_conn, "kh-1")
    answer = views_client.get(f"/api/stories/s{sid}")
    story = compare_story(views_conn, sid)
    # `articles` is what /api/stories lists for the story, its count beside it.
    listed = next(s for s in views_client.get("/api/stories").json()["items"] if s["id"] == f"s{sid}")
    assert answer.status_code == 200 and answer.json() == {
        **story, "id": f"s{sid}", "articles": listed["articles"], "article_count": story["articles"]}
    assert len(listed["articles"]) >= story["articles"] >= 1
    few = views_client.get(f"/api/stories/{sid}", params={"claims_limit": 0}).json()
    assert all(p["unique_claims"] == [] and p["unique_claim_count"] for p in few["outlets"])
    assert views_client.get("/api/entities/Zelensky").json() == {
        **entity_profile(views_conn, "Zelensky"), "limit": 50, "offset": 0, "next_offset": None}
    for path in ("/api/stories/s999", "/api/entities/999999", f"/api/entities/{'9' * 30}"):
        error = views_client.get(path)
        assert error.status_code == 404 and error.json()["error"]["code"] == "not_found"


def test_corpus_routes_lists_page_like_the_others(views_client, views_conn, story_of):
    sid = story_of(views_conn, "kh-1")
    everything = timeline(views_conn, story=sid)
    first = views_client.get("/api/timeline", params={"story": f"s{sid}", "limit": 2}).json()
    assert first["items"] == everything[:2] and first["next_offset"] == 2
    rest = views_client.get("/api/timeline", params={"story": sid, "limit": 100, "offset": 2}).json()
    assert rest["items"] == everything[2:] and rest["next_offset"] is None
    places = views_client.get("/api/places", params={"limit": 1}).json()
    assert [p["name"] for p in places["items"]] == ["Kharkiv"] and places["next_offset"] == 1
    assert views_client.get("/api/network", params={"kind": "quotes"}).json() == quoted_alongside(views_conn)
    assert views_client.get("/api/network", params={"type": "request"}).json() == \
        actor_network(views_conn, event_type="request")


@pytest.mark.parametrize("path, params, status, code", [
    ("/api/timeline", {}, 400, "bad_query"),
    ("/api/timeline", {"place": "Atlantis"}, 404, "not_found"),
    ("/api/timeline", {"entity": "x' OR 1=1 --"}, 404, "not_found"),
    ("/api/timeline", {"story": "s1", "since": "May"}, 422, "invalid_request"),
    ("/api/places", {"story": "one"}, 400, "bad_query"),
    ("/api/network", {"kind": "quotes", "type": "ASSAULT"}, 400, "bad_query"),
    ("/api/network", {"kind": "friends"}, 422, "invalid_request"),
    ("/api/places", {"limit": 0}, 422, "invalid_request"),
])
def test_corpus_routes_errors_have_the_one_shape(views_client, path, params, status, code):
    answer = views_client.get(path, params=params)
    assert answer.status_code == status
    assert answer.json() == {"error": {"code": code, "message": answer.json()["error"]["message"],
                                       "status": status}}
