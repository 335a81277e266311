"""The workbench tells the author's framing from the wording of the people quoted: the
reader marks framing inside quotes, and a story's outlet columns count only the author's."""
from __future__ import annotations

import re
import sqlite3


def test_reader_marks_framing_inside_quotes(client, ids):
    page = client.get(f"/articles/{ids['seed']}").text
    # the Financial Times excerpt's "Kyiv" is the quoted outlet's; the author writes "Kiev"
    assert re.search(r'class="hl l-framing quoted" data-layer="framing" data-tip="naming choice · Kyiv: Kyiv'
                     r' · in a quote">(<[^>]+>)*Kyiv<', page)
    assert re.search(r'class="hl l-framing" data-layer="framing" data-tip="naming choice · Kyiv: Kiev">'
                     r'(<[^>]+>)*Kiev<', page)
    panel = page.split('<h2>Framing</h2>')[1].split("</aside>")[0]
    assert '<li class="quoted">naming choice: “Kyiv” <span class="meta">(Kyiv)</span>' in panel
    assert "<li>naming choice: “Kiev” <span class=\"meta\">(Kyiv)</span></li>" in panel
    assert "Author’s own words:" in page  # the tone of the words outside quotes


def test_story_page_counts_the_authors_framing(client, web_store, ids):
    conn = sqlite3.connect(web_store[0])
    story = conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (ids["seed"],)).fetchone()[0]
    quoted = conn.execute("SELECT count(*) FROM framing WHERE article_id = ? AND voice = 'quoted' "
                          "AND technique != 'naming_choice'", (ids["seed"],)).fetchone()[0]
    conn.close()
    page = client.get(f"/stories/{story}").text
    assert quoted > 0 and f"{quoted} more inside quotes, not counted." in page
    assert "Tone <span class=\"meta\">author’s voice</span>" in page
