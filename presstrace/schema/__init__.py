"""The JSON Schema of the `presstrace/1` output, shipped with the package."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def output_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every output line satisfies."""
    return json.loads(resources.files(__name__).joinpath("presstrace-1.schema.json").read_text("utf-8"))


def validate_output(obj: dict[str, Any]) -> None:
    """Raise `jsonschema.ValidationError` when `obj` is not a valid output line."""
    import jsonschema

    jsonschema.validate(obj, output_schema())
