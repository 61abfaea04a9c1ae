"""User text (names, paths, messages) as it is shown: literally, control characters made visible.

Textual reads a ``str`` handed to a border title, a Static, a Label or a notification as markup,
so a name like ``[/]`` ends the app with a MarkupError; and an escape character in a name would
reach the terminal. Everything a scenario, a session or the file system names goes through
``visible`` (a plain str, for Rich Text and the renderables) or ``literal`` (a markup-free
Content, for Textual).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.content import Content

if TYPE_CHECKING:
    from ..controller import Frame
    from ..engine import Problem

CONTROL_PICTURES = 0x2400  # U+2400 "␀": the C0 controls' pictures, in order; U+2421 "␡" is DEL


def _picture(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(CONTROL_PICTURES + code)
    if code == 0x7F:
        return "\u2421"
    return f"\\u{code:04x}"  # the rest as Python writes them


# The C0 and C1 controls, the line and paragraph separators (which end a line for str.splitlines)
# and the bidirectional overrides and isolates (which would reorder the text around them).
BIDI = (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_PICTURES = {
    code: _picture(chr(code)) for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *BIDI)
}


_LINES = {code: shown for code, shown in _PICTURES.items() if chr(code) not in "\n\t"}


def visible(text: str, lines: bool = False) -> str:
    """``text`` with every control character (tab and newline too, unless ``lines``) as a
    visible picture, and the separators and bidirectional controls as ``\\uXXXX``; the rest as
    it is."""
    return text.translate(_LINES if lines else _PICTURES)


def literal(text: str, style: str = "") -> Content:
    """``text`` as Textual Content, its brackets shown as typed (never read as markup)."""
    return Content.styled(visible(text), style) if style else Content(visible(text))


class VisibleNames:
    """Makes a frame's scenario name and input and output names visible, once for every widget.

    The same shown Problem is handed out while the controller's stays the same, so the widgets
    that remember the problem they drew (``is`` checks, ``id`` keys) see it change only when the
    controller's does; a frame whose names need nothing is passed on as it is."""

    def __init__(self) -> None:
        self._seen: tuple[Problem, Problem] | None = None  # (the controller's, the one shown)

    def __call__(self, frame: Frame) -> Frame:
        problem = frame.problem
        if self._seen is None or self._seen[0] is not problem:
            inputs = tuple(map(visible, problem.input_names))
            outputs = tuple(map(visible, problem.output_names))
            same = inputs == problem.input_names and outputs == problem.output_names
            shown = problem if same else replace(problem, input_names=inputs, output_names=outputs)
            self._seen = (problem, shown)
        shown = self._seen[1]
        name = visible(frame.name)
        if name == frame.name and shown is problem:
            return frame
        return replace(frame, name=name, problem=shown)
