"""The load benchmark's client against the real app: concurrent sessions each reach their own
recommendation, as the engine gives it for their answers, with no error on any page."""

from __future__ import annotations

import asyncio
import importlib
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType

import pytest

from advisor import engine, links
from advisor.model import Tree

BENCH = Path(__file__).parents[1] / "bench"


@pytest.fixture(scope="module")
def bench() -> Iterator[ModuleType]:
    """bench/load_sessions.py (it imports its sibling load_client.py), imported from its folder."""
    sys.path.insert(0, str(BENCH))
    try:
        yield importlib.import_module("load_sessions")
    finally:
        sys.path.remove(str(BENCH))


def _distinct_outcomes(bench: ModuleType, tree: Tree, count: int) -> list[dict[str, str]]:
    """`count` paths of choices that end in different outcomes."""
    by_outcome: dict[str, dict[str, str]] = {}
    for answers in bench.choice_paths(tree):
        walk = engine.walk(tree, answers)
        assert walk.outcome is not None
        by_outcome.setdefault(walk.outcome, answers)
    assert len(by_outcome) >= count, f"{tree.id} has too few outcomes reached by choices alone"
    return list(by_outcome.values())[:count]


def test_concurrent_sessions_each_reach_their_own_recommendation(bench: ModuleType, trees: dict[str, Tree]) -> None:
    tree = trees["database"]
    paths = _distinct_outcomes(bench, tree, 3)
    scenarios = [bench.advisor_scenario(tree, answers) for answers in paths]
    expected = [tree.outcomes[engine.walk(tree, answers).outcome or ""].title for answers in paths]

    async def run(url: str) -> list[object]:
        sessions = [bench.Session(url, timeout=120) for _ in scenarios]
        await asyncio.gather(*(s.connect() for s in sessions))
        try:
            return list(await asyncio.gather(*(bench.play(s, sc) for s, sc in zip(sessions, scenarios, strict=True))))
        finally:
            await asyncio.gather(*(s.close() for s in sessions))

    # A thread of its own: the browser tests' Playwright may hold an event loop in this one.
    with bench.serve(bench.APP) as server, ThreadPoolExecutor(1) as thread:
        played = thread.submit(asyncio.run, run(server.url)).result()

    assert len(set(expected)) == 3  # the same tree, three different answers: no session may see another's
    for answers, scenario, title, result in zip(paths, scenarios, expected, played, strict=True):
        assert result.error is None, f"?{scenario.opening}: {result.error}"
        page = result.last
        assert page.errors == []
        assert page.query_string == links.encode(tree.id, answers)
        assert scenario.expect_block in page.blocks
        assert page.headings_in(scenario.expect_block)[0] == title
        assert [name for name, _ in result.timings] == ["open", "answer", "answer"]
