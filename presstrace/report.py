"""The readable terminal report (`--format table`): one block per article, one line per item.

Each layer that has records gets a section; later layers add theirs through `SECTIONS`.
"""
from __future__ import annotations

import re
import shutil
from collections import Counter
from typing import Callable, Iterable, Union

from .components.framing.confidence import is_confident
from .layers import BY_NAME, LAYERS
from .records import AnalyzedArticle, ArticleError

Result = Union[AnalyzedArticle, ArticleError]
# Framing records that are no persuasion technique (the profile lists them apart).
NOT_TECHNIQUES = ("naming_choice", "hedge")
QUOTED = "quoted"  # a framing record's voice inside a quote; anything else is the author's


def width() -> int:
    return min(shutil.get_terminal_size((100, 24)).columns, 120)


def clip(text: str, n: int) -> str:
    """One line of at most `n` characters."""
    text = re.sub(r"\s*\n\s*", " ", text)
    return text if len(text) <= n else text[: n - 1] + "…"


def header(art: AnalyzedArticle) -> list[str]:
    meta = " · ".join(str(x) for x in (art.id, art.date, art.source) if x)
    lines = ["═" * width(), meta or "(article)"]
    if art.title:
        lines.append(clip(art.title, width()))
    lines.append(f"{len(art.text):,} characters")
    return lines


def entity_lines(art: AnalyzedArticle) -> list[str]:
    out = []
    for ent in art.entities:
        forms = list(dict.fromkeys(m.text for m in ent.mentions + ent.references))
        line = f"  {ent.label:<8} {ent.name:<24} ×{len(ent.mentions) + len(ent.references):<3} {' · '.join(forms)}"
        out.append(clip(line, width()))
    return out


def quote_lines(art: AnalyzedArticle) -> list[str]:
    out = []
    for q in art.quotes:
        who = q.speaker.name if q.speaker else "—"
        how = ", ".join(x for x in (q.cue.text if q.cue else None, q.channel) if x)
        out.append(clip(f"  {q.kind:<8} {who:<22} {('(' + how + ') ') if how else ''}“{q.text}”", width()))
    return out


def claim_lines(art: AnalyzedArticle) -> list[str]:
    """Attributed claims one per line; the author's own assertions only counted."""
    out = []
    for c in art.claims:
        if c.source.kind != "unattributed":
            out.append(clip(f"  {c.source.kind:<8} {c.source.name or c.source.text or '—':<22} {c.text}", width()))
    own = sum(c.source.kind == "unattributed" for c in art.claims)
    if own:
        out.append(f"  + {own} unattributed (the author's own assertions)")
    return out


def sourcing_lines(art: AnalyzedArticle) -> list[str]:
    s = art.sourcing
    bar = (f"  named {s.named:.0%} · vague {s.vague:.0%} · unattributed {s.unattributed:.0%}"
           f" · inside quotes {s.quoted:.0%}")
    who = ", ".join(f"{name} ({n})" for name, n in s.quoted_speakers.items())
    hedging = hedging_line(art)
    return [bar] + ([clip(f"  quoted: {who}", width())] if who else []) + ([f"  {hedging}"] if hedging else [])


def time_lines(art: AnalyzedArticle) -> list[str]:
    return [clip(f"  {t.type:<8} {t.value or '—':<16} {t.text}", width()) for t in art.times]


def place_lines(art: AnalyzedArticle) -> list[str]:
    out = []
    for p in art.places:
        where = " · ".join(x for x in (p.country, p.admin1, p.feature) if x)
        coords = f"{p.lat:.2f}, {p.lon:.2f}" if p.lat is not None else "unresolved"
        gov = " (government)" if p.stands_for else ""
        out.append(clip(f"  {p.text:<22} → {p.name}{gov}  {where}  {coords}", width()))
    return out


def number(x: float) -> str:
    """1300 -> "1,300", 0.333 -> "0.333"."""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.3g}"


def amount_lines(art: AnalyzedArticle) -> list[str]:
    out = []
    for a in art.amounts:
        if a.value is not None:
            size = f"{'~' if a.approx else ''}{number(a.value)}"
        else:
            size = number(a.low) if a.low is not None else "?"
            size += f"–{number(a.high)}" if a.high is not None else "+"
        what = " ".join(x for x in (a.unit, a.object) if x)
        out.append(clip(f"  {size:<14} {what:<28} {a.text}", width()))
    return out


