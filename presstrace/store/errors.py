"""The store's few named exceptions."""
from __future__ import annotations

from ..errors import PresstraceError


class StoreError(PresstraceError):
    """A store that cannot be used as asked (missing file, incompatible settings)."""


class StoreNotFoundError(StoreError):
    """No store at the given path (queries and exports never create one)."""


class StoreVersionError(StoreError):
    """The store was written by a newer presstrace (it records unknown migrations)."""


class QueryError(StoreError):
    """A query the store cannot run: a bad full-text expression, an unknown option value."""
