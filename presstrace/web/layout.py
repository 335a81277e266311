"""Positions for the network page's nodes: a small force-directed layout (repulsion
between every pair, springs along edges), deterministic for a given graph so the same
network always looks the same. Networks shown on a page are capped at a few hundred
nodes, where an O(n²) step per iteration is still a few milliseconds."""
from __future__ import annotations

import math
import random


def force_layout(nodes: list[str], edges: list[tuple[str, str, float]], size: float = 800.0,
                 iterations: int = 150) -> dict[str, tuple[float, float]]:
    """Node id -> (x, y) inside a size × size square."""
    if not nodes:
        return {}
    rng = random.Random(len(nodes) * 7919 + len(edges))
    pos = {n: [rng.uniform(0, size), rng.uniform(0, size)] for n in nodes}
    k = size / math.sqrt(len(nodes)) * 0.6  # the ideal distance between neighbours
    temperature = size / 10
    for _ in range(iterations):
        shift = {n: [0.0, 0.0] for n in nodes}
        _repel(nodes, pos, shift, k)
        _attract(edges, pos, shift, k)
        for n in nodes:
            dx, dy = shift[n]
            length = math.hypot(dx, dy) or 1.0
            step = min(length, temperature)
            pos[n][0] = min(size, max(0.0, pos[n][0] + dx / length * step))
            pos[n][1] = min(size, max(0.0, pos[n][1] + dy / length * step))
        temperature *= 0.96
    return _fitted(pos, size)


def _fitted(pos: dict[str, list[float]], size: float, margin: float = 0.05) -> dict[str, tuple[float, float]]:
    """Positions stretched to fill the square: the forces settle wherever they settle,
    often in one corner, which wastes most of the drawing."""
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    def scale(v: float, lo: float, hi: float) -> float:
        return size / 2 if hi - lo < 1e-9 else size * margin + (v - lo) / (hi - lo) * size * (1 - 2 * margin)
    return {n: (round(scale(x, min(xs), max(xs)), 1), round(scale(y, min(ys), max(ys)), 1))
            for n, (x, y) in pos.items()}


def _repel(nodes: list[str], pos: dict, shift: dict, k: float) -> None:
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = math.hypot(dx, dy) or 0.01
            force = k * k / dist
            shift[a][0] += dx / dist * force
            shift[a][1] += dy / dist * force
            shift[b][0] -= dx / dist * force
            shift[b][1] -= dy / dist * force


def _attract(edges: list[tuple[str, str, float]], pos: dict, shift: dict, k: float) -> None:
    for a, b, weight in edges:
        if a == b or a not in pos or b not in pos:
            continue
        dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
        dist = math.hypot(dx, dy) or 0.01
        force = dist * dist / k * min(1.0 + math.log1p(weight), 3.0)
        shift[a][0] -= dx / dist * force
        shift[a][1] -= dy / dist * force
        shift[b][0] += dx / dist * force
        shift[b][1] += dy / dist * force
