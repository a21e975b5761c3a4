"""The web app's response times against a minimal one-radio Streamlit app, measured the same way.

    python bench/bench_web.py [--runs 7]

Both apps are served on free local ports and driven by the same headless Chromium. Two timings:
opening a share link until the recommendation is visible, and a click until the next question is
visible. The target is a ratio within 1.3x of the minimal app.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import load_sessions
from playwright.sync_api import Page, sync_playwright

from advisor import engine, links
from advisor.loader import load_trees

HERE = Path(__file__).parent
FLAGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def serve(script: Path) -> Iterator[str]:
    """The app on a free loopback port with the shipped settings (as `make load` serves it)."""
    with load_sessions.serve(script) as server:
        yield server.url


def timed(action: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


class Case:
    """One app's two measurements: open a link until `visible` shows; click `click` until `after` shows."""

    def __init__(self, page: Page, open_url: str, visible: str, click_url: str, click: str, after: str) -> None:
        self.page, self.open_url, self.visible = page, open_url, visible
        self.click_url, self.click, self.after = click_url, click, after
        self.opens: list[float] = []
        self.clicks: list[float] = []

    def once(self) -> None:
        page = self.page
        self.opens.append(
            timed(lambda: (page.goto(self.open_url), page.wait_for_selector(self.visible, timeout=60_000)))
        )
        page.goto(self.click_url)
        page.wait_for_selector(self.click, timeout=60_000)
        self.clicks.append(
            timed(lambda: (page.locator(self.click).first.click(), page.wait_for_selector(self.after, timeout=60_000)))
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    tree = load_trees()["load-balancer"]
    path = next(p for p in engine.all_paths(tree) if len(p.answers) >= 2)
    (q1, a1), (q2, _) = list(path.answers.items())[:2]
    option_of_q2 = next(iter(tree.questions[q2].options))  # type: ignore[union-attr]
    executable = os.environ.get("CHROMIUM") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    app_script = HERE.parent / "src/advisor/web/streamlit_app.py"
    with sync_playwright() as p, serve(app_script) as app, serve(HERE / "minimal_app.py") as minimal:
        browser = p.chromium.launch(executable_path=executable, args=FLAGS)
        ours = Case(
            browser.new_page(),
            app + "?" + links.encode(tree.id, path.answers),
            f".st-key-card-{path.outcome}",
            app + "?tree=" + tree.id,
            f".st-key-option-{q1}-{a1} button",
            f".st-key-option-{q2}-{option_of_q2}",
        )
        base = Case(
            browser.new_page(),
            minimal + "?choice=beta",
            ".st-key-result",
            minimal,
            "label:has-text('beta')",
            ".st-key-result",
        )
        for case in (ours, base):  # warm-up: the first run of each script fills caches
            case.once()
            case.opens.clear()
            case.clicks.clear()
        for _ in range(runs):  # interleaved, so a busy moment of the machine hits both apps alike
            ours.once()
            base.once()
        browser.close()
    print(f"{'measure (median of ' + str(runs) + ')':<40} {'advisor':>10} {'minimal app':>12} {'ratio':>7}   target")
    rows = (
        ("open a share link -> recommendation", ours.opens, base.opens),
        ("click an answer -> next question", ours.clicks, base.clicks),
    )
    for name, mine, theirs in rows:
        a, b = statistics.median(mine), statistics.median(theirs)
        print(f"{name:<40} {a * 1e3:8.0f} ms {b * 1e3:10.0f} ms {a / b:6.2f}x   <= 1.3x")


if __name__ == "__main__":
    main()
