"""Resolve toponyms to gazetteer places by the article's context, not by population alone.

Toponyms with the same name (and the same stated container) form one group, resolved
once: a name keeps one sense in an article. Each candidate place gets a score:

- prior: countries and named areas (continents, seas, regions) first, then capitals,
  first-level regions and towns by population; a candidate whose own name is the name
  written gets a little more than one found through an alternate name;
- stated container: "Springfield, Ill." keeps only places in Illinois;
- article context, from the other groups' current choices: a candidate in a country or
  first-level region the article names (or places other names in) gains, as does one near
  another resolved place; the dateline's country and region count double;
- co-location: a candidate in a region where the candidates of other, still ambiguous,
  names also lie gains (Hagerstown, Columbus and New Castle together mean Indiana);
- neighbours: a town or county with a candidate of another name within a county's width
  gains more. Two unrelated names rarely have places that close by chance, so "Paris" and
  "Henry County" together mean Paris, Tennessee, in Henry County, however many Parises and
  Henry Counties there are.

Prominence against local evidence: in an article that names other countries, a candidate
gets its country's share only with local evidence (its region named, a neighbour, a place
near it) when a far namesake is `OUTRANK` times its size, so "Geneva" there is Geneva,
Switzerland, not Geneva, Illinois. A name a state and its city share (New York) is the
city in a sentence about a city ("the mayor"), not in one about a state ("the governor").

Choices are made three times, each round with the context of the previous one.
"""
from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from typing import Optional

from ...gazetteer import GazetteerEntry, normalize_key
from .data import is_area, named_area
from .detect import Toponym, within

LOGGER = logging.getLogger(__name__)

MAX_CANDIDATES = 40
ROUNDS = 3
BROAD = ("PCLI", "ADM1")
# Score weights, in units of one decade of population (see the module docstring).
W_EXACT = 1.5
W_COUNTRY_PRIOR = 7.5
W_REGION_PRIOR = 5.5
W_CAPITAL = 1.0
W_COUNTRY = 3.0
W_REGION_NAMED = 2.5
W_REGION_TOWN = 0.75
W_VOTE = 0.8
W_SAME_PLACE = 3.0  # the place another name of the article was resolved to
W_SIBLING = 0.75    # per other name of the sentence resolved to a region of the same country, at most two
NEAR_BONUS = ((50.0, 1.5), (150.0, 1.0), (400.0, 0.5))
W_NEIGHBOUR = 1.2  # per other name with a place within NEIGHBOUR_KM, for at most two names
NEIGHBOUR_KM = 50.0
RIVAL_KM = 161.0  # a rival this far away is another place, not a point of the same one
OUTRANK = 5  # a namesake this many times bigger wins unless the article places the smaller one
WORLD_CITY = 1_000_000  # a city named alone the world over …
WORLD_OUTRANK = 100     # … wins over a namesake this many times smaller even in its country's article
_ABBREVIATIONS = {"st": "saint ", "mt": "mount ", "ft": "fort "}
_ABBREVIATION_RE = re.compile(r"\b(st|mt|ft)\.? ")


@dataclass
class Group:
    """Toponyms that share a name and container; resolved together."""
    toponyms: list[Toponym]
    candidates: list[GazetteerEntry]
    query_key: str
    dateline: bool = False
    town: bool = False        # a city and region share the name, and the city is meant
    broad_name: bool = False  # a country or first-level region has exactly this name
    choice: Optional[GazetteerEntry] = None
    regions: dict[tuple[str, str], float] = field(default_factory=dict)
    neighbours: dict[int, int] = field(default_factory=dict)  # candidate id -> other names near it


@dataclass
class Context:
    """What the other groups say about the article's geography, by group index."""
    countries: dict[int, set[str]] = field(default_factory=dict)
    regions: dict[int, set[tuple[str, str]]] = field(default_factory=dict)
    towns: dict[int, tuple[str, str]] = field(default_factory=dict)
    ids: dict[int, int] = field(default_factory=dict)
    first_level: dict[int, str] = field(default_factory=dict)  # the country of a choice that is a region
    points: dict[int, tuple[float, float]] = field(default_factory=dict)
    weight: dict[int, float] = field(default_factory=dict)


