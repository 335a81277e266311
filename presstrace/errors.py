"""Exceptions and the error codes that bad input gets in the output.

A caller's mistake (wrong type, unknown option) raises; bad data becomes an
`ArticleError` record with one of `ERROR_CODES` so a batch goes on.
"""
from __future__ import annotations

ERROR_CODES = {
    "empty": "the input holds no text",
    "binary": "the input is binary data, not text",
    "undecodable": "the bytes are not valid text in any supported encoding",
    "too_large": "the input is larger than the configured limit",
    "bad_record": "a JSON line or record that cannot be read",
    "bad_date": "a date that is not a valid YYYY-MM-DD calendar date",
    "not_found": "the path does not exist",
    "analysis_failed": "the pipeline raised an error on this article",
    "timeout": "the analysis took longer than the configured limit",
}


class PresstraceError(Exception):
    """Base class for presstrace's own errors."""


class InputError(PresstraceError):
    """Bad input data: carries a code from ERROR_CODES and a message naming the bad value."""

    def __init__(self, code: str, message: str):
        if code not in ERROR_CODES:
            raise ValueError(f"unknown error code {code!r}; valid codes: {sorted(ERROR_CODES)}")
        super().__init__(message)
        self.code = code
        self.message = message


class SettingsError(PresstraceError):
    """A settings file or value that is not valid."""


class PipelineError(PresstraceError):
    """A pipeline built wrong: a component reads a layer that no earlier component writes, or a
    component read a layer that has not run."""