def _actor(actor) -> str:
    if actor is None:
        return "—"
    code = " ".join(x for x in (actor.country, actor.sector) if x)
    return f"{actor.name}" + (f" ({code})" if code else "")


def event_lines(art: AnalyzedArticle) -> list[str]:
    out = []
    for e in art.events:
        flags = " ".join(f for f, on in (("not", e.negated), ("hypothetical", e.hypothetical)) if on)
        where = " ".join(x for x in (f"@{e.place}" if e.place else "", e.date or "") if x)
        line = (f"  {e.type:<10} {_actor(e.source_actor)} → {_actor(e.target_actor)}  {where}"
                f"{'  [' + flags + ']' if flags else ''}{'  via ' + e.reported_by if e.reported_by else ''}")
        out.append(clip(line, width()))
    return out


def noncontent_lines(art: AnalyzedArticle) -> list[str]:
    return [clip(f"  {n.kind:<13} {n.start}–{n.end}  {n.text!r}", width()) for n in art.noncontent]


def framing_lines(art: AnalyzedArticle, switched_on: Iterable[str] = ()) -> list[str]:
    """Techniques counted, naming choices with the variant chosen, and hedging, in the
    author's own voice and confident items only (experimental items, whose class has a span
    precision below 0.5 on PTC's tune part, unless `switched_on`); framing inside quotes and
    experimental items are only counted apart.

    Returns:
        Up to three lines; `["framing: none found"]` when the layer is empty.
    """
    shown = [f for f in art.framing if is_confident(f, switched_on)]
    own = [f for f in shown if f.voice != QUOTED]
    techniques = Counter(f.technique for f in own if f.technique not in NOT_TECHNIQUES)
    in_quotes = sum(f.voice == QUOTED and f.technique not in NOT_TECHNIQUES for f in shown)
    hidden = len(art.framing) - len(shown)
    lines = []
    if techniques or in_quotes or hidden:
        counted = ", ".join(f"{name} {n}" for name, n in sorted(techniques.items(), key=lambda x: (-x[1], x[0])))
        line = f"framing: {sum(techniques.values())} spans - {counted}" if techniques else "framing: 0 spans"
        apart = [f"{in_quotes} more in quotes"] * bool(in_quotes) + [f"{hidden} experimental"] * bool(hidden)
        lines.append(line + (f" ({', '.join(apart)}, not counted)" if apart else ""))
    naming = _naming_line(art.framing)
    if naming:
        lines.append(naming)
    hedging = hedging_line(art)
    if hedging:
        lines.append(hedging)
    return lines or ["framing: none found"]


def hedging_line(art: AnalyzedArticle) -> str:
    """The sourcing profile's hedging measure with the author's hedge words: the same figure
    in the sourcing and the framing profile; "" when the article does not hedge."""
    s = art.sourcing
    words = Counter(f.text.lower() for f in art.framing if f.technique == "hedge" and f.voice != QUOTED)
    if not s.hedged_sentences and not words:
        return ""
    said = ", ".join(h + (f" ×{n}" if n > 1 else "") for h, n in words.most_common())
    measure = f"{s.hedged_sentences or 0} sentences ({(s.hedged or 0):.0%})"
    return f"hedging: {measure} hedged or vaguely sourced" + (f" - {said}" if said else "")


def _naming_line(framing: list) -> str:
    """"naming: Kyiv: “Kiev” ×2 (against “Kyiv” ×1)": each concept's chosen variant, how often,
    and the rival forms the text uses; "(only in quotes)" when the author never names it."""
    parts = []
    for f in framing:
        if f.technique != "naming_choice":
            continue
        chosen = f"“{f.variant or f.text}”" + (f" ×{f.count}" if (f.count or 1) > 1 else "")
        rivals = _forms(Counter(f.alternatives or {}))
        parts.append(f"{f.concept or f.text}: {chosen}" + (f" (against {rivals})" if rivals else "")
                     + (" (only in quotes)" if f.quoted_only or (f.quoted_only is None and f.voice == QUOTED) else ""))
    return "naming: " + "; ".join(parts) if parts else ""


