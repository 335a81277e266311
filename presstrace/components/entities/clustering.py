"""Group entity mentions into one cluster per real thing within an article.

Rules, in order: an identical folded name joins its cluster whatever spaCy's label; a
person's surname or first name alone joins the nearest earlier full name that has it;
places that the gazetteer resolves to the same GeoNames entry meet (Kyiv / Kiev); an
acronym joins the organisation whose initials it spells (EU / European Union).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from ...names import acronym

# Words that make a name an organisation's, whatever spaCy's label for it.
ORG_WORDS = {"Agency", "Association", "Bank", "Board", "Bureau", "Centre", "Center", "Co", "Commission",
             "Committee", "Company", "Corp", "Corporation", "Council", "Court", "Department", "Foundation",
             "Fund", "Group", "House", "Inc", "Institute", "League", "Ltd", "Ministry", "Movement", "News",
             "Office", "Republic", "Street",
             "Organisation", "Organization", "Parliament", "Party", "Police", "Service", "Times", "Union",
             "United", "University"}


@dataclass
class Candidate:
    """One entity mention before clustering."""
    start: int            # mention offsets (title included for people)
    end: int
    text: str
    label: str
    name: str             # the name without title, determiner or possessive
    key: tuple[str, ...]  # folded words of `name`
    place_id: Optional[int] = None
    place_name: Optional[str] = None


@dataclass
class Cluster:
    members: list[Candidate] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(m.start for m in self.members)

    @property
    def label(self) -> str:
        """The majority label; a full name spaCy once calls PERSON stays a person.

        The small model labels the same "Volodymyr Zelenskyy" ORG in one sentence and
        PERSON in the next; an organisation's name has an organisation word instead, and a
        single word ("Twitter") has no full name to go by.
        """
        counts = Counter(m.label for m in self.members)
        org_named = any(set(m.name.split()) & ORG_WORDS for m in self.members)
        full_name = any(m.label == "PERSON" and len(m.key) > 1 for m in self.members)
        if full_name and not org_named:
            return "PERSON"
        return max(counts, key=lambda lab: (counts[lab], lab == ("ORG" if org_named else "PERSON")))

    @property
    def keys(self) -> set[tuple[str, ...]]:
        return {m.key for m in self.members}


def cluster_candidates(cands: list[Candidate]) -> list[Cluster]:
    """Cluster mentions; the result is ordered by each cluster's first mention."""
    clusters: list[Cluster] = []
    # Longer names first so that "Putin" finds "Vladimir Putin" wherever it stands.
    for cand in sorted(cands, key=lambda c: (-len(c.key), c.start)):
        target = _find_cluster(cand, clusters)
        if target is None:
            target = Cluster()
            clusters.append(target)
        target.members.append(cand)
    for cl in clusters:
        cl.members.sort(key=lambda m: m.start)
    return sorted(clusters, key=lambda cl: cl.first)


def _find_cluster(cand: Candidate, clusters: list[Cluster]) -> Optional[Cluster]:
    for cl in clusters:
        if cand.key in cl.keys or (cand.place_id and any(m.place_id == cand.place_id for m in cl.members)):
            return cl
    if cand.label == "PERSON" and len(cand.key) == 1:
        return _nearest(cand, [cl for cl in clusters if _part_of_name(cand.key[0], cl)])
    if cand.label == "PERSON":
        return _nearest(cand, [cl for cl in clusters if cl.label == "PERSON"
                               and any(m.key[-len(cand.key):] == cand.key for m in cl.members)])
    if cand.label == "ORG" and cand.name.isupper() and 2 <= len(cand.name) <= 6:
        return _nearest(cand, [cl for cl in clusters if cl.label == "ORG"
                               and any(acronym(m.name) == cand.name for m in cl.members)])
    return None


def _part_of_name(word: str, cl: Cluster) -> bool:
    """Whether `word` is the surname or first name of a multi-word person cluster."""
    if cl.label != "PERSON":
        return False
    return any(len(m.key) > 1 and word in (m.key[0], m.key[-1]) for m in cl.members)


def _nearest(cand: Candidate, options: list[Cluster]) -> Optional[Cluster]:
    """The option with a mention closest before `cand` (else the closest after it)."""
    if not options:
        return None

    def distance(cl: Cluster) -> tuple[int, int]:
        before = [cand.start - m.start for m in cl.members if m.start <= cand.start]
        return (0, min(before)) if before else (1, min(m.start for m in cl.members))
    return min(options, key=distance)


def canonical_name(cl: Cluster) -> str:
    """The entity's name, built only from what the article says.

    People: the fullest name used. Places: the gazetteer's own name when the article uses
    it, else the most frequent form. Others: the most frequent form, the longer on a tie.
    """
    names = [m.name for m in cl.members]
    if cl.label == "PERSON":
        return max(names, key=lambda n: (len(n.split()), names.count(n), -names.index(n)))
    place_names = {m.place_name for m in cl.members if m.place_name}
    for name in names:
        if name in place_names:
            return name
    counts = Counter(names)
    return max(counts, key=lambda n: (counts[n], len(n)))