def resolve_toponyms(toponyms: list[Toponym], gazetteer) -> list[tuple[Toponym, GazetteerEntry]]:
    """Each resolvable toponym with its place, in the order given.

    Args:
        toponyms: the article's toponyms (see `find_toponyms`).
        gazetteer: the `Gazetteer`.
    """
    groups = group_toponyms(toponyms, gazetteer)
    _count_regions(groups)
    _count_neighbours(groups)
    context = Context()
    for _ in range(ROUNDS):
        for k, group in enumerate(groups):
            group.choice = max(group.candidates, key=lambda c: score(c, k, group, groups, context))
        context = build_context(groups)
    for k, group in enumerate(groups):
        margin = _margin(k, group, groups, context)
        for t in group.toponyms:
            t.margin = margin
    pairs = [(t, g.choice) for g in groups for t in g.toponyms if g.choice is not None]
    return sorted(pairs, key=lambda p: p[0].start)


def _margin(k: int, group: Group, groups: list[Group], ctx: Context) -> Optional[float]:
    """How far the choice's score leads the best candidate more than `RIVAL_KM` from it
    (None: no such rival): a small lead is a close call the confidence should show."""
    c = group.choice
    if c is None:
        return None
    rivals = [r for r in group.candidates if distance_km(r.lat, r.lon, c.lat, c.lon) > RIVAL_KM]
    if not rivals:
        return None
    best = max(score(r, k, group, groups, ctx) for r in rivals)
    return score(c, k, group, groups, ctx) - best


def group_toponyms(toponyms: list[Toponym], gazetteer) -> list[Group]:
    """One group per (name, container, regions-only) with its candidate places."""
    groups: dict[tuple, Group] = {}
    for t in toponyms:
        key = (normalize_key(t.query), t.container.geonameid if t.container else None,
               t.regions_only, t.fixed.geonameid if t.fixed else None)
        if key not in groups:
            cands = candidates_for(t, gazetteer)
            broad = any(c.feature_code in ("PCLI", "ADM1") and normalize_key(c.name) == key[0] for c in cands)
            groups[key] = Group([], cands, key[0], broad_name=broad)
        groups[key].toponyms.append(t)
        groups[key].dateline |= t.source == "dateline"
    for g in groups.values():
        cues = {t.cue for t in g.toponyms}
        g.town = "town" in cues and "region" not in cues and _city_of_region(g.candidates)
    return [g for g in groups.values() if g.candidates]


def _city_of_region(candidates: list[GazetteerEntry]) -> bool:
    """Whether the name is both a first-level region's and a city's inside it (New York)."""
    regions = {(c.country, c.admin1_code) for c in candidates if c.feature_code == "ADM1"}
    return any(c.feature_class == "P" and (c.country, c.admin1_code) in regions for c in candidates)


def candidates_for(t: Toponym, gazetteer) -> list[GazetteerEntry]:
    """The places a toponym may name, within its container and kind."""
    if t.fixed is not None:
        return [t.fixed]
    area = named_area(t.query)
    if area is not None:
        return [area]
    entries = gazetteer.lookup(t.query)[:MAX_CANDIDATES]
    if t.regions_only:
        entries = [e for e in entries if e.feature_code == "ADM1"]
    if t.container is not None:
        inside = [e for e in entries if within(e, t.container)]
        entries = inside or entries
    return _without_shadowed_towns(entries, exact_form(normalize_key(t.query)))


def _without_shadowed_towns(entries: list[GazetteerEntry], key: str) -> list[GazetteerEntry]:
    """Drop towns found only through an alternate name where a town of the same country bears
    the name itself: "Maryville" is Maryville, Illinois or Tennessee, not Beeville, Texas,
    once called so, however Texan the article."""
    exact = {e.country for e in entries if e.feature_class == "P" and exact_form(normalize_key(e.name)) == key}
    if not exact:
        return entries
    return [e for e in entries if e.feature_class != "P" or e.country not in exact
            or exact_form(normalize_key(e.name)) == key]


def _count_regions(groups: list[Group]) -> None:
    """Each group's share of votes for the first-level regions its candidates lie in."""
    for g in groups:
        keys = {(c.country, c.admin1_code) for c in g.candidates if _local(c) and c.admin1_code}
        g.regions = {k: 1.0 / len(keys) for k in keys} if len(keys) > 0 else {}


def _local(c: GazetteerEntry) -> bool:
    """A town or county: not a country, first-level region or named area."""
    return c.feature_code not in BROAD and not is_area(c)


