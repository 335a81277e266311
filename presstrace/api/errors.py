"""One JSON error shape for every failure the API answers:

    {"error": {"code": "not_found", "message": "no article with id 7", "status": 404}}

`code` is a short snake_case word: presstrace's input error codes (`empty`, `too_large`,
`bad_date`, …) for bad input to `POST /api/analyze`, `bad_query` for a query the store
cannot run, `invalid_request` for parameters or bodies that fail validation, otherwise one
named after the HTTP status. Unexpected errors are logged and answered with a 500 that
does not leak their text.
"""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import InputError
from ..store.errors import QueryError

LOGGER = logging.getLogger(__name__)

STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                405: "method_not_allowed", 406: "not_acceptable", 413: "too_large",
                415: "unsupported_media_type", 422: "invalid_request", 500: "internal_error",
                503: "unavailable"}


class ApiError(StarletteHTTPException):
    """An HTTP error with its own error code, e.g. `ApiError(404, "not_found", "no article 7")`."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(status_code=status, detail=message)
        self.code = code


def error_response(status: int, code: str, message: str,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """The one error shape, as a response."""
    return JSONResponse({"error": {"code": code, "message": message, "status": status}},
                        status_code=status, headers=headers)


def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = getattr(exc, "code", None) or STATUS_CODES.get(exc.status_code, f"http_{exc.status_code}")
    return error_response(exc.status_code, code, str(exc.detail), getattr(exc, "headers", None))


def _where(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")] or [str(p) for p in loc]
    return ".".join(parts)


def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = [f"{_where(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in exc.errors()]
    return error_response(422, "invalid_request", "; ".join(problems) or "invalid request")


def _input_error(request: Request, exc: InputError) -> JSONResponse:
    return error_response(400, exc.code, exc.message)


def _query_error(request: Request, exc: QueryError) -> JSONResponse:
    return error_response(400, "bad_query", str(exc))


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    LOGGER.error("%s %s failed: %s: %s", request.method, request.url.path,
                 type(exc).__name__, exc, exc_info=exc)
    return error_response(500, "internal_error", "internal server error")


def install_error_handlers(app: FastAPI) -> None:
    """Answer every failure with the one error shape."""
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(QueryError, _query_error)
    app.add_exception_handler(Exception, _unexpected)
