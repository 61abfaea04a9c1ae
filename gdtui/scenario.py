"""Scenario files: finding them, loading them, and reporting every problem in them.

Every problem, in the file or in a ``--set`` override, is a :class:`ScenarioError` whose text
is one line ``FILE:LINE:COL: what is wrong (what was expected)``. Loading never raises
anything else, whatever the input.
"""

from __future__ import annotations

import difflib
import errno
import importlib.resources
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import platformdirs

from gdtui.engine.problem import Problem
from gdtui.scenario_data import SOURCES, DatasetResult, SourceLoader, register_source
from gdtui.scenario_schema import check
from gdtui.scenario_yaml import ScenarioError, apply_overrides, decode, parse_document

__all__ = [
    "SOURCES",
    "DatasetResult",
    "Scenario",
    "ScenarioError",
    "ScenarioInfo",
    "SourceLoader",
    "list_scenarios",
    "load_scenario",
    "load_text",
    "register_source",
    "resolve",
    "shipped_dir",
    "user_dir",
]


@dataclass(frozen=True, eq=False)
class Scenario:
    name: str
    description: str
    problem: Problem
    path: Path | None
    document: dict[str, Any]
    steps: int | None
    epochs: int | None

    @property
    def summary(self) -> str:
        return summary_of(self.description)


def summary_of(description: str) -> str:
    """The first line of a description with text, without Markdown heading marks."""
    for line in description.splitlines():
        text = line.strip().lstrip("#").strip()
        if text:
            return text
    return ""


@dataclass(frozen=True)
class ScenarioInfo:
    name: str
    path: Path
    origin: Literal["shipped", "user"]
    summary: str
    error: str | None


def load_text(
    text: str | bytes, filename: str = "<string>", overrides: Sequence[str] = ()
) -> Scenario:
    return _load(text, filename, None, overrides)


def load_scenario(path: str | Path, overrides: Sequence[str] = ()) -> Scenario:
    return _load(_read(path), str(path), Path(path), overrides)


def _read(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise ScenarioError(str(path), 1, 1, f"cannot read file: {e.strerror or e}") from None
    except ValueError as e:  # a NUL in the path
        raise ScenarioError(str(path), 1, 1, f"cannot read file: {e}") from None


def _load(
    text: str | bytes, filename: str, path: Path | None, overrides: Sequence[str]
) -> Scenario:
    if isinstance(text, (bytes, bytearray, memoryview)):
        text = decode(bytes(text), filename)
    if not isinstance(text, str):
        message = f"got {type(text).__name__} (expected the text of a scenario)"
        raise ScenarioError(filename, 1, 1, message)
    if isinstance(overrides, (str, bytes)):
        overrides = [overrides]
    root = parse_document(text, filename)
    apply_overrides(root, overrides)
    checked = check(root)
    return Scenario(
        name=checked.name,
        description=checked.description,
        problem=checked.problem,
        path=path,
        document=checked.document,
        steps=checked.steps,
        epochs=checked.epochs,
    )


def shipped_dir() -> Path:
    try:
        return Path(str(importlib.resources.files("gdtui.scenarios")))
    except ModuleNotFoundError:
        # A source checkout that is not installed: the folder is next to the package.
        return Path(__file__).resolve().parent.parent / "scenarios"


def user_dir() -> Path:
    home = os.environ.get("GDTUI_HOME")
    if home:
        return Path(home) / "scenarios"
    return platformdirs.user_data_path("gdtui") / "scenarios"


def _yaml_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.yaml") if p.is_file())
    except OSError:
        return []


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def resolve(name_or_path: str) -> Path:
    """The file of a scenario: a path as it is, or a name looked up in the user's then the
    shipped folder."""
    text = str(name_or_path)
    if "/" in text or os.sep in text or text.endswith((".yaml", ".yml")):
        path = Path(text)
        if _is_file(path):
            return path
        try:
            reason = os.strerror(errno.EISDIR if path.is_dir() else errno.ENOENT)
        except (OSError, ValueError) as e:
            reason = str(e)
        raise ScenarioError(text, 1, 1, f"cannot read file: {reason}")
    for folder in (user_dir(), shipped_dir()):
        path = folder / f"{text}.yaml"
        if _is_file(path):
            return path
    raise ScenarioError(text, 1, 1, f"no such scenario ({_known_names(text)})")


def _known_names(name: str) -> str:
    shipped = [p.stem for p in _yaml_files(shipped_dir())]
    yours = [p.stem for p in _yaml_files(user_dir())]
    parts = []
    close = difflib.get_close_matches(name, shipped + yours, n=1, cutoff=0.6)
    if close:
        parts.append(f"did you mean {close[0]!r}?")
    if yours:
        parts.append(f"yours: {', '.join(yours)};")
    if shipped:
        parts.append(f"shipped: {', '.join(shipped)};")
    parts.append("or give a path to a .yaml file")
    return " ".join(parts)


def list_scenarios() -> list[ScenarioInfo]:
    """Every scenario file, shipped ones first, each with its summary or its error.

    The user's files are loaded whole, so that a broken one says why. Of the shipped ones (which
    the tests load whole) only the description is read: the picker opens without loading MNIST.
    """
    infos = []
    folders: tuple[tuple[Literal["shipped", "user"], Path], ...] = (
        ("shipped", shipped_dir()),
        ("user", user_dir()),
    )
    for origin, folder in folders:
        for path in _yaml_files(folder):
            read = _read_summary if origin == "shipped" else _load_summary
            try:
                summary, error = read(path), None
            except ScenarioError as e:
                summary, error = "", str(e)
            infos.append(ScenarioInfo(path.stem, path, origin, summary, error))
    return infos


def _load_summary(path: Path) -> str:
    return load_scenario(path).summary


def _read_summary(path: Path) -> str:
    name = str(path)
    for key, value in parse_document(decode(_read(path), name), name).value:
        if key.value == "description" and isinstance(value.value, str):
            return summary_of(value.value)
    return ""
