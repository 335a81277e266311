"""Build `presstrace/data/speaker_nouns_cameo.txt`: the one-word agent nouns of PETRARCH2's
Phoenix agents dictionary (people, their roles and the bodies they form: "farmer",
"spokeswoman", "ministry"), lower-cased, with its substitution sets expanded
("SPOKES!PERSON!" is spokesman, spokeswoman, spokesperson …).

The quotes and claims layers read the list (with the hand-written `speaker_nouns.txt`) to
tell a noun that can say something from one that cannot ("the incident", "tears").

Usage: python scripts/build_speaker_nouns.py [PATH to Phoenix.agents.txt]
(default ../shared/resources/petrarch2/Phoenix.agents.txt; MIT licence, its notice is kept
in the built file's header).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "resources" / "petrarch2" / "Phoenix.agents.txt"
OUT = ROOT / "presstrace" / "data" / "speaker_nouns_cameo.txt"
HEADER = """# One-word agent nouns (people, roles, bodies) from PETRARCH2's Phoenix agents dictionary
# (openeventdata/petrarch2 @ 676801c : petrarch2/data/dictionaries/Phoenix.agents.txt),
# lower-cased, substitution sets expanded; built by scripts/build_speaker_nouns.py.
# The MIT License (MIT). Copyright (c) 2014 Open Event Data Alliance. Permission is hereby
# granted, free of charge, to any person obtaining a copy of this software and associated
# documentation files, to deal in the Software without restriction, subject to the
# condition that the above copyright notice and this permission notice shall be included
# in all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS",
# WITHOUT WARRANTY OF ANY KIND.
"""


def substitution_sets(lines: list[str]) -> dict[str, list[str]]:
    """`!PERSON! = MAN, MEN, WOMAN, …` lines: set name -> its words."""
    sets = {}
    for line in lines:
        m = re.match(r"(![A-Z]+!)\s*=\s*(.+)", line)
        if m:
            sets[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
    return sets


def expand(entry: str, sets: dict[str, list[str]]) -> list[str]:
    """Every spelling an entry stands for, with its substitution sets filled in."""
    m = re.search(r"![A-Z]+!", entry)
    if m is None:
        return [entry]
    return [out for word in sets.get(m.group(0), []) for out in expand(entry.replace(m.group(0), word, 1), sets)]


def agent_nouns(lines: list[str]) -> list[str]:
    sets = substitution_sets(lines)
    words = set()
    for line in lines:
        if not line.strip() or line.startswith("#") or "=" in line:
            continue
        entry = line.split()[0]
        for word in expand(entry, sets):
            if word.isalpha():  # one word: no "_" joining a phrase, no stem left
                words.add(word.lower())
    return sorted(words)


def main(argv: list[str]) -> None:
    source = Path(argv[0]) if argv else DEFAULT
    words = agent_nouns(source.read_text("utf-8", errors="replace").splitlines())
    OUT.write_text(HEADER + "\n".join(words) + "\n", "utf-8")
    print(f"{len(words)} nouns -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
