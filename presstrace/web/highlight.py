"""The article reader's annotated text: every layer's spans highlighted where they stand.

Layers overlap freely (a place inside a quote inside a claim), so the text is cut at
every span boundary and each piece is wrapped in one element per span covering it,
outermost the longest. A span cut into pieces keeps the same classes and tooltip on each.
Every string from the article is escaped; tooltips are data attributes that the page's
script reads as text, never as HTML.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from markupsafe import Markup, escape

from ..components.framing.confidence import is_confident
from ..layers import SPAN_LAYERS
from ..records import DEMONYM, AnalyzedArticle

# The layers the reader highlights, in the registry's order (also the nesting order of
# spans that start and end together).
LAYERS = SPAN_LAYERS


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    layer: str
    tip: str
    css: str = ""
    href: Optional[str] = None
    focus: bool = False  # reachable with the Tab key


def spans(art: AnalyzedArticle, entity_pages: dict[str, int], experimental: tuple[str, ...] = ()) -> list[Span]:
    """Every highlighted span of the article, of every layer; `entity_pages` maps the
    article's entity ids (E1 …) to corpus entity ids, which have pages. Framing of an
    experimental technique is left out unless `experimental` names it (framing_panel.py)."""
    names = {e.id: e.name for e in art.entities}
    out: list[Span] = []
    out += _entity_spans(art, entity_pages)
    out += _quote_spans(art, entity_pages, names)
    out += _claim_spans(art, names)
    out += [Span(t.start, t.end, "times", f"{t.type} {t.value or 'unresolved'}") for t in art.times]
    out += [Span(p.start, p.end, "places", _place_tip(p)) for p in art.places]
    out += [Span(a.start, a.end, "amounts", _amount_tip(a)) for a in art.amounts]
    out += [Span(e.start, e.end, "events", _event_tip(e)) for e in art.events]
    out += [Span(f.start, f.end, "framing", _framing_tip(f), css="quoted" if f.voice == "quoted" else "")
            for f in art.framing if is_confident(f, experimental)]
    out += [Span(n.start, n.end, "noncontent", n.kind) for n in art.noncontent]
    return [s for s in out if 0 <= s.start < s.end <= len(art.text)]


def _entity_href(local_id: Optional[str], entity_pages: dict[str, int]) -> Optional[str]:
    cid = entity_pages.get(local_id or "")
    return f"/entities/{cid}" if cid is not None else None


def _entity_spans(art: AnalyzedArticle, entity_pages: dict[str, int]) -> list[Span]:
    out = []
    for ent in art.entities:
        href = _entity_href(ent.id, entity_pages)
        for m in ent.mentions:
            out.append(Span(m.start, m.end, "entities", f"{ent.label} · {ent.name}",
                            f"label-{ent.label.lower()}", href))
        for m in ent.references:
            out.append(Span(m.start, m.end, "entities", f"refers to {ent.name}", "reference", href))
    return out


def _quote_spans(art: AnalyzedArticle, entity_pages: dict[str, int], names: dict) -> list[Span]:
    out = []
    for q in art.quotes:
        who = (names.get(q.speaker.entity or "") or q.speaker.name or q.speaker.text) if q.speaker else None
        tip = [f"{q.kind} quote", f"speaker: {who or 'unknown'}"]
        if q.cue:
            tip.append(f"cue: {q.cue.text}")
        if q.channel:
            tip.append(f"channel: {q.channel}")
        out.append(Span(q.start, q.end, "quotes", " · ".join(tip), f"quote-{q.kind}", focus=True))
        if q.speaker and q.speaker.start is not None:
            out.append(Span(q.speaker.start, q.speaker.end, "quotes", f"speaker: {who}", "speaker",
                            _entity_href(q.speaker.entity, entity_pages), focus=True))
        if q.cue:
            out.append(Span(q.cue.start, q.cue.end, "quotes", f"cue of a quote by {who or 'unknown'}", "cue"))
    return out


def _claim_spans(art: AnalyzedArticle, names: dict) -> list[Span]:
    out = []
    for c in art.claims:
        src = c.source
        who = src.name or names.get(src.entity or "") or src.text
        tip = f"claim · source: {src.kind}" + (f" ({who})" if who else "")
        out.append(Span(c.start, c.end, "claims", tip, f"claim-{src.kind}", focus=True))
        if src.start is not None and src.end is not None:
            out.append(Span(src.start, src.end, "claims", f"claim source ({src.kind})", "claim-source"))
    return out


def _place_tip(p) -> str:
    where = ", ".join(x for x in (p.name, p.country) if x)
    tip = [where or p.text]
    if p.lat is not None and p.lon is not None:
        tip.append(f"{p.lat:.4f}, {p.lon:.4f}")
    if p.geonameid and p.geonameid > 0:  # presstrace's own places' ids are internal
        tip.append(f"GeoNames {p.geonameid}")
    if getattr(p, "kind", None) == DEMONYM:  # "Russian troops": the country's people, no place
        tip.append("demonym")
    if p.stands_for:
        tip.append(f"stands for the {p.stands_for}")
    return " · ".join(tip)


def _number(value: Optional[float]) -> str:
    return "?" if value is None else f"{value:,.10g}"


def _amount_tip(a) -> str:
    value = _number(a.value) if a.value is not None else f"{_number(a.low)}–{_number(a.high)}"
    tip = [("about " if a.approx else "") + value + (f" {a.unit}" if a.unit else "")]
    if a.object:
        tip.append(f"counts: {a.object}")
    return " · ".join(tip)


def _actor(actor) -> str:
    if actor is None:
        return "?"
    code = "-".join(x for x in (actor.country, actor.sector) if x)
    name = actor.name or actor.text or "?"
    return f"{name} [{code}]" if code else name


def _event_tip(e) -> str:
    tip = [f"{e.type}" + (f"/{e.mode}" if e.mode else ""),
           f"{_actor(e.source_actor)} → {_actor(e.target_actor)}"]
    if e.date:
        tip.append(e.date)
    if e.negated:
        tip.append("negated")
    if e.hypothetical:
        tip.append("hypothetical")
    return " · ".join(tip)


def _framing_tip(f) -> str:
    tip = f.technique.replace("_", " ")
    if f.concept:
        tip += f" · {f.concept}: {f.variant or f.text}" + (f" ×{f.count}" if (f.count or 1) > 1 else "")
        rivals = ", ".join(f"{v} ×{n}" if n > 1 else v for v, n in (f.alternatives or {}).items())
        tip += f" against {rivals}" if rivals else ""
    elif f.confidence is not None:  # the technique's span precision on PTC's tune part
        tip += f" · confidence {f.confidence:.2f}"
    if f.voice == "quoted":  # the speaker's wording, not counted in the outlet's framing
        tip += " · in a quote"
    return tip


def render(text: str, items: list[Span]) -> Markup:
    """The text as HTML with every span wrapped where it stands."""
    cuts = sorted({0, len(text), *(s.start for s in items), *(s.end for s in items)})
    # outermost first; a speaker goes outside the entity mention it coincides with, so the
    # speaker (with its own tooltip) is the link a reader clicks
    ordered = sorted(items, key=lambda s: (s.start, -s.end, s.css != "speaker", LAYERS.index(s.layer)))
    rank = {id(s): n for n, s in enumerate(ordered)}
    active: list[Span] = []  # spans open at the current cut, kept in `ordered` order
    nxt = 0
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [s for s in active if s.end > a]
        while nxt < len(ordered) and ordered[nxt].start <= a:
            if ordered[nxt].end > a:
                active.append(ordered[nxt])
            nxt += 1
        active.sort(key=lambda s: rank[id(s)])
        out.append(_wrap(str(escape(text[a:b])), active))
    return Markup("".join(out))


def _wrap(inner: str, covering: list[Span]) -> str:
    """`inner` inside one element per covering span, outermost first."""
    head: list[str] = []
    tags: list[str] = []
    in_link = False
    for span in covering:
        link = span.href is not None and not in_link  # HTML allows no link inside a link
        tag = "a" if link else "span"
        css = " ".join(x for x in ("hl", f"l-{span.layer}", span.css) if x)
        attrs = f'class="{css}" data-layer="{span.layer}" data-tip="{escape(span.tip)}"'
        if link:
            attrs += f' href="{escape(span.href)}"'
        elif span.focus:
            attrs += ' tabindex="0"'
        head.append(f"<{tag} {attrs}>")
        tags.append(tag)
        in_link = in_link or link
    return "".join(head) + inner + "".join(f"</{t}>" for t in reversed(tags))
