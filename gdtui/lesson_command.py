"""``gdtui lesson NAME|FILE``, and the lessons' part of ``gdtui validate`` and ``gdtui list``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .safe_text import print_line, printable

if TYPE_CHECKING:
    from rich.console import Console

    from .web import WebOptions


def take_lesson(
    name: str, restart: bool, theme: str | None, web: WebOptions | None = None, fresh: bool = False
) -> int:
    """Open the app on the lesson, at the saved page unless ``restart``; with ``web``, serve
    it to browsers instead, each process ``fresh`` (page 1, no progress read or saved: the
    browsers are different learners). A lesson file with problems prints each, one line, and
    exits 2 without starting Textual."""
    from .lessons import LessonError, Tutor, load_lesson, resolve_lesson
    from .lessons.progress import forget_progress, resume

    if theme is not None:
        from .themes import theme_names

        if theme not in theme_names():
            print_line(f"gdtui: unknown theme {theme!r}; choose one of: {', '.join(theme_names())}")
            return 2
    try:
        path, key = resolve_lesson(name)
        lesson = load_lesson(path, key)
        tutor = Tutor(lesson)
    except LessonError as error:
        for problem in error.problems:
            print_line(problem)
        return 2
    if web is not None:
        return _serve(str(path.absolute()), lesson.title, theme, web)
    if fresh:
        tutor.keeps_progress, note = False, None
    else:
        if restart:
            forget_progress(lesson.key)
        note = resume(tutor)

    from .app import create_app

    app = create_app(lesson=(tutor, note), theme=theme)
    app.run()
    return 0


def _serve(path: str, title: str, theme: str | None, web: WebOptions) -> int:
    from .web import serve

    args = ["lesson", path, "--fresh", *(["--theme", theme] if theme else [])]
    return serve(args, f"lesson {title}", web)


def validate_lesson(name: str) -> bool:
    """Check a lesson file: ``FILE: ok (TITLE, N pages)``, or each problem on its own line."""
    from .lessons import LessonError, load_lesson

    try:
        lesson = load_lesson(name)
    except LessonError as error:
        for problem in error.problems:
            print_line(problem)
        return False
    pages = len(lesson.pages)
    print(printable(f"{name}: ok (lesson {lesson.title}, {pages} page{'s' if pages != 1 else ''})"))
    return True


def list_lessons_table(console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    from .lessons import list_lessons
    from .paths import lessons_dir

    table = Table(box=None, pad_edge=False)
    for column in ("lesson", "from", "title"):
        table.add_column(column)
    for info in list_lessons():
        if info.error is None:
            summary = Text(printable(info.summary))
        else:
            summary = Text(printable(info.error), style="red")
        table.add_row(Text(printable(info.name)), info.origin, summary)
    console.print()
    console.print(table)
    folder = Text(printable(lessons_dir()))
    line = Text.assemble("\nyour lessons are in ", folder, " (open one: 'gdtui lesson NAME')")
    console.print(line, soft_wrap=True)
