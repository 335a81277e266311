"""Phrase-level framing: loaded language, name calling, exaggeration, flag-waving,
reductio ad Hitlerum, slogans, thought-terminating clichés and scare quotes.

Each detector finds a cue word (a strongly valenced word from VADER's lexicon, a label, a
superlative, a patriotic phrase …) and grows it into the short phrase it belongs to, the
way persuasion-technique annotations are drawn: an intensified adjective with its noun
("profoundly disturbing", "the corrupt officials"), an insult, a slogan.
"""
from __future__ import annotations

import functools
import re
from typing import Iterator

from spacy.attrs import DEP, IS_ALPHA, IS_UPPER, LEMMA, LENGTH, LOWER, POS, TAG
from spacy.parts_of_speech import NOUN
from spacy.tokens import Doc, Span, Token

from .lexicon import FramingLexicon
from .spans import NOMINAL, Candidate, candidate, char_span, is_name, modifiers_left, noun_phrase
from ..common.doc import doc_text, get_layer
from ..common.quotemarks import find_quotes
from ..common.valence import boosters, lexicon as valence_lexicon, token_valence

LOADED_VALENCE_OTHER = 2.5
LOADED_VALENCE = 2.0       # |VADER valence| from which a word is loaded on its own
EVALUATIVE_VALENCE = 1.5   # |valence| of an adjective that labels the person it describes
PERSON_SUFFIXES = ("ist", "ists", "ian", "ians", "ite", "ites", "crat", "crats")
PERSON_TYPES = frozenset({"PERSON", "NORP", "ORG"})


def phrase_candidates(doc: Doc, lex: FramingLexicon, text: str = "") -> Iterator[Candidate]:
    """Every phrase-level candidate of `doc`, in no particular order (`text` is `doc.text`)."""
    text = text or doc_text(doc)
    for tok in _may_frame(doc, lex):
        yield from _label(tok, lex)
        if tok.pos_ == "NOUN":
            yield from _described_person(tok, lex)
        yield from _loaded(tok, lex)
        yield from _exaggeration(tok, lex)
        yield from _word_cues(tok, lex)
        yield from _boosted(tok)
        if tok.is_upper and len(tok) >= 4:
            yield from _shouted(tok)
    yield from _phrase_cues(doc, lex, text)
    yield from slogans(doc, text, lex)


# Categories whose words start a phrase candidate (`_label`, `_loaded`, `_exaggeration`,
# `_word_cues`), and the lowest valence any of them reads (`_evaluative`).
CUE_CATEGORIES = ("label", "label_mod", "loaded", "figurative_mod", "absolute", "flag", "hitler")
LOWEST_VALENCE = min(LOADED_VALENCE, LOADED_VALENCE_OTHER, EVALUATIVE_VALENCE)
WORD_ATTRS = [LOWER, LEMMA, TAG, POS, DEP, IS_ALPHA, IS_UPPER, LENGTH]


def _may_frame(doc: Doc, lex: FramingLexicon) -> Iterator[Token]:
    """The words the per-word detectors of `phrase_candidates` may start a candidate at, in
    order: every one of them needs a cue word (`_cue_word`), a superlative tag, a noun in
    apposition or as a predicate (`_described_person`), or a word in capitals of four
    letters or more (`_shouted`). Read from arrays: most words fail, and need no Token."""
    if not len(doc):
        return
    strings = doc.vocab.strings
    superlative = {strings[t] for t in ("JJS", "RBS")}
    described = {strings[d] for d in ("appos", "attr")}
    rows = doc.to_array(WORD_ATTRS).tolist()
    known = lex.memo("cue_words")  # (lower, lemma) ids -> `_cue_word`
    for i, (lower, lemma, tag, pos, dep, is_alpha, is_upper, length) in enumerate(rows):
        if not is_alpha:
            continue
        cue = known.get((lower, lemma))
        if cue is None:
            cue = known[(lower, lemma)] = _cue_word(strings[lower], strings[lemma], lex)
        if cue or tag in superlative or (pos == NOUN and dep in described) or (is_upper and length >= 4):
            yield doc[i]


