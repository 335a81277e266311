"""No import circles anywhere in presstrace: every arrow between modules points one way."""
from __future__ import annotations

import pytest


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, iterative).

    Args:
        graph: module -> the modules it imports.
    Returns:
        Each group of modules that import each other, sorted.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            child = next(edges, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return groups


@pytest.mark.parametrize("graph,expected", [
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
])
def test_imports_find_cycles_on_a_small_graph(graph, expected):
    assert find_cycles(graph) == expected


def test_imports_the_graph_sees_function_local_imports(import_graph):
    # cli.ingest imports the runners only inside its commands (they pull in spaCy).
    assert "presstrace.runners" in import_graph["presstrace.cli.ingest"]
    assert "presstrace.store.db" in import_graph["presstrace.runners.local"]


def test_imports_have_no_cycles(import_graph):
    assert find_cycles(import_graph) == []
