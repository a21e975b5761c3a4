"""Answers -> a walk through a tree: the path, then the next question or the outcome.

Pure functions over a loaded `Tree`: no I/O, no printing, no Streamlit. The same input gives the
same result every time (options and ranges are tried in file order).

An answer is an option id for a choice question and a number (in the question's unit) for a
numeric one; numbers may also arrive as text, as they do from a share link.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import combinations, product

from advisor.model import Answer, Branch, ChoiceQuestion, DerivedValue, Numeric, Tree

MAX_NUMBER = 1e15
"""Larger numbers are refused: no question of a tree needs them, and they make links unwieldy."""


@dataclass(frozen=True)
class Step:
    """One question on the path, the answer given (or computed) and where it led."""

    question: str
    answer: Answer
    label: str
    because: str
    branch: str  # the option id, the index of the numeric range taken, or "=index" if computed
    target: str

    @property
    def computed(self) -> bool:
        return self.branch.startswith("=")


@dataclass(frozen=True)
class Ignored:
    question: str
    answer: object
    reason: str


@dataclass(frozen=True)
class Walk:
    tree_id: str
    steps: tuple[Step, ...]
    next_question: str | None
    outcome: str | None
    ignored: tuple[Ignored, ...]

    @property
    def complete(self) -> bool:
        return self.outcome is not None

    @property
    def answers(self) -> dict[str, Answer]:
        """The answers the path used, in path order (computed values excluded)."""
        return {s.question: s.answer for s in self.steps if not s.computed}


@dataclass(frozen=True)
class Path:
    """One root-to-outcome path and answers that reproduce it."""

    outcome: str
    answers: dict[str, Answer]
    branches: tuple[tuple[str, str], ...] = field(repr=False)
    edges: tuple[tuple[str, str], ...] = field(repr=False, default=())  # (question, next node), to draw it


@dataclass(frozen=True)
class WhatIf:
    outcome: str
    title: str
    change: dict[str, Answer]


def format_number(value: float) -> str:
    """30.0 -> '30', 0.5 -> '0.5': how numbers appear in links and sentences."""
    if value.is_integer() and abs(value) < MAX_NUMBER:
        return str(int(value))
    return repr(value)


def display_number(value: float) -> str:
    """A number as a person reads it: 30, 0.5, 0.009259, ∞ (rounded to 4 figures; links keep all)."""
    if math.isinf(value):
        return "∞"
    if value.is_integer() and abs(value) < MAX_NUMBER:
        return f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
    return f"{value:.4g}"


def answer_text(tree: Tree, step: Step) -> str:
    """How an answer reads: the option's label, or the number with its unit (and band, if several)."""
    if not isinstance(step.answer, float):
        return step.label
    question = tree.questions[step.question]
    unit = getattr(question, "unit", "")
    band = f": {step.label}" if len(getattr(question, "ranges", ())) > 1 else ""
    return f"{display_number(step.answer)} {unit}{band}"


def parse_number(raw: object) -> float | None:
    """A finite, non-negative number no larger than MAX_NUMBER, from a number or short text."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        value = float(raw)
    elif isinstance(raw, str) and len(raw) <= 32:
        try:
            value = float(raw.strip())
        except ValueError:
            return None
    else:
        return None
    return value if math.isfinite(value) and 0 <= value <= MAX_NUMBER else None


def resolve(tree: Tree, qid: str, raw: object) -> tuple[Answer, str, Branch] | str:
    """The answer, branch key and branch an answer selects; otherwise the reason it cannot."""
    question = tree.questions[qid]
    if isinstance(question, ChoiceQuestion):
        if isinstance(raw, str) and raw in question.options:
            return raw, raw, question.options[raw]
        return "not one of this question's options"
    if isinstance(question, DerivedValue):
        return "computed from other answers, not answered directly"
    value = parse_number(raw)
    index = None if value is None else question.range_index(value)
    if value is None or index is None:
        return f"not a number from 0 to {MAX_NUMBER:,.0f}"
    return value, str(index), question.ranges[index]


def _compute(question: DerivedValue, values: Mapping[str, float]) -> float | None:
    operands = [values.get(q) for q in question.compute.of]
    if any(v is None for v in operands):
        return None
    return question.compute.apply([v for v in operands if v is not None])


def walk(tree: Tree, answers: Mapping[str, object]) -> Walk:
    """Follow the answers from the start until a question is unanswered or an outcome is reached."""
    steps: list[Step] = []
    ignored: list[Ignored] = []
    numbers: dict[str, float] = {}
    node: str | None = tree.start
    while node in tree.questions and len(steps) <= len(tree.questions):
        question = tree.questions[node]
        if isinstance(question, DerivedValue):
            value = _compute(question, numbers)
            index = None if value is None else question.range_index(value)
            if value is None or index is None:
                break
            numbers[node] = value
            branch: Branch = question.ranges[index]
            steps.append(Step(node, value, branch.label, branch.because, f"={index}", branch.target))
            node = branch.target
            continue
        if node not in answers:
            break
        resolved = resolve(tree, node, answers[node])
        if isinstance(resolved, str):
            ignored.append(Ignored(node, answers[node], resolved))
            break
        answer, key, branch = resolved
        if isinstance(question, Numeric) and isinstance(answer, float):
            numbers[node] = answer
        steps.append(Step(node, answer, branch.label, branch.because, key, branch.target))
        node = branch.target
    outcome = node if node in tree.outcomes else None
    on_path = {s.question for s in steps} | {i.question for i in ignored}
    for qid, raw in answers.items():
        if qid not in on_path:
            reason = (
                "not on the path of the other answers" if qid in tree.questions else "no such question in this tree"
            )
            ignored.append(Ignored(qid, raw, reason))
    return Walk(tree.id, tuple(steps), None if outcome else node, outcome, tuple(ignored))


def revise(tree: Tree, answers: Mapping[str, object], changes: Mapping[str, object]) -> dict[str, Answer]:
    """Apply changes, keep the later answers that still lie on the path and drop the rest."""
    return walk(tree, {**answers, **changes}).answers


def back(tree: Tree, answers: Mapping[str, object]) -> dict[str, Answer]:
    """The answers without the last one given on the path (computed steps are skipped)."""
    kept = walk(tree, answers).answers
    if kept:
        kept.pop(next(reversed(kept)))
    return kept


# --- every path ---------------------------------------------------------------------------


def representative(low: float, high: float | None) -> float:
    """A round value inside [low, high): what `all_paths` answers for a numeric range."""
    if high is None:
        return low * 2 if low > 0 else 1.0
    if high - low >= 2:
        return float(math.floor((low + high) / 2))
    return (low + high) / 2


def _representatives(question: Numeric) -> list[float]:
    """One value per range: the question's `example` for the range that holds it."""
    example = question.example
    home = None if example is None else question.range_index(example)
    return [
        example if i == home and example else representative(*question.bounds(i)) for i in range(len(question.ranges))
    ]