def _cue_word(lower: str, lemma: str, lex: FramingLexicon) -> bool:
    """A word some per-word detector reads as a cue: in a cue category (by form or lemma),
    valenced at least LOWEST_VALENCE (as `token_valence` reads it), a booster, or "most"."""
    if any(lower in lex[c].words or lemma.lower() in lex[c].words for c in CUE_CATEGORIES):
        return True
    value = valence_lexicon().get(lower)
    if value is None and lemma:
        value = valence_lexicon().get(lemma.lower())
    return abs(value or 0.0) >= LOWEST_VALENCE or lower in booster_words() or lower == "most"


def _label(tok: Token, lex: FramingLexicon) -> Iterator[Candidate]:
    """Name calling: a label noun, or a person described by a labelling adjective."""
    if tok.pos_ in NOMINAL and lex["label"].has(tok) and tok.ent_type_ != "PERSON":
        yield candidate(noun_phrase(tok), "name_calling", "label_noun")
    elif tok.pos_ == "ADJ" and tok.dep_ == "amod" and tok.head.pos_ in NOMINAL and tok.head.i > tok.i:
        if lex["label_mod"].has(tok):
            yield candidate(_through(tok, tok.head), "name_calling", "label_mod")
        elif _evaluative(tok, lex) and is_person(tok.head, lex):
            yield candidate(_through(tok, tok.head), "name_calling", "evaluative_person")


SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "you", "who"})


def _described_person(tok: Token, lex: FramingLexicon) -> Iterator[Candidate]:
    """Name calling by description: a noun phrase with an evaluative adjective said of a
    person, as a predicate ("he is a dishonest man") or an apposition ("Mr. Brown, a
    ruthless operator")."""
    if tok.dep_ == "appos":
        target = tok.head
    elif tok.dep_ == "attr":
        target = next((c for c in tok.head.lefts if c.dep_ == "nsubj"), None)
    else:
        return
    if target is None or not (target.ent_type_ == "PERSON" or target.lower_ in SUBJECT_PRONOUNS
                              or (target.pos_ == "NOUN" and is_person(target, lex))):
        return
    np = noun_phrase(tok)
    if any(t.dep_ == "amod" and (token_valence(t) != 0 or lex["loaded"].has(t) or lex["label_mod"].has(t))
           for t in np[:-1]):
        yield candidate(np, "name_calling", "described_person")


def _loaded(tok: Token, lex: FramingLexicon) -> Iterator[Candidate]:
    """Loaded language: a strongly valenced or loaded word, with what it intensifies."""
    head = tok.head
    if tok.dep_ in ("compound", "amod") and lex["figurative_mod"].has(tok) and lex["undertaking"].has(head) \
            and 0 < head.i - tok.i <= 2:
        yield candidate(_through(tok, head), "loaded_language", "figurative_undertaking")
        return
    if is_name(tok) or lex["neutral"].has(tok) or not _loaded_word(tok, lex):
        return
    if tok.pos_ == "ADJ" and tok.dep_ == "amod" and tok.head.pos_ in NOMINAL and 0 < tok.head.i - tok.i <= 3:
        if is_person(tok.head, lex):
            return  # labelled by `_label`
        yield candidate(_through(tok, tok.head), "loaded_language", "loaded_adj_noun")
    elif tok.pos_ == "NOUN" and is_person(tok, lex):
        yield candidate(modifiers_left(tok), "name_calling", "loaded_person")
    elif tok.pos_ in ("ADJ", "NOUN", "ADV"):
        yield candidate(modifiers_left(tok), "loaded_language", f"loaded_{tok.pos_.lower()}")
    elif tok.pos_ == "VERB":
        toks = [tok] + [c for c in tok.rights if c.dep_ == "prt" and c.i == tok.i + 1]
        yield candidate(toks, "loaded_language", "loaded_verb")


