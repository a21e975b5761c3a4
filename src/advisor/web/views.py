"""Small view helpers shared by the pages: loading, the URL state, Markdown escaping, folded text,
drawings.

Nothing here decides anything about a tree: decisions come from `advisor.engine`.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape

import streamlit as st

from advisor import engine, links, render, wording
from advisor.loader import load_trees
from advisor.model import Answer, Tree

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|$~:])")


def md(text: str) -> str:
    """Tree text made literal for Markdown: no emphasis, links, maths or HTML by accident."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


@st.cache_resource(show_spinner=False)
def trees() -> dict[str, Tree]:
    """Loaded and checked once per process; the frozen models are shared by every session."""
    return load_trees()


@dataclass
class Nav:
    """The app's pages, so any page can link to another with query parameters."""

    home: st.Page
    study: st.Page
    practice: st.Page
    on_home: bool = True


def set_nav(nav: Nav) -> None:
    """Remember this session's pages for this run (per session: runs of sessions overlap)."""
    st.session_state["_nav"] = nav


def nav() -> Nav:
    current: Nav = st.session_state["_nav"]
    return current


def _go(params: dict[str, str]) -> None:
    st.query_params.from_dict(params)
    st.session_state["_scroll_top"] = True


_SCROLL_TOP = """<script>
for (const el of [document.querySelector('[data-testid="stMain"]'), document.scrollingElement]) {
  if (el) el.scrollTo({top: 0});
}
</script>"""


_SCROLL_TO_MARK = """<script>
requestAnimationFrame(() => {
  const mark = document.querySelector("[data-scroll-here]");
  mark?.closest("[data-testid=stVerticalBlock]")?.scrollIntoView({block: "nearest"});
});
</script>"""


def scroll_to_mark() -> None:
    """Bring the part of the page that holds the element marked `data-scroll-here` into view
    (a fixed script, so a Content-Security-Policy can allow it by its hash)."""
    st.html(_SCROLL_TO_MARK, unsafe_allow_javascript=True)


def scroll_to_top_after_link() -> None:
    """A followed link opens a new page in place: show its top, as a browser would."""
    if st.session_state.pop("_scroll_top", False):
        st.html(_SCROLL_TOP, unsafe_allow_javascript=True)


def link(
    label: str,
    params: dict[str, str],
    key: str,
    icon: str | None = None,
    to: str = "home",
) -> None:
    """A link to another state of the app (`to`: the page, "home", "study" or "practice").
    Within the root page it is a button whose callback rewrites the URL (a page link to the page
    already shown would leave the address bar stale); across pages it is a page link carrying
    the query parameters."""
    current = nav()
    if to != "home" or not current.on_home:
        page = {"home": current.home, "study": current.study, "practice": current.practice}[to]
        st.page_link(page, label=label, icon=icon, query_params=params)
        return
    st.button(label, key=key, icon=icon, type="tertiary", on_click=_go, args=(params,), wrap=True)


def current_link() -> links.Decoded:
    """Parse and validate the URL on every run: it is the single source of truth."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    return links.decode(trees(), params)


def write_answers(tree_id: str, answers: Mapping[str, Answer]) -> None:
    """The one place the advisor writes its state: one history entry per call (a widget callback)."""
    st.query_params.from_dict(links.params(tree_id, answers))


def show_notices(notices: list[str]) -> None:
    """What a link held that could not be used: link text only ever as plain text."""
    if not notices:
        return
    with st.container(border=True, key="link-notices"):
        st.warning("Part of this link could not be used, so it was ignored:", icon=":material/warning:")
        for notice in notices:
            st.text(notice)


_SVG_WIDTH = re.compile(r'<svg[^>]*\swidth="([0-9.]+)pt"')


def _svg_image(tree_id: str, highlight: render.Highlight, only: frozenset[str] | None) -> tuple[str, int]:
    """A drawing of a shipped tree as an SVG data URI (shown as an image, so none of its markup is
    live) and its width in px."""
    svg = render.to_svg(render.to_dot(trees()[tree_id], highlight, only=only))
    match = _SVG_WIDTH.search(svg)
    width = round(float(match.group(1)) * 4 / 3) if match else 800
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii"), width


@st.cache_resource(show_spinner=False)
def svg_images() -> Callable[[str, render.Highlight, frozenset[str] | None], tuple[str, int]]:
    """The drawings drawn so far, kept for the process: a click redraws the path, and building
    the DOT text again was a tenth of the server's time under load (`make load`). A Streamlit
    resource, so clearing the caches drops them together with the trees they were drawn from."""
    return functools.lru_cache(maxsize=256)(_svg_image)


def drawing(
    tree: Tree,
    highlight: render.Highlight,
    caption: str,
    height: int = 560,
    only: frozenset[str] | None = None,
    shrink: float = 0.6,
) -> None:
    """The tree drawn on the server, in a frame that scrolls rather than shrink it below `shrink`
    (a frame the keyboard can reach and scroll)."""
    assert trees().get(tree.id) is tree, "drawings are of the shipped trees, cached by id"
    uri, width = svg_images()(tree.id, highlight, only)
    st.html(
        f'<div class="tree-drawing" tabindex="0" role="group" aria-label="{escape(caption)}" '
        f'style="overflow:auto;max-height:{height}px;'
        f'border:1px solid rgba(128,128,128,.35);border-radius:.5rem;padding:.5rem">'
        f'<img src="{uri}" alt="{escape(caption)}" '
        f'style="display:block;width:100%;min-width:{round(width * shrink)}px;max-width:{width}px"></div>'
    )


def base_url() -> str:
    """The app's address as the browser sees it, for links people copy."""
    if st.context.url:
        url = st.context.url
        return url[: url.find("/", url.find("//") + 2) + 1] if url.count("/") >= 3 else url + "/"
    host = st.context.headers.get("Host", "localhost:8501")
    scheme = st.context.headers.get("X-Forwarded-Proto", "http")
    return f"{scheme}://{host}/"


def text_html(text: str) -> str:
    """Plain tree text as HTML paragraphs (a blank line starts a new one), escaped."""
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


def fold(summary: str, body_html: str, name: str) -> None:
    """Text that opens on request, as the browser's own `<details>`: it opens without asking the
    server, and costs the browser under 1 ms per run where an expander costs about 3.5 ms
    (measured beside the minimal app of bench/). Its open state is not kept when its text
    changes, so it suits text fixed for the page. `body_html` is escaped by the caller; the block
    goes through Streamlit's HTML sanitiser."""
    st.html(
        f'<details class="fold" data-fold="{escape(name)}"><summary>{escape(summary)}</summary>'
        f"<div>{body_html}</div></details>"
    )


def path_lines(tree: Tree, steps: tuple[engine.Step, ...]) -> list[str]:
    """The path as numbered sentences (Markdown-safe), for the text version of a drawing."""
    return [
        f"{i}. {md(tree.questions[step.question].text)} → **{md(wording.step_text(tree, step))}**"
        for i, step in enumerate(steps, 1)
    ]
