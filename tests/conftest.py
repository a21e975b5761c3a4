"""Shared fixtures: the shipped trees, and small trees made for tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from advisor.loader import load_tree, load_trees
from advisor.model import Tree

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def trees() -> dict[str, Tree]:
    return load_trees()


@pytest.fixture(scope="session")
def tiny() -> Tree:
    return load_tree(FIXTURES / "good" / "tiny.yaml")


SITE_APP_URL = "http://127.0.0.1:8501/"
SITE_URL = "https://advisor.example.org/"


@pytest.fixture(scope="session")
def site_urls() -> tuple[str, str]:
    """The app's and the site's addresses the `site` fixture was written with."""
    return SITE_APP_URL, SITE_URL


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The static site of every shipped tree, written once by `advisor export` as a user runs it."""
    out = tmp_path_factory.mktemp("site") / "public"
    done = subprocess.run(
        [sys.executable, "-m", "advisor", "export", str(out), "--app-url", SITE_APP_URL, "--site-url", SITE_URL],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "pages" in done.stdout and done.stderr == ""
    return out
