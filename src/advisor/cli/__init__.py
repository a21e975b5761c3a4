"""The `advisor` command: a thin terminal face over the loader, the engine, links and drawings.

Every error a user can cause ends as one sentence on stderr and a non-zero exit: 1 for invalid
tree files, 2 for bad arguments or answers.

    common.py       the command group (errors -> one sentence) and shared options
    catalog.py      list, validate, paths, schema
    advising.py     explain, ask, practice, compare
    publishing.py   render, export, serve
"""

from advisor.cli import advising, catalog, publishing
from advisor.cli.common import cli

__all__ = ["advising", "catalog", "cli", "main", "publishing"]


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="advisor")