def _count_neighbours(groups: list[Group]) -> None:
    """For each town or county candidate, how many other names have a place near it.

    Points go into cells of one degree, so each candidate is compared with the few places
    in the cells around its own rather than with every place of the article.
    """
    cells: dict[tuple[int, int], list[tuple[int, GazetteerEntry]]] = {}
    for k, g in enumerate(groups):
        for c in g.candidates:
            if _local(c):
                cells.setdefault((math.floor(c.lat), math.floor(c.lon)), []).append((k, c))
    for k, g in enumerate(groups):
        for c in g.candidates:
            if not _local(c):
                continue
            cy, cx = math.floor(c.lat), math.floor(c.lon)
            near = {j for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                    for j, other in cells.get((cy + dy, cx + dx), ())
                    if j != k and other.geonameid != c.geonameid
                    and not _one_name(g.query_key, groups[j].query_key)
                    and distance_km(c.lat, c.lon, other.lat, other.lon) <= NEIGHBOUR_KM}
            if near:
                g.neighbours[c.geonameid] = len(near)


def _one_name(a: str, b: str) -> bool:
    """Whether one key begins the other word for word ("henry" and "henry county"): two
    forms of one name are no independent witnesses of each other."""
    short, long_ = sorted((a.split(), b.split()), key=len)
    return long_[:len(short)] == short


def exact_form(key: str) -> str:
    """A name key with "St.", "Mt." and "Ft." spelt out, so that "St. Petersburg" is the exact
    name of Saint Petersburg as much as of St. Petersburg, Florida."""
    if "t " not in key and "t. " not in key:
        return key  # the common case, without the regular expression
    return _ABBREVIATION_RE.sub(lambda m: _ABBREVIATIONS[m.group(1)], key)


def prior(c: GazetteerEntry, query_key: str, dateline: bool = False) -> float:
    """How likely `c` is before any context: kind of place, population, exact name.

    A dateline names a town ("NEW YORK (AP) -"), as does a name in a sentence about a city
    ("New York's mayor"), so a region there has no region prior.
    """
    exact = W_EXACT if exact_form(normalize_key(c.name)) == exact_form(query_key) else 0.0
    if c.feature_code == "PCLI" or is_area(c):
        return W_COUNTRY_PRIOR + exact
    if c.feature_code == "ADM1":
        return (0.0 if dateline else W_REGION_PRIOR) + exact
    base = W_CAPITAL if c.feature_code == "PPLC" else 0.0
    return base + math.log10(c.population + 10) + exact


def score(c: GazetteerEntry, k: int, group: Group, groups: list[Group], ctx: Context) -> float:
    """The score of candidate `c` for group `k` given the other groups' choices."""
    total = prior(c, group.query_key, group.dateline or group.town)
    # A place is no evidence for its own country or region, but another name chosen for
    # the same place is a witness to it ("Kyiv" … "Kiev"; "the Kursk region" … "Kursk").
    others = [j for j in ctx.weight if j != k and ctx.ids[j] != c.geonameid]
    if any(ctx.ids[j] == c.geonameid and _variant(group, groups[j]) for j in ctx.weight if j != k):
        total += W_SAME_PLACE
    if is_area(c):
        return total
    weight = sum(ctx.weight[j] for j in others)
    share = sum(ctx.weight[j] for j in others if c.country in ctx.countries[j]) / weight if weight else 0.0
    if c.feature_code == "PCLI":
        return total + W_COUNTRY * share
    region = (c.country, c.admin1_code)
    towns = W_REGION_TOWN * min(2.0, sum(ctx.weight[j] for j in others if ctx.towns.get(j) == region))
    if c.feature_code == "ADM1":
        return total + W_COUNTRY * share + towns + _siblings(c, group, [groups[j] for j in others
                                                                         if ctx.first_level.get(j) == c.country])
    named = 0.0
    if any(region in ctx.regions[j] for j in others):
        # A list of thirty states names each one less than an article about one state.
        in_country = {r for j in others for r in ctx.regions[j] if r[0] == c.country}
        named = W_REGION_NAMED / math.sqrt(len(in_country))
    neighbours = W_NEIGHBOUR * min(2, group.neighbours.get(c.geonameid, 0))
    if group.broad_name:
        # "Ontario" or "Wales" is a town only where the text says so ("Ontario, Calif.") or
        # names its neighbours ("Lebanon" with "Boone County" is Lebanon, Indiana): a region
        # named elsewhere in the article is no evidence against the province itself.
        if (share < 1 or _outranked(c, group, world_city=True)) \
                and not _placed(c, [ctx.points[j] for j in others if j in ctx.points]) \
                and _outranked(c, group, with_region=True):
            return total  # a neighbour counts here only as a place the article is taken to name
        return total + W_COUNTRY * share + neighbours
    votes = W_VOTE * min(1.5, sum(g.regions.get(region, 0.0) for j, g in enumerate(groups) if j != k))
    near = _near(c, [ctx.points[j] for j in others if j in ctx.points])
    local = max(named, towns, votes, near, neighbours)
    if not local and (_outranked(c, group, world_city=True) or (share < 1 and _outranked(c, group))):
        # In an article that names other countries too, a small namesake (Geneva, Illinois)
        # wins over a town `OUTRANK` times its size only where the article names its state
        # or a neighbour; an article that names one country reads its names there, but not
        # against a world city of its name ("the UN in New York" in an article on Ukraine is
        # not Niu-York, a village of Donetsk Oblast).
        return total
    return total + W_COUNTRY * share + local


