"""Commands about the trees themselves: list them, check tree files, list every path, the schema."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from advisor import engine, links
from advisor.cli.common import all_trees, cli, emit, fail, json_option, one_tree
from advisor.loader import next_decision_problems, read_tree, shipped_trees_dir, tree_files
from advisor.model import Tree
from advisor.report import json_value


@cli.command("list")
@json_option
def list_trees(as_json: bool) -> None:
    """The decision trees."""
    rows = [
        {
            "id": t.id,
            "title": t.title,
            "summary": t.summary,
            "questions": len(t.questions),
            "outcomes": len(t.outcomes),
            "scenarios": len(t.scenarios),
            "outcome_status": [
                {
                    "id": oid,
                    "title": o.title,
                    **o.model_dump(mode="json", include={"status", "status_since", "instead", "also_known_as"}),
                }
                for oid, o in t.outcomes.items()
            ],
        }
        for t in all_trees().values()
    ]
    if as_json:
        emit(rows)
        return
    for row in rows:
        counts = f"{row['questions']} questions, {row['outcomes']} outcomes, {row['scenarios']} scenarios"
        click.echo(f"{row['id']:<22} {row['title']}  ({counts})")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check tree files (default: the shipped trees); one FILE:LINE line per problem."""
    files = list(paths) or tree_files()
    problems = []
    read: dict[str, Tree] = {}
    where: dict[str, Path] = {}
    for path in files:
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as error:
            fail(f"Cannot read {links.quote(path, 60)}: {error.strerror}.")
        if is_dir:
            inside = tree_files(path)
            if not inside:
                fail(f"There are no tree files (*.yaml) in {links.quote(path, 120)}.")
            files.extend(inside)
            continue
        if not exists:
            fail(f"No such file: {links.quote(path, 120)}.")
        tree, found = read_tree(path)
        problems += found
        if tree is not None:
            read[tree.id], where[tree.id] = tree, path
    known = set(read) | {p.stem for p in tree_files()}
    problems += next_decision_problems(read, where, known, {t: str(p) for t, p in where.items()})
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        sys.exit(1)
    shown = [str(p) for p in paths] or [str(shipped_trees_dir())]
    click.echo(f"{len([f for f in files if not f.is_dir()])} tree file(s) valid: {', '.join(shown)}")


@cli.command()
@click.argument("tree_id", metavar="TREE")
@json_option
def paths(tree_id: str, as_json: bool) -> None:
    """Every root-to-outcome path, with answers that reproduce it."""
    tree = one_tree(tree_id)
    found = engine.all_paths(tree)
    if as_json:
        emit(
            {
                "tree": tree.id,
                "paths": [
                    {
                        "outcome": p.outcome,
                        "answers": {q: json_value(v) for q, v in p.answers.items()},
                    }
                    for p in found
                ],
            }
        )
        return
    for p in found:
        answers = " ".join(f"{q}={links.encode_value(v)}" for q, v in p.answers.items())
        click.echo(f"{p.outcome:<26} {answers}")


@cli.command()
def schema() -> None:
    """The JSON Schema of a tree file, for editor completion."""
    from advisor.model import Tree

    emit(Tree.model_json_schema())
