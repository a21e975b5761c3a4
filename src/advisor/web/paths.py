"""Page addresses: one with more than one segment is sent to its first segment.

Streamlit's page loads its scripts by relative URLs, so at `/study/extra` the browser asks for
`/study/static/js/...`, gets the page's HTML instead and shows nothing. Sent to `/study` (the
query kept), the browser shows that page, or Streamlit's "Page not found" notice over the home
page when the first segment is no page either.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

# Streamlit's own routes (core API, media, components, frontend assets): never pages.
_NOT_PAGES = frozenset({"_stcore", "media", "component", "static", "app"})


def page_target(path: str) -> str | None:
    """Where a browser asking for the page at `path` should go instead, or None to serve it."""
    segments = [s for s in path.split("/") if s]
    if len(segments) < 2 or any(s in _NOT_PAGES for s in segments):
        return None  # e.g. /study/_stcore/host-config, which Streamlit's page probes: a 404 it expects
    return "/" + segments[0]


def _is_navigation(headers: Headers) -> bool:
    """A browser loading a page: Sec-Fetch-Dest says so where browsers send it (https and
    localhost); over plain http to another name they do not, and the Accept header tells."""
    dest = headers.get("sec-fetch-dest")
    return dest == "document" if dest else "text/html" in headers.get("accept", "")


class FirstSegmentOnly:
    """Redirects a page request (a navigation, not a script or data fetch) to `page_target`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in {"GET", "HEAD"}:
            target = page_target(scope["path"])
            if target is not None and _is_navigation(Headers(scope=scope)):
                query = scope.get("query_string", b"").decode("latin-1")
                root = scope.get("root_path", "")
                response = RedirectResponse(root + target + (f"?{query}" if query else ""), status_code=307)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
