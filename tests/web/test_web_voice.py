"""The workbench tells the author's framing from the wording of the people quoted: the
reader marks framing inside quotes, and a story's outlet columns count only the author's."""
from __future__ import annotations

import re
import sqlite3


def test_reader_marks_framing_inside_quotes(web_store, settings, app_client, ids):
    every = settings.with_overrides({"framing": {"experimental": ["*"]}})  # quoted items are experimental
    with app_client(web_store[0], every) as c:
        page = c.get(f"/articles/{ids['seed']}").text
    # the author writes "Kiev" against the Financial Times excerpt's "Kyiv": one choice
    assert re.search(r'class="hl l-framing" data-layer="framing" data-tip="naming choice · Kyiv: Kiev against Kyiv">'
                     r'(<[^>]+>)*Kiev<', page)
    assert re.search(r'class="hl l-framing quoted" data-layer="framing" data-tip="loaded language[^"]*'
                     r' · in a quote">(<[^>]+>)*horrible, bloody war<', page)
    panel = page.split('<h2>Framing</h2>')[1].split("</aside>")[0]
    assert '<li>Kyiv: “Kiev” <span class="meta">against “Kyiv”</span></li>' in panel
    assert '<li class="quoted">“horrible, bloody war” <span class="meta">· in a quote</span></li>' in panel
    assert "Author’s own words:" in page  # the tone of the words outside quotes


def test_reader_groups_framing_by_technique_collapsed_beside_the_text(client, ids):
    page = client.get(f"/articles/{ids['seed']}").text
    aside = page.split('<aside class="panel"')[1].split("</aside>")[0]
    groups = re.findall(r'<details class="framing-group( experimental)?"><summary>([a-z ]+) <span class="count">(\d+)',
                        aside)
    assert ("", "naming choice", "2") in groups  # Kiev against Kyiv; "Ukraine war"
    assert groups[-1][:2] == (" experimental", "experimental")  # collapsed, listed last
    assert "<details open" not in aside
    # experimental items are listed, not highlighted: "suicide operation" is loaded language
    assert not re.search(r'data-tip="loaded language[^"]*">(<[^>]+>)*suicide operation<', page)


def test_story_page_counts_the_authors_framing(client, web_store, ids):
    conn = sqlite3.connect(web_store[0])
    story = conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (ids["seed"],)).fetchone()[0]
    experimental = conn.execute("SELECT count(*) FROM framing WHERE article_id = ? AND confidence < 0.5",
                                (ids["seed"],)).fetchone()[0]
    conn.close()
    page = client.get(f"/stories/{story}").text
    # the seed's quoted framing is all experimental items: counted apart as such
    assert experimental > 0 and f"{experimental} experimental items, not counted." in page
    assert "Tone <span class=\"meta\">author’s voice</span>" in page
