#!/usr/bin/env python3
"""Pick the bundled sample of press releases, reproducibly.

Reads the CC BY 4.0 corpus of Kremlin and Office of the President of Ukraine releases and
writes a few dozen of them, unchanged, to presstrace/samples/ua_ru_press_sample.jsonl, in
two parts:

1. **Spread** (`pick`): PER_SOURCE articles from each source, texts of MIN_CHARS to
   MAX_CHARS characters; each source's candidates, sorted by (date, id), are cut into
   PER_SOURCE consecutive slices and the one with the most direct-quote marks is taken from
   each slice (ties: the lower id), so every period is there and quoted texts are favoured.
2. **Stories** (`pick_stories`): releases that presstrace's own story clustering puts
   together, so that the demo's stories page has stories of two or more articles to compare.
   a. Screen: every run of `window_days + 1` consecutive days of the corpus is clustered
      alone with `presstrace.corpus.stories.cluster` and the default StoryParams, on the
      words of each title and lead only (the text channel `story_features.load_docs`
      builds; no analysis yet, so the whole corpus is screened in seconds).
   b. Candidates: from each group of two or more, its core: members of STORY_MIN_CHARS to
      STORY_MAX_CHARS characters, the best-linked of each source first (so a group both
      presidencies report keeps both), then the next best-linked, at most MAX_STORY.
      Ranked: both presidencies first, then the closest (mean similarity of the members),
      then the smaller, then the earlier; taken greedily, each more than `window_days`
      days away from those taken (so two cannot merge in the sample) and sharing no
      article, while the file stays under MAX_BYTES, up to CANDIDATES.
   c. Check: the spread and the candidates are analysed with presstrace into a temporary
      store with the seed article (the store `make demo` builds) and clustered as one
      store with every channel (words, entities, places, dates). A candidate is kept when
      its articles end in one story whose members' mean similarity clears the threshold
      by MARGIN; the best STORIES of those (ranked as above, with the new similarity)
      are clustered again without the rest, until every kept candidate holds.

There is no randomness: the same corpus and presstrace give the same sample. The check
analyses about fifty articles (well under a minute on one core).

Usage:
    .venv/bin/python scripts/make_sample.py [--corpus PATH] [--out PATH]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Iterable

from presstrace.corpus.stories import Doc, StoryParams, cluster, load_docs
from presstrace.corpus.story_features import parse_date, tokens
from presstrace.runners import ingest
from presstrace.store import db

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "ua_ru_press.jsonl"
DEFAULT_OUT = REPO / "presstrace" / "samples" / "ua_ru_press_sample.jsonl"
SEED = REPO / "presstrace" / "samples" / "seed.txt"
# The only corpus whose texts may be shipped; the news corpus is copyrighted.
ALLOWED_CORPUS_NAME = "ua_ru_press.jsonl"

PER_SOURCE = 10
MIN_CHARS = 1500
MAX_CHARS = 6000
STORIES = 6            # stories of two or more articles wanted in the sample
CANDIDATES = 2 * STORIES
MAX_STORY = 4          # articles in one candidate story, to keep the sample small
# A story that only just reaches the clustering threshold may share an occasion (two
# greetings on one holiday) rather than one happening; the demo shows clear ones.
MARGIN = 0.03
STORY_MIN_CHARS = 500  # shorter releases are one-line notices with nothing to compare
STORY_MAX_CHARS = 50_000  # a news conference's transcript, once
MAX_BYTES = 400_000     # the whole sample file
OPENING_QUOTES = ("\u201c", "\u00ab")  # “ «
STRAIGHT_QUOTE = '"'


def quote_marks(text: str) -> int:
    """A rough count of direct quotes: opening curly quotes plus pairs of straight ones."""
    return sum(text.count(q) for q in OPENING_QUOTES) + text.count(STRAIGHT_QUOTE) // 2


def pick(rows: list[dict], per_source: int = PER_SOURCE) -> list[dict]:
    """`per_source` rows per source, spread over dates, preferring quoted texts."""
    chosen = []
    for source in sorted({row["source"] for row in rows}):
        pool = sorted((row for row in rows if row["source"] == source
                       and MIN_CHARS <= len(row["text"]) <= MAX_CHARS),
                      key=lambda row: (row["date"], row["id"]))
        if len(pool) < per_source:
            raise SystemExit(f"only {len(pool)} candidates from {source!r}; need {per_source}")
        for k in range(per_source):
            part = pool[k * len(pool) // per_source:(k + 1) * len(pool) // per_source]
            chosen.append(min(part, key=lambda row: (-quote_marks(row["text"]), row["id"])))
    return sorted(chosen, key=lambda row: (row["date"], row["id"]))


# --- part 2: stories ---------------------------------------------------------------

class Candidate:
    """A group of corpus rows that story clustering put together."""

    def __init__(self, rows: list[dict], cohesion: float):
        self.rows = sorted(rows, key=lambda row: (row["date"], row["id"]))
        self.ids = frozenset(row["id"] for row in rows)
        self.cohesion = cohesion  # the members' mean similarity to one another

    @property
    def both(self) -> bool:
        return len({row["source"] for row in self.rows}) > 1

    def rank(self) -> tuple:
        return (not self.both, -self.cohesion, len(self.rows), self.rows[0]["date"],
                sorted(self.ids))

    def span(self) -> tuple:
        return self.rows[0]["date"], self.rows[-1]["date"]


def text_docs(rows: list[dict], params: StoryParams) -> list[Doc]:
    """Story features of raw rows: the text channel only, read as `load_docs` reads it
    (the title twice, then the lead); the other channels need an analysis."""
    docs = []
    for i, row in enumerate(rows):
        text = Counter(tokens(row.get("title") or "") * 2)
        text.update(tokens((row["text"] or "")[:params.lead_chars]))
        docs.append(Doc(i, parse_date(row["date"]), row.get("title") or "",
                        {"text": text, "entities": Counter(), "places": Counter(),
                         "dates": Counter()}))
    return docs


def groups(placed: dict[int, tuple[int, float | None]]) -> dict[int, list[int]]:
    """story key -> its members, from `cluster`'s answer."""
    out: dict[int, list[int]] = {}
    for member, (key, _) in sorted(placed.items()):
        out.setdefault(key, []).append(member)
    return out


