"""A tree as text to read at any width: its questions in reading order, each with its answers and
where each leads; and the tree cut into one part per answer where it first forks, to draw small.

Pure functions of the tree, like the drawings: the study page renders them, nothing here decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.model import DerivedValue, Tree


@dataclass(frozen=True)
class Lead:
    """One answer of a question and where it leads: a question or an outcome."""

    label: str
    target: str
    outcome: bool


@dataclass(frozen=True)
class Section:
    """One question, numbered in reading order, with every answer it offers."""

    number: int
    question: str
    text: str
    computed: bool
    leads: tuple[Lead, ...]


def outline(tree: Tree) -> list[Section]:
    """Every question once, depth first from the start (the order a person following the first
    answers would meet them), so each question's first answers are read right after it."""
    order: list[str] = []
    stack = [tree.start]
    while stack:
        qid = stack.pop()
        if qid in order:
            continue
        order.append(qid)
        nexts = [b.target for _, b in tree.questions[qid].branches() if b.target in tree.questions]
        stack.extend(reversed(nexts))
    return [
        Section(
            number=n,
            question=qid,
            text=tree.questions[qid].text,
            computed=isinstance(tree.questions[qid], DerivedValue),
            leads=tuple(Lead(b.label, b.target, b.target in tree.outcomes) for _, b in tree.questions[qid].branches()),
        )
        for n, qid in enumerate(order, 1)
    ]


def below(tree: Tree, node: str) -> frozenset[str]:
    """The node and every question and outcome reachable from it."""
    seen = {node}
    stack = [node]
    while stack:
        question = tree.questions.get(stack.pop())
        for _, branch in question.branches() if question else []:
            if branch.target not in seen:
                seen.add(branch.target)
                stack.append(branch.target)
    return frozenset(seen)


def fork(tree: Tree) -> str:
    """The first question, from the start, whose answers lead to more than one place."""
    qid = tree.start
    while True:
        targets = {b.target for _, b in tree.questions[qid].branches()}
        if len(targets) > 1 or not targets <= set(tree.questions):
            return qid
        qid = next(iter(targets))


@dataclass(frozen=True)
class Part:
    """A piece of the tree to draw on its own: the nodes in it, and the answer that leads there."""

    label: str
    nodes: frozenset[str]


def parts(tree: Tree) -> list[Part]:
    """The tree cut where it first forks: the questions up to the fork with its answers, then what
    lies below each answer that leads to a question (an answer leading to an outcome is drawn in
    the first part). Parts below a fork may share questions when the tree joins up again."""
    top = fork(tree)
    stem = {tree.start, top}
    qid = tree.start
    while qid != top:
        qid = next(b.target for _, b in tree.questions[qid].branches())
        stem.add(qid)
    branches = tree.questions[top].branches()
    first = Part(tree.questions[top].text, frozenset(stem | {b.target for _, b in branches}))
    below_each = [Part(b.label, below(tree, b.target)) for _, b in branches if b.target in tree.questions]
    unique: list[Part] = []
    for part in below_each:
        if all(part.nodes != other.nodes for other in unique):
            unique.append(part)
    return [first, *unique]
