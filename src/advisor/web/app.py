"""The web app: pages, routing by the URL, and one guard so no traceback reaches a user.

The URL is the state (the share-link contract in docs/contracts.md): `/?tree=T&Q=V...` opens the advisor,
`/?tree=T&outcome=O` the page of one outcome, `/` the list of trees, `/study?tree=T` the study page,
`/practice?tree=T&seed=N` a practice round, `/?tree=T&compare=O,O` outcomes side by side.
"""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from advisor.errors import TreeFileError
from advisor.web import advise, comparison, home, outcome, practice, study, views

log = logging.getLogger("advisor.web")


def route() -> None:
    """The root page: the list of trees, or the advisor or an outcome when the link names a tree."""
    link = views.current_link()
    if link.tree is None:
        home.show(link.notices)
    elif link.compare:
        comparison.show(views.trees()[link.tree], link.compare, link.notices)
    elif link.outcome is not None:
        outcome.show(views.trees()[link.tree], link.outcome, link.notices)
    else:
        advise.show(views.trees()[link.tree])


def study_page() -> None:
    link = views.current_link()
    if link.tree is None:
        home.show(link.notices, heading="Pick a tree to study")
        return
    study.show(views.trees()[link.tree], link.notices)


def pages() -> views.Nav:
    nav = views.Nav(
        home=st.Page(route, title="AWS service advisor", icon=":material/explore:", default=True),
        study=st.Page(study_page, title="Study", icon=":material/school:", url_path="study"),
        practice=st.Page(practice.show, title="Practice", icon=":material/quiz:", url_path="practice"),
    )
    views.set_nav(nav)
    return nav


_STYLE = """<style>
/* In-page links are tertiary buttons: make them read like links, left-aligned when they wrap. */
.stButton button[kind="tertiary"] {
  justify-content: flex-start; text-align: left; color: var(--st-primary-color, #d45b07);
}
.stButton button[kind="tertiary"] p { text-align: left; }
</style>"""


def main() -> None:
    st.set_page_config(page_title="AWS service advisor", layout="wide")
    st.html(_STYLE)
    nav = pages()
    page = st.navigation([nav.home, nav.study, nav.practice], position="hidden")
    nav.on_home = page.url_path == nav.home.url_path
    try:
        views.trees()
        views.scroll_to_top_after_link()
        page.run()
    except ScriptControlException:
        raise
    except TreeFileError as error:
        st.error("The decision trees shipped with this app are broken; nothing can be shown until they are fixed.")
        st.text(str(error))
    except Exception:
        log.exception("unexpected error while drawing the page")
        st.error(
            "Something went wrong on our side while drawing this page. Try again, or start over from the home page."
        )
        views.link("Home", {}, key="error-home", icon=":material/home:")
