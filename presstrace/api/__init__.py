"""The REST API over a presstrace store (`presstrace serve`).

`create_app(db_path, settings)` builds the FastAPI application. FastAPI and uvicorn are an
optional extra (`pip install presstrace[api]`); importing this package does not need them,
only calling `create_app` does.
"""
from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app
        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
