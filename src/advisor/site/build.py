"""Write the static site: every page as plain HTML with its drawing inline, the style sheet,
the icon, and `manifest.json` (one entry per page, for scripts)."""

from __future__ import annotations

import json
import posixpath
import re
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from advisor import links, render
from advisor.errors import AdvisorError
from advisor.model import Tree
from advisor.site.pages import Page, pages
from advisor.site.words import answer_words

ASSETS = ("style.css", "favicon.svg")
MANIFEST = "manifest.json"


class ExportError(AdvisorError):
    """The site cannot be written where asked."""


@dataclass(frozen=True)
class Report:
    pages: int
    bytes: int
    seconds: float


_PROLOG = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->|<title>.*?</title>", re.DOTALL)


def _inline_svg(dot: str) -> str:
    """The drawing as markup to place in a page: Graphviz's SVG without its XML prolog. Labels
    come from the shipped trees and Graphviz escapes them."""
    svg = _PROLOG.sub("", render.to_svg(dot)).strip()
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def _drawings(dots: set[str]) -> dict[str, str]:
    """Each distinct drawing once; several `dot` processes at a time when the program is there."""
    ordered = sorted(dots)
    workers = 4 if render.has_dot_program() else 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(ordered, pool.map(_inline_svg, ordered), strict=True))


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("advisor.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _relative(page: Page) -> Callable[[str], str]:
    here = posixpath.dirname(page.path) or "."
    return lambda target: posixpath.relpath(target, here)


def _drawing_words(page: Page, tree: Tree | None) -> tuple[str, str]:
    if tree is None:
        return "", ""
    if page.template == "outcome.html":
        title = tree.outcomes[str(page.outcome)].title
        return "Where it sits in the tree", f"Every path to {title}, with the options beside them."
    if not page.answers:
        return "The first question and its options", "The first question and where each of its answers leads."
    return (
        "Your path in the decision tree",
        "The last steps of your path (the answers listed under “Your answers”) and the options beside them.",
    )


def _render(
    env: Environment,
    page: Page,
    trees: Mapping[str, Tree],
    svgs: Mapping[str, str],
    app_url: str | None,
    site_url: str | None,
) -> str:
    tree = trees[page.tree] if page.tree else None
    heading, caption = _drawing_words(page, tree)
    app_link = None if app_url is None or page.app_query is None else app_url + page.app_query
    qid = page.context.get("qid")
    unsure = {**page.answers, str(qid): "not-sure"} if qid and tree else {}
    return env.get_template(page.template).render(
        page=page,
        tree=tree,
        url=_relative(page),
        page_url=None if site_url is None else site_url + page.path.removesuffix("index.html"),
        app_link=app_link,
        unsure_link=f"{app_url}?{links.encode(tree.id, unsure)}" if app_url and tree and unsure else None,
        svg=Markup(svgs[page.dot]) if page.dot else None,
        part_svgs=[Markup(svgs[d]) for d in page.drawings],
        zip=zip,
        drawing_heading=heading,
        drawing_caption=caption,
        answer_words=lambda step: answer_words(tree, step) if tree else "",
        **page.context,
    )


def _prepare(out: Path) -> None:
    """An empty folder, or one holding an earlier export (whose files are removed first)."""
    if out.exists() and not out.is_dir():
        raise ExportError(f"{links.quote(out, 120)} exists and is not a folder.")
    previous = out / MANIFEST
    if out.is_dir() and any(out.iterdir()):
        if not previous.is_file():
            raise ExportError(
                f"{links.quote(out, 120)} is not empty and holds no earlier export: choose an empty or new folder."
            )
        try:
            entries = json.loads(previous.read_text(encoding="utf-8"))
            old = [out / str(entry["path"]) for entry in entries]
        except (OSError, ValueError, TypeError, KeyError) as error:
            raise ExportError(f"{links.quote(previous, 120)} is not a manifest this command wrote.") from error
        for file in [*old, *(out / a for a in ASSETS), previous]:
            if file.resolve().is_relative_to(out.resolve()):
                file.unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)


def export(trees: Mapping[str, Tree], out: Path, app_url: str | None = None, site_url: str | None = None) -> Report:
    """Write the whole site into `out`; `app_url` and `site_url` end with '/' when given."""
    started = time.perf_counter()
    every = list(pages(trees))
    svgs = _drawings({p.dot for p in every if p.dot} | {d for p in every for d in p.drawings})
    env = _environment()
    total = 0
    try:
        _prepare(out)
        for page in every:
            html = _render(env, page, trees, svgs, app_url, site_url)
            target = out / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            total += target.write_text(html, encoding="utf-8")
        for asset in ASSETS:
            data = resources.files("advisor.site").joinpath("static", asset).read_bytes()
            total += (out / asset).write_bytes(data)
        manifest = json.dumps([p.manifest_entry for p in every], indent=1, ensure_ascii=False)
        total += (out / MANIFEST).write_text(manifest + "\n", encoding="utf-8")
    except OSError as error:
        raise ExportError(f"Cannot write the site into {links.quote(out, 120)}: {error.strerror}.") from error
    return Report(len(every), total, time.perf_counter() - started)