# Degree adverbs too common in plain reporting to mark a phrase as loaded.
PLAIN_DEGREE = frozenset({"more", "most", "so", "quite", "really", "very", "major", "particularly", "especially",
                          "fully", "highly", "considerably", "substantially", "greatly", "unusually"})


# "never told", "always known": too often plain narration to count as exaggeration alone.
TEMPORAL_ABSOLUTES = frozenset({"never", "always", "forever"})
# Superlatives of size and rank that rate rather than measure ("the biggest lie").
RATING_SUPERLATIVES = frozenset({"big", "great", "large", "bad", "good", "strong", "powerful", "important"})


def _shouted(tok: Token) -> Iterator[Candidate]:
    """A word set in capitals for emphasis inside lower-case text ("they NEVER paid");
    not an acronym (a name), and not a headline or slogan set all in capitals."""
    if is_name(tok) or tok.pos_ == "PROPN" or not tok.lower_.isalpha():
        return
    doc = tok.doc
    near = doc[max(tok.i - 3, 0):tok.i + 4]
    if sum(t.is_upper and t.is_alpha for t in near) > 1:
        return
    yield candidate([tok], "loaded_language", "shouted")


def _evaluative_superlative(tok: Token) -> bool:
    """"the worst", "the greatest", "the most corrupt": not "the latest", "the highest percentage"."""
    return token_valence(tok) != 0 or tok.lemma_.lower() in RATING_SUPERLATIVES


def _boosted(tok: Token) -> Iterator[Candidate]:
    """An intensifier on an adjective ("deeply disturbing", "utterly unacceptable")."""
    if tok.dep_ != "advmod" or tok.lower_ in PLAIN_DEGREE or tok.lower_ not in booster_words():
        return
    head = tok.head
    if head.pos_ == "VERB" and tok.lower_.endswith("ly") and abs(head.i - tok.i) == 1:
        yield candidate([tok, head], "loaded_language", "boosted_verb")
    elif head.pos_ == "ADJ" and 0 < head.i - tok.i <= 2:
        last = head.head if head.dep_ == "amod" and head.head.pos_ in NOMINAL and 0 < head.head.i - head.i <= 2 else head
        yield candidate(tok.doc[tok.i:last.i + 1], "loaded_language", "boosted_adj")


def _exaggeration(tok: Token, lex: FramingLexicon) -> Iterator[Candidate]:
    """Superlatives ("the greatest scoop") and absolutes ("utterly", "unprecedented")."""
    superlative = tok.tag_ in ("JJS", "RBS") and _evaluative_superlative(tok)
    most = (tok.lower_ == "most" and tok.dep_ == "advmod" and tok.head.pos_ in ("ADJ", "ADV")
            and token_valence(tok.head) != 0)
    if superlative or most:
        anchor = tok.head if most else tok
        yield candidate(_superlative_phrase(anchor), "exaggeration", "superlative")
    elif lex["absolute"].has(tok):
        if tok.pos_ == "ADJ" and tok.dep_ == "amod" and tok.head.pos_ in NOMINAL and tok.head.i > tok.i:
            yield candidate(_through(tok, tok.head), "loaded_language", "absolute_adj")
        elif tok.pos_ == "ADV" and tok.lower_ not in TEMPORAL_ABSOLUTES and tok.head.pos_ in ("ADJ", "VERB", "ADV") and 0 < tok.head.i - tok.i <= 2:
            yield candidate(_through(tok, tok.head), "exaggeration", "absolute_adv")


