"""Outlet comparison within one story: how each outlet covered the same event.

`compare_story(conn, story_id)` answers, for each outlet (`articles.source`) in the story:
its articles; whom it quotes and how often (speakers by their corpus entity's canonical
name where they have one; a speaker named only by a pronoun counts as no speaker); its
sourcing profile (claims by source kind, and the mean shares of the `sourcing` layer); its tone
(mean of its articles' tone); the framing techniques it uses; its naming choices (concept ->
variants); and the claims it carries that no other outlet in the story does.

Tone, framing and naming are the outlet's own voice: the author's words, not the wording of
the people it quotes (a "bloody war" inside a minister's quote is the minister's; `voice`
of the framing records, `author_*` of the tone). Rows from stores older than those fields
count as the author's (framing) or give the whole article's tone. Framing in quotes is
counted apart (`framing_quoted`), and the framing density is per 1,000 of the author's words.
Experimental framing items (their class's confidence below 0.5,
`components/framing/confidence.py`) are left out and counted apart (`framing_experimental`)
unless `experimental` names their technique; rows stored without a confidence count as
confident. Each outlet's `hedged` is the mean share of
its articles' sentences that hedge or rest on a vague source (the sourcing layer's measure).

A claim is **only this outlet's** when no claim or quote of another outlet in the story
holds enough of its content words: the best containment |A ∩ B| / |A| over the other
outlets' items stays below `similar` (0.4). Containment, not Jaccard, because a short claim
restated inside a longer sentence elsewhere is carried there too. 0.4 was read off three
BASIL stories: at 0.6 nearly every paraphrased fact ("He signed the spending deal Friday
afternoon") counted as one outlet's own; 0.3 found still more shared facts (the $8 billion,
the 800,000 unpaid workers) but also a few loose matches, and a story of many articles
offers more chances of those. Word overlap cannot see a paraphrase in other words, so
"only here" overstates what is unique. Claims with fewer than `MIN_TOKENS` content words
are too short to judge and are left out of both counts.

A near-duplicate article (a syndicated copy) has no layers of its own; its outlet is
credited with the layers of the original it copies.
"""
from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from typing import Any, Iterable

from ..components.framing.choices import naming_table
from ..components.framing.confidence import is_confident
from ..store.attribution_view import confident_speaker
from .lookup import Ref, resolve_speaker, speakers_by_alias, story_articles, story_id
from .story_features import tokens

UNKNOWN_OUTLET = "(unknown)"
# Figures are what a factual claim turns on ("50%-52%", "2005", "$4 billion"), and the
# story tokenizer drops them; claims are compared on both.
NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
MIN_TOKENS = 4
SIMILAR = 0.4
KINDS = ("named", "vague", "unattributed")


def compare_story(conn: sqlite3.Connection, story: Ref, similar: float = SIMILAR,
                  claims_limit: int = 50, experimental: tuple[str, ...] = ()) -> dict[str, Any]:
    """The story's summary and one profile per outlet (most articles first).

    Args:
        conn: the store.
        story: the story id (`s12` or `12`).
        similar: containment at or above which another outlet carries a claim too.
        claims_limit: most unique claims listed per outlet (their count is always given).
        experimental: framing techniques counted though below the confidence bar ("*": all).
    Raises:
        QueryError: no such story.
    """
    sid = story_id(conn, story)
    members = _members(conn, story_articles(conn, sid))
    outlets = _outlet_articles(members)
    layer_ids = sorted({aid for ids in outlets.values() for aid in ids})
    head = conn.execute("SELECT title, first, last FROM stories WHERE id = ?", (sid,)).fetchone()
    profiles = {name: _empty_profile(name, members, ids) for name, ids in outlets.items()}
    _add_quotes(conn, layer_ids, outlets, profiles)
    _add_sourcing(conn, layer_ids, outlets, profiles)
    _add_tone(conn, layer_ids, outlets, profiles)
    _add_framing(conn, layer_ids, outlets, profiles, experimental)
    _add_unique_claims(conn, layer_ids, outlets, profiles, similar, claims_limit)
    ordered = sorted(profiles.values(), key=lambda p: (-len(p["articles"]), p["outlet"]))
    return {"story": f"s{sid}", "title": head["title"] or "", "first": head["first"],
            "last": head["last"], "articles": len(members), "sources": sorted(outlets),
            "naming_differences": naming_differences(ordered), "outlets": ordered}


def _members(conn: sqlite3.Connection, ids: list[int]) -> list[dict]:
    marks = ", ".join("?" * len(ids))
    rows = conn.execute(f"SELECT id, input_id, date, source, title, url, status, duplicate_of "
                        f"FROM articles WHERE id IN ({marks}) ORDER BY date IS NULL, date, id", ids)
    return [dict(r) for r in rows]


def _outlet_articles(members: list[dict]) -> dict[str, list[int]]:
    """outlet -> ids of the articles whose layers speak for it (originals for copies)."""
    out: dict[str, list[int]] = defaultdict(list)
    for m in members:
        aid = m["duplicate_of"] if m["status"] == "duplicate" and m["duplicate_of"] else m["id"]
        ids = out[m["source"] or UNKNOWN_OUTLET]
        if aid not in ids:
            ids.append(aid)
    return dict(out)


