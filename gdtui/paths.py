"""Every folder gdtui reads or writes for the user, in one place.

With ``GDTUI_HOME`` set, everything is under it: ``scenarios``, ``sessions``, ``exports`` and
``data`` (datasets ``gdtui data fetch`` downloaded), and ``state`` for what gdtui keeps for
itself (the autosaves and the recently opened files). Without it, the first four are in the
platform's user data folder and the state files in its user state folder (on Linux
``~/.local/share/gdtui`` and ``~/.local/state/gdtui``).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "gdtui"


def _home() -> Path | None:
    home = os.environ.get("GDTUI_HOME")
    return Path(home) if home else None


def _data_folder(name: str) -> Path:
    home = _home()
    return (home if home is not None else platformdirs.user_data_path(APP)) / name


def scenarios_dir() -> Path:
    """The user's own scenarios: ``gdtui new`` writes here, ``gdtui NAME`` looks here first."""
    return _data_folder("scenarios")


def sessions_dir() -> Path:
    return _data_folder("sessions")


def exports_dir() -> Path:
    return _data_folder("exports")


def data_dir() -> Path:
    """Downloaded datasets, a folder each (``data_dir() / "mnist"``)."""
    return _data_folder("data")


def state_dir() -> Path:
    home = _home()
    return home / "state" if home is not None else platformdirs.user_state_path(APP)


def autosave_path(slot: int = 1) -> Path:
    """Where an app quitting with unsaved progress saves it: ``autosave.json``, or
    ``autosave-N.json`` while the first N-1 hold other apps' (``--web`` runs one app per
    browser, all on these folders)."""
    return state_dir() / ("autosave.json" if slot == 1 else f"autosave-{slot}.json")


def recent_path() -> Path:
    return state_dir() / "recent.json"


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name the same file (False when either cannot be resolved)."""
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def lessons_dir() -> Path:
    """The user's own lessons: ``gdtui lesson NAME`` looks here first, then the shipped ones."""
    return _data_folder("lessons")


def lesson_progress_dir() -> Path:
    """Where each lesson keeps the page a learner is on (``gdtui lesson`` resumes there)."""
    return state_dir() / "lessons"
