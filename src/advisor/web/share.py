"""Keeping a page of the advisor: its full link with a copy button, and a recommendation as a
Markdown file (printing it is the print stylesheet's job, in app.py)."""

from __future__ import annotations

import os

import streamlit as st

from advisor import engine, links, markdown
from advisor.model import Tree
from advisor.site.addresses import page_for
from advisor.web import views

SITE_URL = "ADVISOR_SITE_URL"
"""The environment variable naming where the static site (`advisor export`) is served."""


def static_url(tree: Tree, walk: engine.Walk) -> str | None:
    """The same page on the static site, when its address is configured and it has this page."""
    site = os.environ.get(SITE_URL, "")
    if not site.startswith(("https://", "http://")) or walk.unsure:
        return None
    path = page_for(tree, walk.answers)
    return None if path is None else site.rstrip("/") + "/" + path.removesuffix("index.html")


def show(tree: Tree, walk: engine.Walk) -> None:
    """The link as a code block (shown whole, wrapped, with Streamlit's copy button), then the
    download of the recommendation when there is one."""
    url = views.base_url() + "?" + links.encode(tree.id, walk.answers)
    with st.container(key="share"):
        st.markdown("**Link to this page**")
        st.code(url, language=None, wrap_lines=True)
        st.caption("Copy it with the button that appears at its right; it opens exactly this page.")
        static = static_url(tree, walk)
        if static:
            st.markdown(f"[The same answer as a plain page]({static}) (no app needed; numbers as their ranges)")
        if walk.outcome is not None:
            st.download_button(
                "Download as Markdown",
                data=markdown.recommendation(tree, walk, url),
                file_name=f"{tree.id}-{walk.outcome}.md",
                mime="text/markdown",
                icon=":material/download:",
                key="download-markdown",
                on_click="ignore",
            )
