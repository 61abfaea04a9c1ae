"""What startup leaves until it is needed must give what it gave when made at once."""

from __future__ import annotations

import re
import sys

from gdtui.safe_text import UNSAFE, printable


def test_printable_text_holds_no_unsafe_character() -> None:
    """``printable`` returns printable text as it is, without its regex: right only while
    every character the regex matches is one ``str.isprintable`` refuses."""
    unsafe = re.compile(UNSAFE)
    matched = [c for c in map(chr, range(sys.maxunicode + 1)) if unsafe.match(c)]
    assert len(matched) > 2000  # the controls and the surrogates at least
    assert [c for c in matched if c.isprintable()] == []
    assert printable("a\x1b[2Jb é\u202e") == "a\\x1b[2Jb é\\u202e"
    assert printable("plain: [red] «ok»") == "plain: [red] «ok»"
