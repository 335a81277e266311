"""Fixtures for the docs tests: the documents that show `presstrace` commands, the click
command tree, and each command of it by its path."""
from __future__ import annotations

from pathlib import Path

import click
import pytest

from presstrace.cli import cli

REPO = Path(__file__).resolve().parents[2]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]

# Documents that show a command or option the command tree lacks, with the reason; the
# docs are left as they are and the case is a strict xfail until one of the two changes.
DOC_GAPS: dict[str, str] = {}


def walk_commands(command: click.Command, path: tuple[str, ...] = ("presstrace",)):
    """Yield (path, command) for `command` and every command below it."""
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from walk_commands(sub, path + (name,))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "doc_path" in metafunc.fixturenames:
        params = []
        for path in DOCS:
            name = path.relative_to(REPO).as_posix()
            marks = [pytest.mark.xfail(strict=True, reason=DOC_GAPS[name])] if name in DOC_GAPS else []
            params.append(pytest.param(path, id=name, marks=marks))
        metafunc.parametrize("doc_path", params)
    if "command_path" in metafunc.fixturenames:
        paths = [path for path, _ in walk_commands(cli)]
        metafunc.parametrize("command_path", paths, ids=[" ".join(p) for p in paths])
    if "leaf_path" in metafunc.fixturenames:
        paths = [path for path, cmd in walk_commands(cli) if not isinstance(cmd, click.Group)]
        metafunc.parametrize("leaf_path", paths, ids=[" ".join(p) for p in paths])


@pytest.fixture(scope="session")
def cli_group() -> click.Group:
    """The `presstrace` click group."""
    return cli


@pytest.fixture(scope="session")
def command_at():
    """A function giving the command at a path such as ("presstrace", "query", "quotes")."""
    def _command_at(path: tuple[str, ...]) -> click.Command:
        found = cli
        for name in path[1:]:
            found = found.commands[name]
        return found
    return _command_at
