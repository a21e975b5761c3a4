"""Practice rounds: each scenario of a tree asked as an exam question with four choices, and the
step at which a wrong pick leaves the scenario's path.

Pure and deterministic: the same trees, tree and seed give the same round. Distractors are near
misses first: the outcomes one changed answer away from the scenario's (from `what_if`), then
two, then any other outcome of the tree.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

from advisor import engine
from advisor.model import Tree

CHOICES = 4
DEFAULT_COUNT = 10


@dataclass(frozen=True)
class Question:
    """One scenario as an exam question; `id` is TREE-N (the scenario's number in its tree)."""

    id: str
    tree: str
    scenario: int
    text: str
    choices: tuple[str, ...]
    answer: str


@dataclass(frozen=True)
class Feedback:
    """Why a pick is right or wrong: the scenario's walk, and for a wrong pick the first step
    where the pick needs another answer (None when no answers of this tree lead to it)."""

    right: bool
    walk: engine.Walk
    parting: engine.Step | None
    needed: str | None  # the answer the pick would need at that step, as the tree words it


def _rng(tree_id: str | None, seed: int) -> random.Random:
    return random.Random(f"{tree_id or 'all'}:{seed}")


def _distractors(tree: Tree, index: int, rng: random.Random) -> list[str]:
    scenario = tree.scenarios[index]
    near = engine.what_if(tree, scenario.answers)
    by_distance: dict[int, list[str]] = {}
    for item in near:
        by_distance.setdefault(item.distance, []).append(item.outcome)
    ranked: list[str] = []
    for distance in sorted(by_distance):
        group = sorted(by_distance[distance])
        rng.shuffle(group)
        ranked += group
    rest = sorted(set(tree.outcomes) - set(ranked) - {scenario.expect})
    rng.shuffle(rest)
    return (ranked + rest)[: CHOICES - 1]


def question(tree: Tree, index: int, rng: random.Random) -> Question:
    scenario = tree.scenarios[index]
    choices = [scenario.expect, *_distractors(tree, index, rng)]
    rng.shuffle(choices)
    return Question(f"{tree.id}-{index + 1}", tree.id, index, scenario.text, tuple(choices), scenario.expect)


def make_round(trees: Mapping[str, Tree], tree_id: str | None, seed: int, count: int = DEFAULT_COUNT) -> list[Question]:
    """`count` scenarios of one tree (or of every tree when `tree_id` is None), in an order and
    with choices fixed by the seed."""
    rng = _rng(tree_id, seed)
    chosen = [tree_id] if tree_id is not None else sorted(trees)
    pool = [(tid, i) for tid in chosen for i in range(len(trees[tid].scenarios))]
    rng.shuffle(pool)
    return [question(trees[tid], i, rng) for tid, i in pool[: max(count, 0)]]


def feedback(tree: Tree, item: Question, pick: str) -> Feedback:
    """Right or wrong, the scenario's walk, and where a wrong pick parts from it."""
    walk = engine.walk(tree, tree.scenarios[item.scenario].answers)
    if pick == item.answer:
        return Feedback(True, walk, None, None)
    change = next((w.change for w in engine.what_if(tree, walk.answers) if w.outcome == pick), None)
    if not change:
        return Feedback(False, walk, None, None)
    parting = next((s for s in walk.steps if s.question in change), None)
    if parting is None:
        return Feedback(False, walk, None, None)
    resolved = engine.resolve(tree, parting.question, change[parting.question])
    assert not isinstance(resolved, str)
    needed = engine.answer_text(tree, engine.step_of(tree, parting.question, resolved[0], resolved[1]))
    return Feedback(False, walk, parting, needed)
