"""The CLI's JSON documents (the contracts in docs/contracts.md: explain, practice, compare), and
answers read from QUESTION=VALUE pairs. No printing here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from advisor import compare, engine, links, practice, wording
from advisor.errors import AnswerError
from advisor.model import NOT_SURE, Answer, ChoiceQuestion, DerivedValue, Tree


def json_value(value: Answer) -> Answer | int:
    return int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 2**53 else value


def json_number(value: str | float) -> str | float | int:
    """A fact's value for JSON: whole numbers as integers, text as it is."""
    return json_value(value) if isinstance(value, float) else value


def parse_answers(tree: Tree, pairs: tuple[str, ...]) -> dict[str, Answer]:
    """QUESTION=VALUE pairs as answers; a bad pair raises AnswerError with one sentence."""
    answers: dict[str, Answer] = {}
    for pair in pairs:
        qid, sep, raw = pair.partition("=")
        if not sep:
            raise AnswerError(f"--answer takes QUESTION=VALUE, not {links.quote(pair)}.")
        if qid in answers:
            raise AnswerError(f"Question '{qid}' is answered twice; give each question one answer.")
        question = tree.questions.get(qid)
        if question is None or isinstance(question, DerivedValue):
            known = ", ".join(q for q, v in tree.questions.items() if not isinstance(v, DerivedValue))
            raise AnswerError(f"Tree '{tree.id}' has no question {links.quote(qid)}; its questions are: {known}.")
        answer = engine.accept(tree, qid, raw)
        if isinstance(answer, engine.Refused):
            hint = (
                f" (options: {', '.join([*question.options, NOT_SURE])})"
                if isinstance(question, ChoiceQuestion)
                else ""
            )
            raise AnswerError(f"The answer {links.quote(raw)} to '{qid}' is {answer.reason}{hint}.")
        answers[qid] = answer
    return answers


def question_json(tree: Tree, qid: str) -> dict[str, Any]:
    question = tree.questions[qid]
    data: dict[str, Any] = {"id": qid, "text": question.text, "kind": question.kind, "help": question.help}
    if isinstance(question, ChoiceQuestion):
        data["options"] = [{"id": oid, "label": o.label} for oid, o in question.options.items()]
    else:
        data["options"] = []
        data["unit"] = question.unit
        data["ranges"] = [{"below": r.below, "label": r.label} for r in question.ranges]
    return data


def _because(step: engine.Step) -> str:
    return f"{wording.UNSURE_SHORT}: {wording.UNSURE_REASON}" if step.free else step.because


def _path(tree: Tree, walk: engine.Walk) -> list[dict[str, Any]]:
    """The steps walked, then (below a `not-sure`) the answers given there, `not-sure` included."""
    path = [
        {"question": s.question, "answer": NOT_SURE if s.free else json_value(s.answer), "because": _because(s)}
        for s in walk.steps
    ]
    listed = {s.question for s in walk.steps}
    for qid, value in walk.kept:
        if qid not in listed:
            resolved = None if value == NOT_SURE else engine.resolve(tree, qid, value)
            because = resolved[2].because if isinstance(resolved, tuple) else "Not sure."
            path.append({"question": qid, "answer": json_value(value), "because": because})
    return path


def _answers(answers: dict[str, Answer]) -> dict[str, Answer | int]:
    return {q: json_value(v) for q, v in answers.items()}


def explain_json(tree: Tree, answers: dict[str, Answer]) -> dict[str, Any]:
    walk = engine.walk(tree, answers)
    deciding = walk.next_question if walk.shortlisted else None
    outcome = None
    if walk.outcome:
        outcome = {"id": walk.outcome, **tree.outcomes[walk.outcome].model_dump(mode="json")}
    return {
        "tree": tree.id,
        "complete": walk.complete,
        "outcome": outcome,
        "next_question": question_json(tree, walk.next_question) if walk.next_question else None,
        "path": _path(tree, walk),
        "ignored": [{"question": i.question, "answer": i.answer, "reason": i.reason} for i in walk.ignored],
        "candidates": [
            {
                "outcome": c.outcome,
                "title": c.title,
                "needs": _answers(c.needs),
                "status": tree.outcomes[c.outcome].status,
            }
            for c in walk.candidates
        ],
        "deciding_question": question_json(tree, deciding) if deciding else None,
        "unsure_irrelevant": list(walk.unsure_irrelevant),
        "what_if": [
            {"outcome": w.outcome, "title": w.title, "change": _answers(w.change), "distance": w.distance}
            for w in engine.what_if(tree, walk.answers)
        ],
        "link": "?" + links.encode(tree.id, walk.answers),
    }


def practice_json(
    trees: Mapping[str, Tree], tree_id: str | None, seed: int, items: list[practice.Question]
) -> dict[str, Any]:
    return {
        "tree": tree_id,
        "seed": seed,
        "questions": [
            {
                "id": q.id,
                "scenario": q.text,
                "choices": [{"outcome": o, "title": trees[q.tree].outcomes[o].title} for o in q.choices],
                "answer": q.answer,
            }
            for q in items
        ],
    }


def compare_json(table: compare.Comparison) -> dict[str, Any]:
    tree = table.tree
    return {
        "tree": tree.id,
        "attributes": [{"id": a.id, "label": a.label, "kind": a.kind} for a in table.attributes],
        "outcomes": [
            {
                "id": oid,
                "title": tree.outcomes[oid].title,
                "facts": {a.id: json_number(table.raw(oid, a.id)) for a in table.attributes},
            }
            for oid in table.outcomes
        ],
    }
