"""`presstrace story`, `timeline`, `network`, `places` and `entity` on the invented views
store: each writes what the corpus view functions answer."""
from __future__ import annotations

import json

from presstrace.corpus.compare import compare_story
from presstrace.corpus.mapdata import place_counts
from presstrace.corpus.network import actor_network, quoted_alongside
from presstrace.corpus.profile import entity_profile
from presstrace.corpus.timeline import timeline


def test_views_story_command(views_store, views_conn, story_of, invoke):
    sid = story_of(views_conn, "kh-1")
    result = invoke("story", f"s{sid}", "--compare", "--format", "json", "--db", views_store)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == compare_story(views_conn, sid)
    text = invoke("story", sid, "--compare", "--db", views_store).output
    assert "naming of Kyiv: North Courier: Kiev; Valley Herald: Kyiv" in text
    assert "Moscow denied targeting civilians" in text
    listing = json.loads(invoke("story", sid, "--format", "json", "--db", views_store).output)
    assert sorted(a["input_id"] for a in listing["articles"]) == ["kh-1", "kh-2", "kh-3"]
    missing = invoke("story", "s999", "--db", views_store)
    assert missing.exit_code == 1 and "no story s999" in missing.output


def test_views_commands_write_what_the_functions_answer(views_store, views_conn, invoke):
    runs = [(["timeline", "--entity", "Synehubov"], timeline(views_conn, entity="Synehubov")),
            (["network", "--kind", "quotes"], quoted_alongside(views_conn)),
            (["network", "--type", "REQUEST"], actor_network(views_conn, event_type="REQUEST")),
            (["places", "--limit", "2"], place_counts(views_conn, limit=2)),
            (["entity", "Zelensky"], entity_profile(views_conn, "Zelensky"))]
    for args, expected in runs:
        result = invoke(*args, "--format", "json", "--db", views_store)
        assert result.exit_code == 0, (args, result.output)
        assert json.loads(result.output) == expected
    table = invoke("timeline", "--place", "Kiev", "--db", views_store).output
    assert "ACCUSE" in table and "Valley Herald" in table
    assert invoke("timeline", "--db", views_store).exit_code == 1  # nothing to follow
    assert invoke("network", "--kind", "quotes", "--type", "ASSAULT", "--db", views_store).exit_code == 2
