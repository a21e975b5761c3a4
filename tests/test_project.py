"""Drift checks: the pieces that document or package the project agree with the code."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.serving import streamlit_config, streamlit_flags

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
    assert "advisor/web/assets/icon.png" in names  # the favicon, served by the app itself
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


def test_the_tree_schema_in_docs_is_the_one_advisor_schema_prints() -> None:
    done = CliRunner().invoke(cli, ["schema"])
    assert done.exit_code == 0
    assert (ROOT / "docs" / "tree.schema.json").read_text(encoding="utf-8") == done.output, (
        "docs/tree.schema.json is out of date: run `advisor schema > docs/tree.schema.json`"
    )


def test_docs_the_readme_and_the_code_name_only_files_that_exist() -> None:
    """Every docs/ file named in the README, the docs or the code is in the repository, and the
    README links the contracts and the schema."""
    texts = [
        ROOT / "README.md",
        *(ROOT / "docs").glob("*.md"),
        *(ROOT / "src").rglob("*.py"),
        *ROOT.glob("tests/**/*.py"),
    ]
    named = {name for path in texts for name in re.findall(r"docs/[\w./-]+\.(?:md|json)", path.read_text("utf-8"))}
    assert [name for name in sorted(named) if not (ROOT / name).is_file()] == []
    readme = (ROOT / "README.md").read_text()
    assert "](docs/contracts.md)" in readme and "](docs/tree.schema.json)" in readme


def test_serve_flags_keep_nested_theme_tables(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[server]\nheadless = true\n[theme]\nfont = "serif"\n[theme.dark]\nprimaryColor = "#bd5409"\n')
    assert streamlit_flags(config) == [
        "--server.headless=true",
        "--theme.font=serif",
        "--theme.dark.primaryColor=#bd5409",
    ]


def test_the_shipped_config_has_a_light_and_a_dark_theme() -> None:
    flags = streamlit_flags(streamlit_config())
    assert any(f.startswith("--theme.light.primaryColor=") for f in flags)
    assert any(f.startswith("--theme.dark.primaryColor=") for f in flags)
    assert not any(f.startswith("--theme.primaryColor=") for f in flags), "a [theme] primaryColor forces one theme"