def _siblings(c: GazetteerEntry, group: Group, regions: list[Group]) -> float:
    """Bonus for a first-level region named in a sentence with other regions of its country
    (`regions`: the groups resolved to one): a sentence lists states with states, provinces
    with provinces ("twelve in Ontario, eight in Alberta, one in New Brunswick"), so there the
    name is the region, not a town of its name in another country. Not for a dateline, which
    names a town, nor for a region named after its own town ("Kharkiv", "Kiev", "New York": a
    town of the name inside it or near its point), which the regions around it do not decide."""
    if group.dateline or any(o.feature_class == "P" and (
            (o.country, o.admin1_code) == (c.country, c.admin1_code)
            or distance_km(o.lat, o.lon, c.lat, c.lon) <= RIVAL_KM) for o in group.candidates):
        return 0.0
    sentences = {t.sentence for t in group.toponyms}
    return W_SIBLING * min(2, sum(1 for g in regions if sentences & {t.sentence for t in g.toponyms}))


def _placed(c: GazetteerEntry, points: list[tuple[float, float]]) -> bool:
    """Whether another place the article names lies within `NEIGHBOUR_KM` of `c`."""
    return any(distance_km(c.lat, c.lon, lat, lon) <= NEIGHBOUR_KM for lat, lon in points)


def _outranked(c: GazetteerEntry, group: Group, with_region: bool = False, world_city: bool = False) -> bool:
    """Whether a candidate far from `c` is a town `OUTRANK` times its size or more
    (`with_region`: one that lies in a region of the same name, as Geneva in Geneva;
    `world_city`: a city of `WORLD_CITY` people or more, `WORLD_OUTRANK` times its size)."""
    regions = {(r.country, r.admin1_code) for r in group.candidates if r.feature_code == "ADM1"} \
        if with_region else set()
    factor = WORLD_OUTRANK if world_city else OUTRANK
    return any(o.feature_class == "P" and o.population >= factor * max(c.population, 1)
               and (not world_city or o.population >= WORLD_CITY)
               and distance_km(o.lat, o.lon, c.lat, c.lon) > RIVAL_KM
               and (not with_region or (o.country, o.admin1_code) in regions) for o in group.candidates)


def _variant(group: Group, other: Group) -> bool:
    """Whether `other` names the same place as `group` in another way, not by a longer name
    that contains it ("Mexico City" is no witness that "Mexico" is the city; "the Kursk
    region" is one that "Kursk" is the region)."""
    longer = other.query_key.startswith(group.query_key + " ") or other.query_key.endswith(" " + group.query_key)
    return not longer or any(t.regions_only for t in other.toponyms)


def _near(c: GazetteerEntry, points: list[tuple[float, float]]) -> float:
    """Bonus for lying near another resolved town."""
    if not points:
        return 0.0
    nearest = min(distance_km(c.lat, c.lon, lat, lon) for lat, lon in points)
    return next((bonus for limit, bonus in NEAR_BONUS if nearest <= limit), 0.0)


def build_context(groups: list[Group]) -> Context:
    """The geography each group's current choice tells the others."""
    ctx = Context()
    for k, g in enumerate(groups):
        c = g.choice
        if c is None or (is_area(c) and not c.country):
            continue  # a continent or sea says nothing of the country
        ctx.weight[k] = (2.0 if g.dateline else 1.0)
        ctx.ids[k] = c.geonameid
        ctx.countries[k] = {c.country}
        ctx.regions[k] = {(c.country, c.admin1_code)} if c.feature_code == "ADM1" else set()
        if c.feature_code == "ADM1":
            ctx.first_level[k] = c.country
        for t in g.toponyms:
            if t.container is not None and t.container.feature_code == "ADM1":
                ctx.regions[k].add((t.container.country, t.container.admin1_code))
        if _local(c):
            ctx.towns[k] = (c.country, c.admin1_code)
            ctx.points[k] = (c.lat, c.lon)
    return ctx


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
