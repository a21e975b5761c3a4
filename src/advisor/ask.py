"""`advisor ask`: one question at a time in a terminal; `?` is "not sure", `b` goes back, `q` quits."""

from __future__ import annotations

import click

from advisor import engine, links, terminal, wording
from advisor.model import NOT_SURE, Answer, ChoiceQuestion, Numeric, Tree

UNSURE_KEY = "?"


def _read(prompt: str) -> str | None:
    try:
        return str(click.prompt(prompt, prompt_suffix="> ", default="", show_default=False)).strip()
    except (click.Abort, EOFError):
        return None


def _interpret(tree: Tree, qid: str, reply: str) -> Answer | None:
    """The answer the user typed: an option's number, a number for a numeric question, or `?`."""
    if reply == UNSURE_KEY:
        return NOT_SURE
    question = tree.questions[qid]
    if isinstance(question, ChoiceQuestion):
        options = list(question.options)
        number = int(reply) if reply.isascii() and reply.isdigit() and len(reply) <= 3 else 0
        return options[number - 1] if 1 <= number <= len(options) else None
    resolved = engine.resolve(tree, qid, reply)
    return None if isinstance(resolved, str) else resolved[0]


def _hint(tree: Tree, qid: str) -> str:
    question = tree.questions[qid]
    what = f"a number from 1 to {len(question.options)}" if isinstance(question, ChoiceQuestion) else engine.NUMBER_RULE
    return f"Type {what}, ? if you are not sure, b to go back or q to quit."


def _show_question(tree: Tree, qid: str, number: int) -> None:
    question = tree.questions[qid]
    click.echo()
    click.secho(f"{number}. {question.text}", bold=True)
    terminal.say(question.help, "   ")
    if isinstance(question, ChoiceQuestion):
        for i, option in enumerate(question.options.values(), 1):
            click.echo(f"   {i}) {option.label}")
    elif isinstance(question, Numeric):
        click.echo(f"   Answer with a number in {question.unit}.")
    click.echo(f"   {UNSURE_KEY}) {wording.UNSURE_LABEL}")


def _show_outcome(tree: Tree, walk: engine.Walk, base_url: str) -> None:
    assert walk.outcome is not None
    outcome = tree.outcomes[walk.outcome]
    terminal.show_recommendation(tree, walk.outcome)
    click.echo("\nWhy, given your answers:")
    for step in walk.steps:
        terminal.say(f"- {terminal.step_line(tree, step)}", "  ")
    terminal.show_unsure_irrelevant(tree, walk)
    for heading, items in (
        ("Caveats", outcome.caveats),
        ("Exam tips", outcome.exam_tips),
        ("Changed since the course", outcome.changed_since),
    ):
        if items:
            click.echo(f"\n{heading}:")
            for item in items:
                terminal.say(f"- {item}", "  ")
    click.echo(f"\nShare link: {base_url}?{links.encode(tree.id, walk.answers)}")


def _ask(tree: Tree, walk: engine.Walk) -> str | None:
    """Shows the next question (after the shortlist, when there is one) and reads a valid reply."""
    qid = walk.next_question
    assert qid is not None
    if walk.shortlisted:
        terminal.show_shortlist(tree, walk)
    _show_question(tree, qid, len(walk.answers) + 1)
    reply = _read("")
    while reply is not None and reply.lower() not in ("q", "b") and _interpret(tree, qid, reply) is None:
        click.echo(_hint(tree, qid))
        reply = _read("")
    return reply


def run(tree: Tree, base_url: str) -> None:
    click.secho(tree.title, bold=True)
    terminal.say(tree.summary)
    click.echo("Type the number of an answer (or a value, when asked for one); ? not sure, b back, q quit.")
    answers: dict[str, Answer] = {}
    while True:
        walk = engine.walk(tree, answers)
        if walk.outcome is not None:
            _show_outcome(tree, walk, base_url)
            return
        if walk.next_question is None:
            click.echo(f"\nShare link: {base_url}?{links.encode(tree.id, walk.answers)}")
            return
        reply = _ask(tree, walk)
        if reply is None or reply.lower() == "q":
            click.echo("Stopped; no recommendation yet.")
            return
        if reply.lower() == "b":
            answers = engine.back(tree, answers)
            continue
        answer = _interpret(tree, walk.next_question, reply)
        assert answer is not None
        answers = engine.revise(tree, answers, {walk.next_question: answer})
