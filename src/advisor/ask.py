"""`advisor ask`: one question at a time in a terminal; `b` goes back, `q` quits."""

from __future__ import annotations

import textwrap

import click

from advisor import engine, links
from advisor.model import Answer, ChoiceQuestion, Numeric, Tree


def _say(text: str = "", indent: str = "") -> None:
    click.echo(textwrap.fill(text, 88, initial_indent=indent, subsequent_indent=indent) if text else "")


def _read(prompt: str) -> str | None:
    try:
        return str(click.prompt(prompt, prompt_suffix="> ", default="", show_default=False)).strip()
    except (click.Abort, EOFError):
        return None


def _interpret(tree: Tree, qid: str, reply: str) -> Answer | None:
    """The answer the user typed: an option's number, or a number for a numeric question."""
    question = tree.questions[qid]
    if isinstance(question, ChoiceQuestion):
        options = list(question.options)
        return options[int(reply) - 1] if reply.isdigit() and 1 <= int(reply) <= len(options) else None
    resolved = engine.resolve(tree, qid, reply)
    return None if isinstance(resolved, str) else resolved[0]


def _hint(tree: Tree, qid: str) -> str:
    question = tree.questions[qid]
    what = (
        f"a number from 1 to {len(question.options)}"
        if isinstance(question, ChoiceQuestion)
        else "a number (0 or more)"
    )
    return f"Type {what}, b to go back or q to quit."


def _show_question(tree: Tree, qid: str, number: int) -> None:
    question = tree.questions[qid]
    click.echo()
    click.secho(f"{number}. {question.text}", bold=True)
    _say(question.help, "   ")
    if isinstance(question, ChoiceQuestion):
        for i, option in enumerate(question.options.values(), 1):
            click.echo(f"   {i}) {option.label}")
    elif isinstance(question, Numeric):
        click.echo(f"   Answer with a number in {question.unit}.")


def _show_outcome(tree: Tree, walk: engine.Walk, base_url: str) -> None:
    assert walk.outcome is not None
    outcome = tree.outcomes[walk.outcome]
    click.echo()
    click.secho(f"Recommendation: {outcome.title}", bold=True, fg="green")
    _say(outcome.summary)
    click.echo("\nWhy, given your answers:")
    for step in walk.steps:
        _say(f"- {engine.answer_text(tree, step)}: {step.because}", "  ")
    for heading, items in (
        ("Caveats", outcome.caveats),
        ("Exam tips", outcome.exam_tips),
        ("Changed since the course", outcome.changed_since),
    ):
        if items:
            click.echo(f"\n{heading}:")
            for item in items:
                _say(f"- {item}", "  ")
    click.echo(f"\nShare link: {base_url}?{links.encode(tree.id, walk.answers)}")


def run(tree: Tree, base_url: str) -> None:
    click.secho(tree.title, bold=True)
    _say(tree.summary)
    click.echo("Type the number of an answer (or a value, when asked for one); b goes back, q quits.")
    answers: dict[str, Answer] = {}
    while True:
        walk = engine.walk(tree, answers)
        if walk.outcome is not None:
            _show_outcome(tree, walk, base_url)
            return
        qid = walk.next_question
        assert qid is not None
        _show_question(tree, qid, len(walk.answers) + 1)
        reply = _read("")
        while reply is not None and reply.lower() not in ("q", "b") and _interpret(tree, qid, reply) is None:
            click.echo(_hint(tree, qid))
            reply = _read("")
        if reply is None or reply.lower() == "q":
            click.echo("Stopped; no recommendation yet.")
            return
        if reply.lower() == "b":
            answers = engine.back(tree, answers)
            continue
        answer = _interpret(tree, qid, reply)
        assert answer is not None
        answers = engine.revise(tree, answers, {qid: answer})
