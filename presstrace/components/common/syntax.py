"""Reading the parse: a verb's subject, the mention a subject token stands in, the tokens
between two characters. Shared by the attribution and events layers."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from .constants import SUBJECT_DEPS
from .doc import ent_of_token
from .speech import is_speech_verb

# Dependencies through which a subjectless verb borrows its governor's subject (not ccomp
# or parataxis: from "said" those lead into the quoted clause itself).
CLIMB_DEPS = {"advcl", "conj", "xcomp", "pcomp", "prep", "acl"}
NOMINAL_POS = {"NOUN", "PROPN", "PRON", "NUM"}


def subject_of(verb: Token, depth: int = 4, inverted: bool = False) -> Optional[Token]:
    """The verb's subject, or its governor's when it has none ("before continuing").

    Args:
        verb: the speech verb.
        depth: how many governors up to look.
        inverted: also accept a name right after a clause-initial verb (`"…," added X`).
    """
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ not in ("that", "which", "who")]
    if subjects:
        return _through_misparse(_likeliest_subject(verb, subjects))
    for child in verb.children:
        if child.dep_ == "agent":  # passive: "was told by X"
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if ((verb.dep_ == "relcl" and verb.tag_ != "VB") or (verb.dep_ == "acl" and _predicate_of_noun(verb))) \
            and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head  # "a voice over saying: …", "an official who said …"
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VB" and depth and verb.head.head.i != verb.head.i:
        return subject_of(verb.head.head, depth - 1)  # "Kiev took measures to round up men"
    after = [c for c in verb.rights if c.dep_ in ("dobj", "attr", "npadvmod", "appos") and c.pos_ in ("PROPN", "NOUN")]
    if inverted and after and verb.i + 3 >= after[0].i and _after_punctuation(verb) and verb.tag_ != "VBG":
        return after[0]  # the verb follows the quote's closing punctuation; never "…, telling reporters"
    controller = _object_controller(verb)
    if controller is not None:
        return controller
    if depth and verb.dep_ in CLIMB_DEPS and verb.head.i != verb.i:
        return subject_of(_past_subordinate(verb), depth - 1)
    return None


# Verbs of causing and letting whose object does what their infinitive says ("prompted
# Biden to warn", "forced the minister to admit"); not "use an expletive to describe" or
# "had this to say", where the subject does it.
OBJECT_CONTROL = {"prompt", "force", "lead", "cause", "compel", "inspire", "push", "get", "allow", "permit",
                  "enable", "drive", "spur", "move"}


def _object_controller(verb: Token) -> Optional[Token]:
    """`The attack prompted Biden to warn that …`: a speech verb in the infinitive after the
    object of a verb of causing has that object as its subject, not the causer. Not after a
    verb of asking: in "the adviser urged Europe to respond with “more sanctions”" the words
    are the adviser's. A belief verb there is no belief of the object's."""
    if verb.dep_ != "xcomp" or verb.tag_ != "VB" or not is_speech_verb(verb) \
            or verb.head.lemma_.lower() not in OBJECT_CONTROL:
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i and c.pos_ in NOMINAL_POS),
                None)


def _past_subordinate(verb: Token) -> Token:
    """The clause a speech participle set off by a comma goes on from: `Hannity said …
    after the senator won his primary, remarking that …` remarks on Hannity's words, not the
    senator's. The parse hangs such a participle on the nearest verb; where that verb is in
    a clause opened by a subordinating conjunction ("after", "when") under a speech verb,
    the participle carries on the speech act. Under any other verb it is left where it is
    ("the campaign reeled after accusers emerged, saying …" are the accusers' words)."""
    head = verb.head
    main = head.head
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and _after_punctuation(verb) and head.dep_ == "advcl" \
            and main.i != head.i and any(c.dep_ == "mark" for c in head.children) \
            and is_speech_verb(verb) and is_speech_verb(main):
        return main
    return head


def _predicate_of_noun(verb: Token) -> bool:
    """A verb hung on a noun that says what the noun does: "a voice over saying: …"; or a
    past form on a noun the parse left as its sentence's root, as a sentence has a verb of
    its own ("Barracuda, an investigator, tweeted: …" is Barracuda's tweet, while "a
    referendum intended to …" says nothing of the referendum's)."""
    return verb.tag_ == "VBG" or (verb.tag_ in ("VBD", "VBN") and verb.head.dep_ == "ROOT")


def _likeliest_subject(verb: Token, subjects: list[Token]) -> Token:
    """A verb has one subject; where the parse gives it several (`…: free-market, “…,” the
    Swedish expert remarked`, `when his phone rang, Baldwin recounted`), the nominal one
    nearest before the verb is it, as English puts the subject right before its verb;
    after a comma the verb may come first (`The rejection signals “…”, said Geert
    Wilders`), and then the one right after it is."""
    if len(subjects) == 1:
        return subjects[0]
    nominal = [c for c in subjects if c.pos_ in NOMINAL_POS] or subjects
    after = [c for c in nominal if c.i > verb.i]
    if after and _after_punctuation(verb):
        return after[0]
    before = [c for c in nominal if c.i < verb.i]
    return before[-1] if before else nominal[0]


def _through_misparse(subject: Token) -> Token:
    """A noun takes no subject of its own; where the parse gives one it split the real
    subject off a long apposition ("Dr Jack Watling, senior fellow at think tank X, told":
    "tank" as the subject, "Watling" as its subject), and that is the subject."""
    inner = [c for c in subject.children if c.dep_ == "nsubj" and c.i < subject.i]
    return inner[0] if subject.pos_ in ("NOUN", "PROPN") and inner else subject


def word_before(tok: Token) -> Optional[Token]:
    """The token before `tok`, looking past whitespace tokens (a no-break space after `”`
    is a token of its own); None at the document's start."""
    k = tok.i - 1
    while k >= 0 and tok.doc[k].is_space:
        k -= 1
    return tok.doc[k] if k >= 0 else None


def _after_punctuation(tok: Token) -> bool:
    """Whether the token comes right after punctuation or a quote mark."""
    prev = word_before(tok)
    return prev is not None and (prev.is_punct or prev.is_quote)


def relative_pronoun(verb: Token, subject: Optional[Token]) -> Optional[Token]:
    """"Carson, who claimed …": when `subject_of` gave the noun a relative clause hangs on,
    the relative pronoun is the mention the attribution itself uses (as "he" is in "he
    said"); the noun still names the source."""
    if subject is None or verb.dep_ != "relcl" or subject.i != verb.head.i:
        return None
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ in ("who", "that")), None)


