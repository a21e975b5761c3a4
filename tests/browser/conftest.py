"""A real server on a free port and a real headless Chromium, both stopped when the tests end."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .servers import free_port, stop, wait_until_up

ARTIFACTS = Path(__file__).parents[2] / "test-artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    port = free_port()
    log = (ARTIFACTS / "server.log").open("w") if ARTIFACTS.mkdir(exist_ok=True) is None else None
    server = subprocess.Popen(
        [sys.executable, "-m", "advisor", "serve", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(url + "_stcore/health", server, "the web app", ARTIFACTS / "server.log")
        yield url
    finally:
        stop(server)
        if log:
            log.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium where it is installed (or $CHROMIUM); else Playwright's own download."""
    executable = os.environ.get("CHROMIUM") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    args = {**browser_type_launch_args, "args": CHROMIUM_FLAGS}
    if executable:
        args["executable_path"] = executable
    return args


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Any:
    """Save a screenshot of a page under test-artifacts/, named after the test."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page: Any, name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{name}.png"), full_page=True)

    return take
