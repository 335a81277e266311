"""The command line imports a command's module only when that command runs (issue #21)."""
from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest

from presstrace.cli import COMMANDS, LazyCommands, cli

# Heavy libraries only some commands use: stories (SciPy), HTML input (trafilatura), the
# Dask engine, the web server.
HEAVY = ("scipy", "trafilatura", "distributed", "fastapi", "uvicorn")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_speed_startup_the_command_line_imports_no_heavy_library():
    loaded = _modules_after("from presstrace.cli import cli; cli.commands['analyze']")
    assert [m for m in HEAVY if m in loaded] == []
    assert "presstrace.cli.corpus" not in loaded


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_speed_startup_each_lazy_command_is_the_command_of_that_name(name):
    command = cli.commands[name]
    assert isinstance(command, click.Command) and command.name == name


@pytest.mark.parametrize("case", ["mapping"])
def test_speed_startup_lazy_commands_behave_as_a_dict(case):
    commands = LazyCommands({"analyze": ("analyze", "analyze")})
    assert "analyze" in commands and "nothing" not in commands and len(commands) == 1
    extra = click.Command("extra")
    commands["extra"] = extra
    assert list(commands) == ["analyze", "extra"] and commands["extra"] is extra
    del commands["analyze"]
    assert list(commands) == ["extra"]
    with pytest.raises(KeyError):
        del commands["analyze"]
