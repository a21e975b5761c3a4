"""`advisor practice` in a terminal: each question, a pick from 1 to 4, right or wrong with the
step where a wrong pick leaves the scenario's path, and the score at the end."""

from __future__ import annotations

from collections.abc import Mapping

import click

from advisor import compare, practice, terminal
from advisor.model import Tree


def _show_feedback(tree: Tree, item: practice.Question, pick: str) -> bool:
    result = practice.feedback(tree, item, pick)
    answer = tree.outcomes[item.answer].title
    if result.right:
        click.secho(f"Right: {answer}.", fg="green", bold=True)
    else:
        click.secho(f"Not quite: the answer is {answer}.", fg="red", bold=True)
        if result.parting is not None and result.needed is not None:
            question = tree.questions[result.parting.question].text
            terminal.say(
                f"Your pick needs “{result.needed}” for “{question}”; "
                f"the scenario's answer is “{result.parting.label}”: {result.parting.because}"
            )
        table = compare.compare(tree, [item.answer, pick])
        if table.differing:
            click.echo("How they differ:")
        for attribute in (a for a in table.attributes if a.id in table.differing):
            terminal.say(
                f"- {attribute.label}: {table.text(item.answer, attribute)} (your pick: {table.text(pick, attribute)})",
                "  ",
            )
    click.echo("The scenario's path:")
    for step in result.walk.steps:
        terminal.say(f"- {terminal.step_line(tree, step)}", "  ")
    return result.right


def run(trees: Mapping[str, Tree], tree_id: str | None, seed: int, items: list[practice.Question]) -> None:
    click.secho(f"Practice: {trees[tree_id].title if tree_id else 'every tree'} (seed {seed})", bold=True)
    click.echo("Type 1 to 4 to pick an answer, q to stop.")
    score = 0
    missed: list[practice.Question] = []
    for number, item in enumerate(items, 1):
        tree = trees[item.tree]
        click.echo()
        click.secho(f"Question {number} of {len(items)} ({tree.title})", bold=True)
        terminal.say(item.text)
        for i, oid in enumerate(item.choices, 1):
            click.echo(f"   {i}) {tree.outcomes[oid].title}")
        reply = _read(len(item.choices))
        if reply is None:
            break
        if _show_feedback(tree, item, item.choices[reply - 1]):
            score += 1
        else:
            missed.append(item)
    click.secho(f"\nScore: {score} of {len(items)}", bold=True)
    for item in missed:
        click.echo(f"- missed {item.id}: {trees[item.tree].outcomes[item.answer].title}")
    click.echo(
        f"Replay this round: advisor practice {tree_id or ''} --seed {seed} --count {len(items)}".replace("  ", " ")
    )


def _read(choices: int) -> int | None:
    while True:
        try:
            reply = str(click.prompt("", prompt_suffix="> ", default="", show_default=False)).strip()
        except (click.Abort, EOFError):
            return None
        if reply.lower() == "q":
            return None
        if reply.isascii() and reply.isdigit() and len(reply) <= 3 and 1 <= int(reply) <= choices:
            return int(reply)
        click.echo(f"Type a number from 1 to {choices}, or q to stop.")