def _word_cues(tok: Token, lex: FramingLexicon) -> Iterator[Candidate]:
    """Single-word cues of flag-waving and reductio ad Hitlerum. A Hitler word set before a
    noun for people ("Vichy journalists", "the fascist mullahs") labels those people: that
    is name calling, where a comparison ("compared it to Nazi Germany") is the reductio."""
    if lex["flag"].has(tok):
        yield candidate(noun_phrase(tok) if tok.pos_ in NOMINAL else [tok], "flag_waving", "flag_word")
    if lex["hitler"].has(tok) and not recounts_history(tok.sent):
        head = tok.head
        if tok.dep_ in ("amod", "compound") and head.i > tok.i and head.pos_ == "NOUN" and is_person(head, lex):
            yield candidate(_through(tok, head), "name_calling", "hitler_label")
        else:
            yield candidate(noun_phrase(tok) if tok.pos_ in NOMINAL else [tok], "bandwagon", "hitler_word")


# A sentence that dates what it tells in the past ("the 1943 killings in Volhynia in
# Nazi-occupied Poland", "liberated from the Nazis in World War II") recounts history: its
# Nazis and Stalin are the past itself, not a present thing likened to them.
HISTORY = re.compile(r"\b(?:1[89][0-8]\d|1990|(?:First|Second|Great Patriotic|Cold) War|World War|WWI+|WW[12]"
                     r"|anniversary)\b|\b1[89]\d0s\b")


def recounts_history(sent: Span) -> bool:
    """True for a sentence that dates its subject in the past (a year before 1991, a named
    war of the last century, an anniversary)."""
    return bool(HISTORY.search(sent.text))


# Absolute phrases that need what follows them: "not seen since World War II".
OPEN_ENDED = frozenset({"since", "than", "which", "before"})
PHRASE_TECHNIQUES = {"loaded": "loaded_language", "label": "name_calling", "absolute": "exaggeration",
                     "flag": "flag_waving", "hitler": "bandwagon", "cliche": "thought_terminating_cliches",
                     "label_mod": "name_calling"}


def _phrase_cues(doc: Doc, lex: FramingLexicon, text: str) -> Iterator[Candidate]:
    """Multi-word cues ("witch hunt", "the American people", "it is what it is")."""
    for category, technique in PHRASE_TECHNIQUES.items():
        for start, end in lex[category].find(text):
            span = char_span(doc, start, end)
            if span is None:
                continue
            if category == "hitler" and recounts_history(span.sent):
                continue
            if category == "label_mod":
                head = span[-1].head
                if head.pos_ not in NOMINAL or head.i <= span[-1].i:
                    continue
                span = doc[span.start:head.i + 1]
            elif category == "absolute" and span[-1].lower_ in OPEN_ENDED:
                right = max((c.right_edge.i for c in span[-1].rights), default=span[-1].i)
                span = doc[span.start:min(right + 1, span[-1].sent.end)]
            elif category in ("label", "flag") and span[-1].pos_ in NOMINAL:
                span = doc[noun_phrase(span[-1]).start:span.end] if span[-1].i == span.end - 1 else span
            yield Candidate(span.start_char, span.end_char, technique, f"{category}_phrase")


# Of the quotes layer's scare quotes, those of at most this many words label something.
SCARE_LABEL_MAX_WORDS = 3


def scare_quotes(doc: Doc, text: str, max_words: int = SCARE_LABEL_MAX_WORDS) -> Iterator[Candidate]:
    """Scare quotes as labelling: a few words in quotation marks that nobody is quoted as
    saying, which the writer holds at a distance (the tragic 'cost', the "mainstream"
    press). Only the quotes the quotes layer calls `scare` count, up to `max_words` words."""
    scare = {(r.start, r.end) for r in get_layer(doc, "quotes") if r.kind == "scare"}
    for q in find_quotes(text):
        if (q.start, q.end) not in scare:
            continue
        words = text[q.start:q.end].split()
        if not 1 <= len(words) <= max_words or q.close_at is None or text[q.end - 1] in ".,!?":
            continue
        if q.open_at > 0 and text[q.open_at - 1] == "\n":
            continue  # a quoted paragraph, not a quoted term
        span = char_span(doc, q.open_at, q.close_at + 1)
        if span is None:
            continue
        head = span.root
        start = span.start
        if head.dep_ != "ROOT" and head.pos_ in NOMINAL:
            start = min(start, noun_phrase(head).start)
        yield Candidate(doc[start].idx, span.end_char, "name_calling", "scare_quote")


