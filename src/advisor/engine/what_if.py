"""What would change the answer: for each other outcome, the fewest answers to change (and,
for numbers, the values nearest the ones given), ordered by how many answers change."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations, product

from advisor.engine.numbers import parse_number
from advisor.engine.paths import Path, cached_paths
from advisor.engine.steps import resolve
from advisor.engine.values import nearby
from advisor.engine.walking import walk
from advisor.model import NOT_SURE, Answer, Numeric, Tree


@dataclass(frozen=True)
class WhatIf:
    outcome: str
    title: str
    change: dict[str, Answer]

    @property
    def distance(self) -> int:
        """How many answers change."""
        return len(self.change)


def _same_branch(tree: Tree, qid: str, raw: object, branch: str) -> bool:
    resolved = resolve(tree, qid, raw) if qid in tree.questions else "unknown"
    return not isinstance(resolved, str) and resolved[1] == branch


def _closeness(answers: Mapping[str, object], change: Mapping[str, Answer]) -> float:
    total = 0.0
    for qid, value in change.items():
        number = parse_number(answers.get(qid))
        if isinstance(value, float) and number and value > 0:
            total += abs(math.log10(value / number))
    return total


_POOL_SIZES = (24, 24, 8, 4)
"""Values tried per number when 0, 1, 2, 3 or more numbers vary together: enough to find the
nearest value of one number, few enough that varying several stays fast."""

MAX_EXTRA = 2
"""At most this many numbers already in the right range are varied as well."""


def _plan(tree: Tree, answers: Mapping[str, object], path: Path) -> tuple[dict[str, Answer], list[str], list[str]]:
    """For a path: the choices to change, the numbers that must change, the numbers that may."""
    asked = [(q, b) for q, b in path.branches if not b.startswith("=")]
    differing = [q for q, b in asked if not _same_branch(tree, q, answers.get(q), b)]
    choices = {q: path.answers[q] for q in differing if not isinstance(tree.questions[q], Numeric)}
    must = [q for q in differing if q not in choices]
    optional = [q for q, _ in asked if q not in differing and isinstance(tree.questions[q], Numeric)]
    return choices, must, optional


def _change_for(tree: Tree, answers: Mapping[str, object], path: Path) -> dict[str, Answer] | None:
    """The fewest answers to change so that the walk reaches `path`'s outcome; among those, numbers
    closest to the ones given ("with 1,000 Mbps instead of 100", not an arbitrary example)."""
    choices, must, optional = _plan(tree, answers, path)
    for size in range(min(len(optional), MAX_EXTRA) + 1):
        found: list[dict[str, Answer]] = []
        for extra in combinations(optional, size):
            varied = [*must, *extra]
            keep = _POOL_SIZES[min(len(varied), len(_POOL_SIZES) - 1)]
            pools = [_pool(tree, answers, q, path.answers[q], keep) for q in varied]
            for values in product(*pools):
                trial: dict[str, Answer] = {**choices, **dict(zip(varied, values, strict=True))}
                if walk(tree, {**answers, **trial}).outcome == path.outcome:
                    found.append(trial)
                    break
        if found:
            return _tidy(tree, answers, min(found, key=lambda change: _closeness(answers, change)), path.outcome)
    return None


def _pool(tree: Tree, answers: Mapping[str, object], qid: str, on_path: Answer, keep: int) -> list[float]:
    """The values nearest the given answer, and the path's own value last, so that trying the
    path's values together always reaches it."""
    near = nearby(tree, qid, answers, on_path)[:keep]
    return [*near, float(on_path)] if isinstance(on_path, float) and on_path not in near else near


def _unsure_kept(
    tree: Tree, answers: Mapping[str, object], change: dict[str, Answer], outcome: str
) -> dict[str, Answer]:
    """Leave a `not-sure` answer as it is when the outcome is reached without it: it does not
    count as a change."""
    kept = dict(change)
    for qid in [q for q in change if answers.get(q) == NOT_SURE]:
        trial = {k: v for k, v in kept.items() if k != qid}
        if walk(tree, {**answers, **trial}).outcome == outcome:
            kept = trial
    return kept


def _tidy(tree: Tree, answers: Mapping[str, object], change: dict[str, Answer], outcome: str) -> dict[str, Answer]:
    """Round each number of a change to the fewest figures that still lead to the outcome,
    rounding away from the current answer (10.69 Mbps needed: suggest 11, not 10)."""
    tidy = dict(change)
    for qid, value in change.items():
        if not isinstance(value, float) or value <= 0 or not math.isfinite(value):
            continue
        current = parse_number(answers.get(qid)) or 0.0
        step = math.ceil if value > current else math.floor
        tries = [float(step(value))] if _counts(tree, qid) else []
        for figures in (2, 3):
            scale = 10 ** (figures - 1 - math.floor(math.log10(value)))
            tries.append(float(round(step(value * scale) / scale, 12)))
        for rounded in tries:
            if rounded > 0 and walk(tree, {**answers, **tidy, qid: rounded}).outcome == outcome:
                tidy[qid] = rounded
                break
    return tidy


def _counts(tree: Tree, qid: str) -> bool:
    """Whether a number counts whole things: every bound of its ranges (and its example) is whole,
    so a suggestion of 7.9 instances reads better as 7."""
    question = tree.questions[qid]
    assert isinstance(question, Numeric)
    bounds = [r.below for r in question.ranges if r.below is not None]
    return all(float(b).is_integer() for b in [*bounds, question.example or 1.0]) and all(b >= 2 for b in bounds)


def what_if(tree: Tree, answers: Mapping[str, object]) -> list[WhatIf]:
    """For every outcome other than the current one (or the shortlisted ones), the smallest
    change that leads there: one changed answer first, then two, and so on."""
    current = walk(tree, answers)
    here = {current.outcome} | {c.outcome for c in current.candidates}
    best: dict[str, dict[str, Answer]] = {}
    for path in cached_paths(tree):
        if path.outcome in here:
            continue
        choices, must, _ = _plan(tree, current.answers, path)
        if path.outcome in best and len(best[path.outcome]) <= len(choices) + len(must):
            continue  # this path cannot need fewer changes than the one already found
        change = _change_for(tree, current.answers, path)
        if change is not None:
            change = _unsure_kept(tree, current.answers, change, path.outcome)
        if change is not None and (path.outcome not in best or len(change) < len(best[path.outcome])):
            best[path.outcome] = change
    found = [WhatIf(oid, tree.outcomes[oid].title, best[oid]) for oid in tree.outcomes if oid in best]
    return sorted(found, key=lambda w: w.distance)
