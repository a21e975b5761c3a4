"""The web app's Streamlit settings, read from the config shipped with the package, as flags
for `streamlit run` (so they apply whatever the current folder)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


def streamlit_config() -> Path:
    """The app's Streamlit settings, shipped inside the package (or at the source checkout root)."""
    package = Path(__file__).resolve().parent
    for candidate in (
        package / "web" / "config.toml",
        package.parents[1] / ".streamlit" / "config.toml",
    ):
        if candidate.is_file():
            return candidate
    return package / "web" / "config.toml"


def streamlit_flags(config: Path) -> list[str]:
    """The settings as `--section.key=value` flags, so they apply whatever the current folder.
    Nested tables keep their path: `[theme.dark]` gives `--theme.dark.primaryColor=...`."""
    return _flags("", tomllib.loads(config.read_text(encoding="utf-8")))


def _flags(prefix: str, table: dict[str, Any]) -> list[str]:
    flags = []
    for key, value in table.items():
        if isinstance(value, dict):
            flags += _flags(f"{prefix}{key}.", value)
        else:
            text = str(value).lower() if isinstance(value, bool) else str(value)
            flags.append(f"--{prefix}{key}={text}")
    return flags
