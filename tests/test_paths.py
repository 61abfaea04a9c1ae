"""Every user folder, with GDTUI_HOME and without, and no other module computing one."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

import gdtui
from gdtui.paths import (
    autosave_path,
    data_dir,
    exports_dir,
    recent_path,
    scenarios_dir,
    sessions_dir,
    state_dir,
)


def folders() -> dict[str, Path]:
    return {
        "scenarios": scenarios_dir(),
        "sessions": sessions_dir(),
        "exports": exports_dir(),
        "data": data_dir(),
        "state": state_dir(),
        "autosave": autosave_path(),
        "recent": recent_path(),
    }


def test_everything_is_under_gdtui_home(gdtui_home: Path) -> None:
    assert folders() == {
        "scenarios": gdtui_home / "scenarios",
        "sessions": gdtui_home / "sessions",
        "exports": gdtui_home / "exports",
        "data": gdtui_home / "data",
        "state": gdtui_home / "state",
        "autosave": gdtui_home / "state" / "autosave.json",
        "recent": gdtui_home / "state" / "recent.json",
    }


@pytest.mark.parametrize("home", [None, ""], ids=["unset", "empty"])
def test_without_gdtui_home_the_platform_folders(
    home: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if home is None:
        monkeypatch.delenv("GDTUI_HOME")
    else:
        monkeypatch.setenv("GDTUI_HOME", home)
    monkeypatch.setattr(platformdirs, "user_data_path", lambda app: tmp_path / "share" / app)
    monkeypatch.setattr(platformdirs, "user_state_path", lambda app: tmp_path / "state" / app)
    data, state = tmp_path / "share" / "gdtui", tmp_path / "state" / "gdtui"
    assert folders() == {
        "scenarios": data / "scenarios",
        "sessions": data / "sessions",
        "exports": data / "exports",
        "data": data / "data",
        "state": state,
        "autosave": state / "autosave.json",
        "recent": state / "recent.json",
    }


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_on_linux_the_xdg_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GDTUI_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert scenarios_dir() == tmp_path / "share" / "gdtui" / "scenarios"
    assert recent_path() == tmp_path / "state" / "gdtui" / "recent.json"


def test_only_paths_knows_where_the_folders_are() -> None:
    package = Path(gdtui.__file__).parent
    others = [p for p in package.rglob("*.py") if p.name != "paths.py"]
    assert len(others) > 50
    for path in others:
        text = path.read_text(encoding="utf-8")
        for word in ("platformdirs", "GDTUI_HOME"):
            assert word not in text, f"{path.relative_to(package)} mentions {word}"
