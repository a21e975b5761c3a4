"""Keeping a page of the advisor: its full link with a copy button, and a recommendation as a
Markdown file (printing it is the print stylesheet's job, in app.py)."""

from __future__ import annotations

import os
from html import escape

import streamlit as st

from advisor import engine, links, markdown
from advisor.model import Tree
from advisor.site.addresses import page_for
from advisor.web import views

SITE_URL = "ADVISOR_SITE_URL"
"""The environment variable naming where the static site (`advisor export`) is served."""

COPY_SCRIPT = """
if (!window.advisorCopy) {
  window.advisorCopy = true;
  const say = (status, text) => {
    status.textContent = "";
    setTimeout(() => { status.textContent = text; }, 100);
  };
  const selectLink = (button) => {
    const range = document.createRange();
    range.selectNodeContents(button.parentElement.querySelector("code"));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return document.execCommand("copy");
  };
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-copy]");
    if (!button) return;
    const status = button.parentElement.querySelector(".share-status");
    const fallback = () =>
      say(status, selectLink(button) ? "Copied." : "The link is selected: copy it with your device's Copy.");
    if (!navigator.clipboard) return fallback();
    navigator.clipboard.writeText(button.dataset.copy).then(() => say(status, "Copied."), fallback);
  });
}
"""
"""One listener for every copy button, added once per page (app.py). The text is fixed, so a
Content-Security-Policy can allow it by its hash (deploy/nginx.conf). Where the clipboard API is
missing or refused (a plain-http address other than localhost), the link is selected and copied
the old way. The status is emptied first, so a screen reader announces a second copy too."""


def static_url(tree: Tree, walk: engine.Walk) -> str | None:
    """The same page on the static site, when its address is configured and it has this page."""
    site = os.environ.get(SITE_URL, "")
    if not site.startswith(("https://", "http://")) or walk.unsure:
        return None
    path = page_for(tree, walk.answers)
    return None if path is None else site.rstrip("/") + "/" + path.removesuffix("index.html")


def link_block(url: str) -> str:
    """The link shown whole, a button that copies it, and a status line read out when it changes.
    Rendered through Streamlit's HTML sanitiser: no script can come with it."""
    url = escape(url)
    return (
        '<div class="share-link"><p class="share-title">Link to this page</p>'
        f"<code>{url}</code>"
        f'<button type="button" class="share-copy" data-copy="{url}">Copy link</button>'
        '<span class="share-status" role="status"></span></div>'
    )


def show(tree: Tree, walk: engine.Walk) -> None:
    """The link with its copy button (one light element: it is redrawn at every click), then the
    download of the recommendation when there is one."""
    url = views.base_url() + "?" + links.encode(tree.id, walk.answers)
    with st.container(key="share"):
        st.html(link_block(url))
        static = static_url(tree, walk)
        if static:
            st.markdown(f"[The same answer as a plain page]({static}) (no app needed; numbers as their ranges)")
        if walk.outcome is not None:
            st.download_button(
                "Download as Markdown",
                data=lambda: markdown.recommendation(tree, walk, url),  # written when clicked, not at every run
                file_name=f"{tree.id}-{walk.outcome}.md",
                mime="text/markdown",
                icon=":material/download:",
                key="download-markdown",
                on_click="ignore",
            )
