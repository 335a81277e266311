"""`GET /api`: what the API answers — each endpoint's method, path and summary, read from
the app's own OpenAPI description, so the index never drifts from what is served."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

router = APIRouter()


# Out of the OpenAPI description: it is an index of that description, not a read of the store.
@router.get("", summary="The API's endpoints", include_in_schema=False)
def api_index(request: Request) -> dict[str, Any]:
    paths = request.app.openapi()["paths"]
    endpoints = [{"method": method.upper(), "path": path, "summary": item.get("summary", "")}
                 for path, operations in paths.items() if path.startswith("/api/")
                 for method, item in operations.items()]
    return {"endpoints": endpoints, "openapi": "/openapi.json", "docs": "/docs"}