def _forms(chosen: Counter) -> str:
    return ", ".join(f"“{v}”" + (f" ×{n}" if n > 1 else "") for v, n in chosen.most_common())


def tone_lines(art: AnalyzedArticle) -> list[str]:
    """One line: GDELT-style tone with its parts, and the most negative entity if any."""
    t = art.tone
    line = (f"tone: {t.score:+.2f} (positive {t.positive:.1f}%, negative {t.negative:.1f}%, "
            f"polarity {t.polarity:.1f}%; activity {t.activity:.1f}%, self/group {t.self_group:.1f}%; "
            f"{t.word_count} words)")
    line += _author_tone(t)
    names = {e.id: e.name for e in art.entities}
    rated = [(score, names[eid]) for eid, score in t.entities.items() if eid in names]
    if rated:
        score, name = min(rated)
        if score < 0:
            line += f"; most negative context: {name} ({score:+.2f})"
    return [line]


def _author_tone(t) -> str:
    """The tone of the author's own words when quotes hold some of the words; "" otherwise."""
    if t.author_word_count is None or t.author_word_count == t.word_count:
        return ""
    if t.author_score is None:
        return "; every word quoted"
    return f"; author's own words {t.author_score:+.2f} ({t.author_word_count} words)"


# The lines of each list layer; framing is reported with tone, and sourcing after the lists.
RENDERERS: dict[str, Callable[[AnalyzedArticle], list[str]]] = {
    "entities": entity_lines, "quotes": quote_lines, "claims": claim_lines, "times": time_lines,
    "places": place_lines, "amounts": amount_lines, "events": event_lines, "noncontent": noncontent_lines,
}
REPORTED_WITH_TONE = ("framing",)
SECTIONS: list[tuple[str, str, Callable[[AnalyzedArticle], list[str]]]] = [
    (layer.title, layer.name, RENDERERS[layer.name]) for layer in LAYERS if layer.name in RENDERERS]


def render_article(art: AnalyzedArticle, experimental: Iterable[str] = ()) -> str:
    """The full report block for one article; `experimental`: framing techniques counted
    though below the confidence bar (the `[framing] experimental` setting)."""
    lines = header(art)
    for title, name, render in SECTIONS:
        items = getattr(art, name)
        if items:
            lines += ["", f"{title} ({len(items)})"] + render(art)
    if art.claims or art.quotes:
        lines += ["", BY_NAME["sourcing"].title] + sourcing_lines(art)
    if art.tone.word_count or art.framing:
        title = f"{BY_NAME['tone'].title} and {BY_NAME['framing'].title.lower()}"
        profile = tone_lines(art) + framing_lines(art, experimental)
        lines += ["", title] + [clip("  " + ln, width() * 2) for ln in profile]
    return "\n".join(lines)


def render_error(err: ArticleError) -> str:
    return f"{'═' * width()}\n{err.id or '(input)'}: ERROR {err.code}: {err.message}"


def render_summary_line(res: Result) -> str:
    """One line per article: id, date, counts and the most mentioned entities."""
    if isinstance(res, ArticleError):
        return clip(f"{res.id or '(input)'}  ERROR {res.code}: {res.message}", width())
    top = sorted(res.entities, key=lambda e: -len(e.mentions))[:4]
    names = ", ".join(f"{e.name} ({len(e.mentions)})" for e in top)
    return clip(f"{res.id}  {res.date or '-'}  {len(res.entities)} entities  {names}", width())


def render_totals(results: Iterable[Result]) -> str:
    """Corpus totals: articles, errors, and the entities named in most articles."""
    results = list(results)
    ok = [r for r in results if isinstance(r, AnalyzedArticle)]
    seen = Counter(name for r in ok for name in {(e.name, e.label) for e in r.entities})
    top = ", ".join(f"{n} [{lab}] ({c})" for (n, lab), c in seen.most_common(8))
    return (f"{'─' * width()}\n{len(ok)} articles analysed, {len(results) - len(ok)} errors\n"
            + clip(f"named in most articles: {top}", width() * 3))
