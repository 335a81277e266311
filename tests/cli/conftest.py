"""Fixtures of the command-line tests."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from presstrace.cli import cli


@pytest.fixture()
def invoke():
    """A function running `presstrace ARGS…` in process; exceptions propagate."""
    def _invoke(*args, input=None):
        return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)
    return _invoke


@pytest.fixture()
def two_article_store(entity_stores, tmp_path):
    """A copy of the store of the first two invented entity articles, at tmp_path/x.db."""
    path = tmp_path / "x.db"
    shutil.copy(entity_stores[1], path)
    return path
