"""How a walk reads in a terminal: the path, the recommendation (with its status), the
shortlist below a `not-sure`, and what would change the answer. Used by `explain` and `ask`."""

from __future__ import annotations

import textwrap

import click

from advisor import engine
from advisor.model import Outcome, Tree

UNSURE = "Not sure"


def say(text: str = "", indent: str = "") -> None:
    click.echo(textwrap.fill(text, 88, initial_indent=indent, subsequent_indent=indent) if text else "")


def step_line(tree: Tree, step: engine.Step) -> str:
    answer = UNSURE if step.free else engine.answer_text(tree, step)
    reason = "every answer here leads to the same recommendation." if step.free else step.because
    return f"{tree.questions[step.question].text} -> {answer}: {reason}"


def status_line(outcome: Outcome) -> str | None:
    """'Exam answer: X. Today: ...' for an outcome AWS no longer sells as it did."""
    if outcome.status == "available":
        return None
    since = f" since {outcome.status_since.isoformat()}" if outcome.status_since else ""
    state = outcome.status.replace("-", " ")
    today = f" Today: {outcome.instead}" if outcome.instead else ""
    return f"Exam answer: {outcome.title} ({state}{since}).{today}"


def show_recommendation(tree: Tree, oid: str) -> None:
    outcome = tree.outcomes[oid]
    click.secho(f"\nRecommendation: {outcome.title}", bold=True)
    if outcome.also_known_as:
        say(f"Formerly or also: {', '.join(outcome.also_known_as)}.")
    notice = status_line(outcome)
    if notice:
        click.secho(notice, fg="yellow")
    say(outcome.summary)


def choose_if(tree: Tree, candidate: engine.Candidate) -> str:
    picks = [f"{tree.questions[s.question].text} -> {s.label}" for s in candidate.steps if s.free]
    return "; ".join(picks)


def show_shortlist(tree: Tree, walk: engine.Walk) -> None:
    click.secho(f"\nStill possible ({len(walk.candidates)}):", bold=True)
    for candidate in walk.candidates:
        say(f"- {candidate.title}: choose this if {choose_if(tree, candidate)}", "  ")
    if walk.next_question:
        say(f"The question that decides: {tree.questions[walk.next_question].text}")


def show_unsure_irrelevant(tree: Tree, walk: engine.Walk) -> None:
    if walk.unsure_irrelevant:
        names = "; ".join(tree.questions[q].text for q in walk.unsure_irrelevant)
        say(f"Your 'not sure' did not matter for: {names}")


def show_what_if(items: list[engine.WhatIf]) -> None:
    if not items:
        return
    click.echo("\nWhat would change the answer:")
    for distance in sorted({w.distance for w in items}):
        click.echo(f"  {distance} answer{'s' if distance > 1 else ''} away:")
        for item in (w for w in items if w.distance == distance):
            change = ", ".join(f"{q}={v}" for q, v in item.change.items())
            click.echo(f"  - {item.title}: {change}")
