"""Plain records for an article and every layer of the `presstrace/1` contract.

Nothing here knows about spaCy: the pipeline turns its `Doc` into these records and
everything after it (CLI, store, exports, API) sees only them. Which layers there are, and
which record each holds, is said once, in `presstrace.layers`. Every record with a
`start`/`end` pair points into `AnalyzedArticle.text`, and `text[start:end] == record.text`.
"""
from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Optional

SCHEMA_VERSION = "presstrace/1"


@dataclass
class TextSpan:
    """A stretch of the article: `[start, end)` code-point offsets and the text there."""
    start: int
    end: int
    text: str


@dataclass
class Mention(TextSpan):
    """One place an entity is named or referred to; `kind` is name, pronoun or nominal."""
    kind: str = "name"


@dataclass
class Entity:
    id: str
    name: str
    label: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    # Pronouns resolved to this entity ("he" in "he said"); kept apart from `mentions`,
    # which hold the names and titles the article uses.
    references: list[Mention] = field(default_factory=list)


@dataclass
class Speaker(TextSpan):
    """The mention an attribution uses, with the entity it resolves to, and how likely the
    speaker a reader is shown is the right one (calibrated on gold attributions)."""
    entity: Optional[str] = None
    name: Optional[str] = None
    confidence: Optional[float] = None


@dataclass
class Quote(TextSpan):
    id: str = ""
    speaker: Optional[Speaker] = None
    cue: Optional[TextSpan] = None
    channel: Optional[str] = None
    kind: str = "direct"


@dataclass
class ClaimSource:
    kind: str  # named | vague | unattributed
    entity: Optional[str] = None
    name: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    text: Optional[str] = None
    confidence: Optional[float] = None  # how likely the source shown is the claim's (calibrated)


@dataclass
class Claim(TextSpan):
    id: str = ""
    source: ClaimSource = field(default_factory=lambda: ClaimSource("unattributed"))
    cue: Optional[TextSpan] = None


@dataclass
class Sourcing:
    named: float = 0.0
    vague: float = 0.0
    unattributed: float = 0.0
    quoted_speakers: dict[str, int] = field(default_factory=dict)
    quoted: float = 0.0  # share of the content inside quotation marks
    # The author's sentences that hedge ("reportedly") or rest on a vague source ("analysts
    # say"), and their share of the content sentences; None in stores older than the field.
    hedged_sentences: Optional[int] = 0
    hedged: Optional[float] = 0.0


@dataclass
class Time(TextSpan):
    type: str = "DATE"
    value: Optional[str] = None


TOPONYM, DEMONYM = "toponym", "demonym"  # a place's kinds (SCHEMA.md)


@dataclass
class Place(TextSpan):
    name: str = ""
    geonameid: Optional[int] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    feature: Optional[str] = None
    # "government" when the name stands for a state's government ("Kyiv said", "the Kremlin").
    stands_for: Optional[str] = None
    # "demonym" when a people noun or national adjective names the country ("Russian troops").
    kind: str = TOPONYM
    confidence: Optional[float] = None  # how likely the place is the one meant (calibrated)


@dataclass
class Amount(TextSpan):
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    unit: Optional[str] = None
    object: Optional[str] = None
    approx: bool = False


@dataclass
class Actor:
    entity: Optional[str] = None
    name: Optional[str] = None
    country: Optional[str] = None  # ISO 3166-1 alpha-3
    sector: Optional[str] = None   # GOV, MIL, REB, CVL, MED, IGO, BUS, POL, JUD, LEG, OPP
    start: Optional[int] = None    # the phrase that names the actor
    end: Optional[int] = None
    text: Optional[str] = None


@dataclass
class Event(TextSpan):
    id: str = ""
    type: str = ""
    mode: Optional[str] = None
    source_actor: Optional[Actor] = None
    target_actor: Optional[Actor] = None
    place: Optional[str] = None
    date: Optional[str] = None
    negated: bool = False
    date_source: Optional[str] = None   # "text" (a time in the sentence) or "article" (its date)
    hypothetical: bool = False          # future, conditional or threatened ("would", "threatened to")
    reported_by: Optional[str] = None   # id of the claim or quote the event sits in
    key: Optional[str] = None           # type|source|target|place|date, to merge reports of one event
    found_by: Optional[str] = None      # verb, light_verb ("held talks"), noun ("the invasion"), demand
    confidence: Optional[float] = None  # how likely type and actors are right (calibrated)


