"""The story page shows what its articles share, and its forms split and merge stories."""
from __future__ import annotations

import re
import shutil

import pytest

from presstrace.corpus.stories import iter_stories, update_stories
from presstrace.store import db


@pytest.fixture
def edit_store(story_stores, tmp_path):
    path = tmp_path / "edit.db"
    shutil.copy(story_stores[0], path)
    conn = db.open_store(path, create=False)
    update_stories(conn, rebuild=True)
    stories = {s["articles"][0][:3]: int(s["story"][1:]) for s in iter_stories(conn)}
    conn.close()
    return path, stories


def test_story_edit_page_shows_evidence_and_splits_then_merges(edit_store, settings, app_client):
    path, stories = edit_store
    with app_client(path, settings) as client:
        page = client.get(f"/stories/{stories['dam']}").text
        assert "Why these articles are together" in page and "Marvale" in page
        moved = re.findall(r'name="article" value="(\d+)"', page)[-1]
        answer = client.post("/stories/edit", data={"story": stories["dam"], "action": "split",
                                                    "article": moved}, follow_redirects=False)
        assert answer.status_code == 303
        new = int(answer.headers["location"].rsplit("/", 1)[1])
        assert new != stories["dam"] and "1 article " in client.get(f"/stories/{new}").text
        merged = client.post("/stories/edit", data={"story": stories["dam"], "action": "merge",
                                                    "other": new}, follow_redirects=False)
        assert merged.headers["location"].endswith(f"/stories/{stories['dam']}")
        assert client.get(f"/stories/{new}").status_code == 404
        bad = client.post("/stories/edit", data={"story": stories["dam"], "action": "merge",
                                                 "other": stories["dam"]})
        assert bad.status_code == 400