# --------------------------------------------------------------------------- slogans
SLOGAN_PATTERNS = [
    re.compile(r"(?<!\w)#[A-Za-z]\w{2,}"),  # hashtags
    re.compile(r"\bmake\s+\w+(?:\s+\w+)?\s+great\s+again\b", re.I),
    re.compile(r"\b(?:death|glory|power|freedom)\s+to\s+(?:the\s+)?[A-Z]\w+", re.I),
    re.compile(r"\blong\s+live\s+(?:the\s+)?\w+(?:\s+\w+)?", re.I),
    re.compile(r"\bdown\s+with\s+(?:the\s+)?\w+", re.I),
    re.compile(r"\b(?!(?:The|A|An|This|That|Its|His|Her|Their|Our|My|Your|Who|What)\b)[A-Z]\w+\s+First\b"),
]
# Two to six upper-case words (not a run of acronyms), the way slogans are shouted.
CAPS_RUN = re.compile(r"\b[A-Z][A-Z'’]{2,}(?:[ ,!-]+[A-Z][A-Z'’]+){1,5}\b")


def slogans(doc: Doc, text: str, lex: FramingLexicon) -> Iterator[Candidate]:
    """Slogans: hashtags, formulas ("Long live …"), well-known slogans and shouted capitals."""
    for start, end in lex["slogan"].find(text):
        yield Candidate(start, end, "slogans", "slogan_known")
    for pattern in SLOGAN_PATTERNS:
        for m in pattern.finditer(text):
            yield Candidate(m.start(), m.end(), "slogans", "slogan_pattern")
    for m in CAPS_RUN.finditer(text):
        words = re.findall(r"[A-Z'’]+", m.group())
        if len(words) >= 2 and sum(len(w) > 3 for w in words) >= 2:
            yield Candidate(m.start(), m.end(), "slogans", "slogan_caps")


# --------------------------------------------------------------------------- helpers
def _loaded_word(tok: Token, lex: FramingLexicon) -> bool:
    threshold = LOADED_VALENCE if tok.pos_ in ("ADJ", "ADV") else LOADED_VALENCE_OTHER
    return abs(token_valence(tok)) >= threshold or lex["loaded"].has(tok)


def _evaluative(tok: Token, lex: FramingLexicon) -> bool:
    return abs(token_valence(tok)) >= EVALUATIVE_VALENCE or lex["loaded"].has(tok)


def is_person(tok: Token, lex: FramingLexicon) -> bool:
    """A noun naming people or a group: an entity, a listed person noun, an -ist or -ian."""
    if tok.ent_type_ in PERSON_TYPES or lex["person"].has(tok) or lex["label"].has(tok):
        return True
    return tok.pos_ == "NOUN" and tok.lower_.endswith(PERSON_SUFFIXES) and len(tok) > 5


def _through(first: Token, last: Token) -> Span:
    """From `first`'s own left modifiers ("deeply") to `last`."""
    return first.doc[modifiers_left(first).start:last.i + 1]


def _superlative_phrase(adj: Token) -> Span:
    """The superlative with its noun and determiner, and "one of" before it."""
    doc = adj.doc
    head = adj.head if adj.dep_ == "amod" and adj.head.pos_ in NOMINAL and adj.head.i > adj.i else adj
    start = modifiers_left(adj).start
    if head.i != adj.i:
        start = min(start, noun_phrase(head).start)
    if start >= 3 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in ("one", "some", "among"):
        start -= 2
    return doc[start:head.i + 1]


@functools.lru_cache(maxsize=1)
def booster_words() -> frozenset[str]:
    """VADER's intensifying degree adverbs ("utterly", "deeply"), not its dampeners."""
    return frozenset(w for w, v in boosters().items() if v > 0 and " " not in w)
