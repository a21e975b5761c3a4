"""Every root-to-outcome path of a tree, each with answers that reproduce it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from advisor.engine.steps import compute
from advisor.engine.values import candidates
from advisor.engine.walking import walk
from advisor.model import Answer, ChoiceQuestion, DerivedValue, Tree


@dataclass(frozen=True)
class Path:
    """One root-to-outcome path and answers that reproduce it."""

    outcome: str
    answers: dict[str, Answer]
    branches: tuple[tuple[str, str], ...] = field(repr=False)  # (question, option or range key)

    @property
    def edges(self) -> frozenset[tuple[str, str]]:
        """The (question, option or range) pairs it takes, for drawing it."""
        return frozenset((q, b.removeprefix("=")) for q, b in self.branches)


def _explore(
    tree: Tree, node: str, answers: dict[str, Answer], numbers: dict[str, float]
) -> Iterator[dict[str, Answer]]:
    """Depth-first: every answer combination worth trying from this node on (no re-walking:
    each branch is followed directly; `all_paths` checks each complete combination with `walk`)."""
    question = tree.questions.get(node)
    if question is None:
        yield dict(answers)
        return
    if isinstance(question, DerivedValue):
        value = compute(question, numbers)
        index = None if value is None else question.range_index(value)
        if value is not None and index is not None:
            numbers[node] = value
            yield from _explore(tree, question.ranges[index].target, answers, numbers)
            del numbers[node]
        return
    if isinstance(question, ChoiceQuestion):
        for oid, option in question.options.items():
            answers[node] = oid
            yield from _explore(tree, option.target, answers, numbers)
    else:
        for number in candidates(tree, node):
            index = question.range_index(number)
            if index is None:
                continue
            answers[node] = numbers[node] = number
            yield from _explore(tree, question.ranges[index].target, answers, numbers)
        numbers.pop(node, None)
    answers.pop(node, None)


MAX_COMBINATIONS = 20_000
"""More answer combinations than this make a tree too large to list (the largest shipped tree
has a few hundred): `all_paths` stops with TooManyPaths instead of running for hours."""


class TooManyPaths(Exception):
    """The tree has more answer combinations than MAX_COMBINATIONS."""


def all_paths(tree: Tree) -> list[Path]:
    """Every distinct root-to-outcome path, each with answers that reproduce it."""
    found: dict[tuple[tuple[str, str], ...], Path] = {}
    for count, answers in enumerate(_explore(tree, tree.start, {}, {}), 1):
        if count > MAX_COMBINATIONS:
            raise TooManyPaths(f"more than {MAX_COMBINATIONS:,} combinations of answers")
        result = walk(tree, answers)
        if result.outcome is None:
            continue
        branches = tuple((s.question, s.branch) for s in result.steps)
        if branches not in found:
            found[branches] = Path(result.outcome, result.answers, branches)
    return list(found.values())


_PATHS: dict[int, tuple[Tree, list[Path]]] = {}


def cached_paths(tree: Tree) -> list[Path]:
    """`all_paths`, computed once per loaded tree (trees are frozen and loaded once)."""
    entry = _PATHS.get(id(tree))
    if entry is None or entry[0] is not tree:
        entry = (tree, all_paths(tree))
        _PATHS[id(tree)] = entry
    return entry[1]
