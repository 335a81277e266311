"""Non-content: photo credits, bylines, datelines and newsletter/"Read more" boilerplate.

These are found with patterns over the raw text, before any parse, so later layers can keep
them out of claims and quotes. Captions cannot be told from body text in plain text; the
HTML reader (trafilatura) drops most of them before they get here.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ...records import NonContent
from ..common.doc import contract, doc_text, set_layer
from ..common.lexicons import agencies


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[re.Pattern]]:
    agency = "(?:" + "|".join(re.escape(a) for a in agencies()) + ")"
    name = r"[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|al|bin))*"
    return {
        # Whole lines (paragraphs) that are nothing but a credit or byline.
        "photo_credit_line": [
            re.compile(rf"^[\w .,'’&()-]{{0,60}}/\s*{agency}(?:\s+via\s+[\w ]{{1,30}})?$", re.I),
            re.compile(r"^(?:photo|image|picture|photograph|credit)s?(?: credit)?\s*:\s*.{1,80}$", re.I),
            re.compile(rf"^\(?{agency} Photo(?:/.{{1,60}})?\)?$"),
        ],
        "byline_line": [
            re.compile(rf"^By\s+{name}(?:\s*(?:,|and|&)\s*{name})*(?:\s*[,|—–-]\s*[\w .]{{1,40}})?$"),
            re.compile(r"^(?:Reporting|Writing|Editing|Additional reporting) by .{1,300}$"),
        ],
        # Stretches inside running text (scraped paragraphs are often joined).
        "photo_credit": [
            re.compile(r"Photographer: [^/\n]{1,60}//?[\w ]{1,40}?(?: via Getty Images)"),
            re.compile(rf"\((?:{agency} Photo|Photo(?:graph)?:?)[^()\n]{{0,80}}\)"),
            re.compile(rf"\([^()\n]{{1,60}}/\s*{agency}[^()\n]{{0,30}}\)"),
        ],
        "byline": [re.compile(r"\((?:Reporting|Writing|Additional reporting) by [^()\n]{1,300}\)")],
        "boilerplate": [
            re.compile(r"(?:READ MORE|Read more|RELATED|Related)\s*:[^\n]{1,150}?(?=[.!?]\s|\n|$)"),
            re.compile(r"Read more (?:here|at [\w.]+|about [^.!?\n]{1,100}? here)\b(?:>>>|\.)?"),
            # Calls to action end at a usual closing word, else at the sentence end.
            re.compile(r"Click here\b[^.!?\n♦]{1,80}?\b(?:updates|coverage|news|here|\w+\.com)\b", re.I),
            re.compile(r"Click here\b[^.!?\n♦]{1,150}", re.I),
            re.compile(r"(?:Sign up|Subscribe)\b[^.!?\n]{1,120}?\b(?:here|inbox)\b\.?", re.I),
            re.compile(r"(?:Sign up|Subscribe)\b[^.!?\n]{1,120}?\b(?:newsletters?|bulletin)\b\.?", re.I),
            re.compile(r"Want all the latest [^?\n]{1,100}\?"),
            re.compile(r"For more of the news you care about[^.\n]{1,150}\."),
            re.compile(r"Have feedback\?"),
            re.compile(r"(?:Copyright\s*)?©\s*\d{4}\b[^\n]{0,200}"),
            re.compile(r"All rights reserved\.?"),
            re.compile(r"Follow (?:us|me) on (?:Twitter|Facebook|Instagram|X|Telegram)\b[^.\n]{0,80}\.?"),
            re.compile(r"^Advertisement$", re.M),
        ],
        "dateline": [
            re.compile(rf"\A[A-Z][A-Z .'’-]{{2,40}}(?:, [A-Z][\w .]{{2,30}})*\s*(?:\({agency}\)\s*)?[—–-]{{1,2}}\s"),
        ],
    }


def extract_noncontent(text: str) -> Iterator[NonContent]:
    """Yield non-content spans of `text`, left to right, never overlapping."""
    found = sorted(_line_matches(text) + _inline_matches(text), key=lambda s: (s[0], -s[1]))
    last_end = -1
    for start, end, kind in found:
        if start >= last_end and end > start:
            last_end = end
            yield NonContent(start=start, end=end, text=text[start:end], kind=kind)


def _line_matches(text: str) -> list[tuple[int, int, str]]:
    pats = _patterns()
    out = []
    for line in re.finditer(r"[^\n]+", text):
        body = line.group().strip()
        if not body or len(body) > 120:
            continue
        start = line.start() + line.group().index(body)
        for kind in ("photo_credit", "byline"):
            if any(p.match(body) for p in pats[kind + "_line"]):
                out.append((start, start + len(body), kind))
                break
    return out


def _inline_matches(text: str) -> list[tuple[int, int, str]]:
    out, claimed = [], set()
    for kind in ("photo_credit", "byline", "boilerplate", "dateline"):
        for pat in _patterns()[kind]:  # earlier patterns are preferred at the same start
            for m in pat.finditer(text):
                if m.start() in claimed:
                    continue
                if kind != "boilerplate" or _starts_sentence(text, m.start()):
                    claimed.add(m.start())
                    out.append((m.start(), m.start() + len(m.group().rstrip()), kind))
    return out


def _starts_sentence(text: str, pos: int) -> bool:
    """Boilerplate phrases count only at a sentence start ("sign up" mid-sentence is news)."""
    before = text[:pos].rstrip(" \t")
    return not before or before[-1] in "\n.!?\"”’:♦>"


@Language.component("noncontent", **contract(["noncontent"]))
def noncontent_component(doc: Doc) -> Doc:
    """Write the non-content layer."""
    set_layer(doc, "noncontent", list(extract_noncontent(doc_text(doc))))
    return doc
