"""`presstrace story`, `timeline`, `network`, `places`, `entity` (and `attention`, from its own module): the corpus views.

Each reads the store as it is (run `presstrace stories` / `entities --update` / `events
--merged`, or ingest, to bring stories, entities and merged events up to date) and
writes JSON with `--format json`, else a readable listing.
"""
from __future__ import annotations

from typing import Optional

import click

from ..settings import Settings
from ..store.placeview import CONFIDENT_PLACE
from .attention import attention_command
from .options import dates, db_option, domain_errors, echo_json, render_table, with_store

VIEWS_FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                            show_default=True, help="table: a readable listing; json: everything.")
LIMIT = click.option("--limit", type=click.IntRange(min=0), default=200, show_default=True,
                     help="Most rows (0: all).")


@click.command("story")
@click.argument("story_id")
@db_option
@click.option("--compare", is_flag=True, help="Compare the outlets that covered it.")
@click.option("--similar", type=click.FloatRange(0, 1, min_open=True), default=0.4, show_default=True,
              help="Share of a claim's words another outlet's claim or quote must hold to carry it too.")
@VIEWS_FORMAT
@click.pass_obj
@domain_errors
def story_command(settings: Settings, story_id: str, db_path: Optional[str], compare: bool,
                  similar: float, fmt: str) -> None:
    """One story (s12 or 12): its articles, or with --compare how each outlet covered it —
    whom it quotes, its sourcing, tone, framing, naming choices and the claims only it carries.

    Example:

        presstrace story s12 --compare --db corpus.db
    """
    from ..corpus.compare import compare_story

    result = with_store(settings, db_path, compare_story, story=story_id, similar=similar,
                        experimental=tuple(settings.get("framing", "experimental")))
    if not compare:
        result = {k: result[k] for k in ("story", "title", "first", "last", "sources")} | {
            "articles": [a for p in result["outlets"] for a in p["articles"]]}
    if fmt == "json":
        echo_json(result)
    elif compare:
        click.echo(render_comparison(result))
    else:
        click.echo(f"{result['story']}  {result['first']}..{result['last']}  {result['title']}")
        click.echo(render_table([{k: a[k] for k in ("id", "input_id", "date", "source", "title")}
                                 for a in result["articles"]]))


def render_comparison(result: dict) -> str:
    """The comparison as text: the story, naming differences, then one block per outlet."""
    lines = [f"{result['story']}  {result['first']}..{result['last']}  {result['title']}",
             f"{result['articles']} articles from {len(result['sources'])} outlets", ""]
    for diff in result["naming_differences"]:
        chosen = "; ".join(f"{o}: {', '.join(v)}" for o, v in diff["outlets"].items())
        lines.append(f"naming of {diff['concept']}: {chosen}")
    for p in result["outlets"]:
        claims, tone = p["sourcing"]["claims"], p["tone"]["score"]
        quoted = ", ".join(f"{q['name']} ({q['quotes']})" for q in p["quoted"][:6]) or "nobody"
        framing = ", ".join(f"{t} {n}" for t, n in list(p["framing"].items())[:5]) or "none"
        lines += ["", f"== {p['outlet']} ({len(p['articles'])} articles)",
                  f"quotes {p['quotes']}: {quoted}",
                  f"claims {p['claims']}: named {claims['named']}, vague {claims['vague']}, "
                  f"unattributed {claims['unattributed']}",
                  f"tone {tone if tone is not None else '-'}; framing ({p['framing_per_1000_words']} "
                  f"per 1000 words): {framing}",
                  f"only here ({p['unique_claim_count']} of {p['unique_claim_count'] + p['shared_claim_count']} "
                  f"claims judged):"]
        lines += [f"  - {c['text'][:150]}" for c in p["unique_claims"][:5]]
    return "\n".join(lines)


@click.command("timeline")
@db_option
@click.option("--entity", help="A corpus entity: id, name or alias.")
@click.option("--place", help="A place: GeoNames id or name (a `places` row's ref).")
@click.option("--story", help="A story: s12 or 12.")
@dates
@LIMIT
@VIEWS_FORMAT
@click.pass_obj
@domain_errors
def timeline_command(settings: Settings, db_path: Optional[str], entity: Optional[str],
                     place: Optional[str], story: Optional[str], since: Optional[str],
                     until: Optional[str], limit: int, fmt: str) -> None:
    """Events and quotes by date for an entity, a place or a story (they combine).

    Example:

        presstrace timeline --entity Zelensky --since 2022-04 --db corpus.db
    """
    from ..corpus.timeline import timeline

    rows = with_store(settings, db_path, timeline, entity=entity, place=place, story=story,
                       since=since, until=until, limit=limit)
    if fmt == "json":
        echo_json(rows)
        return
    click.echo(render_table([{"date": r["date"], "kind": r.get("type") or r["kind"],
                              "who": r.get("speaker") or r.get("source_actor"),
                              "outlet": r["outlet"], "article": r["article_id"], "text": r["text"]}
                             for r in rows]))