def _empty_profile(name: str, members: list[dict], ids: list[int]) -> dict[str, Any]:
    own = [m for m in members if (m["source"] or UNKNOWN_OUTLET) == name]
    return {"outlet": name, "articles": own, "quotes": 0, "quotes_without_speaker": 0,
            "quoted": [], "claims": 0,
            "sourcing": {"claims": dict.fromkeys(KINDS, 0), "shares": dict.fromkeys(KINDS), "hedged": None},
            "tone": {"score": None, "positive": None, "negative": None}, "words": 0, "author_words": 0,
            "framing": {}, "framing_quoted": 0, "framing_experimental": 0, "framing_per_1000_words": None,
            "naming": {}, "unique_claims": [],
            "unique_claim_count": 0,
            "shared_claim_count": 0}


def _by_article(outlets: dict[str, list[int]]) -> dict[int, list[str]]:
    """article id -> the outlets it speaks for (an original can speak for several)."""
    out: dict[int, list[str]] = defaultdict(list)
    for name, ids in outlets.items():
        for aid in ids:
            out[aid].append(name)
    return out


def _select(conn: sqlite3.Connection, sql: str, ids: list[int]) -> Iterable[sqlite3.Row]:
    """Run `sql`, whose `{ids}` stands for the article id list, over these ids."""
    if not ids:
        return []
    return conn.execute(sql.format(ids=", ".join("?" * len(ids))), ids).fetchall()


def _add_quotes(conn, ids, outlets, profiles) -> None:
    owners = _by_article(outlets)
    rows = _select(conn, "SELECT q.article_id, CASE WHEN " + confident_speaker() + " THEN q.speaker_name END "
                         "AS speaker_name, c.name, c.id AS cid FROM quotes q "
                         "LEFT JOIN entities e ON e.article_id = q.article_id "
                         "AND e.local_id = q.speaker_entity AND " + confident_speaker() + " "
                         "LEFT JOIN corpus_entity_links l ON l.entity_id = e.id "
                         "LEFT JOIN corpus_entities c ON c.id = l.corpus_entity_id "
                         # Scare quotes quote nobody; they are framing, not sourcing.
                         "WHERE q.article_id IN ({ids}) AND q.kind != 'scare'", ids)
    by_alias = speakers_by_alias(conn, {r["speaker_name"] for r in rows if r["cid"] is None})
    counts: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        speaker = resolve_speaker(row, by_alias)
        for outlet in owners[row["article_id"]]:
            profiles[outlet]["quotes"] += 1
            if speaker is None:
                profiles[outlet]["quotes_without_speaker"] += 1
            else:
                counts[outlet][speaker] += 1
    for outlet, counter in counts.items():
        profiles[outlet]["quoted"] = [
            {"name": name, "corpus_entity": cid, "quotes": n}
            for (name, cid), n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0][0]))]


def _add_sourcing(conn, ids, outlets, profiles) -> None:
    owners = _by_article(outlets)
    for row in _select(conn, "SELECT article_id, source_kind, count(*) AS n FROM claims "
                             "WHERE article_id IN ({ids}) GROUP BY article_id, source_kind", ids):
        for outlet in owners[row["article_id"]]:
            kinds = profiles[outlet]["sourcing"]["claims"]
            if row["source_kind"] in kinds:
                kinds[row["source_kind"]] += row["n"]
            profiles[outlet]["claims"] += row["n"]
    shares: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for row in _select(conn, "SELECT * FROM sourcing WHERE article_id IN ({ids})", ids):
        for outlet in owners[row["article_id"]]:
            shares[outlet].append(row)
    for outlet, rows in shares.items():
        profiles[outlet]["sourcing"]["shares"] = {k: _mean(r[k] for r in rows) for k in KINDS}
        profiles[outlet]["sourcing"]["hedged"] = _mean(r["hedged"] for r in rows)


def _mean(values: Iterable) -> Any:
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 4) if values else None


TONE_KEYS = ("score", "positive", "negative")


def _add_tone(conn, ids, outlets, profiles) -> None:
    owners = _by_article(outlets)
    rows: dict[str, list[dict]] = defaultdict(list)
    for row in _select(conn, "SELECT * FROM tone WHERE article_id IN ({ids})", ids):
        for outlet in owners[row["article_id"]]:
            rows[outlet].append(author_tone(row))
    for outlet, tones in rows.items():
        profiles[outlet]["tone"] = {k: _mean(t[k] for t in tones) for k in TONE_KEYS}
        profiles[outlet]["words"] = sum(t["words"] for t in tones)
        profiles[outlet]["author_words"] = sum(t["author_words"] for t in tones)


def author_tone(row: sqlite3.Row) -> dict[str, Any]:
    """An article's tone in its author's voice, and its word counts. A row stored before
    the author's tone was measured (NULL `author_word_count`) gives its whole tone; one
    whose every word is quoted has no author tone (None: left out of the means)."""
    words = row["word_count"] or 0
    if row["author_word_count"] is None:
        return {**{k: row[k] for k in TONE_KEYS}, "words": words, "author_words": words}
    return {**{k: row[f"author_{k}"] for k in TONE_KEYS}, "words": words,
            "author_words": row["author_word_count"]}