@dataclass
class SentenceTone(TextSpan):
    score: float = 0.0
    positive: float = 0.0
    negative: float = 0.0


@dataclass
class Tone:
    """GDELT's seven tone fields (V1.5Tone) plus per-sentence and per-entity tone."""
    score: float = 0.0
    positive: float = 0.0
    negative: float = 0.0
    polarity: float = 0.0
    activity: float = 0.0      # activity-reference density
    self_group: float = 0.0    # self/group-reference density
    word_count: int = 0
    # The same measures over the author's own words, outside direct, partial and block
    # quotes, which outlet comparisons use; None where unmeasured (older stores) or, for
    # the three shares, when every word is quoted.
    author_score: Optional[float] = None
    author_positive: Optional[float] = None
    author_negative: Optional[float] = None
    author_word_count: Optional[int] = None
    sentences: list[SentenceTone] = field(default_factory=list)
    entities: dict[str, float] = field(default_factory=dict)  # entity id -> tone of its sentences


@dataclass
class Framing(TextSpan):
    technique: str = ""
    # naming_choice: the contested concept ("Kyiv") and the variant this text chose ("Kiev").
    concept: Optional[str] = None
    variant: Optional[str] = None
    # "quoted" inside a direct, partial or block quote (the speaker's wording), else "author"
    # (scare quotes are the author's); None in stores older than the field counts as author.
    voice: Optional[str] = "author"
    # How the span was found (the rule: "cue_word", "scare_quote", "naming" ...); its class
    # with the technique decides `confidence`, the span precision that class had on the PTC
    # tune part (data/framing_confidence.tsv). None where no figure exists (naming, hedges).
    found_by: Optional[str] = None
    confidence: Optional[float] = None
    # naming_choice only, one record per concept per article: how often the chosen variant is
    # used (in the voice chosen), whether the concept is named only inside quotes, and the
    # other variants of the concept the text uses, with their counts.
    count: Optional[int] = None
    quoted_only: Optional[bool] = None
    alternatives: Optional[dict[str, int]] = None


@dataclass
class NonContent(TextSpan):
    kind: str = ""  # photo_credit | caption | byline | boilerplate


@dataclass
class Article:
    """An article as read: text (line endings normalised to \\n) and its metadata."""
    text: str
    id: Optional[str] = None
    date: Optional[str] = None
    source: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None


@dataclass
class AnalyzedArticle:
    """An article with every layer; the `presstrace/1` object."""
    text: str
    id: Optional[str] = None
    date: Optional[str] = None
    source: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    sourcing: Sourcing = field(default_factory=Sourcing)
    times: list[Time] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    tone: Tone = field(default_factory=Tone)
    framing: list[Framing] = field(default_factory=list)
    noncontent: list[NonContent] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The `presstrace/1` JSON object, `schema` first."""
        return {"schema": SCHEMA_VERSION, **to_dict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "AnalyzedArticle":
        return from_dict(cls, {k: v for k, v in data.items() if k != "schema"})


@dataclass
class ArticleError:
    """An input that could not be analysed; it takes the article's place in the output."""
    code: str
    message: str
    id: Optional[str] = None
    origin: Optional[str] = None  # file (and line) it came from, for the log

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA_VERSION, "id": encodable(self.id),
                "error": {"code": self.code, "message": encodable(self.message)}}


def encodable(value: Any) -> Any:
    """Text UTF-8 can write: an error may report an input whose id holds a lone surrogate
    (JSON's "\\ud800"); its escape goes out instead, so the error itself can be written."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def to_dict(record: Any) -> Any:
    """Plain JSON-ready data for a record (dataclass, list or scalar)."""
    if dataclasses.is_dataclass(record):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, list):
        return [to_dict(x) for x in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record


def from_dict(cls: type, data: Any) -> Any:
    """Rebuild a record of type `cls` from `to_dict` output; unknown keys are ignored."""
    if data is None:
        return None
    hints = _field_hints(cls)
    return cls(**{k: _convert(hints[k], v) for k, v in data.items() if k in hints})


@functools.lru_cache(maxsize=None)
def _field_hints(cls: type) -> dict[str, Any]:
    """Each field's type, resolved once per class: resolving string annotations is slow,
    and a stored article is rebuilt from thousands of small records."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(inner[0], value)
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_convert(item, v) for v in value]
    if origin is dict:
        return dict(value)
    if dataclasses.is_dataclass(hint):
        return from_dict(hint, value)
    return value
