"""Below a `not-sure`: every branch still possible, the outcomes they reach, and the question
that would narrow them most.

A question answered `not-sure`, and any question reached below one that has no answer yet, is
free: every option (every numeric range, or every value that steers a derived value) is tried.
Questions answered below a `not-sure` keep their answers, so later answers keep narrowing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from advisor.engine.numbers import parse_number
from advisor.engine.steps import Step, compute, resolve, step_of
from advisor.engine.values import boundaries, candidates, feeds_derived
from advisor.model import NOT_SURE, Answer, ChoiceQuestion, DerivedValue, Numeric, Tree


def _needs(steps: tuple[Step, ...]) -> dict[str, Answer]:
    """The answers a branch assumes for the questions left open."""
    return {s.question: s.answer for s in steps if s.free}


@dataclass(frozen=True)
class Leaf:
    """One branch still possible: its steps from the first free question to an outcome."""

    outcome: str
    steps: tuple[Step, ...]

    @property
    def needs(self) -> dict[str, Answer]:
        return _needs(self.steps)

    def key_at(self, qid: str) -> str | None:
        return next((s.branch for s in self.steps if s.question == qid), None)


@dataclass(frozen=True)
class Candidate:
    """An outcome still possible, and the open answers that pick it (the fewest of its branches)."""

    outcome: str
    title: str
    steps: tuple[Step, ...]

    @property
    def needs(self) -> dict[str, Answer]:
        return _needs(self.steps)


@dataclass
class Shortlist:
    """What exploring below a `not-sure` found."""

    leaves: list[Leaf] = field(default_factory=list)
    reached: dict[str, None] = field(default_factory=dict)  # every question on some branch, in order
    free: dict[str, None] = field(default_factory=dict)  # the questions left open, in order
    kept: dict[str, Answer] = field(default_factory=dict)  # the answers used on some branch
    invalid: dict[str, str] = field(default_factory=dict)  # answers that could not be used, and why
    _seen: set[tuple[tuple[str, str], ...]] = field(default_factory=set)

    def add(self, leaf: Leaf) -> None:
        signature = tuple((s.question, s.branch) for s in leaf.steps)
        if signature not in self._seen:
            self._seen.add(signature)
            self.leaves.append(leaf)

    @property
    def outcomes(self) -> list[str]:
        return list(dict.fromkeys(leaf.outcome for leaf in self.leaves))

    def candidates(self, tree: Tree) -> list[Candidate]:
        best: dict[str, Leaf] = {}

        def simpler(leaf: Leaf, other: Leaf) -> bool:  # fewer open answers, then more given ones
            return (len(leaf.needs), -len(leaf.steps)) < (len(other.needs), -len(other.steps))

        for leaf in self.leaves:
            if leaf.outcome not in best or simpler(leaf, best[leaf.outcome]):
                best[leaf.outcome] = leaf
        return [Candidate(oid, tree.outcomes[oid].title, best[oid].steps) for oid in self.outcomes]

    def split(self, tree: Tree, qid: str) -> list[set[str]]:
        """For each answer to `qid`, the outcomes still possible once it is given."""
        keys = [key for key, _ in tree.questions[qid].branches()]
        return [{leaf.outcome for leaf in self.leaves if leaf.key_at(qid) in (None, key)} for key in keys]

    def deciding(self, tree: Tree, unsure: set[str]) -> str | None:
        """The question to ask next: among the open questions that every branch still in play
        asks, the one whose worst answer leaves the fewest outcomes. When none narrows, the
        `not-sure` question that does (only it tells them apart); failing that, the first open."""
        total = len(self.outcomes)
        scored = []
        for order, qid in enumerate(self.free):
            everywhere = all(leaf.key_at(qid) is not None for leaf in self.leaves)
            sizes = [len(s) for s in self.split(tree, qid)]
            if max(sizes) < total and (everywhere or qid in unsure):
                scored.append(((qid in unsure, max(sizes), sum(sizes), order), qid))
        if scored:
            return min(scored)[1]
        first_unsure = next((q for q in self.free if q in unsure), None)
        return first_unsure or next(iter(self.free), None)

    def irrelevant(self, tree: Tree, unsure: set[str]) -> list[str]:
        """The `not-sure` answers that changed nothing: every answer there leaves the same outcomes.
        A number that feeds a derived value is judged by the derived value, which its own ranges
        do not show: it is named only when a single outcome is left."""
        everything = set(self.outcomes)
        return [
            q
            for q in self.free
            if q in unsure
            and (len(everything) == 1 or not feeds_derived(tree, q))
            and all(s == everything for s in self.split(tree, q))
        ]


def explore(tree: Tree, node: str, answers: Mapping[str, object], numbers: Mapping[str, float]) -> Shortlist:
    """Every branch from `node` down that the answers leave possible."""
    found = Shortlist()
    given = {q: n for q, n in ((q, parse_number(v)) for q, v in answers.items()) if n is not None}
    _Explorer(tree, answers, _with_derived(tree, given), found).visit(node, dict(numbers), [])
    return found


def _derived_from(tree: Tree, qid: str) -> list[str]:
    """Every derived value computed from an answer, directly or through another derived value,
    each after the derived values it is computed from."""
    found: list[str] = []
    todo = [qid]
    budget = len(tree.questions) ** 2  # derived values cannot form a cycle in a valid tree
    while todo and budget > 0:
        budget -= 1
        source = todo.pop(0)
        for did, question in tree.questions.items():
            if isinstance(question, DerivedValue) and source in question.compute.of:
                if did in found:
                    found.remove(did)
                found.append(did)
                todo.append(did)
    return found


def _with_derived(tree: Tree, numbers: dict[str, float]) -> dict[str, float]:
    """The numbers given, and every derived value they already determine (a free answer's
    thresholds may depend on one: a transfer time against the recovery point)."""
    known = dict(numbers)
    derived = {q: d for q, d in tree.questions.items() if isinstance(d, DerivedValue)}
    for _ in derived:
        for qid, question in derived.items():
            value = compute(question, known)
            if qid not in known and value is not None:
                known[qid] = value
    return known


@dataclass
class _Explorer:
    tree: Tree
    answers: Mapping[str, object]
    given_numbers: dict[str, float]
    found: Shortlist
    downstream: dict[str, list[str]] = field(default_factory=dict)

    def visit(self, node: str, numbers: dict[str, float], steps: list[Step]) -> None:
        question = self.tree.questions.get(node)
        if question is None:
            self.found.add(Leaf(node, tuple(steps)))
            return
        self.found.reached[node] = None
        if isinstance(question, DerivedValue):
            value = compute(question, numbers)
            index = None if value is None else question.range_index(value)
            if value is not None and index is not None:
                self.follow(step_of(self.tree, node, value, f"={index}"), numbers, steps)
            return
        raw = self.answers.get(node)
        resolved = None if raw is None or raw == NOT_SURE else resolve(self.tree, node, raw)
        if isinstance(resolved, tuple):
            self.found.kept[node] = resolved[0]
            self.follow(step_of(self.tree, node, resolved[0], resolved[1]), numbers, steps)
            return
        if isinstance(resolved, str):
            self.found.invalid[node] = resolved
        elif raw == NOT_SURE:
            self.found.kept[node] = NOT_SURE
        self.found.free[node] = None
        for answer, key in self.options(node, numbers):
            self.follow(step_of(self.tree, node, answer, key, free=True), numbers, steps)

    def follow(self, step: Step, numbers: dict[str, float], steps: list[Step]) -> None:
        if isinstance(step.answer, float):
            numbers = {**numbers, step.question: step.answer}
        steps.append(step)
        self.visit(step.target, numbers, steps)
        steps.pop()

    def signature(self, qid: str, value: float, known: Mapping[str, float]) -> tuple[object, ...]:
        """What a value of `qid` decides: its range, and the range of every value derived from it
        that the numbers known so far determine (the value itself where one is not yet known).
        Two values with one signature lead to the same branches, so one of them is enough."""
        question = self.tree.questions[qid]
        assert isinstance(question, Numeric)
        if qid not in self.downstream:
            self.downstream[qid] = _derived_from(self.tree, qid)
        downstream = self.downstream[qid]
        computed = {**known, qid: value}
        parts: list[object] = [question.range_index(value)]
        for did in downstream:  # operands come before what is derived from them
            derived = self.tree.questions[did]
            assert isinstance(derived, DerivedValue)
            result = compute(derived, computed)
            if result is not None:
                computed[did] = result
            parts.append(value if result is None else derived.range_index(result))
        return tuple(parts)

    def options(self, qid: str, numbers: Mapping[str, float]) -> list[tuple[Answer, str]]:
        """The answers to try at a free question: each option, or numbers covering each range
        (and, when a derived value uses the answer, numbers covering each of its ranges too)."""
        question = self.tree.questions[qid]
        if isinstance(question, ChoiceQuestion):
            return [(oid, oid) for oid in question.options]
        assert isinstance(question, Numeric)
        pool = candidates(self.tree, qid)
        if not feeds_derived(self.tree, qid):
            first = {question.range_index(v): v for v in reversed(pool) if math.isfinite(v)}
            return [(first[i], str(i)) for i in range(len(question.ranges)) if i in first]
        known = {**self.given_numbers, **numbers}
        pool += boundaries(self.tree, qid, known)
        tried: list[tuple[Answer, str]] = []
        seen: set[tuple[object, ...]] = set()
        for value in dict.fromkeys(v for v in pool if math.isfinite(v)):
            index = question.range_index(value)
            signature = self.signature(qid, value, known)
            if index is not None and signature not in seen:
                seen.add(signature)
                tried.append((value, str(index)))
        return tried
