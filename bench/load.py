"""Load on the web server alone: N sessions at once against the advisor and a minimal Streamlit
app, both served in the same run.

    python bench/load.py [--sessions 10 50 200] [--settle 10] [--server-flag=--a.b=c] [--json]
                         [--trim] [--trace-memory DIR]

No browser: each session speaks Streamlit's WebSocket protocol (bench/load_client.py). An advisor
session opens a share link that stops part way and clicks the remaining answers until the
recommendation is on the page; a minimal-app session opens `?choice=beta`, then sets the radio,
as many steps. For each N, the N sessions connect, run their steps all at once, and close.
Reported: sessions per second, the server's CPU time per step, p50 and p95 per step (send ->
script run ended), errors, and the server's resident memory at the start, with the N sessions
open and `--settle` seconds after they closed. Targets: at 50 sessions the advisor's p95 within
2x the minimal app's and no errors; the memory back within 10% of the start after they close.
The default runs 200 twice: what the second wave adds tells a high-water mark (memory kept by the
allocator and reused) from a leak (memory that grows with every wave).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import load_trace
from load_client import Session
from load_sessions import APP, MINIMAL, Played, Scenario, Server, advisor_scenarios, minimal_scenario, play, serve

from advisor.loader import load_trees

TREES = ("database", "load-balancer", "compute", "messaging", "caching")
STEPS = ("open", "answer")


@dataclass
class Run:
    """N sessions against one app: their timings and errors, and the server's memory around them."""

    app: str
    sessions: int
    seconds: float
    played: list[Played]
    rss_start: float
    rss_open: float
    rss_after: float
    cpu: float = 0.0
    rss_trimmed: float | None = None

    def times(self, step: str) -> list[float]:
        return [s for p in self.played for name, s in p.timings if name == step]

    def percentile(self, step: str, q: int) -> float:
        data = sorted(self.times(step))
        if len(data) < 2:
            return data[0] if data else float("nan")
        return statistics.quantiles(data, n=100, method="inclusive")[q - 1]

    @property
    def errors(self) -> list[str]:
        return [p.error for p in self.played if p.error]

    @property
    def per_second(self) -> float:
        return (len(self.played) - len(self.errors)) / self.seconds

    @property
    def cpu_per_step(self) -> float:
        """The server's CPU seconds per step: what a step costs it, whatever the waiting."""
        return self.cpu / max(1, sum(len(p.timings) for p in self.played))

    @property
    def mb_per_session(self) -> float:
        return (self.rss_open - self.rss_start) / self.sessions

    @property
    def after_vs_start(self) -> float:
        return self.rss_after / self.rss_start - 1


async def _connect(session: Session) -> str | None:
    try:
        await session.connect()
    except Exception as error:  # refused, timed out, handshake failed: the session counts as an error
        return f"could not connect: {error!r}"
    return None


async def load(server: Server, scenarios: Sequence[Scenario], n: int, settle: float, timeout: float) -> Run:
    """Connect N sessions, run their scenarios at once, close them; measure around it."""
    rss_start = server.rss_mb()
    server.snapshot()
    sessions = [Session(server.url, timeout) for _ in range(n)]
    failed = await asyncio.gather(*(_connect(s) for s in sessions))
    live = [(s, scenarios[i % len(scenarios)]) for i, (s, f) in enumerate(zip(sessions, failed, strict=True)) if not f]
    start, cpu = time.perf_counter(), server.cpu_seconds()
    played = await asyncio.gather(*(play(s, scenario) for s, scenario in live))
    seconds, cpu = time.perf_counter() - start, server.cpu_seconds() - cpu
    await asyncio.sleep(1)  # let the last runs' messages leave the server
    rss_open = server.rss_mb()
    server.snapshot()
    await asyncio.gather(*(s.close() for s in sessions))
    await asyncio.sleep(settle)
    rss_after = server.rss_mb()
    server.snapshot()
    played += [Played(error=f) for f in failed if f]
    return Run("", n, seconds, played, rss_start, rss_open, rss_after, cpu, server.trim())


async def warm_up(server: Server, scenarios: Sequence[Scenario], timeout: float) -> None:
    """Each scenario once, so caches (the trees, the drawings) are filled before measuring."""
    for scenario in scenarios:
        async with Session(server.url, timeout) as session:
            played = await play(session, scenario)
        if played.error:
            raise SystemExit(f"warm-up failed on {server.url}?{scenario.opening}: {played.error}")


