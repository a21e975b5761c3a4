"""A lightweight Streamlit client: one session over the WebSocket at /_stcore/stream, speaking the
protobuf messages Streamlit ships (BackMsg up, ForwardMsg down), without a browser.

A step sends a rerun (the query string, and the widget a user touched) and reads ForwardMsgs until
the script run ends; `Page` is what that run drew: widgets by their key, keyed containers,
headings, errors and the query string the app wrote. Like the browser, the client keeps the
large messages the server marks cacheable and names them in its next rerun, so the server may
send a reference instead.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from types import TracebackType

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

# Widget and container ids end in the user's key: "$$ID-<32 hex digits>-<key>".
_KEYED_ID = re.compile(r"^\$\$ID-[0-9a-f]{32}-(.*)$", re.DOTALL)
_WIDGETS = ("button", "radio", "selectbox", "checkbox", "text_input", "number_input", "button_group")
_MARKDOWN_ESCAPE = re.compile(r"\\(.)")


class ProtocolError(Exception):
    """The server did not answer as a Streamlit app does (a closed socket, a missing run end)."""


def key_of(element_id: str) -> str | None:
    """The user's key in a widget or container id, or None when it was given none."""
    match = _KEYED_ID.match(element_id)
    return match.group(1) if match else None


def plain(markdown: str) -> str:
    """Text the app escaped for Markdown, as a reader sees it."""
    return _MARKDOWN_ESCAPE.sub(r"\1", markdown)


@dataclass
class Widget:
    id: str
    kind: str
    options: list[str]


@dataclass
class Page:
    """What one script run drew, as the ForwardMsgs described it."""

    query_string: str
    widgets: dict[str, Widget] = field(default_factory=dict)  # by the user's key
    blocks: dict[str, tuple[int, ...]] = field(default_factory=dict)  # keyed containers -> their delta path
    headings: list[tuple[tuple[int, ...], str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def headings_in(self, block_key: str) -> list[str]:
        """The headings inside a keyed container, as plain text, in page order."""
        path = self.blocks.get(block_key)
        if path is None:
            return []
        return [plain(body) for where, body in self.headings if where[: len(path)] == path]

    def read(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            self.errors.append(f"page not found: {msg.page_not_found.page_name}")
        elif kind == "delta":
            path = tuple(msg.metadata.delta_path)
            delta = msg.delta
            if delta.WhichOneof("type") == "new_element":
                self._element(path, delta.new_element)
            elif delta.WhichOneof("type") == "add_block":
                key = key_of(delta.add_block.id)
                if key is not None:
                    self.blocks[key] = path

    def _element(self, path: tuple[int, ...], element: Element) -> None:
        kind = element.WhichOneof("type")
        if kind in _WIDGETS:
            widget = getattr(element, kind)
            key = key_of(widget.id)
            if key is not None:
                self.widgets[key] = Widget(widget.id, kind, list(getattr(widget, "options", [])))
        elif kind == "heading":
            self.headings.append((path, element.heading.body))
        elif kind == "alert" and element.alert.format == element.alert.ERROR:
            self.errors.append(plain(element.alert.body))
        elif kind == "exception":
            self.errors.append(f"{element.exception.type}: {element.exception.message}")


class Session:
    """One browser tab's worth of Streamlit: `async with Session(url) as s: page = await s.open("a=b")`."""

    def __init__(self, url: str, timeout: float = 120.0) -> None:
        self.url = url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
        self.timeout = timeout
        self.query_string = ""
        self._socket: ClientConnection | None = None
        self._cached: dict[str, ForwardMsg] = {}

    async def connect(self) -> None:
        # No pings: the browser sends none either. Compression as a browser negotiates it.
        self._socket = await connect(
            self.url, subprotocols=["streamlit"], max_size=None, ping_interval=None, open_timeout=self.timeout
        )

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
            self._socket = None

    async def __aenter__(self) -> Session:
        await self.connect()
        return self

    async def __aexit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        await self.close()

    async def open(self, query_string: str) -> Page:
        """The first run, as opening a link does."""
        self.query_string = query_string
        return await self.rerun()

    async def click(self, widget: Widget) -> Page:
        state = WidgetState(id=widget.id, trigger_value=True)
        return await self.rerun(state)

    async def choose(self, widget: Widget, option: str) -> Page:
        """Pick an option of a radio or selectbox, by its label (as Streamlit 1.67 sends it)."""
        if option not in widget.options:
            raise ProtocolError(f"{option!r} is not an option of {widget.id}: {widget.options}")
        return await self.rerun(WidgetState(id=widget.id, string_value=option))

    async def rerun(self, state: WidgetState | None = None) -> Page:
        """Send a rerun with the current query string (and one widget's new state); read until it ends."""
        if self._socket is None:
            raise ProtocolError("the session is not connected")
        back = BackMsg()
        back.rerun_script.query_string = self.query_string
        back.rerun_script.cached_message_hashes.extend(self._cached)
        if state is not None:
            back.rerun_script.widget_states.widgets.append(state)
        page = Page(self.query_string)
        start = time.perf_counter()
        await self._socket.send(back.SerializeToString())
        try:
            async with asyncio.timeout(self.timeout):
                while not _run_ended(msg := await self._receive()):
                    page.read(msg)
        except TimeoutError:
            raise ProtocolError(f"the run did not end within {self.timeout:g} s") from None
        page.seconds = time.perf_counter() - start
        self.query_string = page.query_string
        return page

    async def _receive(self) -> ForwardMsg:
        assert self._socket is not None
        try:
            raw = await self._socket.recv()
        except Exception as error:  # the socket closed or broke mid-run
            raise ProtocolError(f"the connection ended during a run: {error}") from error
        msg = ForwardMsg()
        msg.ParseFromString(raw if isinstance(raw, bytes) else raw.encode())
        return self._resolved(msg)

    def _resolved(self, msg: ForwardMsg) -> ForwardMsg:
        """A reference to a message this client has cached becomes that message (with its own position)."""
        if msg.WhichOneof("type") == "ref_hash":
            cached = self._cached.get(msg.ref_hash)
            if cached is None:
                raise ProtocolError(f"the server referred to a message the client never had: {msg.ref_hash}")
            full = ForwardMsg()
            full.CopyFrom(cached)
            full.metadata.CopyFrom(msg.metadata)
            return full
        if msg.metadata.cacheable and msg.hash:
            self._cached[msg.hash] = msg
        return msg


def _run_ended(msg: ForwardMsg) -> bool:
    """The end of the run asked for (a run cut short by a rerun is followed by another)."""
    return msg.WhichOneof("type") == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
