"""`presstrace serve`: the workbench and the REST API over a store, with uvicorn.

FastAPI and uvicorn are imported only when the command runs, so the rest of the CLI
works without them.
"""
from __future__ import annotations

from typing import Optional

import click

from ..errors import PresstraceError
from ..settings import Settings
from .options import db_option, store_path


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 opens the API to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--token", envvar="PRESSTRACE_TOKEN", default=None, show_envvar=True,
              help="Writes (POST /api/analyze) then need 'Authorization: Bearer TOKEN'. "
                   "Needed for writes when --host is not a loopback address.")
@click.pass_obj
def serve_command(settings: Settings, db_path: Optional[str], host: str, port: int,
                  token: Optional[str]) -> None:
    """Serve the store: the workbench pages at /, the JSON API at /api (OpenAPI at /openapi.json).

    Read-only: each request reads the store through its own read-only connection, so an
    ingest can write to it meanwhile. POST /api/analyze analyses a text and stores nothing.
    Beyond loopback (e.g. --host 0.0.0.0) it is refused unless a token is set.

    Example:

        presstrace serve --db corpus.db --port 8000
    """
    try:
        import uvicorn

        from ..api.app import create_app
        from ..api.security import is_loopback
        from ..api.serving import server_config
    except ImportError as exc:
        raise click.ClickException(f"presstrace serve needs the api extra "
                                   f"(pip install 'presstrace[api]'): {exc}") from exc
    try:
        app = create_app(store_path(settings, db_path), settings, host=host, token=token,
                         port=port or None)  # port 0: the system picks one; any port passes
        config = server_config(app, settings, host, port, log_level="info")
    except PresstraceError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"presstrace workbench at http://{host}:{port}/ (JSON API: /api, OpenAPI: /openapi.json)", err=True)
    if not token and not is_loopback(host):
        click.echo("writes are refused: listening beyond loopback without --token", err=True)
    if not is_loopback(host) and not settings.get("server", "allowed_hosts"):
        click.echo("only loopback names are answered: list the names clients use in "
                   "server.allowed_hosts", err=True)
    uvicorn.Server(config).run()