def summary(run: Run) -> dict[str, object]:
    steps = {f"{step}_p{q}_ms": round(run.percentile(step, q) * 1e3, 1) for step in STEPS for q in (50, 95)}
    return {
        "app": run.app,
        "sessions": run.sessions,
        "seconds": round(run.seconds, 2),
        "sessions_per_second": round(run.per_second, 2),
        "server_cpu_ms_per_step": round(run.cpu_per_step * 1e3, 1),
        **steps,
        "errors": run.errors,
        "rss_mb": {"start": run.rss_start, "open": run.rss_open, "closed": run.rss_after, "trimmed": run.rss_trimmed},
        "mb_per_session": round(run.mb_per_session, 3),
    }


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:7.0f}"


def table(runs: list[Run]) -> str:
    head = (
        f"{'N':>4} {'app':<8} {'sess/s':>7} {'CPU/step':>9} {'open p50':>9} {'p95':>7} {'answer p50':>11} {'p95':>7}"
        f" {'errors':>6}"
        f"  {'RSS start':>9} {'open':>7} {'closed':>7} {'MB/sess':>7} {'closed vs start':>15}"
    )
    lines = [head, "-" * len(head)]
    for run in runs:
        lines.append(
            f"{run.sessions:>4} {run.app:<8} {run.per_second:7.1f} {_ms(run.cpu_per_step)}ms"
            f" {_ms(run.percentile('open', 50))}ms {_ms(run.percentile('open', 95))}"
            f" {_ms(run.percentile('answer', 50))}ms {_ms(run.percentile('answer', 95))}"
            f" {len(run.errors):>6}  {run.rss_start:7.1f}MB {run.rss_open:7.1f} {run.rss_after:7.1f}"
            f" {run.mb_per_session:7.2f} {run.after_vs_start:+14.1%}"
        )
    lines.append("")
    pairs = {(r.sessions, r.app): r for r in runs}
    for n in sorted({r.sessions for r in runs}):
        ours, base = pairs[n, "advisor"], pairs[n, "minimal"]
        ratios = ", ".join(f"{step} {ours.percentile(step, 95) / base.percentile(step, 95):.2f}x" for step in STEPS)
        lines.append(f"N={n}: p95 advisor / minimal: {ratios} (target at N=50: <= 2x, no errors)")
    for run in runs:
        if run.rss_trimmed is not None:
            lines.append(f"{run.app} N={run.sessions}: {run.rss_trimmed:.1f} MB once glibc returned its free memory")
        for error in sorted(set(run.errors))[:3]:
            lines.append(f"  {run.app} N={run.sessions}: {run.errors.count(error)}x {error}")
    return "\n".join(lines)


async def bench(
    servers: dict[str, tuple[Server, list[Scenario]]], counts: list[int], args: argparse.Namespace
) -> list[Run]:
    for server, scenarios in servers.values():
        await warm_up(server, scenarios, args.timeout)
    runs = []
    for n in counts:
        for name, (server, scenarios) in servers.items():
            run = await load(server, scenarios, n, args.settle, args.timeout)
            run.app = name
            runs.append(run)
            if not args.json:
                print(f"  {name} N={n}: {run.seconds:.1f} s, {len(run.errors)} errors", flush=True)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 50, 200, 200], help="the N to run, in order")
    parser.add_argument("--settle", type=float, default=10.0, help="seconds after closing before the last RSS")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds a step may take before it is an error")
    parser.add_argument(
        "--server-flag",
        action="append",
        default=[],
        help="a streamlit flag for both servers, after the shipped settings (--server-flag=--runner.postScriptGC=true)",
    )
    parser.add_argument("--trim", action="store_true", help="also the RSS once glibc returned its free memory")
    parser.add_argument("--trace-memory", type=Path, help="run the servers under tracemalloc; snapshots go there")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    trees = load_trees()
    extra = args.server_flag
    with ExitStack() as stack:
        trace = args.trace_memory or (Path(stack.enter_context(tempfile.TemporaryDirectory())) if args.trim else None)
        if trace:
            trace.mkdir(parents=True, exist_ok=True)
        servers = {
            name: (stack.enter_context(serve(script, extra, trace / name if trace else None, not args.trim)), scenarios)
            for name, script, scenarios in (
                ("advisor", APP, advisor_scenarios(trees, TREES)),
                ("minimal", MINIMAL, [minimal_scenario()]),
            )
        }
        runs = asyncio.run(bench(servers, args.sessions, args))
    print(json.dumps([summary(r) for r in runs], indent=1) if args.json else table(runs))
    if args.trace_memory and not args.trim:
        for name in servers:
            print(f"\n{name}: " + load_trace.report(trace / name, len(args.sessions)))


if __name__ == "__main__":
    main()
