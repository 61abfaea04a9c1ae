"""Sessions: a scenario and everything done to it, saved to a file and reopened at the same step.

The file is UTF-8 JSON, one object with a top-level key a line::

    {
      "format": "gdtui-session",        # always this: anything else is not a session
      "version": 1,                     # a newer version is refused, with a message saying so
      "gdtui": "0.1.0",                 # the gdtui that wrote it (informational)
      "saved": "2025-01-31T12:00:00Z",  # when, in UTC (informational)
      "scenario": {
        "name": "Multiple inputs",
        "path": "/home/me/x.yaml",      # the file it was opened from, or null
        "document": {...}               # the scenario itself, as validated: the session opens
      },                                #   even if that file has changed or gone
      "history": {"events": [[kind, count, value], ...], "position": N},
      "result": {"step": 3, "weights_sha256": "..."},  # after replay, to notice changed data
      "view": {...}                     # the app's own state: cursor, digit, panels shown
    }

``history`` is ``Trainer.history()``: every step and change (alpha, freezing, edits, resets)
since the scenario was opened, and the position in it; replaying it rebuilds the weights bit
for bit and keeps undo and redo working. A relative dataset ``path`` in the document is made
absolute on saving, so the session opens from any folder.

Saving is atomic (see gdtui.atomic): a crash or kill mid-save leaves the previous file whole;
the stray temporary file it may leave is removed by the next save to the same path. An app
quitting with unsaved progress writes the first free autosave slot (``paths.autosave_path``)
under a lock, so two apps quitting at once leave two autosaves, and the picker offers each.

Every problem opening a session is a :class:`SessionError`, one line
``FILE:LINE:COL: what is wrong`` (line and column point into the JSON where they can; 1:1
otherwise). Before anything is replayed a file is held to bounds: at most ``MAX_BYTES``,
arrays and objects nested at most ``MAX_DEPTH`` deep, and a history of at most
``Trainer.MAX_REPLAY`` steps and changes, each checked as the trainer's methods check them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gdtui import __version__
from gdtui.atomic import locked, write_text
from gdtui.files import FileRefused, open_regular
from gdtui.nesting import too_deep
from gdtui.paths import autosave_path, same_file, sessions_dir, state_dir
from gdtui.scenario.reading import ScenarioError, decode, escape_line_breaks

if TYPE_CHECKING:  # NumPy and the engine load when a session is opened, not when one is listed
    from gdtui.engine import Trainer
    from gdtui.scenario import Scenario

FORMAT = "gdtui-session"
VERSION = 1
KEYS = ("scenario", "history", "view")
MAX_BYTES = 8 * 1024 * 1024  # 400,000 events fit; larger is not read (the picker peeks at it)
MAX_DEPTH = 32  # a session nests 6 deep; deeper would only test the parsers' recursion
_AUTOSAVE = re.compile(r"autosave(-[0-9]+)?\.json")


class SessionError(Exception):
    """A file that is not a session this gdtui can open, as ``FILE:LINE:COL: message``."""

    def __init__(self, file: str | Path, line: int, col: int, message: str) -> None:
        self.file = escape_line_breaks(str(file))
        self.line, self.col = max(1, line), max(1, col)
        self.message = escape_line_breaks(message)
        super().__init__(f"{self.file}:{self.line}:{self.col}: {self.message}")


@dataclass(frozen=True, eq=False)
class Session:
    """An opened session: the trainer is at the saved position, with the saved undo history.

    ``warnings`` holds things worth telling the user that do not stop the session opening,
    like replayed weights that differ from the saved ones (the data changed meanwhile).
    """

    scenario: Scenario
    trainer: Trainer
    view: dict[str, Any]
    path: Path
    saved: str | None = None
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class SessionInfo:
    """What a list of sessions shows, read without replaying the history."""

    path: Path
    name: str
    step: int | None
    saved: str | None


# -- where sessions live ---------------------------------------------------------------------
def recent_sessions(limit: int = 10) -> list[Path]:
    """The saved sessions and the autosaves, newest first."""
    return _newest([*sessions_dir().glob("*.json"), *autosaves()])[:limit]


def autosaves() -> list[Path]:
    """Every autosave slot that holds a file, newest first."""
    return _newest([p for p in state_dir().glob("autosave*.json") if _AUTOSAVE.fullmatch(p.name)])


def _newest(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        try:
            found.append((path.stat().st_mtime, path))
        except OSError:  # a file removed meanwhile
            continue
    found.sort(key=lambda item: item[0], reverse=True)
    return [path for _, path in found]


def is_autosave(path: Path) -> bool:
    return _AUTOSAVE.fullmatch(Path(path).name) is not None and same_file(
        Path(path).parent, state_dir()
    )


def autosave_for(session: Session) -> Path:
    """The autosave ``session`` was resumed from, else the first slot: what
    ``Controller.from_session`` compares the session's file with."""
    return session.path if is_autosave(session.path) else autosave_path()


