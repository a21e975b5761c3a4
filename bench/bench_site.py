"""The static site: how long `advisor export` takes and how big the site is, and how fast a
static recommendation page opens against the same recommendation's share link in the app.

    python bench/bench_site.py [--runs 7]

The site is served by Python's own static file server on a free local port, the app as
bench_web.py serves it; both are opened by the same headless Chromium, interleaved.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench_web import FLAGS, HERE, serve, timed
from playwright.sync_api import sync_playwright

from advisor import links
from advisor.loader import load_trees
from advisor.site.build import export
from advisor.site.walks import graph_of


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def static_server(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    trees = load_trees()
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        report = export(trees, site)
        size = f"{report.pages} pages, {report.bytes / 1e6:.1f} MB"
        print(f"{'static site of every tree':<40} {size}, written in {report.seconds:.1f} s")
        tree = trees["load-balancer"]
        answers = {"traffic": "web", "web-needs": "fixed-ip"}
        state = graph_of(tree).find(answers)
        assert state is not None and state.walk.outcome is not None
        page_path = f"{tree.id}/walk/{'/'.join(state.segments)}/index.html"
        executable = os.environ.get("CHROMIUM") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
        app_script = HERE.parent / "src/advisor/web/streamlit_app.py"
        with sync_playwright() as p, serve(app_script) as app, static_server(site) as static:
            browser = p.chromium.launch(executable_path=executable, args=FLAGS)
            page = browser.new_page()
            cases = {
                "static": (static + page_path, "h2.outcome-title"),
                "app": (app + "?" + links.encode(tree.id, answers), f".st-key-card-{state.walk.outcome}"),
            }
            times: dict[str, list[float]] = {name: [] for name in cases}
            for i in range(runs + 1):  # the first round warms both up and is not counted
                for name, (url, visible) in cases.items():
                    took = timed(lambda url=url, visible=visible: (page.goto(url), page.wait_for_selector(visible)))
                    if i:
                        times[name].append(took)
            browser.close()
    mine, theirs = statistics.median(times["static"]), statistics.median(times["app"])
    label = f"open a recommendation (median of {runs})"
    print(f"{label:<40} static {mine * 1e3:.0f} ms, app share link {theirs * 1e3:.0f} ms: {mine / theirs:.2f}x")


if __name__ == "__main__":
    main()
