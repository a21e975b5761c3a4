"""Sentences the faces build from tree data: an outcome's availability, the answers that
pick a candidate of a shortlist, and a changed answer. The facts stay in `trees/`; only the
joining words are here."""

from __future__ import annotations

from collections.abc import Mapping

from advisor import engine
from advisor.model import NOT_SURE, Answer, Outcome, Tree

UNSURE_LABEL = "Not sure / the scenario doesn't say"
UNSURE_SHORT = "Not sure"
UNSURE_REASON = "every answer here leads to the same recommendation."
"""Why a question answered (or left) `not-sure` did not matter, in the explanation of a walk."""


def status_line(outcome: Outcome) -> str | None:
    """'Exam answer: X (retired). Today: ...' for an outcome AWS no longer sells as before."""
    if outcome.status == "available":
        return None
    day = outcome.status_since
    since = f" since {day.day} {day:%B %Y}" if day else ""
    state = outcome.status.replace("-", " ")
    today = f" Today: {outcome.instead}" if outcome.instead else ""
    return f"Exam answer: {outcome.title} ({state}{since}).{today}"


def formerly(outcome: Outcome) -> str | None:
    return f"Also known as {', '.join(outcome.also_known_as)}." if outcome.also_known_as else None


def choose_if(tree: Tree, candidate: engine.Candidate) -> list[tuple[str, str]]:
    """(question, answer) pairs that lead to a candidate, for 'choose this if ...'."""
    return [
        (
            tree.questions[s.question].text,
            f"e.g. {engine.answer_text(tree, s)}" if isinstance(s.answer, float) else s.label,
        )
        for s in candidate.steps
        if s.free
    ]


def distance_heading(distance: int) -> str:
    return f"{distance} answer{'s' if distance > 1 else ''} away"


def value_text(tree: Tree, qid: str, value: Answer) -> str:
    """How one answer given reads: the option's label, the number with its unit, or "Not sure"."""
    question = tree.questions[qid]
    if isinstance(value, float):
        return f"{engine.display_number(value)} {getattr(question, 'unit', '')}".strip()
    if value == NOT_SURE:
        return UNSURE_SHORT
    return str(getattr(question, "options", {})[value].label)


def step_text(tree: Tree, step: engine.Step) -> str:
    """How a step of a path reads (with its band, for a number); a step left open reads "Not sure"."""
    return UNSURE_SHORT if step.free else engine.answer_text(tree, step)


def change_text(tree: Tree, change: Mapping[str, Answer]) -> str:
    """'If you answer “TCP/UDP” to “What traffic…?”' in the tree's words."""
    parts = [f"“{value_text(tree, qid, value)}” to “{tree.questions[qid].text}”" for qid, value in change.items()]
    return "If you answer " + ", and ".join(parts) + "."