@contextmanager
def autosave_slot() -> Iterator[Path]:
    """The first free autosave slot, kept free for the caller to write while the block runs:
    apps quitting at once (one per browser with ``--web``) take one slot each, never the same
    one. OSError when the lock cannot be had."""
    with locked(autosave_path()):
        slot = 1
        while autosave_path(slot).exists():
            slot += 1
        yield autosave_path(slot)


def default_session_name(scenario: Scenario) -> Path:
    """``sessions_dir()/STEM-N.json``: the scenario file's stem (or its name made a slug) and
    the first N from 1 that is not taken."""
    stem = scenario.path.stem if scenario.path is not None else slug(scenario.name)
    folder = sessions_dir()
    n = 1
    while (folder / f"{stem}-{n}.json").exists():
        n += 1
    return folder / f"{stem}-{n}.json"


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "session"


# -- saving ----------------------------------------------------------------------------------
def session_document(scenario: Scenario, trainer: Trainer, view: dict[str, Any]) -> dict:
    """The JSON object of a session (what ``save_session`` writes)."""
    from datetime import datetime, timezone

    return {
        "format": FORMAT,
        "version": VERSION,
        "gdtui": __version__,
        "saved": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "scenario": {
            "name": scenario.name,
            "path": None if scenario.path is None else str(Path(scenario.path).absolute()),
            "document": portable_document(scenario),
        },
        "history": trainer.history(),
        "result": {"step": trainer.steps, "weights_sha256": _fingerprint(trainer)},
        "view": view,
    }


def save_session(
    path: str | Path, scenario: Scenario, trainer: Trainer, view: dict[str, Any]
) -> None:
    """Write the session to ``path`` atomically (creating its folder); OSError when it cannot.
    ``view`` must be plain JSON data (TypeError or ValueError otherwise: a programming error)."""
    # A key a line: the header reads at a glance, and the history stays compact.
    document = session_document(scenario, trainer, view)
    lines = [f" {json.dumps(key)}: {_compact(value)}" for key, value in document.items()]
    write_text(path, "{\n" + ",\n".join(lines) + "\n}\n")


def _compact(value: object) -> str:
    return json.dumps(value, allow_nan=False, separators=(",", ":"), ensure_ascii=False)


def portable_document(scenario: Scenario) -> dict[str, Any]:
    """The scenario's document with a relative CSV path made absolute, so that it loads from
    any folder (a csv path is relative to the scenario file; mnist's to the working folder)."""
    document = dict(scenario.document)
    data = document.get("data")
    if isinstance(data, dict) and isinstance(data.get("path"), str) and "source" in data:
        path = Path(data["path"]).expanduser()
        if not path.is_absolute():
            base = Path.cwd()
            if data["source"] == "csv" and scenario.path is not None:
                base = Path(scenario.path).absolute().parent
            document["data"] = {**data, "path": os.path.normpath(base / path)}
    return document


def _fingerprint(trainer: Trainer) -> str:
    import hashlib

    return hashlib.sha256(trainer.state.weights.astype("<f8").tobytes()).hexdigest()


# -- loading ---------------------------------------------------------------------------------
def read_session_file(path: str | Path) -> dict[str, Any]:
    """The checked JSON object of a session file, without loading its scenario."""
    return _read(path)[1]


def _read(path: str | Path) -> tuple[bytes, dict[str, Any]]:
    name = str(path)
    try:
        file, _ = open_regular(path)  # not a FIFO or a device: those would hang or never end
        with file:
            data = file.read(MAX_BYTES + 1)
    except FileRefused as e:
        raise SessionError(name, 1, 1, f"cannot read file: {e}") from None
    except OSError as e:
        raise SessionError(name, 1, 1, f"cannot read file: {e.strerror or e}") from None
    if len(data) > MAX_BYTES:
        message = f"not a gdtui session: larger than {MAX_BYTES // 2**20} MiB"
        raise SessionError(name, 1, 1, message)
    try:
        text = decode(data, name)
    except ScenarioError as e:
        line, col = e.line, e.col
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:  # JSON's lines, not YAML's (which break at \r too)
            line, col = _mark(data, bad.start)
        raise SessionError(name, line, col, f"not a gdtui session: {e.message}") from None
    _check_depth(data, name)
    try:
        obj = json.loads(text, parse_constant=_no_constant, parse_float=_finite_float)
    except json.JSONDecodeError as e:
        message = f"not a gdtui session: invalid JSON ({e.msg})"
        raise SessionError(name, e.lineno, e.colno, message) from None
    except (ValueError, RecursionError) as e:
        raise SessionError(name, 1, 1, f"not a gdtui session: {e}") from None
    _check_header(obj, name)
    for key in KEYS:
        if key not in obj:
            message = f"the session has no {key!r} (expected scenario, history and view)"
            raise SessionError(name, 1, 1, message)
    scenario, view = obj["scenario"], obj["view"]
    if not isinstance(scenario, dict) or not isinstance(scenario.get("document"), dict):
        raise SessionError(name, 1, 1, "'scenario' has no 'document' mapping (expected one)")
    if not isinstance(scenario.get("path"), (str, type(None))):
        raise SessionError(name, 1, 1, "'scenario.path' is not text or null")
    if not isinstance(view, dict):
        raise SessionError(name, 1, 1, "'view' is not an object (expected one)")
    if not isinstance(obj["history"], dict):
        raise SessionError(name, 1, 1, "'history' is not an object (expected events, position)")
    return data, obj


