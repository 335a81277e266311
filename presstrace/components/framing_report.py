"""Lines for the terminal report: a short framing profile and one line of tone.

`presstrace.report` prints these; they read only the plain records of an `AnalyzedArticle`.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from ..records import AnalyzedArticle

NOT_TECHNIQUES = ("naming_choice", "hedge")


def framing_lines(art: AnalyzedArticle) -> list[str]:
    """Techniques counted, naming choices with the variant chosen, and hedges.

    Returns:
        Up to three lines; `["framing: none found"]` when the layer is empty.
    """
    techniques = Counter(f.technique for f in art.framing if f.technique not in NOT_TECHNIQUES)
    lines = []
    if techniques:
        counted = ", ".join(f"{name} {n}" for name, n in sorted(techniques.items(), key=lambda x: (-x[1], x[0])))
        lines.append(f"framing: {sum(techniques.values())} spans - {counted}")
    variants: dict[str, Counter] = defaultdict(Counter)
    for f in art.framing:
        if f.technique == "naming_choice":
            variants[f.concept or f.text][f.variant or f.text] += 1
    if variants:
        parts = []
        for concept, chosen in variants.items():
            forms = ", ".join(f"“{v}”" + (f" ×{n}" if n > 1 else "") for v, n in chosen.most_common())
            parts.append(f"{concept}: {forms}")
        lines.append("naming: " + "; ".join(parts))
    hedges = Counter(f.text.lower() for f in art.framing if f.technique == "hedge")
    if hedges:
        lines.append("hedges: " + ", ".join(h + (f" ×{n}" if n > 1 else "") for h, n in hedges.most_common()))
    return lines or ["framing: none found"]


def tone_lines(art: AnalyzedArticle) -> list[str]:
    """One line: GDELT-style tone with its parts, and the most negative entity if any."""
    t = art.tone
    line = (f"tone: {t.score:+.2f} (positive {t.positive:.1f}%, negative {t.negative:.1f}%, "
            f"polarity {t.polarity:.1f}%; activity {t.activity:.1f}%, self/group {t.self_group:.1f}%; "
            f"{t.word_count} words)")
    names = {e.id: e.name for e in art.entities}
    rated = [(score, names[eid]) for eid, score in t.entities.items() if eid in names]
    if rated:
        score, name = min(rated)
        if score < 0:
            line += f"; most negative context: {name} ({score:+.2f})"
    return [line]