def screen(rows: list[dict]) -> list[Candidate]:
    """Every story of 2..MAX_STORY suitable rows found by clustering each window alone."""
    params = StoryParams()
    span = timedelta(days=params.window_days)
    by_date = sorted(rows, key=lambda row: (row["date"], row["id"]))
    found: dict[frozenset, Candidate] = {}
    for start in sorted({parse_date(row["date"]) for row in rows}):
        window = [row for row in by_date if start <= parse_date(row["date"]) <= start + span]
        placed = cluster(text_docs(window, params), params)
        for members in groups(placed).values():
            core = story_core(window, members, placed)
            if len(core) >= 2:
                cohesion = sum(placed[i][1] for i in core) / len(core)
                chosen = [window[i] for i in core]
                found.setdefault(frozenset(r["id"] for r in chosen), Candidate(chosen, cohesion))
    return sorted(found.values(), key=Candidate.rank)


def story_core(window: list[dict], members: list[int],
               placed: dict[int, tuple[int, float | None]]) -> list[int]:
    """A story's best-linked members of a shippable length, at most MAX_STORY of them:
    the best of each source first, so a story both presidencies report keeps both."""
    fit = sorted((i for i in members if len(members) > 1
                  and STORY_MIN_CHARS <= len(window[i]["text"]) <= STORY_MAX_CHARS),
                 key=lambda i: (-placed[i][1], window[i]["id"]))
    firsts = list({window[i]["source"]: i for i in reversed(fit)}.values())
    return sorted((firsts + [i for i in fit if i not in firsts])[:MAX_STORY])


def apart(a: Candidate, b: Candidate, days: int) -> bool:
    """Whether the two stories' dates are more than `days` apart."""
    (a0, a1), (b0, b1) = a.span(), b.span()
    gap = max((parse_date(b0) - parse_date(a1)).days, (parse_date(a0) - parse_date(b1)).days)
    return gap > days


