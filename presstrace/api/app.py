"""The FastAPI application: `create_app(db_path, settings)`.

Each request reads the store through its own read-only SQLite connection (URI
`mode=ro`), so the API never blocks an ingest writing to the same file (WAL) and cannot
change the store. The store is opened once, normally, when the app is built, to check
that it exists and to apply any missing migrations.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from fastapi import FastAPI

from ..settings import Settings, load_settings
from ..store import db
from ..web.install import install_web
from .analysis import analysis_service
from .attention_routes import router as attention_router
from .index_routes import router as index_router
from .corpus_routes import router as corpus_router
from .errors import install_error_handlers
from .routes import router
from .security import SecurityHeaders, install_security
from .shapes import add_article_schema

API_VERSION = "1"
FORM_PATHS = frozenset({"/analyze", "/stories/edit"})  # the workbench's forms: analyze, story edits


class PresstraceApp(FastAPI):
    """FastAPI with the security headers outside everything, Starlette's
    ServerErrorMiddleware included: middleware added the usual way sits inside it, so a 500
    it answers would go out without them."""

    def build_middleware_stack(self):
        return SecurityHeaders(super().build_middleware_stack())

    def openapi(self) -> dict:
        """FastAPI's description, with the presstrace/1 article schema as the article
        routes' answer (`shapes.add_article_schema`)."""
        if self.openapi_schema is None:
            self.openapi_schema = add_article_schema(super().openapi())
        return self.openapi_schema


def create_app(db_path: str | os.PathLike, settings: Optional[Settings] = None, *,
               host: str = "127.0.0.1", token: Optional[str] = None,
               port: Optional[int] = None) -> FastAPI:
    """The API over the store at `db_path`.

    Args:
        db_path: the store (SQLite file); it must exist.
        settings: analysis settings for `POST /api/analyze`; the defaults when None.
        host: the address the server listens on; beyond loopback, writes need `token`.
        token: when set, every write (POST) needs `Authorization: Bearer <token>` (the
            workbench's form: its token field).
        port: the port listened on, checked in the Host header; None: any port.
    Raises:
        StoreNotFoundError: no store at `db_path`.
        StoreVersionError: the store was written by a newer presstrace.
    """
    path = Path(db_path).resolve()
    db.open_store(path, create=False).close()  # exists, and its schema is current
    # docs_url/redoc_url off: FastAPI's pages load Swagger UI from a CDN; the workbench
    # serves /docs itself from the swagger-ui-bundle package, so it works offline.
    app = PresstraceApp(title="presstrace", version=API_VERSION, docs_url=None, redoc_url=None,
                  description="Read a presstrace store (articles with every layer, quotes, "
                              "claims, events, entities, stories, full-text search) and "
                              "analyse a text into a `presstrace/1` object.")
    app.state.db_uri = path.as_uri() + "?mode=ro"
    app.state.settings = settings or load_settings()
    app.state.analysis = analysis_service(app.state.settings)
    install_error_handlers(app)
    install_security(app, app.state.settings, host=host, token=token, port=port,
                     form_paths=FORM_PATHS)
    app.include_router(router, prefix="/api")
    app.include_router(corpus_router, prefix="/api")
    app.include_router(attention_router, prefix="/api")
    app.include_router(index_router, prefix="/api")
    install_web(app)
    return app
