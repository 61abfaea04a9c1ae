"""Shared fixtures. Every test runs with its own GDTUI_HOME, so none reads or writes the real
user folders (user scenarios, recently opened files)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def gdtui_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "gdtui-home"
    home.mkdir()
    monkeypatch.setenv("GDTUI_HOME", str(home))
    return home


@pytest.fixture
def screen_text() -> Callable[..., str]:
    from tests.helpers import screen_text

    return screen_text
