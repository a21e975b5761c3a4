"""Commands that publish: draw a tree, write the static site, serve the web app."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from advisor import engine, links, render
from advisor.cli.common import all_trees, answer_option, cli, fail, one_tree
from advisor.report import parse_answers
from advisor.serving import listen_address, streamlit_argv


@cli.command("render")
@click.argument("tree_id", metavar="TREE")
@answer_option
@click.option("--format", "fmt", type=click.Choice(["dot", "svg", "png"]), default="dot", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
def render_tree(tree_id: str, pairs: tuple[str, ...], fmt: str, output: Path | None) -> None:
    """Draw a tree, the path of the given answers highlighted."""
    tree = one_tree(tree_id)
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
            fail("PNG is binary and would garble the terminal: add -o FILE.")
        sys.stdout.buffer.write(data)
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        fail(f"Cannot write {links.quote(output, 120)}: {error.strerror}.")


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

    report = export(all_trees(), folder, app_url, site_url)
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