def _through_derived(
    tree: Tree, qid: str, targets_of: Callable[[Numeric], list[float]], others_of: Callable[[str], list[float]]
) -> list[float]:
    """Values of `qid` that bring each derived value computed from it to one of its targets,
    given values of the other operand (for a ratio)."""
    values: list[float] = []
    for derived in tree.questions.values():
        if not isinstance(derived, DerivedValue) or qid not in derived.compute.of:
            continue
        targets, compute = targets_of(derived), derived.compute
        if compute.op in ("min", "max"):
            values += targets
            continue
        numerator, denominator = compute.of
        for other in others_of(denominator if qid == numerator else numerator):
            if qid == numerator:
                values += [t * other / compute.factor for t in targets]
            else:
                values += [other * compute.factor / t for t in targets if t > 0]
    return values


def _representatives_of(tree: Tree, qid: str) -> list[float]:
    question = tree.questions[qid]
    assert isinstance(question, Numeric)
    return _representatives(question)


def _candidates(tree: Tree, qid: str) -> list[float]:
    """Values worth trying for a numeric question: one per range, and any that steer a
    derived value computed from it into each of its ranges."""
    question = tree.questions[qid]
    assert isinstance(question, Numeric)
    values = _representatives(question) + _through_derived(
        tree, qid, _representatives, lambda other: _representatives_of(tree, other)
    )
    rounded = {_round_figures(v) for v in values}
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


def _round_figures(value: float, figures: int = 2) -> float:
    """154317.3 -> 150000.0: rounder numbers read better in examples (tried before exact ones)."""
    if value <= 0 or not math.isfinite(value):
        return value
    digits = figures - 1 - math.floor(math.log10(value))
    return float(round(value, digits))


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
        value = _compute(question, numbers)
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
        for number in _candidates(tree, node):
            index = question.range_index(number)
            if index is None:
                continue
            answers[node] = numbers[node] = number
            yield from _explore(tree, question.ranges[index].target, answers, numbers)
        numbers.pop(node, None)
    answers.pop(node, None)


def all_paths(tree: Tree) -> list[Path]:
    """Every distinct root-to-outcome path, each with answers that reproduce it."""
    found: dict[tuple[tuple[str, str], ...], Path] = {}
    for answers in _explore(tree, tree.start, {}, {}):
        result = walk(tree, answers)
        if result.outcome is None:
            continue
        branches = tuple((s.question, s.branch) for s in result.steps)
        if branches not in found:
            found[branches] = Path(
                result.outcome, result.answers, branches, tuple((s.question, s.target) for s in result.steps)
            )
    return list(found.values())


# --- what would change the answer -------------------------------------------------------------

_PATHS: dict[int, tuple[Tree, list[Path]]] = {}


def cached_paths(tree: Tree) -> list[Path]:
    """`all_paths`, computed once per loaded tree (trees are frozen and loaded once)."""
    entry = _PATHS.get(id(tree))
    if entry is None or entry[0] is not tree:
        entry = (tree, all_paths(tree))
        _PATHS[id(tree)] = entry
    return entry[1]


