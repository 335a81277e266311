"""Shared fixtures of the token-attribute tests."""
from __future__ import annotations

import pytest
import spacy


@pytest.fixture(scope="module")
def stock(settings):
    """The model exactly as shipped, to compare presstrace's replacements against."""
    return spacy.load(settings.get("model", "name"))
