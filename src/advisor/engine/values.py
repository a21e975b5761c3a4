"""Numbers worth trying for a numeric question: one per range, values that steer a derived value
into each of its ranges, and values near a given answer. Used to list every path, to explore
below a `not-sure`, and to find the smallest change of a number."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from itertools import product

from advisor.engine.numbers import parse_number, round_figures
from advisor.model import DerivedValue, Numeric, Tree


def representative(low: float, high: float | None) -> float:
    """A round value inside [low, high): what `all_paths` answers for a numeric range."""
    if high is None:
        return low * 2 if low > 0 else 1.0
    if high - low >= 2:
        return float(math.floor((low + high) / 2))
    return (low + high) / 2


def _numeric(tree: Tree, qid: str) -> Numeric:
    question = tree.questions[qid]
    assert isinstance(question, Numeric)
    return question


def _representatives(question: Numeric) -> list[float]:
    """One value per range: the question's `example` for the range that holds it."""
    example = question.example
    home = None if example is None else question.range_index(example)
    return [
        example if i == home and example else representative(*question.bounds(i)) for i in range(len(question.ranges))
    ]


def _typical(tree: Tree, qid: str) -> list[float]:
    """Typical values of a numeric answer or a derived value (derived ones through their operands)."""
    question = _numeric(tree, qid)
    if not isinstance(question, DerivedValue):
        return _representatives(question)
    operands = [_typical(tree, q) for q in question.compute.of]
    return [question.compute.apply(list(values)) for values in product(*operands)][:64]


def feeds_derived(tree: Tree, qid: str) -> bool:
    """Whether some derived value is computed from this answer."""
    return any(isinstance(q, DerivedValue) and qid in q.compute.of for q in tree.questions.values())


def _through_derived(
    tree: Tree,
    qid: str,
    targets_of: Callable[[Numeric], list[float]],
    others_of: Callable[[str], list[float]],
    seen: frozenset[str] = frozenset(),
) -> list[float]:
    """Values of `qid` that bring each derived value computed from it (directly, or through
    another derived value) to one of its targets, given values of the other operand (for a ratio)."""
    values: list[float] = []
    for did, derived in tree.questions.items():
        if not isinstance(derived, DerivedValue) or qid not in derived.compute.of or did in seen:
            continue
        rule = derived.compute
        targets = targets_of(derived) + _through_derived(tree, did, targets_of, others_of, seen | {qid, did})
        if rule.op in ("min", "max"):
            values += targets
            continue
        numerator, denominator = rule.of
        for other in others_of(denominator if qid == numerator else numerator):
            if qid == numerator:
                values += [t * other / rule.factor for t in targets]
            else:
                values += [other * rule.factor / t for t in targets if t > 0]
    return values


def candidates(tree: Tree, qid: str) -> list[float]:
    """Values worth trying for a numeric question: one per range, and any that steer a
    derived value computed from it into each of its ranges; typical values first."""
    question = _numeric(tree, qid)
    values = _representatives(question) + _through_derived(
        tree, qid, _representatives, lambda other: _typical(tree, other)
    )
    rounded = {round_figures(v) for v in values}
    exact = set(values) - rounded
    rounded_ok = [v for v in rounded if question.range_index(v) is not None]
    exact_ok = [v for v in exact if question.range_index(v) is not None]
    key = _typicality([question.example] if question.example else rounded_ok + exact_ok)
    return sorted(rounded_ok, key=lambda v: (key(v), v)) + sorted(exact_ok, key=lambda v: (key(v), v))


def _typicality(values: list[float]) -> Callable[[float], float]:
    """Sort key: distance from the middle of the values' orders of magnitude (the question's
    `example` when it has one), so worked examples use typical numbers before extreme ones."""
    logs = [math.log10(v) for v in values if v > 0]
    middle = sum(logs) / len(logs) if logs else 0.0
    return lambda v: abs(math.log10(v) - middle) if v > 0 else math.inf


def _edges_of(question: Numeric) -> list[float]:
    """Values right at the edges of each range: its lower bound, and just under its upper one."""
    edges = []
    for i in range(len(question.ranges)):
        low, high = question.bounds(i)
        edges += [low] if low > 0 else []
        edges += [high * 0.99] if high is not None else []
    return edges


def boundaries(tree: Tree, qid: str, numbers: Mapping[str, object]) -> list[float]:
    """Values of a numeric answer that put it, or a value derived from it, at a range's edge,
    given the other numbers as they stand: the smallest change that crosses a threshold."""

    def current(other: str) -> list[float]:
        value = parse_number(numbers.get(other))
        return [value] if value else []

    return _edges_of(_numeric(tree, qid)) + _through_derived(tree, qid, _edges_of, current)


_SCALES = (0.5, 2.0, 0.2, 5.0, 0.1, 10.0, 0.01, 100.0, 0.001, 1000.0)


def nearby(tree: Tree, qid: str, answers: Mapping[str, object], fallback: object) -> list[float]:
    """Values to try for a numeric answer, nearest to the current one first."""
    question = _numeric(tree, qid)
    number = parse_number(answers.get(qid))
    values = [*candidates(tree, qid), *boundaries(tree, qid, answers)]
    values = [float(fallback), *values] if isinstance(fallback, float) else values
    if number:
        values += [number * scale for scale in _SCALES]
    values = [
        v
        for v in {round_figures(v) for v in values} | set(values)
        if math.isfinite(v) and question.range_index(v) is not None
    ]
    if not number:
        return sorted(values)[:24]
    return sorted(values, key=lambda v: (abs(math.log10(v / number)) if v > 0 else math.inf, v))[:24]
