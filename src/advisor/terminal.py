"""How a walk reads in a terminal: the path, the recommendation (with its status), the
shortlist below a `not-sure`, and what would change the answer. Used by `explain` and `ask`."""

from __future__ import annotations

import textwrap

import click

from advisor import compare, engine, links, wording
from advisor.model import Tree


def say(text: str = "", indent: str = "") -> None:
    click.echo(textwrap.fill(text, 88, initial_indent=indent, subsequent_indent=indent) if text else "")


def step_line(tree: Tree, step: engine.Step) -> str:
    answer = wording.step_text(tree, step)
    reason = wording.UNSURE_REASON if step.free else step.because
    return f"{tree.questions[step.question].text} -> {answer}: {reason}"


def show_recommendation(tree: Tree, oid: str) -> None:
    outcome = tree.outcomes[oid]
    click.secho(f"\nRecommendation: {outcome.title}", bold=True)
    if outcome.also_known_as:
        say(wording.formerly(outcome) or "")
    notice = wording.status_line(outcome)
    if notice:
        click.secho(notice, fg="yellow")
    say(outcome.summary)
    for entry in outcome.next_decisions:
        say(f"Next: advisor ask {entry.tree} ({entry.reason})")


def choose_if(tree: Tree, candidate: engine.Candidate) -> str:
    return "; ".join(f"{question} -> {answer}" for question, answer in wording.choose_if(tree, candidate))


def show_shortlist(tree: Tree, walk: engine.Walk) -> None:
    click.secho(f"\nStill possible ({len(walk.candidates)}):", bold=True)
    for candidate in walk.candidates:
        say(f"- {candidate.title}: choose this if {choose_if(tree, candidate)}", "  ")
    if walk.next_question:
        question = tree.questions[walk.next_question]
        options = ", ".join(getattr(question, "options", {})) or getattr(question, "unit", "")
        say(f"The question that decides ({walk.next_question}: {options}): {question.text}")


def show_unsure_irrelevant(tree: Tree, walk: engine.Walk) -> None:
    if walk.unsure_irrelevant:
        names = "; ".join(tree.questions[q].text for q in walk.unsure_irrelevant)
        say(f"Your 'not sure' did not matter for: {names}")


def show_what_if(items: list[engine.WhatIf]) -> None:
    if not items:
        return
    click.echo("\nWhat would change the answer:")
    for distance in sorted({w.distance for w in items}):
        click.echo(f"  {wording.distance_heading(distance)}:")
        for item in (w for w in items if w.distance == distance):
            change = ", ".join(f"{q}={links.encode_value(v)}" for q, v in item.change.items())
            click.echo(f"  - {item.title}: {change}")


def show_comparison(table: compare.Comparison) -> None:
    """One block per attribute, one line per outcome; attributes that differ are marked."""
    tree = table.tree
    click.secho(f"{tree.title}: {', '.join(tree.outcomes[o].title for o in table.outcomes)}", bold=True)
    width = max(len(tree.outcomes[o].title) for o in table.outcomes)
    for attribute in table.attributes:
        mark = "" if attribute.id in table.differing else "  (the same for all)"
        click.secho(f"\n{attribute.label}{mark}", bold=True)
        for oid in table.outcomes:
            click.echo(f"  {tree.outcomes[oid].title:<{width}}  {table.text(oid, attribute)}")
