"""A scenario file's bytes, its text and a description's summary, and the error every problem
is: all the picker and ``gdtui list`` need of a shipped scenario, without NumPy (which ``load``
imports, for the problem it builds) or PyYAML (``yaml_nodes``)."""

from __future__ import annotations

from pathlib import Path

from gdtui.files import MIB, FileRefused, read_user_file

# A scenario is a page of YAML; a bigger file is a mistake (or a trap), not a lesson.
SCENARIO_LIMIT = 1 * MIB


# Everything str.splitlines() breaks on: an error must stay on one line.
_ESCAPES = {ord(c): repr(c)[1:-1] for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def escape_line_breaks(text: str) -> str:
    return text.translate(_ESCAPES)


class ScenarioError(Exception):
    """One problem in a scenario, shown as ``FILE:LINE:COL: message`` on a single line."""

    def __init__(self, file: str, line: int, col: int, message: str) -> None:
        self.file = escape_line_breaks(file)
        self.line = max(1, line)
        self.col = max(1, col)
        self.message = escape_line_breaks(message)
        super().__init__(f"{self.file}:{self.line}:{self.col}: {self.message}")

    def __reduce__(self) -> tuple[type[ScenarioError], tuple[str, int, int, str]]:
        return (type(self), (self.file, self.line, self.col, self.message))


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``, counting line breaks as PyYAML does."""
    line, col = 1, 1
    for i, ch in enumerate(text[:index]):
        if ch in "\n\x85\u2028\u2029" or (ch == "\r" and text[i + 1 : i + 2] != "\n"):
            line, col = line + 1, 1
        elif ch != "\ufeff":
            col += 1
    return line, col


def decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = position(data[: e.start].decode("utf-8"), e.start)
        bad = data[e.start]
        message = f"byte 0x{bad:02x} is not valid UTF-8 (expected UTF-8 text)"
        raise ScenarioError(name, line, col, message) from None


def read_file(path: str | Path) -> bytes:
    """The bytes of a scenario file: a regular file of at most :data:`SCENARIO_LIMIT` bytes."""
    try:
        return read_user_file(path, SCENARIO_LIMIT, "scenario files")
    except FileRefused as e:
        raise ScenarioError(str(path), 1, 1, f"cannot read file: {e}") from None


def summary_of(description: str) -> str:
    """The first line of a description with text, without Markdown heading marks."""
    for line in description.splitlines():
        text = line.strip().lstrip("#").strip()
        if text:
            return text
    return ""
