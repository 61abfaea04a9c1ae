"""Guided lessons: a YAML file of pages, each beside a scenario, with questions answered from
the engine and conditions that end a page. No Textual here: ``screens/lesson.py`` shows them.

``parse`` reads and checks a file (every problem one line ``FILE:LINE:COL: message``),
``rules`` holds the vocabulary of ``until`` and computed answers, ``tutor`` the lesson being
taken, ``progress`` where a learner is, and ``library`` the shipped and user lessons. The
shipped lessons are the ``.yaml`` files beside these modules.
"""

from gdtui.lessons.library import LessonInfo, list_lessons, resolve_lesson, shipped_lessons_dir
from gdtui.lessons.model import Lesson, LessonError, Page, Question
from gdtui.lessons.parse import is_lesson_file, load_lesson
from gdtui.lessons.tutor import Tutor, Verdict

__all__ = [
    "Lesson",
    "LessonError",
    "LessonInfo",
    "Page",
    "Question",
    "Tutor",
    "Verdict",
    "is_lesson_file",
    "list_lessons",
    "load_lesson",
    "resolve_lesson",
    "shipped_lessons_dir",
]