def speaker_span(tok: Token) -> Span:
    """The mention a subject token stands in: the name in apposition to a common noun or a
    people ("the university's spokeswoman, Jane Harlow,"; "another Nigerian, Osemen,"), its
    named entity, else its noun phrase up to it; a people keeps its determiner ("the
    Russians"), as no one person's name is meant."""
    doc = tok.doc
    tok = naming_token(tok)
    group = partitive_group(tok)
    if tok.ent_type_ and tok.ent_type_ != "NORP" and group is None:
        ent = ent_of_token(doc).get(tok.i)
        if ent is not None:
            return ent
    left = tok.left_edge.i
    while left < tok.i and doc[left].is_punct:
        left += 1
    return doc[left:(group.right_edge.i if group is not None else tok.i) + 1]


# Words that pick members out of a group named after "of" ("one of the officials", "some
# of the survivors", "two of his aides"): the group says who they are.
PARTITIVES = {"one", "some", "many", "several", "most", "few", "each", "none", "any", "all", "both",
              "either", "neither", "another", "others", "two", "three", "four", "five"}


def partitive_group(tok: Token) -> Optional[Token]:
    """The group a partitive subject picks from ("officials" in "one of the officials"), or
    None when the token is no partitive."""
    if tok.lower_ not in PARTITIVES and tok.pos_ != "NUM":
        return None
    return next((g for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"), None)


def naming_token(tok: Token) -> Token:
    """The token that names who a subject is: a person's or organisation's name in
    apposition to it, unless the subject is itself such a name."""
    if tok.ent_type_ in ("PERSON", "ORG"):
        return tok
    appos = next((c for c in tok.children if c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG")), None)
    return appos or _name_closing(tok) or _title_of_name(tok) or tok


# Prepositions inside a title ("Director of National Intelligence", "Ambassador to NATO").
TITLE_PREPOSITIONS = {"of", "to"}


def _title_of_name(tok: Token) -> Optional[Token]:
    """The person a capitalised title names when the name closes the title's own phrase:
    "Director of National Intelligence James Clapper", "Ambassador to NATO Julianne Smith"
    (the parse makes the name the object of "of"). Only a title the tagger reads as a
    proper noun, with nothing but proper nouns and "of"/"to" before the name: "the wife
    of President Biden" is someone else."""
    if tok.pos_ != "PROPN" or tok.ent_type_ or not tok.text[:1].isupper():
        return None
    last = tok.right_edge
    if last.i == tok.i or last.ent_type_ != "PERSON":
        return None
    k = last.i
    while k - 1 > tok.i and tok.doc[k - 1].ent_type_ == "PERSON":
        k -= 1  # back to the name's first word
    between = tok.doc[tok.i + 1:k]
    if not any(t.lower_ in TITLE_PREPOSITIONS for t in between):
        return None
    return last if all(t.pos_ == "PROPN" or t.lower_ in TITLE_PREPOSITIONS for t in between) else None


def _name_closing(tok: Token) -> Optional[Token]:
    """A person's name that closes a common noun's phrase right after another noun, as a
    description runs on into the name it describes ("the Swedish expert on the Russian
    economy Anders Aslund"); not a name after a preposition ("the lawyer for Jane Doe")
    or a title ("the wife of President Biden")."""
    if tok.pos_ != "NOUN":
        return None
    last = tok.right_edge
    if last.i == tok.i or last.ent_type_ != "PERSON":
        return None
    k = last.i
    while k - 1 > tok.i and (tok.doc[k - 1].pos_ == "PROPN" or tok.doc[k - 1].ent_type_ == "PERSON"):
        k -= 1  # back over the rest of the name and any title before it
    before = tok.doc[k - 1]
    return last if before.pos_ == "NOUN" and not before.ent_type_ else None


def tokens_between(doc: Doc, start: int, end: int) -> Span:
    """The tokens lying wholly within characters `[start, end)`."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return span if span is not None else doc[0:0]


def description(span: Span) -> Optional[str]:
    """The name a speaker or source phrase with no entity goes by: the phrase itself ("the
    Russian leader"), or None for a bare pronoun, which says who only once resolved; "one"
    or "another" standing alone ("One wrote: …") is such a pronoun whatever its tag."""
    if len(span) == 1 and (span[0].pos_ == "PRON" or span[0].lower_ in ("one", "another")):
        return None
    return span.text
