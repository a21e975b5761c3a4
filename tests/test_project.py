"""Drift checks: the pieces that document or package the project agree with the code."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from advisor.cli import cli

ROOT = Path(__file__).parents[1]


def test_the_engine_does_not_import_streamlit() -> None:
    code = (
        "import sys, advisor.engine, advisor.loader, advisor.links, advisor.render, advisor.cli; "
        "print('streamlit' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_readme_documents_every_cli_command() -> None:
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| `advisor (\w+)", readme, re.M))
    assert documented == set(cli.commands)


def test_readme_shows_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme


@pytest.mark.skipif(not (ROOT / "pyproject.toml").exists(), reason="needs the source checkout")
def test_the_wheel_carries_the_trees_and_works_from_any_folder(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("advisor-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {p.name for p in (ROOT / "trees").glob("*.yaml")}
    assert {Path(n).name for n in names if n.startswith("advisor/trees/")} == shipped
    assert "advisor/web/config.toml" in names and "advisor/py.typed" in names
    site_files = {"advisor/site/templates/walk.html", "advisor/site/static/style.css"}
    assert site_files <= set(names)
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", "import advisor.loader as l; print(l.shipped_trees_dir()); print(len(l.load_trees()))"],
        cwd=elsewhere,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    folder, count = done.stdout.split()
    assert folder.startswith(str(target)) and int(count) == len(shipped)