def take(ranked: Iterable[Candidate], limit: int, used: set[str], budget: int) -> list[Candidate]:
    """The best candidates, greedily: apart in time, sharing no article, and together
    at most `budget` bytes of JSON Lines."""
    days = StoryParams().window_days
    taken: list[Candidate] = []
    for cand in ranked:
        if len(taken) == limit:
            break
        size = sum(line_bytes(row) for row in cand.rows)
        if (not cand.ids & used and size <= budget
                and all(apart(cand, other, days) for other in taken)):
            taken.append(cand)
            used |= cand.ids
            budget -= size
    return taken


def line_bytes(row: dict) -> int:
    return len(json.dumps(row, ensure_ascii=False).encode("utf-8")) + 1


def analyse(rows: list[dict], folder: Path):
    """A store of the seed article and `rows`, analysed by presstrace; (connection,
    input id -> the article id whose story it is in)."""
    path = folder / "candidates.jsonl"
    write_rows(rows, path)
    ingest([str(SEED), str(path)], folder / "check.db", n_process=1)
    conn = db.open_store(folder / "check.db", create=False)
    # A near-duplicate is not clustered: it follows its original's story.
    ids = {str(r["input_id"]): r["story_member"] for r in conn.execute(
        "SELECT coalesce(duplicate_of, id) AS story_member, input_id FROM articles")}
    return conn, ids


def held(conn, ids: dict[str, int], cands: list[Candidate],
         left_out: set[str]) -> list[Candidate]:
    """The candidates whose articles stay one story when the store, but for the inputs
    `left_out`, is clustered (the seed, the spread and `cands`: the demo's store); each
    with its cohesion in that clustering."""
    params = StoryParams()
    wanted = {aid for key, aid in ids.items() if key not in left_out}
    placed = cluster([d for d in load_docs(conn, params) if d.article_id in wanted], params)
    out = [Candidate(c.rows, sum(placed[ids[i]][1] or 0.0 for i in c.ids) / len(c.ids))
           for c in cands if len({placed[ids[i]][0] for i in c.ids}) == 1]
    return [c for c in out if c.cohesion >= params.threshold + MARGIN]


def pick_stories(rows: list[dict], spread: list[dict]) -> list[Candidate]:
    """Up to STORIES candidates that hold as stories in a store of the whole sample."""
    used = {row["id"] for row in spread}
    budget = MAX_BYTES - sum(line_bytes(row) for row in spread)
    cands = take(screen(rows), CANDIDATES, set(used), budget)
    with tempfile.TemporaryDirectory(prefix="presstrace-sample-") as tmp:
        conn, ids = analyse(spread + [r for c in cands for r in c.rows], Path(tmp))
        try:
            kept = cands
            while True:
                left_out = set().union(*(c.ids for c in cands)).difference(*(c.ids for c in kept))
                holding = sorted(held(conn, ids, kept, left_out), key=Candidate.rank)[:STORIES]
                if [c.ids for c in holding] == [c.ids for c in kept]:
                    return holding
                kept = holding
        finally:
            conn.close()


def write_rows(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if args.corpus.name != ALLOWED_CORPUS_NAME:
        parser.error(f"only {ALLOWED_CORPUS_NAME} (CC BY 4.0) may be sampled for shipping")

    with args.corpus.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    spread = pick(rows)
    stories = pick_stories(rows, spread)
    sample = sorted(spread + [r for c in stories for r in c.rows],
                    key=lambda row: (row["date"], row["id"]))
    write_rows(sample, args.out)
    for c in stories:
        print(f"story {c.span()[0]}..{c.span()[1]} ({'both' if c.both else 'one source'}, "
              f"cohesion {c.cohesion:.3f}): " + " | ".join(r["title"][:60] for r in c.rows),
              file=sys.stderr)
    quoted = sum(quote_marks(row["text"]) > 0 for row in sample)
    print(f"wrote {len(sample)} articles ({len(spread)} spread, {len(stories)} stories of "
          f"{len(sample) - len(spread)}, {sum(c.both for c in stories)} with both sources; "
          f"{quoted} with quote marks, {sample[0]['date']} to {sample[-1]['date']}) "
          f"to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
