"""What every `advisor` command shares: the command group, which turns every error a user can
cause into one sentence and an exit code, and the options several commands take."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from advisor.errors import AdvisorError, TreeFileError
from advisor.loader import get_tree, load_trees
from advisor.model import Tree

F = TypeVar("F", bound=Callable[..., Any])
WEB_URL = "http://localhost:8501/"


def fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"advisor: {message}", err=True)
    sys.exit(code)


def all_trees() -> dict[str, Tree]:
    return load_trees()


def one_tree(tree_id: str) -> Tree:
    return get_tree(all_trees(), tree_id)


def emit(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


class Group(click.Group):
    """Turns every AdvisorError into one sentence and an exit code, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TreeFileError as error:
            click.echo(str(error), err=True)
            sys.exit(1)
        except AdvisorError as error:
            fail(str(error))


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="advisor")
def cli() -> None:
    """Which AWS service should I use? Guided decision trees from the Solutions Architect course."""


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="One JSON document on stdout.")(f)


def base_url_option(f: F) -> F:
    return click.option(
        "--base-url", default=WEB_URL, show_default=True, help="Where the web app runs, for the share link."
    )(f)


def answer_option(f: F) -> F:
    return click.option(
        "--answer",
        "-a",
        "pairs",
        multiple=True,
        metavar="QID=VALUE",
        help="An answer: a question id and an option id, or a number. Repeatable.",
    )(f)
