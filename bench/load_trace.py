"""Streamlit under tracemalloc, to find what holds the server's memory (the load benchmark's
`--trace-memory`):

    python bench/load_trace.py OUT [--trim-only] run APP [streamlit flags]

On each SIGUSR1, after a full garbage collection, the server writes OUT-N.snapshot (a tracemalloc
snapshot) and OUT-N.json (its live objects counted by type), N counting from 1. On SIGUSR2 it asks
glibc to hand its free memory back to the system (malloc_trim), then writes OUT-trimmed-N: memory
that falls then was free already, only kept by the allocator. With --trim-only, no tracemalloc
(whose own memory would blur the figures) and no snapshots.
"""

from __future__ import annotations

import ctypes
import gc
import itertools
import json
import signal
import sys
import tracemalloc
from collections import Counter
from pathlib import Path
from types import FrameType

from streamlit.web import cli

FRAMES = 30


def main() -> None:
    out = sys.argv.pop(1)
    trim_only = sys.argv[1] == "--trim-only"
    if trim_only:
        sys.argv.pop(1)
    count = itertools.count(1)

    def dump(signum: int, frame: FrameType | None) -> None:
        n = next(count)
        gc.collect()
        tracemalloc.take_snapshot().dump(f"{out}-{n}.snapshot")
        types = Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.get_objects())
        with open(f"{out}-{n}.json", "w", encoding="utf-8") as file:
            json.dump(dict(types.most_common()), file)

    trims = itertools.count(1)

    def trim(signum: int, frame: FrameType | None) -> None:
        gc.collect()
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        Path(f"{out}-trimmed-{next(trims)}").touch()

    if not trim_only:
        tracemalloc.start(FRAMES)
        signal.signal(signal.SIGUSR1, dump)
    signal.signal(signal.SIGUSR2, trim)
    sys.argv[0] = "streamlit"
    cli.main()


def report(out: Path, runs: int, top: int = 12) -> str:
    """For the last run (snapshots start, open, closed): traced memory at each, the lines whose
    allocations grew most from start to closed, and the object types whose count grew."""
    first = 3 * (runs - 1) + 1
    snaps = [tracemalloc.Snapshot.load(f"{out}-{first + i}.snapshot") for i in range(3)]
    counts = [json.loads(Path(f"{out}-{first + i}.json").read_text()) for i in range(3)]
    totals = [sum(s.size for s in snap.statistics("filename")) / 2**20 for snap in snaps]
    lines = ["traced MB: start {:.1f}, open {:.1f}, closed {:.1f}".format(*totals)]
    lines.append("grown most from start to closed (KB, allocations, line):")
    for diff in snaps[2].compare_to(snaps[0], "lineno")[:top]:
        frame = diff.traceback[0]
        lines.append(f"  {diff.size_diff / 1024:+9.1f} {diff.count_diff:+7d}  {frame.filename}:{frame.lineno}")
    grown = sorted(((counts[2].get(k, 0) - counts[0].get(k, 0), k) for k in counts[2]), reverse=True)[:top]
    lines.append("object types grown from start to closed (open, closed):")
    for change, kind in grown:
        lines.append(f"  {change:+7d}  {kind} ({counts[1].get(kind, 0)}, {counts[2][kind]})")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