@click.command("network")
@db_option
@click.option("--kind", type=click.Choice(["actors", "quotes"]), default="actors", show_default=True,
              help="actors: who acts on whom (merged events); quotes: speakers quoted together.")
@click.option("--story", help="Only this story (s12 or 12).")
@click.option("--entity", help="actors: only events with this corpus entity as an actor.")
@click.option("--type", "event_type", help="actors: only this event type (PLOVER).")
@click.option("--by", type=click.Choice(["article", "story"]), default="article", show_default=True,
              help="quotes: quoted in the same article or the same story.")
@click.option("--min-weight", type=click.IntRange(min=1), default=1, show_default=True,
              help="Least weight of an edge.")
@dates
@LIMIT
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="json",
              show_default=True, help="json: {nodes, edges}; table: the edges.")
@click.pass_obj
@domain_errors
def network_command(settings: Settings, db_path: Optional[str], kind: str, story: Optional[str],
                    entity: Optional[str], event_type: Optional[str], by: str, min_weight: int,
                    since: Optional[str], until: Optional[str], limit: int, fmt: str) -> None:
    """An actor network or a quoted-alongside network as {"nodes": […], "edges": […]}.

    Example:

        presstrace network --kind actors --type ASSAULT --db corpus.db --format table
    """
    from ..corpus.network import actor_network, quoted_alongside

    if kind == "actors":
        graph = with_store(settings, db_path, actor_network, story=story, entity=entity,
                            event_type=event_type, since=since, until=until,
                            min_weight=min_weight, limit=limit)
    else:
        if entity or event_type:
            raise click.UsageError("--entity and --type apply to --kind actors only")
        graph = with_store(settings, db_path, quoted_alongside, story=story, since=since,
                            until=until, by=by, min_weight=min_weight, limit=limit)
    if fmt == "json":
        echo_json(graph)
        return
    labels = {n["id"]: n["label"] for n in graph["nodes"]}
    click.echo(render_table([{"source": labels[e["source"]], "target": labels[e["target"]],
                              **{k: v for k, v in e.items() if k not in ("source", "target")}}
                             for e in graph["edges"]]))


@click.command("places")
@db_option
@click.option("--story", help="Only this story (s12 or 12).")
@dates
@click.option("--min-confidence", type=click.FloatRange(0, 1),
              help=f"The least confidence a place needs (default {CONFIDENT_PLACE}; places "
                   f"stored without one are listed).")
@click.option("--demonyms", is_flag=True,
              help="List demonyms too ('Russian troops': Russia), as rows of kind demonym.")
@LIMIT
@VIEWS_FORMAT
@click.pass_obj
@domain_errors
def places_command(settings: Settings, db_path: Optional[str], story: Optional[str],
                   since: Optional[str], until: Optional[str], min_confidence: Optional[float],
                   demonyms: bool, limit: int, fmt: str) -> None:
    """Places with coordinates, by how often the articles mention them (map data).

    Confident toponyms by default. `ref` is what `timeline --place` takes: the GeoNames id,
    or the name of a place that has none.

    Example:

        presstrace places --since 2022-04 --limit 50 --format json --db corpus.db

        presstrace places --demonyms --min-confidence 0.8 --db corpus.db
    """
    from ..corpus.mapdata import place_counts

    rows = with_store(settings, db_path, place_counts, story=story, since=since, until=until,
                      limit=limit, min_confidence=min_confidence, demonyms=demonyms)
    if fmt == "json":
        echo_json(rows)
    else:
        click.echo(render_table(rows))


@click.command("entity")
@click.argument("entity")
@db_option
@LIMIT
@VIEWS_FORMAT
@click.pass_obj
@domain_errors
def entity_command(settings: Settings, entity: str, db_path: Optional[str], limit: int, fmt: str) -> None:
    """One corpus entity (id, name or alias): aliases, its quotes, its events, mentions by month.

    Example:

        presstrace entity Zelensky --db corpus.db
    """
    from ..corpus.profile import entity_profile

    profile = with_store(settings, db_path, entity_profile, corpus_entity_id=entity, limit=limit)
    if fmt == "json":
        echo_json(profile)
        return
    click.echo(f"{profile['name']} ({profile['family']}, id {profile['id']}): "
               f"{profile['articles']} articles, {profile['quote_count']} quotes, "
               f"{profile['event_count']} events")
    click.echo("aliases: " + "; ".join(f"{a['alias']} ({a['articles']})" for a in profile["aliases"]))
    click.echo(render_table(profile["mentions_by_month"]))


# attention over time is a corpus view too; its command lives in its own module.
COMMANDS = (story_command, timeline_command, network_command, places_command, entity_command,
            attention_command)