def _add_framing(conn, ids, outlets, profiles, experimental: tuple[str, ...] = ()) -> None:
    owners = _by_article(outlets)
    techniques: dict[str, Counter] = defaultdict(Counter)
    naming: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for row in _select(conn, "SELECT article_id, technique, concept, variant, confidence, "
                             "coalesce(voice, 'author') = 'author' AS own FROM framing "
                             "WHERE article_id IN ({ids})", ids):
        for outlet in owners[row["article_id"]]:
            if not is_confident(row, experimental):
                profiles[outlet]["framing_experimental"] += 1
            elif not row["own"]:
                profiles[outlet]["framing_quoted"] += row["technique"] != "naming_choice"
            elif row["technique"] == "naming_choice" and row["concept"]:
                naming[outlet][row["concept"]][row["variant"] or ""] += 1
            elif row["technique"]:
                techniques[outlet][row["technique"]] += 1
    for outlet, counter in techniques.items():
        profiles[outlet]["framing"] = dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))
        words = profiles[outlet]["author_words"]
        profiles[outlet]["framing_per_1000_words"] = (
            round(1000 * sum(counter.values()) / words, 2) if words else None)
    _add_plain_names(conn, owners, naming)
    for outlet, concepts in naming.items():
        profiles[outlet]["naming"] = {c: dict(v.most_common()) for c, v in sorted(concepts.items())}


def _add_plain_names(conn, owners, naming) -> None:
    """An outlet that writes only a concept's plain name ("Kyiv") has no naming record (it
    is no choice within its article), yet against another outlet's "Kiev" it is one: count
    each of its articles that uses the plain name of a concept another outlet chose."""
    chosen = {c for concepts in naming.values() for c in concepts}
    if not chosen:
        return
    table = naming_table()
    recorded = {outlet: set(concepts) for outlet, concepts in naming.items()}
    for row in _select(conn, "SELECT id, text FROM articles WHERE id IN ({ids})", sorted(owners)):
        plain = {c for _, _, c, v in table.find(row["text"]) if c in chosen and v.lower() == c.lower()}
        for outlet in owners[row["id"]]:
            for concept in plain - recorded.get(outlet, set()):
                naming[outlet][concept][concept] += 1


def naming_differences(profiles: list[dict]) -> list[dict]:
    """Concepts that two or more outlets name, with different variants between them."""
    by_concept: dict[str, dict[str, dict]] = defaultdict(dict)
    for p in profiles:
        for concept, variants in p["naming"].items():
            by_concept[concept][p["outlet"]] = variants
    out = []
    for concept, per_outlet in sorted(by_concept.items()):
        chosen = {frozenset(v) for v in per_outlet.values()}
        if len(per_outlet) > 1 and len(chosen) > 1:
            out.append({"concept": concept, "outlets": per_outlet})
    return out


def _add_unique_claims(conn, ids, outlets, profiles, similar: float, limit: int) -> None:
    owners = _by_article(outlets)
    items = []  # (outlet, token set, claim row or None for a quote)
    for row in _select(conn, "SELECT id, article_id, seq, start, end, text, source_kind, "
                             "coalesce(source_text, source_name) AS claimed_by FROM claims "
                             "WHERE article_id IN ({ids}) ORDER BY article_id, seq", ids):
        for outlet in owners[row["article_id"]]:
            items.append((outlet, claim_words(row["text"]), row))
    for row in _select(conn, "SELECT article_id, text FROM quotes WHERE article_id IN ({ids}) "
                             "AND kind != 'scare'", ids):
        for outlet in owners[row["article_id"]]:
            items.append((outlet, claim_words(row["text"]), None))
    postings: dict[str, list[int]] = defaultdict(list)
    for n, (_, toks, _) in enumerate(items):
        for tok in toks:
            postings[tok].append(n)
    for outlet, toks, row in items:
        if row is None or len(toks) < MIN_TOKENS:
            continue
        if _best_containment(outlet, toks, items, postings) >= similar:
            profiles[outlet]["shared_claim_count"] += 1
            continue
        profiles[outlet]["unique_claim_count"] += 1
        if len(profiles[outlet]["unique_claims"]) < limit:
            profiles[outlet]["unique_claims"].append(
                {"article_id": row["article_id"], "start": row["start"], "end": row["end"],
                 "text": row["text"], "source_kind": row["source_kind"],
                 "claimed_by": row["claimed_by"]})


def claim_words(text: str | None) -> set[str]:
    """The content words and figures of a claim or quote."""
    return set(tokens(text or "")) | set(NUMBER.findall(text or ""))


def _best_containment(outlet: str, toks: set[str], items: list, postings: dict) -> float:
    """The largest share of `toks` that one item of another outlet contains."""
    shared: Counter = Counter()
    for tok in toks:
        for n in postings[tok]:
            if items[n][0] != outlet:
                shared[n] += 1
    return max(shared.values(), default=0) / len(toks)
