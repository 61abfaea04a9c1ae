"""Text from users and files, made safe to print: no terminal controls, no live markup.

A scenario's name, a column header, a file name or an error quoting one reaches the terminal
as written. ESC starts control sequences (``\\x1b]0;...`` retitles the window, ``\\x1b[2J``
clears it), other control characters move the cursor or ring the bell, bidirectional controls
make text read in another order than it is, and a file name that is not UTF-8 arrives as lone
surrogates that no encoder accepts. ``printable`` writes each such character out as visible
text (``\\x1b``, ``\\u202e``; a byte of an undecodable name as ``\\xff``), so the line is
shown, not obeyed. ``escape_markup`` also escapes Textual markup (``[red]``, ``[/]``), for
strings that go where markup is read (``notify(markup=True)``, a ``Static``).

Standard library only: the command line, the controller and the app all use it.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from typing import TextIO

# C0 and C1 controls and DEL; the ALM, LRM and RLM marks; line and paragraph separators; the
# bidirectional embeddings, overrides and isolates; lone surrogates. None of them is printable
# for str.isprintable (categories Cc, Cf, Zl, Zp, Cs), so printable text has none of them.
UNSAFE = "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"


@cache
def _unsafe() -> re.Pattern[str]:
    return re.compile(UNSAFE)  # compiled when first needed: not on every start (0.4 ms)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object) -> str:
    """``str(text)`` with every character a terminal would act on, and every lone surrogate,
    written out as visible text: ``"a\\x1b[2Jb"`` becomes ``"a\\\\x1b[2Jb"``. The result is
    one line, and encodes in UTF-8."""
    shown = str(text)
    return shown if shown.isprintable() else _unsafe().sub(_visible, shown)


def escape_markup(text: object) -> str:
    """``printable(text)`` with every ``[`` escaped, for a string read as Textual markup
    (``notify(markup=True)``, ``Static``, ``Label``): ``"[red]x"`` then shows as ``[red]x``.
    Textual reads any ``[`` as a tag (``[Red]``, ``[$x]``, ``[ red]``) and ``\\[`` as a plain
    one. (It has no escape for a backslash, so do not put a tag right after text that ends in
    one.) Rich markup is another dialect: give Rich a ``rich.text.Text(printable(text))``."""
    return printable(text).replace("[", "\\[")


def print_line(text: object, file: TextIO | None = None) -> None:
    """Print ``printable(text)`` to ``file`` (standard error by default), as one line."""
    print(printable(text), file=sys.stderr if file is None else file)
