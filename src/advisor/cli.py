"""The `advisor` command: a thin terminal face over the loader, the engine, links and drawings.

Every error a user can cause ends here as one sentence on stderr and a non-zero exit:
1 for invalid tree files, 2 for bad arguments or answers.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from advisor import compare, engine, links, practice, render, terminal
from advisor.errors import AdvisorError, TreeFileError
from advisor.loader import get_tree, load_trees, next_decision_problems, read_tree, shipped_trees_dir, tree_files
from advisor.model import Tree
from advisor.report import compare_json, explain_json, json_value, parse_answers, practice_json
from advisor.serving import listen_address, streamlit_argv

F = TypeVar("F", bound=Callable[..., Any])
WEB_URL = "http://localhost:8501/"


def _fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"advisor: {message}", err=True)
    sys.exit(code)


def _trees() -> dict[str, Tree]:
    return load_trees()


def _tree(tree_id: str) -> Tree:
    return get_tree(_trees(), tree_id)


def _emit(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


class _Group(click.Group):
    """Turns every AdvisorError into one sentence and an exit code, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TreeFileError as error:
            click.echo(str(error), err=True)
            sys.exit(1)
        except AdvisorError as error:
            _fail(str(error))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="advisor")
def cli() -> None:
    """Which AWS service should I use? Guided decision trees from the Solutions Architect course."""


def _json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")(f)


def _base_url_option(f: F) -> F:
    return click.option(
        "--base-url", default=WEB_URL, show_default=True, help="Where the web app runs, for the share link."
    )(f)


def _answer_option(f: F) -> F:
    return click.option(
        "--answer",
        "-a",
        "pairs",
        multiple=True,
        metavar="QID=VALUE",
        help="An answer: a question id and an option id, or a number. Repeatable.",
    )(f)


@cli.command("list")
@_json_option
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
        for t in _trees().values()
    ]
    if as_json:
        _emit(rows)
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
            _fail(f"Cannot read {links.quote(path, 60)}: {error.strerror}.")
        if is_dir:
            inside = tree_files(path)
            if not inside:
                _fail(f"There are no tree files (*.yaml) in {links.quote(path, 120)}.")
            files.extend(inside)
            continue
        if not exists:
            _fail(f"No such file: {links.quote(path, 120)}.")
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
@_json_option
def paths(tree_id: str, as_json: bool) -> None:
    """Every root-to-outcome path, with answers that reproduce it."""
    tree = _tree(tree_id)
    found = engine.all_paths(tree)
    if as_json:
        _emit(
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
@click.argument("tree_id", metavar="TREE")
@_answer_option
@_base_url_option
@_json_option
def explain(tree_id: str, pairs: tuple[str, ...], base_url: str, as_json: bool) -> None:
    """Walk a tree with the given answers and explain where it leads."""
    tree = _tree(tree_id)
    answers = parse_answers(tree, pairs)
    data = explain_json(tree, answers)
    if as_json:
        _emit(data)
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
@_base_url_option
def ask(tree_id: str, base_url: str) -> None:
    """Answer a tree's questions one at a time in the terminal (b: back, q: quit)."""
    from advisor.ask import run

    run(_tree(tree_id), base_url.rstrip("/") + "/")


@cli.command("practice")
@click.argument("tree_id", metavar="[TREE]", required=False)
@click.option("--seed", type=click.IntRange(0, 2**31), help="The round's seed: the same seed gives the same round.")
@click.option("--count", type=click.IntRange(1, 200), default=practice.DEFAULT_COUNT, show_default=True)
@_json_option
def practice_round(tree_id: str | None, seed: int | None, count: int, as_json: bool) -> None:
    """Exam-style questions from the scenarios of a tree (or of every tree), with feedback."""
    trees = _trees()
    if tree_id is not None:
        get_tree(trees, tree_id)
    seed = secrets.randbelow(10**6) if seed is None else seed
    items = practice.make_round(trees, tree_id, seed, count)
    if as_json:
        _emit(practice_json(trees, tree_id, seed, items))
        return
    from advisor.practice_terminal import run

    run(trees, tree_id, seed, items)


@cli.command("compare")
@click.argument("tree_id", metavar="TREE")
@click.argument("outcomes", nargs=-1, metavar="[OID ...]")
@_json_option
def compare_outcomes(tree_id: str, outcomes: tuple[str, ...], as_json: bool) -> None:
    """The outcomes of a tree side by side (all of them, or the ones named)."""
    tree = _tree(tree_id)
    unknown = [o for o in outcomes if o not in tree.outcomes]
    if unknown:
        _fail(
            f"Tree '{tree.id}' has no outcome {links.quote(unknown[0])}; its outcomes are: {', '.join(tree.outcomes)}."
        )
    if not tree.compare:
        _fail(f"Tree '{tree.id}' has no comparison yet.")
    table = compare.compare(tree, outcomes)
    if as_json:
        _emit(compare_json(table))
        return
    terminal.show_comparison(table)


@cli.command("render")
@click.argument("tree_id", metavar="TREE")
@_answer_option
@click.option("--format", "fmt", type=click.Choice(["dot", "svg", "png"]), default="dot", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
def render_tree(tree_id: str, pairs: tuple[str, ...], fmt: str, output: Path | None) -> None:
    """Draw a tree, the path of the given answers highlighted."""
    tree = _tree(tree_id)
    walk = engine.walk(tree, parse_answers(tree, pairs))
    dot = render.to_dot(
        tree,
        render.walk_highlight(tree, walk),
    )
    data: bytes = {
        "dot": lambda: dot.encode(),
        "svg": lambda: render.to_svg(dot).encode(),
        "png": lambda: render.to_png(dot),
    }[fmt]()
    if output is None:
        if fmt == "png" and sys.stdout.isatty():
            _fail("PNG is binary and would garble the terminal: add -o FILE.")
        sys.stdout.buffer.write(data)
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        _fail(f"Cannot write {links.quote(output, 120)}: {error.strerror}.")


@cli.command()
def schema() -> None:
    """The JSON Schema of a tree file, for editor completion."""
    from advisor.model import Tree

    _emit(Tree.model_json_schema())


def _site_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.startswith(("http://", "https://")):
        raise click.BadParameter(f"{links.quote(value, 80)} is not a web address (http:// or https://).")
    return None if value is None else value.rstrip("/") + "/"


@cli.command("export")
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--app-url", callback=_site_url, help="Where the web app runs: each page links to the same state there.")
@click.option("--site-url", callback=_site_url, help="Where the site will be served, for link previews.")
def export_site(folder: Path, app_url: str | None, site_url: str | None) -> None:
    """Write every page of every tree as a static site (plain HTML, no JavaScript) into DIR."""
    from advisor.site.build import export

    report = export(_trees(), folder, app_url, site_url)
    size = report.bytes / 1_000_000
    click.echo(f"Wrote {report.pages} pages ({size:.1f} MB) in {report.seconds:.1f} s: open {folder / 'index.html'}")


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.option("--address", default="127.0.0.1", show_default=True, help="0.0.0.0 listens on every interface.")
@click.pass_context
def serve(ctx: click.Context, port: int, address: str) -> None:
    """Start the web app (extra options pass through to `streamlit run`)."""
    argv = streamlit_argv(port, listen_address(address), ctx.args)
    os.execv(argv[0], argv)


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="advisor")
