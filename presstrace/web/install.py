"""`install_web(app)`: the workbench's pages, its static files (scripts, styles and map
outlines, all shipped in the package: the pages work with no internet) and HTML error
pages for every path outside `/api`, added to the API's app.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from swagger_ui_bundle import swagger_ui_path

from . import attention_page, corpus_pages, csv_pages, map_page, network_page, sources_page  # noqa: F401  (add their routes to the router)
from .pages import PageError, router, show

STATIC = Path(__file__).parent / "static"
JSON_PREFIXES = ("/api", "/openapi.json")


def install_web(app: FastAPI) -> None:
    """Mount the pages, the static files and the HTML error handlers on the app."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/docs-assets", StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")
    app.include_router(router)

    def html_or(original):
        def handler(request: Request, exc: Exception):
            if request.url.path.startswith(JSON_PREFIXES):
                return original(request, exc)
            status, message = page_error(exc)
            if status >= 500:
                original(request, exc)  # logs it; its JSON answer is not used
            return show(request, "error.html", status=status, message=message,
                        headers=getattr(exc, "headers", None))
        return handler

    # Exception: what ServerErrorMiddleware answers (500); the headers still come with it.
    for cls in (StarletteHTTPException, RequestValidationError, Exception):
        app.add_exception_handler(cls, html_or(app.exception_handlers[cls]))
    app.add_exception_handler(
        PageError, lambda request, exc: show(request, "error.html", status=exc.status,
                                             message=exc.message, headers=exc.headers))


def page_error(exc: Exception) -> tuple[int, str]:
    """The status and the message of an error page; an unexpected error's text is not shown."""
    if isinstance(exc, RequestValidationError):
        return 400, "The address has a value this page cannot use."
    status = getattr(exc, "status_code", 500)
    if status == 404:
        return status, "This page does not exist."
    if status in (400, 422):
        return status, "The address has a value this page cannot use."
    if status >= 500 and not isinstance(exc, StarletteHTTPException):
        return 500, "Something went wrong on the server; the error is in its log."
    return status, str(getattr(exc, "detail", "The request failed."))
