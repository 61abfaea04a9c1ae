"""A learner's place in a lesson, kept between runs: the page, the pages done, and the page's
training as a session, so that ``gdtui lesson NAME`` resumes where it was left.

Two files in ``paths.lesson_progress_dir()``, each written atomically: ``KEY.json``
(``{"format": "gdtui-lesson-progress", "version": 1, "page": N, "done": [...]}``) and, when
the page's scenario has steps or changes, ``KEY.session.json`` (a session, ``gdtui.session``).
A progress file that cannot be read or does not fit the lesson is set aside with a note: the
lesson then starts at its first page.
"""

from __future__ import annotations

import json
from pathlib import Path

from gdtui.atomic import write_text
from gdtui.engine import Trainer
from gdtui.files import FileRefused, read_user_file
from gdtui.lessons.tutor import Tutor
from gdtui.paths import lesson_progress_dir

FORMAT = "gdtui-lesson-progress"
VERSION = 1
LIMIT = 64 * 1024  # a page number and a list of pages: a bigger file is not ours


def progress_path(key: str) -> Path:
    return lesson_progress_dir() / f"{key}.json"


def session_path(key: str) -> Path:
    return lesson_progress_dir() / f"{key}.session.json"


def save_progress(tutor: Tutor) -> None:
    """Write the tutor's page, the pages done and the page's training; OSError if it cannot."""
    from gdtui.session import save_session

    key = tutor.lesson.key
    tutor.check()
    document = {
        "format": FORMAT,
        "version": VERSION,
        "lesson": tutor.lesson.title,
        "page": tutor.index,
        "done": sorted(tutor.done),
    }
    write_text(progress_path(key), json.dumps(document, ensure_ascii=False) + "\n")
    controller = tutor.controller
    if controller.trainer.position > 0:
        # (Not Controller.save: ctrl+s would then offer this file as the session's own.)
        save_session(
            session_path(key), controller.scenario, controller.trainer, {"lesson_page": tutor.index}
        )
    else:
        session_path(key).unlink(missing_ok=True)


def forget_progress(key: str) -> None:
    for path in (progress_path(key), session_path(key)):
        path.unlink(missing_ok=True)


def resume(tutor: Tutor) -> str | None:
    """Put ``tutor`` where its saved progress was; what to tell the learner (None: nothing
    was saved)."""
    key = tutor.lesson.key
    try:
        data = read_user_file(progress_path(key), LIMIT, "lesson progress files")
    except FileRefused:
        if not progress_path(key).exists():
            return None
        return "could not read the saved progress of this lesson: starting at page 1"
    page, done = _read(data, tutor.count)
    if page is None:
        return "the saved progress does not fit this lesson (was it edited?): starting at page 1"
    tutor.done = done
    trainer, note = _session(key, page, tutor)
    tutor.go(page, trainer=trainer)
    return f"resumed at page {tutor.counter}{note} ('<' goes back, --restart starts again)"


def _read(data: bytes, count: int) -> tuple[int | None, set[int]]:
    try:
        obj = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, set()
    if not isinstance(obj, dict) or obj.get("format") != FORMAT or obj.get("version") != VERSION:
        return None, set()
    page, done = obj.get("page"), obj.get("done")
    if type(page) is not int or not 0 <= page < count or not isinstance(done, list):
        return None, set()
    return page, {d for d in done if type(d) is int and 0 <= d < count}


def _session(key: str, page: int, tutor: Tutor) -> tuple[Trainer | None, str]:
    """The saved training of ``page``, if there is one that fits it."""
    from gdtui.session import SessionError, load_session

    path = session_path(key)
    if not path.exists():
        return None, ""
    try:
        session = load_session(path)
    except SessionError:
        return None, " (its saved steps could not be read)"
    page_scenario = tutor.scenario_for(page)
    same = session.scenario.document == page_scenario.document
    if session.view.get("lesson_page") != page or not same:
        return None, ""
    return session.trainer, f", step {session.trainer.steps}"
