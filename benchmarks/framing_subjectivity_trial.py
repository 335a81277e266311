"""Would an openly licensed subjectivity lexicon lift the framing layer? A trial, not a feature.

TextBlob (MIT) ships Pattern's English adjective lexicon (`textblob/en/en-sentiment.xml`,
BSD): polarity and subjectivity per sense. This script adds every adjective whose mean
subjectivity and |polarity| pass the given thresholds to the loaded-language cue words, runs
the framing layer over the PTC dev split and scores it with `score.py techniques`, next to
the unchanged layer. Nothing is changed in presstrace itself.

Usage (the wheel from `pip download --no-deps textblob`):
    python benchmarks/framing_subjectivity_trial.py --textblob-wheel textblob-0.20.1-py3-none-any.whl \
        --thresholds 0.9:0.6 0.8:0.5 0.7:0.4 0.6:0.3
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"
GOLD = EVAL / "techniques" / "ptc2020_train" / "dev.jsonl"
LEXICON = "textblob/en/en-sentiment.xml"


def subjective_adjectives(wheel: Path, subjectivity: float, polarity: float) -> frozenset[str]:
    """One-word adjectives whose senses average at least these subjectivity and |polarity|."""
    senses = defaultdict(list)
    with zipfile.ZipFile(wheel) as zf:
        root = ET.fromstring(zf.read(LEXICON))
    for word in root:
        form = (word.get("form") or "").lower()
        if word.get("pos") == "JJ" and form and " " not in form:
            senses[form].append((float(word.get("polarity")), float(word.get("subjectivity"))))
    return frozenset(f for f, v in senses.items()
                     if sum(s for _, s in v) / len(v) >= subjectivity
                     and abs(sum(p for p, _ in v) / len(v)) >= polarity)


def score(words: frozenset[str]) -> dict:
    """Span and span-and-technique scores with `words` added to the loaded-language cues."""
    import presstrace.components.framing.phrases as phrases
    from presstrace.pipeline import analyze_many
    from presstrace.readers import read_inputs
    from presstrace.records import ArticleError

    plain = phrases._loaded_word
    phrases._loaded_word = lambda tok, lex: plain(tok, lex) or (tok.pos_ == "ADJ" and tok.lower_ in words)
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
            for result in analyze_many(read_inputs([str(GOLD)])):
                if not isinstance(result, ArticleError):
                    fh.write(json.dumps(result.to_dict()) + "\n")
    finally:
        phrases._loaded_word = plain
    out = subprocess.run([sys.executable, str(EVAL / "score.py"), "techniques", str(GOLD), fh.name, "--json"],
                         check=True, capture_output=True, text=True).stdout
    Path(fh.name).unlink()
    found = json.loads(out)
    return {k: found[k]["f1"] for k in ("span", "span_and_technique")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--textblob-wheel", required=True, type=Path)
    parser.add_argument("--thresholds", nargs="+", default=["0.9:0.6", "0.8:0.5", "0.7:0.4", "0.6:0.3"],
                        help="subjectivity:polarity pairs")
    args = parser.parse_args()
    print("unchanged", score(frozenset()))
    for pair in args.thresholds:
        subjectivity, polarity = (float(x) for x in pair.split(":"))
        words = subjective_adjectives(args.textblob_wheel, subjectivity, polarity)
        print(f"subjectivity >= {subjectivity}, |polarity| >= {polarity}: {len(words)} adjectives",
              score(words))


if __name__ == "__main__":
    main()
