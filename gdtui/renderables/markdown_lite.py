"""Just enough Markdown for scenario descriptions, as Rich ``Text``.

Headings, paragraphs (reflowed, as Markdown does), bullet and numbered lists, ``**bold**``,
``*italic*``/``_italic_`` and ``` `code` ```. Anything else shows as written. This replaces
Textual's Markdown widget, whose import alone costs more than the app's whole startup budget.
"""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text

from ..palette import DARK, Palette

BOLD = Style(bold=True)
ITALIC = Style(italic=True)

_INLINE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__|`([^`]+)`|\*(\S.*?)\*|(?<!\w)_(\S.*?)_(?!\w)")
_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")


def inline(text: str, base: Style | None = None, palette: Palette = DARK) -> Text:
    out = Text(style=base or "")
    pos = 0
    for match in _INLINE.finditer(text):
        out.append(text[pos : match.start()])
        bold, bold2, code, italic, italic2 = match.groups()
        if bold or bold2:
            out.append(bold or bold2, BOLD)
        elif code:
            out.append(code, palette.code)
        else:
            out.append(italic or italic2, ITALIC)
        pos = match.end()
    out.append(text[pos:])
    return out


def markdown_text(source: str, palette: Palette = DARK) -> Text:
    """The description as one ``Text``: blocks separated by blank lines."""
    blocks: list[Text] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(inline(" ".join(paragraph), palette=palette))
            paragraph.clear()

    for raw in source.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        item = _ITEM.match(raw)
        if heading:
            flush()
            blocks.append(inline(heading.group(2), palette.heading, palette))
        elif item:
            flush()
            marker = "•" if item.group(2) in "-*+" else item.group(2)
            indent = " " * min(len(item.group(1)), 6)
            entry = Text(indent)
            entry.append(f"{marker} ", palette.muted)
            entry.append_text(inline(item.group(3), palette=palette))
            # A list item joins the block before it, so a list reads as one block.
            if blocks and blocks[-1].plain and _is_item(blocks[-1]):
                blocks[-1].append("\n").append_text(entry)
            else:
                blocks.append(entry)
        elif blocks and not paragraph and _is_item(blocks[-1]) and raw.startswith(" "):
            # an item's wrapped line
            blocks[-1].append(" ").append_text(inline(line, palette=palette))
        else:
            paragraph.append(line)
    flush()
    return Text("\n\n").join(blocks)


def _is_item(text: Text) -> bool:
    last = text.plain.rsplit("\n", 1)[-1].lstrip()
    return bool(re.match(r"^(•|\d+[.)]) ", last))
