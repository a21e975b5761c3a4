"""The web app: pages, routing by the URL, and one guard so no traceback reaches a user.

The URL is the state (the share-link contract in docs/contracts.md): `/?tree=T&Q=V...` opens the advisor,
`/?tree=T&outcome=O` the page of one outcome, `/` the list of trees, `/study?tree=T` the study page,
`/practice?tree=T&seed=N` a practice round, `/?tree=T&compare=O,O` outcomes side by side.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from advisor.errors import TreeFileError
from advisor.web import advise, comparison, home, outcome, practice, share, study, views

log = logging.getLogger("advisor.web")
ICON = Path(__file__).with_name("assets") / "icon.png"


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
        # No page icons: the browser tab shows ICON, from this server (a material icon there is
        # fetched from a font CDN).
        home=st.Page(route, title="AWS service advisor", default=True),
        study=st.Page(study_page, title="Study", url_path="study"),
        practice=st.Page(practice.show, title="Practice", url_path="practice"),
    )
    views.set_nav(nav)
    return nav


_STYLE = """<style>
/* In-page links are tertiary buttons: make them read like links, left-aligned when they wrap, in
   an orange that meets WCAG AA on either theme (.stApp sets color-scheme to the theme shown). */
.stButton button[kind="tertiary"] {
  justify-content: flex-start; text-align: left; color: light-dark(#b54708, #ff9a4d);
}
.stButton button[kind="tertiary"] p { text-align: left; }
/* Captions are faded with opacity; Streamlit's 0.6 leaves 3.9:1 on white, this keeps 4.5:1 and more. */
[data-testid="stCaptionContainer"] { opacity: 0.72; }
/* Keyboard focus: one solid ring on every control, 3:1 and more against the page in either theme
   (Streamlit's own halo or tint measured 1.1:1 to 2.2:1). Fields keep their own focus border. */
.stApp :is(button, a, summary, [role=option], .tree-drawing):focus-visible {
  outline: 2px solid light-dark(#b54708, #ff9a4d); outline-offset: 2px;
}
/* A picked section name: a darker orange (light) or the link orange (dark), 4.5:1 and more on the
   pill's tint, hovered too. */
[data-testid="stButtonGroup"] button[data-selected]:not([data-disabled]),
[data-testid="stButtonGroup"] button[data-selected]:is([data-hovered], [data-focus-visible]):not([data-disabled]) {
  color: light-dark(#9a3c06, #ff9a4d);
}
[data-testid="stLayoutWrapper"]:has(> .st-key-page-scripts), .st-key-page-scripts { display: none; }
/* The share link: shown whole (it may break anywhere), with a copy button sized like Streamlit's
   own; its border keeps 3:1 against the page, as WCAG asks of a control. */
.share-title { font-weight: 600; margin: 0 0 .25rem 0; }
.share-link code {
  display: block; white-space: pre-wrap; word-break: break-all; font-size: .875rem; color: inherit;
  font-family: "Source Code Pro", monospace; padding: .75rem 1rem; margin-bottom: .5rem;
  border-radius: .5rem; background: rgba(128, 128, 128, .12);
}
.share-copy {
  font-family: inherit; font-size: .875rem; color: inherit; background: transparent; cursor: pointer;
  min-height: 2.5rem; padding: .25rem .75rem; border-radius: .5rem;
  border: 1px solid light-dark(#6e7781, #8b949e);
}
@media (hover: hover) { .share-copy:hover { color: light-dark(#b54708, #ff9a4d); border-color: currentColor; } }
.share-status { margin-left: .75rem; font-size: .875rem; }
/* Folded text (views.fold) is the browser's own details element, drawn like Streamlit's expanders
   (no less-than sign anywhere in this style sheet: the sanitiser would drop all of it). */
details.fold { border: 1px solid rgba(128, 128, 128, .35); border-radius: .5rem; }
details.fold > summary { padding: .4rem 1rem; cursor: pointer; }
details.fold > div { padding: 0 1rem; }
details.fold p, details.fold ol { margin: 0 0 .75rem 0; }
/* The title of a picked section of a card: a heading to jump to, sized as bold body text. */
h4.section-title { font-size: 1rem; font-weight: 600; margin: 0; padding: 0; }
/* The drawing is drawn for a light page: on a dark one it keeps its own light panel. */
.tree-drawing { background: #ffffff; }
/* Printing keeps the page's content (a recommendation: its card and the sections the reader
   picked) and drops the controls. */
@media print {
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebar"],
  [data-testid="stDecoration"], [data-testid="stPageLink"], .stButton, .stDownloadButton,
  .stTextInput, .stSelectbox, .stNumberInput, .stCheckbox, .stForm, .stCode, .st-key-share,
  [data-testid="stExpander"], [data-testid="stToggle"], [data-testid="stStatusWidget"],
  [data-testid="stButtonGroup"], details.fold, .st-key-to-compare { display: none !important; }
  .tree-drawing { max-height: none !important; overflow: visible !important; border: none !important; }
  .tree-drawing img { min-width: 0 !important; max-width: 100% !important; }
  [class*="st-key-card-"] .stButton:has(button[kind="tertiary"]),
  [class*="st-key-sections-"] .stButton:has(button[kind="tertiary"]),
  [class*="st-key-candidate-"] .stButton:has(button[kind="tertiary"]),
  [class*="st-key-paths-"] .stButton:has(button[kind="tertiary"]) { display: block !important; }
  button[kind="tertiary"] [data-testid="stIconMaterial"] { display: none; }
  .stApp, .stApp * { color: #1f2328 !important; background-color: transparent !important; }
  .stApp { color-scheme: light; }
  [data-testid="stHorizontalBlock"] { display: block !important; }
  [data-testid="stColumn"] { width: 100% !important; }
  [data-testid="stMain"], [data-testid="stMainBlockContainer"] { padding: 0 !important; overflow: visible !important; }
}
</style>"""


@st.fragment(run_every=timedelta(days=1))
def _rerun_on_reconnect() -> None:
    """Draws nothing. A page holding a fragment that reruns on a timer asks for a full run as soon
    as its connection comes back. So when the server that drew the page is gone and the page
    reconnects to another one (several replicas behind a proxy), that server draws it at once
    from the URL, and the next click works there; without it the first click after the switch
    only redraws the page, as that server has not seen the button yet."""


def main() -> None:
    st.set_page_config(page_title="AWS service advisor", page_icon=ICON, layout="wide")
    st.html(_STYLE)
    with st.container(key="page-scripts"):  # hidden: it holds no content, only the copy button's listener
        st.html(f"<script>{share.COPY_SCRIPT}</script>", unsafe_allow_javascript=True)
    nav = pages()
    page = st.navigation([nav.home, nav.study, nav.practice], position="hidden")
    nav.on_home = page.url_path == nav.home.url_path
    _rerun_on_reconnect()
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
