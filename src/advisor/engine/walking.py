"""Answers -> a walk through a tree: the path, then the next question, the outcome, or (below a
`not-sure`) the shortlist of outcomes still possible and the question that decides between them.

Pure functions over a loaded `Tree`: no I/O, no printing, no Streamlit. The same input gives the
same result every time (options and ranges are tried in file order).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from advisor.engine.steps import Ignored, Step, compute, resolve, step_of
from advisor.engine.unsure import Candidate, Shortlist, explore
from advisor.model import NOT_SURE, Answer, DerivedValue, Tree


@dataclass(frozen=True)
class Walk:
    """Where the answers lead.

    `steps` is the path taken; with `not-sure` answers it stops at the first of them, unless a
    single outcome is left, when it goes on along the branch with the fewest open answers.
    `candidates` holds the outcomes still possible when more than one is (then `next_question` is
    the deciding question). `edges` are the (question, option or range) pairs still in play.
    """

    tree_id: str
    steps: tuple[Step, ...]
    next_question: str | None
    outcome: str | None
    ignored: tuple[Ignored, ...]
    candidates: tuple[Candidate, ...] = ()
    unsure: tuple[str, ...] = ()
    unsure_irrelevant: tuple[str, ...] = ()
    edges: frozenset[tuple[str, str]] = frozenset()
    kept: tuple[tuple[str, Answer], ...] = ()

    @property
    def complete(self) -> bool:
        return self.outcome is not None

    @property
    def shortlisted(self) -> bool:
        return len(self.candidates) > 1

    @property
    def answers(self) -> dict[str, Answer]:
        """The answers the walk used, in path order (computed values and assumed ones excluded)."""
        used = {s.question: s.answer for s in self.steps if not s.computed and not s.free}
        return {**used, **dict(self.kept)}


def walk(tree: Tree, answers: Mapping[str, object]) -> Walk:
    """Follow the answers from the start until a question is unanswered, an outcome is reached,
    or an answer is `not-sure` (then every branch below is explored)."""
    steps: list[Step] = []
    ignored: list[Ignored] = []
    numbers: dict[str, float] = {}
    node: str | None = tree.start
    shortlist: Shortlist | None = None
    while node in tree.questions and len(steps) <= len(tree.questions):
        question = tree.questions[node]
        if isinstance(question, DerivedValue):
            value = compute(question, numbers)
            index = None if value is None else question.range_index(value)
            if value is None or index is None:
                break
            numbers[node] = value
            steps.append(step_of(tree, node, value, f"={index}"))
            node = steps[-1].target
            continue
        if node not in answers:
            break
        if answers[node] == NOT_SURE:
            shortlist = explore(tree, node, answers, numbers)
            break
        resolved = resolve(tree, node, answers[node])
        if isinstance(resolved, str):
            ignored.append(Ignored(node, answers[node], resolved))
            break
        answer, key, _ = resolved
        if isinstance(answer, float):
            numbers[node] = answer
        steps.append(step_of(tree, node, answer, key))
        node = steps[-1].target
    if shortlist is not None:
        return _shortlisted(tree, answers, steps, ignored, shortlist)
    outcome = node if node in tree.outcomes else None
    ignored += _unused(tree, answers, {s.question for s in steps} | {i.question for i in ignored})
    edges = frozenset((s.question, s.key) for s in steps)
    return Walk(tree.id, tuple(steps), None if outcome else node, outcome, tuple(ignored), edges=edges)


def _unused(tree: Tree, answers: Mapping[str, object], on_path: set[str]) -> list[Ignored]:
    return [
        Ignored(
            qid,
            raw,
            "not on the path of the other answers" if qid in tree.questions else "no such question in this tree",
        )
        for qid, raw in answers.items()
        if qid not in on_path
    ]


def _shortlisted(
    tree: Tree, answers: Mapping[str, object], steps: list[Step], ignored: list[Ignored], found: Shortlist
) -> Walk:
    ignored += [Ignored(q, answers[q], reason) for q, reason in found.invalid.items()]
    ignored += _unused(tree, answers, {s.question for s in steps} | set(found.reached))
    unsure = {q for q, v in found.kept.items() if v == NOT_SURE}
    candidates = found.candidates(tree)
    edges = frozenset((s.question, s.key) for s in steps) | {
        (s.question, s.key) for leaf in found.leaves for s in leaf.steps
    }
    base = Walk(
        tree.id,
        tuple(steps),
        None,
        None,
        tuple(ignored),
        unsure=tuple(q for q in found.kept if q in unsure),
        unsure_irrelevant=tuple(found.irrelevant(tree, unsure)),
        edges=edges,
        kept=tuple(found.kept.items()),
    )
    if len(candidates) == 1:
        return replace(base, steps=(*steps, *candidates[0].steps), outcome=candidates[0].outcome)
    return replace(base, next_question=found.deciding(tree, unsure), candidates=tuple(candidates))


def revise(tree: Tree, answers: Mapping[str, object], changes: Mapping[str, object]) -> dict[str, Answer]:
    """Apply changes, keep the later answers that still lie on the path and drop the rest."""
    return walk(tree, {**answers, **changes}).answers


def back(tree: Tree, answers: Mapping[str, object]) -> dict[str, Answer]:
    """The answers without the last one given on the path (computed steps are skipped)."""
    kept = walk(tree, answers).answers
    if kept:
        kept.pop(next(reversed(kept)))
    return kept
