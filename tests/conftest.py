"""Shared fixtures: the shipped trees, and small trees made for tests."""

from __future__ import annotations

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