def _check_depth(data: bytes, name: str) -> None:
    """Refuse arrays and objects nested over MAX_DEPTH, before a parser recurses into them."""
    where = too_deep(data, MAX_DEPTH)
    if where is not None:
        line, col = _mark(data, where)
        raise SessionError(name, line, col, f"not a gdtui session: nested over {MAX_DEPTH} deep")


def _mark(data: bytes, where: int) -> tuple[int, int]:
    """Line and column (in characters) of byte ``where``."""
    start = data.rfind(b"\n", 0, where) + 1
    return data.count(b"\n", 0, where) + 1, len(data[start:where].decode("utf-8", "replace")) + 1


def _key_mark(data: bytes, key: str) -> tuple[int, int]:
    """Where the top-level ``key`` starts (a session has a key a line), else 1:1."""
    found = re.search(rb'^\s*("' + key.encode() + rb'")\s*:', data, re.MULTILINE)
    return _mark(data, found.start(1)) if found else (1, 1)


def _check_header(obj: object, name: str) -> None:
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        message = f'not a gdtui session (expected "format": "{FORMAT}" in a JSON object)'
        raise SessionError(name, 1, 1, message)
    version = obj.get("version")
    if type(version) is not int:
        raise SessionError(name, 1, 1, f"session version {version!r} is not a whole number")
    if version > VERSION:
        message = f"made by a newer gdtui (version {version}); this one reads version {VERSION}"
        raise SessionError(name, 1, 1, message)
    if version < VERSION:
        message = f"session version {version} is too old; this one reads version {VERSION}"
        raise SessionError(name, 1, 1, message)


def _no_constant(text: str) -> float:
    raise ValueError(f"{text} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"{text} is too large a number")
    return value


def peek_session(path: str | Path) -> SessionInfo:
    """Name, step and time of a session, for a list, without replaying it."""
    obj = read_session_file(path)
    result = obj.get("result")
    step = result.get("step") if isinstance(result, dict) else None
    saved = obj.get("saved")
    return SessionInfo(
        Path(path),
        str(obj["scenario"].get("name") or obj["scenario"]["document"].get("name", "")),
        step if type(step) is int else None,
        saved if isinstance(saved, str) else None,
    )


def load_session(path: str | Path) -> Session:
    """Rebuild the scenario from the stored document and replay the history to the saved
    position. Raises SessionError (never anything else) for a file it cannot open."""
    import yaml

    from gdtui.engine import Trainer
    from gdtui.scenario.load import load_text

    name = str(path)
    data, obj = _read(path)
    stored = obj["scenario"]
    text = yaml.safe_dump(stored["document"], sort_keys=False)
    try:
        scenario = load_text(text, filename=name)
    except ScenarioError as e:
        # Lines in the YAML made from the document mean nothing to a reader of the JSON,
        # but a CSV file's own line does.
        detail = str(e) if e.file != name else e.message
        raise SessionError(name, 1, 1, f"the saved scenario does not load: {detail}") from None
    if stored.get("path") is not None:
        scenario = replace(scenario, path=Path(stored["path"]))
    try:
        trainer = Trainer.restore(scenario.problem, obj["history"])
    except Exception as e:  # restore turns misfits into ValueError; any other is one too
        message = str(e) if isinstance(e, ValueError) else f"the saved history does not fit ({e})"
        raise SessionError(name, *_key_mark(data, "history"), message) from None
    saved = obj.get("saved")
    return Session(
        scenario,
        trainer,
        obj["view"],
        Path(path),
        saved if isinstance(saved, str) else None,
        tuple(_check_result(obj.get("result"), trainer)),
    )


def _check_result(result: object, trainer: Trainer) -> list[str]:
    if not isinstance(result, dict):
        return []
    if result.get("step") not in (None, trainer.steps):
        return [f"the replay ended at step {trainer.steps}, not {result['step']} as saved"]
    if result.get("weights_sha256") not in (None, _fingerprint(trainer)):
        return ["the replayed weights differ from the saved ones: has the data changed?"]
    return []
