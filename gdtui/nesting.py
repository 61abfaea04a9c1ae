"""How deep a JSON text nests, checked before a parser recurses into it (``session`` uses it).

Nothing here needs NumPy for a text within the limit (the picker lists sessions before
anything has loaded it); only a text that may be too deep is measured with it, to say where.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = bytes(c for c in range(256) if c not in b"[]{}")
_AS_PARENTHESES = bytes.maketrans(b"[]{}", b"()()")


def too_deep(data: bytes, limit: int) -> int | None:
    """The offset of the first byte of ``data`` nested over ``limit`` deep in arrays and
    objects (brackets inside strings do not count), or None if there is none."""
    emptied = _STRING.sub(b'""', data)
    if _shallow(emptied, limit):
        return None
    import numpy as np

    if _depths(emptied).max(initial=0) <= limit:
        return None
    # Too deep: find where, in the text as it is (the strings keep their length this time).
    kept = bytearray(data)
    for match in _STRING.finditer(data):
        kept[match.start() : match.end()] = b" " * (match.end() - match.start())
    return int(np.argmax(_depths(bytes(kept)) > limit))


def _shallow(data: bytes, limit: int) -> bool:
    """Whether ``data`` (strings emptied) is balanced and nested at most ``limit`` deep: each
    pass drops the innermost pairs, so a balanced text is empty after as many passes as its
    depth. False says only "maybe not": ``_depths`` decides."""
    brackets = data.translate(_AS_PARENTHESES, _NOT_BRACKETS)
    for _ in range(limit):
        if not brackets:
            return True
        brackets = brackets.replace(b"()", b"")
    return not brackets


def _depths(data: bytes) -> np.ndarray:
    import numpy as np

    chars = np.frombuffer(data, dtype=np.uint8)
    opens = (chars == ord("[")) | (chars == ord("{"))
    closes = (chars == ord("]")) | (chars == ord("}"))
    return np.cumsum(opens.view(np.int8) - closes.view(np.int8), dtype=np.int32)
