"""The lessons there are: shipped with gdtui (beside this module) and the user's own, found by
name and listed for ``gdtui list``."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from gdtui.lessons.model import LessonError
from gdtui.lessons.parse import load_lesson
from gdtui.paths import lessons_dir
from gdtui.scenario import ScenarioError


@dataclass(frozen=True)
class LessonInfo:
    name: str
    path: Path
    origin: Literal["shipped", "user"]
    summary: str  # the title and the number of pages
    error: str | None  # the first problem, when it does not load


def shipped_lessons_dir() -> Path:
    return Path(__file__).resolve().parent


def _yaml_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.yaml") if not p.is_dir())
    except OSError:
        return []


def resolve_lesson(name_or_path: str) -> tuple[Path, str | None]:
    """The file of a lesson and, for a shipped one, its name (which names its progress): a
    path as it is, or a name looked up in the user's then the shipped folder."""
    text = str(name_or_path)
    if "/" in text or text.endswith((".yaml", ".yml")):
        return Path(text), None
    for folder, shipped in ((lessons_dir(), False), (shipped_lessons_dir(), True)):
        path = folder / f"{text}.yaml"
        try:
            there = path.exists() and not path.is_dir()
        except (OSError, ValueError):
            there = False
        if there:
            return path, text if shipped else None
    names = [p.stem for p in (*_yaml_files(lessons_dir()), *_yaml_files(shipped_lessons_dir()))]
    close = difflib.get_close_matches(text, names, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    known = f"lessons: {', '.join(names)}; " if names else ""
    message = f"no such lesson ({hint}{known}or give a path to a .yaml file)"
    raise LessonError([ScenarioError(text, 1, 1, message)])


def list_lessons() -> list[LessonInfo]:
    """Every lesson file, shipped ones first, each with its title or its first problem."""
    infos = []
    folders: tuple[tuple[Literal["shipped", "user"], Path], ...] = (
        ("shipped", shipped_lessons_dir()),
        ("user", lessons_dir()),
    )
    for origin, folder in folders:
        for path in _yaml_files(folder):
            try:
                lesson = load_lesson(path)
            except LessonError as error:
                infos.append(LessonInfo(path.stem, path, origin, "", str(error.problems[0])))
            else:
                pages = len(lesson.pages)
                summary = f"{lesson.title} ({pages} page{'s' if pages != 1 else ''})"
                infos.append(LessonInfo(path.stem, path, origin, summary, None))
    return infos
