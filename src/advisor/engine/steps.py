"""One step of a walk: an answer resolved against its question, and where it leads.

An answer is an option id for a choice question, a number (in the question's unit) for a
numeric one (numbers may arrive as text, as they do from a share link), or `not-sure`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from advisor.engine.numbers import NUMBER_RULE, display_number, parse_number
from advisor.model import NOT_SURE, Answer, Branch, ChoiceQuestion, DerivedValue, Tree


@dataclass(frozen=True)
class Step:
    """One question on the path, the answer given (or computed) and where it led.

    `branch` is the option id or the index of the numeric range taken ("=index" when computed).
    A free step is one the user left open (`not-sure`, or not answered below a `not-sure`): the
    answer is then the value that this branch of the shortlist assumes.
    """

    question: str
    answer: Answer
    label: str
    because: str
    branch: str
    target: str
    free: bool = False

    @property
    def computed(self) -> bool:
        return self.branch.startswith("=")

    @property
    def key(self) -> str:
        """The option id or range index, for drawing the edge taken."""
        return self.branch.removeprefix("=")


@dataclass(frozen=True)
class Ignored:
    question: str
    answer: object
    reason: str


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
        return f"not {NUMBER_RULE}"
    return value, str(index), question.ranges[index]


@dataclass(frozen=True)
class Refused:
    reason: str


def accept(tree: Tree, qid: str, raw: object) -> Answer | Refused:
    """An answer as the engine keeps it (`not-sure` included), or why it cannot be one."""
    if raw == NOT_SURE and not isinstance(tree.questions[qid], DerivedValue):
        return NOT_SURE
    resolved = resolve(tree, qid, raw)
    return Refused(resolved) if isinstance(resolved, str) else resolved[0]


def branch_of(tree: Tree, qid: str, key: str) -> Branch:
    """The option or numeric range a branch key names."""
    question = tree.questions[qid]
    if isinstance(question, ChoiceQuestion):
        return question.options[key]
    return question.ranges[int(key.removeprefix("="))]


def compute(question: DerivedValue, values: Mapping[str, float]) -> float | None:
    operands = [values.get(q) for q in question.compute.of]
    if any(v is None for v in operands):
        return None
    return question.compute.apply([v for v in operands if v is not None])


def step_of(tree: Tree, qid: str, answer: Answer, key: str, *, free: bool = False) -> Step:
    branch = branch_of(tree, qid, key)
    return Step(qid, answer, branch.label, branch.because, key, branch.target, free)


def answer_text(tree: Tree, step: Step) -> str:
    """How an answer reads: the option's label, or the number with its unit (and band, if several)."""
    if not isinstance(step.answer, float):
        return step.label
    question = tree.questions[step.question]
    unit = getattr(question, "unit", "")
    band = f": {step.label}" if len(getattr(question, "ranges", ())) > 1 else ""
    return f"{display_number(step.answer)} {unit}{band}"
