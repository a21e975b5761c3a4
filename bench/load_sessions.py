"""What a session of the load benchmark does, and the servers it does it against.

A scenario opens a link, then touches widgets one at a time; each step is timed from the rerun
sent to the end of the script run. The advisor's scenarios open a share link that stops part way
and click the remaining answers until the recommendation is on the page; the minimal app's open
`?choice=...` and then set its radio, the same number of steps.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from load_client import Page, ProtocolError, Session

from advisor import engine, links
from advisor.model import ChoiceQuestion, Tree
from advisor.serving import streamlit_config, streamlit_flags

HERE = Path(__file__).parent
APP = HERE.parent / "src/advisor/web/streamlit_app.py"
MINIMAL = HERE / "minimal_app.py"


@dataclass(frozen=True)
class Scenario:
    """A link to open, then widgets to touch (key, and the option to pick, or None for a click);
    the last page must hold the container `expect_block`, headed `expect_heading` when given."""

    opening: str
    steps: tuple[tuple[str, str | None], ...]
    expect_block: str
    expect_heading: str | None = None


@dataclass
class Played:
    """One session's timings by step name ("open", "answer"), and what went wrong, if anything."""

    timings: list[tuple[str, float]] = field(default_factory=list)
    error: str | None = None
    last: Page | None = None


def advisor_scenario(tree: Tree, answers: dict[str, str], clicks: int = 2) -> Scenario:
    """Open the share link of all but the last `clicks` answers, then click those answers."""
    items = list(answers.items())
    walk = engine.walk(tree, answers)
    assert walk.outcome is not None, f"{answers} does not reach an outcome of {tree.id}"
    return Scenario(
        opening=links.encode(tree.id, dict(items[:-clicks])),
        steps=tuple((f"option-{qid}-{oid}", None) for qid, oid in items[-clicks:]),
        expect_block=f"card-{walk.outcome}",
        expect_heading=tree.outcomes[walk.outcome].title,
    )


def choice_paths(tree: Tree, at_least: int = 3) -> list[dict[str, str]]:
    """The tree's root-to-outcome paths answered by choices only, at least `at_least` long."""
    paths = []
    for path in engine.all_paths(tree):
        if len(path.answers) >= at_least and all(isinstance(tree.questions[q], ChoiceQuestion) for q in path.answers):
            paths.append({q: str(a) for q, a in path.answers.items()})
    return paths


def advisor_scenarios(trees: dict[str, Tree], tree_ids: Sequence[str]) -> list[Scenario]:
    """One scenario per tree: its first path of choices long enough to stop part way."""
    return [advisor_scenario(trees[t], choice_paths(trees[t])[0]) for t in tree_ids]


def minimal_scenario(clicks: int = 2) -> Scenario:
    options = ["gamma", "alpha", "beta"]
    return Scenario("choice=beta", tuple(("choice", options[i % 3]) for i in range(clicks)), "result")


async def play(session: Session, scenario: Scenario) -> Played:
    """Run a scenario in a connected session; any failure ends it with a one-line error."""
    played = Played()
    try:
        page = await session.open(scenario.opening)
        played.timings.append(("open", page.seconds))
        for key, option in scenario.steps:
            _check(page)
            widget = page.widgets.get(key)
            if widget is None:
                raise ProtocolError(f"no widget {key!r} on the page of ?{session.query_string}")
            page = await (session.click(widget) if option is None else session.choose(widget, option))
            played.timings.append(("answer", page.seconds))
        _check(page)
        played.last = page
        if scenario.expect_block not in page.blocks:
            raise ProtocolError(f"?{session.query_string} shows no {scenario.expect_block!r}")
        headings = page.headings_in(scenario.expect_block)
        if scenario.expect_heading is not None and scenario.expect_heading not in headings:
            raise ProtocolError(f"{scenario.expect_block!r} is headed {headings}, not {scenario.expect_heading!r}")
    except (ProtocolError, OSError) as error:
        played.error = str(error)
    return played


def _check(page: Page) -> None:
    if page.errors:
        raise ProtocolError("the page shows an error: " + " | ".join(page.errors))


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    trace: Path | None = None
    snapshots_on: bool = True
    snapshots: int = 0
    trims: int = 0

    def rss_mb(self) -> float:
        """The server's resident memory, from /proc."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS in /proc status")

    def cpu_seconds(self) -> float:
        """The server's CPU time so far (user and system), from /proc."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def snapshot(self) -> None:
        """With tracing on: ask the server for a tracemalloc snapshot, and wait until it is written."""
        if self.trace is not None and self.snapshots_on:
            self.snapshots += 1
            self._signal(signal.SIGUSR1, Path(f"{self.trace}-{self.snapshots}.json"))

    def trim(self) -> float | None:
        """With tracing on: the server's resident memory once glibc has returned its free memory."""
        if self.trace is None:
            return None
        self.trims += 1
        self._signal(signal.SIGUSR2, Path(f"{self.trace}-trimmed-{self.trims}"))
        return self.rss_mb()

    def _signal(self, signum: int, done: Path) -> None:
        self.process.send_signal(signum)
        deadline = time.monotonic() + 120
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.2)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(
    script: Path, extra: Sequence[str] = (), trace: Path | None = None, snapshots: bool = True
) -> Iterator[Server]:
    """The app on a free loopback port with the shipped settings, stopped on the way out.
    With `trace`, the server runs under bench/load_trace.py, which writes there: tracemalloc
    snapshots on SIGUSR1 (unless `snapshots` is false), the memory malloc_trim leaves on SIGUSR2."""
    port = free_port()
    flags = [f for f in streamlit_flags(streamlit_config()) if not f.startswith(("--theme", "--server.port"))]
    runner = ["-m", "streamlit"]
    if trace:
        runner = [str(HERE / "load_trace.py"), str(trace), *([] if snapshots else ["--trim-only"])]
    process = subprocess.Popen(
        [sys.executable, *runner, "run", str(script), *flags, f"--server.port={port}", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url + "_stcore/health", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{script.name} did not start") from None
                time.sleep(0.2)
        yield Server(url, process, trace, snapshots)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
