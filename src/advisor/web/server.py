"""What `advisor serve` runs: the Streamlit app (streamlit_app.py) as an ASGI app, behind the
middleware of `paths` that sends a page address with more than one segment to its first."""

from __future__ import annotations

from pathlib import Path

from starlette.middleware import Middleware
from streamlit.starlette import App

from advisor.web.paths import FirstSegmentOnly

app = App(Path(__file__).with_name("streamlit_app.py"), middleware=[Middleware(FirstSegmentOnly)])
