"""The docs against the command line: every `presstrace` command, subcommand and option that
README.md and docs/*.md show (in shell code blocks and inline code) exists in the click
tree, and every command has help text, a leaf command an `Example:` block too."""
from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import click
import pytest

SHELL_FENCES = {"", "sh", "bash", "shell", "console", "shell-session", "zsh"}
FENCE = re.compile(r"^\s*(```|~~~)\s*([\w-]*)")
INLINE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
SEPARATORS = {"|", "||", "&&", ";", "&"}
PREFIXES = {"$", "time", "env", "nohup", "sudo", "exec"}
PLACEHOLDER = re.compile(r"[A-Z][A-Z0-9_]*(…|\.\.\.)?")


# ---------------------------------------------------------------- finding commands
def code_snippets(markdown: str) -> list[tuple[int, str]]:
    """(line, text) of each shell line (continuations joined) and each inline code span."""
    snippets, prose, fence, pending = [], [], None, None
    for number, line in enumerate(markdown.splitlines(), 1):
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(2).lower()
            prose.append("")
            continue
        if fence is not None:
            if opening and not opening.group(2):
                fence = None
            elif fence in SHELL_FENCES:
                start, text = pending or (number, "")
                text += re.sub(r"(^|\s)#.*$", "", line)
                pending = (start, text[:-1] + " ") if text.endswith("\\") else None
                if pending is None:
                    snippets.append((start, text))
            prose.append("")
            continue
        prose.append(line)
    text = "\n".join(prose)
    for match in INLINE.finditer(text):
        if "\n\n" not in match.group(2):
            snippets.append((text.count("\n", 0, match.start()) + 1, match.group(2).replace("\n", " ")))
    return sorted(snippets)


def presstrace_commands(snippet: str) -> list[list[str]]:
    """The arguments after `presstrace` of each command the snippet runs, prompts, paths
    (`.venv/bin/`), `python -m`, environment assignments, pipes and redirections removed."""
    snippet = re.sub(r"\$\([^)]*\)", "X", snippet)
    try:
        tokens = shlex.split(snippet)
    except ValueError:
        tokens = snippet.split()
    commands, segment = [], []
    for token in tokens + [";"]:
        if token in SEPARATORS:
            args = _after_program(segment)
            if args is not None:
                commands.append(args)
            segment = []
        else:
            segment.append(token)
    return commands


def _after_program(segment: list[str]) -> list[str] | None:
    """The arguments of `presstrace` when the segment runs it; else None."""
    k = 0
    while k < len(segment) and (segment[k] in PREFIXES or re.fullmatch(r"[A-Za-z_]\w*=\S*", segment[k])):
        k += 1
    words = segment[k:]
    if len(words) >= 3 and re.fullmatch(r"python3?(\.\d+)?", os.path.basename(words[0])) \
            and words[1] == "-m" and words[2] == "presstrace":
        words = words[2:]
    if not words or os.path.basename(words[0]) != "presstrace":
        return None
    args = []
    for word in words[1:]:
        if re.match(r"\d?[<>]", word):  # a redirection ends the command's own arguments
            break
        args.append(word.strip("[]"))
    return args


# ---------------------------------------------------------------- checking them
def option_names(command: click.Command) -> dict[str, click.Option]:
    """Every option spelling the command accepts (--help included)."""
    params = command.get_params(click.Context(command, info_name=command.name))
    return {name: p for p in params if isinstance(p, click.Option) for name in p.opts + p.secondary_opts}


def takes_value(option: click.Option) -> bool:
    return not option.is_flag and not option.count


def check_args(root: click.Group, args: list[str]) -> list[str]:
    """Problems with one command line: unknown commands and options, each named."""
    candidates, path, problems, k = [root], ["presstrace"], [], 0
    while k < len(args):
        word, k = args[k], k + 1
        if not word or word in ("…", "...", "-") or re.fullmatch(r"-\d.*", word):
            continue
        if word.startswith("-"):
            unknown, skip = check_option(candidates, word)
            problems += [f"unknown option {name} for '{' '.join(path)}'" for name in unknown]
            k += skip
        elif all(isinstance(c, click.Group) for c in candidates):
            if PLACEHOLDER.fullmatch(word):  # `presstrace query COMMAND …`
                candidates = [sub for c in candidates for sub in c.commands.values()]
                path.append(word)
                continue
            found = [c.commands[word] for c in candidates if word in c.commands]
            if not found:
                return problems + [f"unknown command '{' '.join(path + [word])}'"]
            candidates, path = found, path + [word]
    return problems