def _same_branch(tree: Tree, qid: str, raw: object, branch: str) -> bool:
    resolved = resolve(tree, qid, raw) if qid in tree.questions else "unknown"
    return not isinstance(resolved, str) and resolved[1] == branch


_SCALES = (0.5, 2.0, 0.2, 5.0, 0.1, 10.0, 0.01, 100.0, 0.001, 1000.0)


def _edges_of(question: Numeric) -> list[float]:
    """Values right at the edges of each range: its lower bound, and just under its upper one."""
    edges = []
    for i in range(len(question.ranges)):
        low, high = question.bounds(i)
        edges += [low] if low > 0 else []
        edges += [high * 0.99] if high is not None else []
    return edges


def _boundaries(tree: Tree, qid: str, answers: Mapping[str, object]) -> list[float]:
    """Values of a numeric answer that put it, or a value derived from it, at a range's edge,
    given the other answers as they stand: the smallest change that crosses a threshold."""
    question = tree.questions[qid]
    assert isinstance(question, Numeric)

    def current(other: str) -> list[float]:
        value = parse_number(answers.get(other))
        return [value] if value else []

    return _edges_of(question) + _through_derived(tree, qid, _edges_of, current)


def _nearby(tree: Tree, qid: str, answers: Mapping[str, object], fallback: Answer) -> list[float]:
    """Values to try for a numeric answer, nearest to the current one first."""
    question = tree.questions[qid]
    assert isinstance(question, Numeric)
    number = parse_number(answers.get(qid))
    values = [*_candidates(tree, qid), *_boundaries(tree, qid, answers)]
    values = [float(fallback), *values] if isinstance(fallback, float) else values
    if number:
        values += [number * scale for scale in _SCALES]
    values = [v for v in {_round_figures(v) for v in values} | set(values) if question.range_index(v) is not None]
    if not number:
        return sorted(values)[:24]
    return sorted(values, key=lambda v: (abs(math.log10(v / number)) if v > 0 else math.inf, v))[:24]


def _distance(answers: Mapping[str, object], change: Mapping[str, Answer]) -> float:
    total = 0.0
    for qid, value in change.items():
        number = parse_number(answers.get(qid))
        if isinstance(value, float) and number and value > 0:
            total += abs(math.log10(value / number))
    return total


def _change_for(tree: Tree, answers: Mapping[str, object], path: Path) -> dict[str, Answer] | None:
    """The fewest answers to change so that the walk reaches `path`'s outcome; among those, numbers
    closest to the ones given ("with 1,000 Mbps instead of 100", not an arbitrary example)."""
    asked = [(q, b) for q, b in path.branches if not b.startswith("=")]
    differing = [q for q, b in asked if not _same_branch(tree, q, answers.get(q), b)]
    choices = {q: path.answers[q] for q in differing if not isinstance(tree.questions[q], Numeric)}
    must = [q for q in differing if q not in choices]
    optional = [q for q, _ in asked if q not in differing and isinstance(tree.questions[q], Numeric)]
    for size in range(len(optional) + 1):
        found: list[dict[str, Answer]] = []
        for extra in combinations(optional, size):
            varied = [*must, *extra]
            pools = [_nearby(tree, q, answers, path.answers[q]) for q in varied]
            for values in product(*pools):
                trial: dict[str, Answer] = {**choices, **dict(zip(varied, values, strict=True))}
                if walk(tree, {**answers, **trial}).outcome == path.outcome:
                    found.append(trial)
                    break
        if found:
            return _tidy(tree, answers, min(found, key=lambda change: _distance(answers, change)), path.outcome)
    return None


def _tidy(tree: Tree, answers: Mapping[str, object], change: dict[str, Answer], outcome: str) -> dict[str, Answer]:
    """Round each number of a change to the fewest figures that still lead to the outcome,
    rounding away from the current answer (10.69 Mbps needed: suggest 11, not 10)."""
    tidy = dict(change)
    for qid, value in change.items():
        if not isinstance(value, float) or value <= 0 or not math.isfinite(value):
            continue
        current = parse_number(answers.get(qid)) or 0.0
        for figures in (2, 3):
            scale = 10 ** (figures - 1 - math.floor(math.log10(value)))
            step = math.ceil if value > current else math.floor
            rounded = float(round(step(value * scale) / scale, 12))
            if rounded > 0 and walk(tree, {**answers, **tidy, qid: rounded}).outcome == outcome:
                tidy[qid] = rounded
                break
    return tidy


def what_if(tree: Tree, answers: Mapping[str, object]) -> list[WhatIf]:
    """For every outcome other than the current one, the smallest change that leads there."""
    current = walk(tree, answers)
    best: dict[str, dict[str, Answer]] = {}
    for path in cached_paths(tree):
        if path.outcome == current.outcome:
            continue
        change = _change_for(tree, current.answers, path)
        if change is not None and (path.outcome not in best or len(change) < len(best[path.outcome])):
            best[path.outcome] = change
    return [WhatIf(oid, tree.outcomes[oid].title, best[oid]) for oid in tree.outcomes if oid in best]
