"""Commands that answer: explain a walk, ask in the terminal, practise, compare outcomes."""

from __future__ import annotations

import secrets

import click

from advisor import compare, engine, links, practice, terminal
from advisor.cli.common import all_trees, answer_option, base_url_option, cli, emit, fail, json_option, one_tree
from advisor.loader import get_tree
from advisor.report import compare_json, explain_json, parse_answers, practice_json


@cli.command()
@click.argument("tree_id", metavar="TREE")
@answer_option
@base_url_option
@json_option
def explain(tree_id: str, pairs: tuple[str, ...], base_url: str, as_json: bool) -> None:
    """Walk a tree with the given answers and explain where it leads."""
    tree = one_tree(tree_id)
    answers = parse_answers(tree, pairs)
    data = explain_json(tree, answers)
    if as_json:
        emit(data)
        return
    walk = engine.walk(tree, answers)
    for step in walk.steps:
        terminal.say(f"- {terminal.step_line(tree, step)}")
    for ignored in data["ignored"]:
        click.echo(f"  (answer {ignored['question']}={ignored['answer']} not used: {ignored['reason']})")
    if walk.outcome:
        terminal.show_recommendation(tree, walk.outcome)
    elif walk.shortlisted:
        terminal.show_shortlist(tree, walk)
    elif walk.next_question:
        click.echo(f"\nNext question: {tree.questions[walk.next_question].text}")
    terminal.show_unsure_irrelevant(tree, walk)
    terminal.show_what_if(engine.what_if(tree, walk.answers))
    click.echo(f"\nShare link: {base_url.rstrip('/')}/{data['link']}")


@cli.command()
@click.argument("tree_id", metavar="TREE")
@base_url_option
def ask(tree_id: str, base_url: str) -> None:
    """Answer a tree's questions one at a time in the terminal (b: back, q: quit)."""
    from advisor.ask import run

    run(one_tree(tree_id), base_url.rstrip("/") + "/")


@cli.command("practice")
@click.argument("tree_id", metavar="[TREE]", required=False)
@click.option("--seed", type=click.IntRange(0, 2**31), help="The round's seed: the same seed gives the same round.")
@click.option("--count", type=click.IntRange(1, 200), default=practice.DEFAULT_COUNT, show_default=True)
@json_option
def practice_round(tree_id: str | None, seed: int | None, count: int, as_json: bool) -> None:
    """Exam-style questions from the scenarios of a tree (or of every tree), with feedback."""
    trees = all_trees()
    if tree_id is not None:
        get_tree(trees, tree_id)
    seed = secrets.randbelow(10**6) if seed is None else seed
    items = practice.make_round(trees, tree_id, seed, count)
    if as_json:
        emit(practice_json(trees, tree_id, seed, items))
        return
    from advisor.practice_terminal import run

    run(trees, tree_id, seed, items)


@cli.command("compare")
@click.argument("tree_id", metavar="TREE")
@click.argument("outcomes", nargs=-1, metavar="[OID ...]")
@json_option
def compare_outcomes(tree_id: str, outcomes: tuple[str, ...], as_json: bool) -> None:
    """The outcomes of a tree side by side (all of them, or the ones named)."""
    tree = one_tree(tree_id)
    unknown = [o for o in outcomes if o not in tree.outcomes]
    if unknown:
        fail(
            f"Tree '{tree.id}' has no outcome {links.quote(unknown[0])}; its outcomes are: {', '.join(tree.outcomes)}."
        )
    if not tree.compare:
        fail(f"Tree '{tree.id}' has no comparison yet.")
    table = compare.compare(tree, outcomes)
    if as_json:
        emit(compare_json(table))
        return
    terminal.show_comparison(table)
