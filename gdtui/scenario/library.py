"""The scenario files there are: shipped with gdtui and the user's own, found by name and
listed with their summaries for ``gdtui list`` and the picker."""

from __future__ import annotations

import difflib
import errno
import importlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from gdtui.paths import same_file, scenarios_dir
from gdtui.scenario.reading import ScenarioError, decode, read_file, summary_of

# A name with this prefix is the shipped scenario's even when the user has one of that name.
SHIPPED = "shipped:"


@dataclass(frozen=True)
class ScenarioInfo:
    name: str
    path: Path
    origin: Literal["shipped", "user"]
    summary: str
    error: str | None
    replaces: str | None = None  # a user file named like a shipped one: what to tell the user


def shipped_dir() -> Path:
    try:  # its folder, as importlib.resources would say, without that module's 9 ms of imports
        return Path(str(importlib.import_module("gdtui.scenarios").__file__)).parent
    except ModuleNotFoundError:
        # A source checkout that is not installed: the folder is beside the package.
        return Path(__file__).resolve().parents[2] / "scenarios"


# The shipped scenarios in the chapter's order: several inputs, alpha too large, freezing one
# weight, several outputs, both, MNIST; then learning across examples. Others follow by name.
CHAPTER_ORDER = ("multi-input", "diverge", "freeze", "multi-output", "multi-in-out", "mnist")


def chapter_order(path: Path) -> tuple[int, str]:
    stem = path.stem
    return (CHAPTER_ORDER.index(stem) if stem in CHAPTER_ORDER else len(CHAPTER_ORDER), stem)


def _yaml_files(folder: Path) -> list[Path]:
    """Everything called ``*.yaml`` but folders: a FIFO or a device there is listed, and its
    loading says why it cannot be read (without ever reading from it)."""
    try:
        return sorted(p for p in folder.glob("*.yaml") if _is_there(p))
    except OSError:
        return []


def _is_there(path: Path) -> bool:
    """Whether ``path`` is there and not a folder (not necessarily a regular file)."""
    try:
        return path.exists() and not path.is_dir()
    except (OSError, ValueError):
        return False


def resolve(name_or_path: str) -> Path:
    """The file of a scenario: a path as it is, a name looked up in the user's then the
    shipped folder, or ``shipped:NAME`` in the shipped folder only."""
    text = str(name_or_path)
    if "/" in text or os.sep in text or text.endswith((".yaml", ".yml")):
        path = Path(text)
        if _is_there(path):
            return path
        try:
            reason = os.strerror(errno.EISDIR if path.is_dir() else errno.ENOENT)
        except (OSError, ValueError) as e:
            reason = str(e)
        raise ScenarioError(text, 1, 1, f"cannot read file: {reason}")
    if text.startswith(SHIPPED):
        name = text.removeprefix(SHIPPED)
        path = shipped_dir() / f"{name}.yaml"
        if name in shipped_names():
            return path
        shipped = ", ".join(shipped_names())
        raise ScenarioError(text, 1, 1, f"no shipped scenario {name!r} (shipped: {shipped})")
    for folder in (scenarios_dir(), shipped_dir()):
        path = folder / f"{text}.yaml"
        if _is_there(path):
            return path
    raise ScenarioError(text, 1, 1, f"no such scenario ({_known_names(text)})")


def shipped_names() -> list[str]:
    return [p.stem for p in sorted(_yaml_files(shipped_dir()), key=chapter_order)]


def replaces(path: Path) -> str | None:
    """What to tell the user when ``path`` is their scenario with a shipped one's name, which
    it replaces when that name is opened; None when it is not."""
    name = path.stem
    if name not in shipped_names() or not same_file(path, scenarios_dir() / f"{name}.yaml"):
        return None
    return (
        f"your scenario {name!r} ({path}) replaces the shipped one of that name; "
        f"open the shipped one as {SHIPPED}{name}"
    )


def _known_names(name: str) -> str:
    shipped = [p.stem for p in _yaml_files(shipped_dir())]
    yours = [p.stem for p in _yaml_files(scenarios_dir())]
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
        ("user", scenarios_dir()),
    )
    for origin, folder in folders:
        paths = _yaml_files(folder)
        for path in sorted(paths, key=chapter_order) if origin == "shipped" else paths:
            read = _read_summary if origin == "shipped" else _load_summary
            try:
                summary, error = read(path), None
            except ScenarioError as e:
                summary, error = "", str(e)
            note = replaces(path) if origin == "user" else None
            infos.append(ScenarioInfo(path.stem, path, origin, summary, error, note))
    return infos


def _load_summary(path: Path) -> str:
    from gdtui.scenario.load import load_scenario  # NumPy: only for the user's own files

    return load_scenario(path).summary


# A top-level ``description: |`` and its indented lines: how the shipped files describe
# themselves, read without YAML. Anything else (a folded or quoted one) is parsed.
_LITERAL_DESCRIPTION = re.compile(
    r"^description:[ \t]*\|[-+]?[ \t]*\r?\n((?: +.*\n|[ \t]*\r?\n)*)", re.MULTILINE
)


def _read_summary(path: Path) -> str:
    name = str(path)
    text = decode(read_file(path), name)
    found = _LITERAL_DESCRIPTION.search(text)
    if found and summary_of(found.group(1)):
        return summary_of(found.group(1))
    from gdtui.scenario.yaml_nodes import parse_document

    for key, value in parse_document(text, name).value:
        if key.value == "description" and isinstance(value.value, str):
            return summary_of(value.value)
    return ""
