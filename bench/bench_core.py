"""Timings of the core, each beside a baseline measured in the same run on the same machine.

    python bench/bench_core.py

Reports medians. Targets (2-core machine): every tree loaded and checked in under 100 ms,
one walk under 50 microseconds.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import timeit
from collections.abc import Callable

COLD_LOAD = """
import time
start = time.perf_counter()
from advisor.loader import load_trees
imported = time.perf_counter()
trees = load_trees()
done = time.perf_counter()
print(imported - start, done - imported)
"""

COLD_BASELINE = """
import time
start = time.perf_counter()
import yaml, pydantic
from pathlib import Path
imported = time.perf_counter()
from advisor.loader import tree_files
for path in tree_files():
    yaml.safe_load(path.read_text())
done = time.perf_counter()
print(imported - start, done - imported)
"""


def cold(code: str, runs: int = 7) -> tuple[float, float]:
    """Median (import seconds, work seconds) of a fresh interpreter running `code`."""
    imports, work = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        a, b = (float(x) for x in out.split())
        imports.append(a)
        work.append(b)
    return statistics.median(imports), statistics.median(work)


def per_call(fn: Callable[[], object], repeat: int = 7) -> float:
    number, _ = timeit.Timer(fn).autorange()
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def fmt(seconds: float) -> str:
    if seconds >= 1e-3:
        return f"{seconds * 1e3:8.2f} ms"
    return f"{seconds * 1e6:8.2f} µs"


def row(name: str, value: float, baseline_name: str, baseline: float, target: str = "") -> None:
    ratio = value / baseline if baseline else float("inf")
    print(f"{name:<42} {fmt(value)}   {ratio:7.1f}x {baseline_name:<34} {fmt(baseline)}   {target}")


def main() -> None:
    from advisor import engine, render
    from advisor.loader import load_trees

    print(f"{'measure':<42} {'median':>11}   {'ratio':>7} {'baseline':<34} {'':>11}   target")
    load_imports, load_work = cold(COLD_LOAD)
    base_imports, base_work = cold(COLD_BASELINE)
    row("load + check all trees (fresh process)", load_work, "yaml.safe_load of the same files", base_work, "< 100 ms")
    row("import advisor.loader (fresh process)", load_imports, "import yaml, pydantic", base_imports)

    trees = load_trees()
    largest = max(trees.values(), key=lambda t: len(engine.all_paths(t)))
    paths = engine.all_paths(largest)
    longest = max(paths, key=lambda p: len(p.answers))
    answers = dict(longest.answers)
    row(
        f"walk ({largest.id}, {len(answers)} answers)",
        per_call(lambda: engine.walk(largest, answers)),
        "dict(answers) copy",
        per_call(lambda: dict(answers)),
        "< 50 µs",
    )
    walk_time = per_call(lambda: engine.walk(largest, answers))
    first = next(iter(answers))
    unsure_first = {**answers, first: "not-sure"}
    row(
        f"walk, first answer not-sure ({largest.id})",
        per_call(lambda: engine.walk(largest, unsure_first)),
        "one walk",
        walk_time,
        "< 1 ms",
    )
    unsure_all = dict.fromkeys(answers, "not-sure")
    row(
        f"walk, every answer not-sure ({largest.id})",
        per_call(lambda: engine.walk(largest, unsure_all)),
        "one walk",
        walk_time,
        "< 1 ms",
    )
    row(
        f"all_paths ({largest.id}, {len(paths)} paths)",
        per_call(lambda: engine.all_paths(largest), 3),
        "one walk",
        walk_time,
    )
    row(f"what_if ({largest.id})", per_call(lambda: engine.what_if(largest, answers), 3), "one walk", walk_time)
    walk = engine.walk(largest, answers)
    highlight = render.walk_highlight(largest, walk)
    row(
        f"DOT of {largest.id} ({len(largest.questions) + len(largest.outcomes)} nodes)",
        per_call(lambda: render.to_dot(largest, highlight)),
        "one walk",
        walk_time,
    )
    dot = render.to_dot(largest, highlight)
    svg = per_call(lambda: render.to_svg(dot), 3)
    row(
        f"SVG of {largest.id} ({'dot program' if render.has_dot_program() else 'in-process'})",
        svg,
        "DOT",
        per_call(lambda: render.to_dot(largest, highlight)),
    )
    print(f"\nstreamlit imported by the engine: {'streamlit' in sys.modules}")


if __name__ == "__main__":
    main()