def check_option(candidates: list[click.Command], word: str) -> tuple[list[str], int]:
    """(unknown option names, values to skip) for one option word: `--opt`, `--opt=value`,
    `-j 2`, `-j2`, `-vv`; known when any candidate command takes it."""
    known: dict[str, click.Option] = {}
    for command in candidates:
        known = {**option_names(command), **known}
    name, _, value = word.partition("=")
    if name.startswith("--") or len(name) == 2 or name in known:
        if name not in known:
            return [name], 0
        return [], int(takes_value(known[name]) and not value) * known[name].nargs
    first = known.get(name[:2])
    if first is not None and takes_value(first):  # -j2
        return [], 0
    unknown = [f"-{c}" for c in name[1:] if f"-{c}" not in known or takes_value(known[f"-{c}"])]
    return unknown, 0


def doc_problems(root: click.Group, path: Path) -> tuple[int, list[str]]:
    """(commands found, problems as `file:line: snippet: problem`) for one document."""
    found, problems = 0, []
    for line, snippet in code_snippets(path.read_text(encoding="utf-8")):
        for args in presstrace_commands(snippet):
            found += 1
            problems += [f"{path.name}:{line}: `{snippet.strip()}`: {p}" for p in check_args(root, args)]
    return found, problems


# ---------------------------------------------------------------- tests
@pytest.mark.parametrize("markdown, expected", [
    ("```sh\n.venv/bin/presstrace analyze -j 2 folder/   # workers\n```\n",
     [(2, ".venv/bin/presstrace analyze -j 2 folder/")]),
    ("Run `presstrace story ID --compare`\nor\n`presstrace\nnetwork`.\n",
     [(1, "presstrace story ID --compare"), (3, "presstrace network")]),
    ("```python\nfrom presstrace import analyze\n```\n```sh\npresstrace ingest a \\\n  --db x.db\n```\n",
     [(5, "presstrace ingest a --db x.db")]),
])
def test_docs_snippets_found_in_fences_and_inline_code(markdown, expected):
    """Shell fences (comments cut, continuations joined) and inline code spans (even across
    a line break) are read, with their line; other languages' fences are not."""
    assert [(line, " ".join(text.split())) for line, text in code_snippets(markdown)] == expected


@pytest.mark.parametrize("snippet, expected", [
    ("$ .venv/bin/presstrace analyze --format jsonl a.jsonl > out.jsonl", [["analyze", "--format", "jsonl", "a.jsonl"]]),
    ("cat page.html | presstrace analyze --input html -", [["analyze", "--input", "html", "-"]]),
    ("TOKEN=$(openssl rand -hex 16) python -m presstrace -v serve --db c.db", [["-v", "serve", "--db", "c.db"]]),
    ("presstrace ingest PATH… [--db FILE] [-j N]", [["ingest", "PATH…", "--db", "FILE", "-j", "N"]]),
    ("from presstrace import analyze", []),
    ("presstrace/1", []),
])
def test_docs_commands_read_from_a_snippet(snippet, expected):
    """Prompts, paths, `python -m`, environment assignments, pipes, redirections and the
    synopsis brackets are taken off; text that does not run presstrace gives nothing."""
    assert presstrace_commands(snippet) == expected


@pytest.mark.parametrize("args, expected", [
    (["--config", "my.toml", "-vv", "query", "quotes", "--speaker", "X", "--db=c.db"], []),
    (["ingest", "a.jsonl", "-j2", "--db", "n.db"], []),
    (["query", "COMMAND", "--db", "FILE", "--format", "table|json|csv"], []),
    (["analyse", "--format", "table"], ["unknown command 'presstrace analyse'"]),
    (["query", "quotes", "--speker", "X", "-q"],
     ["unknown option --speker for 'presstrace query quotes'", "unknown option -q for 'presstrace query quotes'"]),
    (["--colour", "story", "ID", "--compare", "--sideways"],
     ["unknown option --colour for 'presstrace'", "unknown option --sideways for 'presstrace story'"]),
])
def test_docs_check_names_unknown_commands_and_options(cli_group, args, expected):
    """Global options before the subcommand, `--opt=value`, `-j2`, `-vv` and placeholders
    pass; a misspelt command or option is named with the command it was given to."""
    assert check_args(cli_group, args) == expected


def test_docs_commands_exist(cli_group, doc_path):
    """Every presstrace command, subcommand and option the document shows exists."""
    found, problems = doc_problems(cli_group, doc_path)
    assert not problems, f"{len(problems)} of the document's commands do not exist:\n" + "\n".join(problems)


def test_docs_every_command_has_help(command_path, command_at):
    """Every command and group has help text."""
    assert (command_at(command_path).help or "").strip(), f"'{' '.join(command_path)}' has no help text"


def test_docs_every_command_has_an_example(leaf_path, command_at):
    """Every command that runs something (groups only list theirs) has an `Example:` block
    in its help showing a presstrace command line."""
    help_text = command_at(leaf_path).help or ""
    example = re.split(r"^\s*Example:\s*$", help_text, maxsplit=1, flags=re.M)
    assert len(example) == 2 and "presstrace " in example[1], \
        f"'{' '.join(leaf_path)}' has no Example: block with a presstrace command"
