"""The scenario descriptions' Markdown, as Rich Text in a palette's colours."""

from __future__ import annotations

from rich.style import Style
from rich.text import Span

from gdtui.palette import DARK, LIGHT
from gdtui.renderables.markdown_lite import inline, markdown_text

SOURCE = "# Title\n\nSome **bold** and `code`\nwrapped.\n\n- one\n- two\n  more\n1. first"


def test_blocks_lists_and_inline_styles():
    text = markdown_text(SOURCE, LIGHT)
    assert text.plain == "Title\n\nSome bold and code wrapped.\n\n• one\n• two more\n1. first"
    assert text.spans == [
        Span(0, 5, LIGHT.heading),
        Span(12, 16, Style(bold=True)),
        Span(21, 25, LIGHT.code),
        Span(36, 38, LIGHT.muted),
        Span(42, 44, LIGHT.muted),
        Span(53, 56, LIGHT.muted),
    ]


def test_the_default_palette_is_dark():
    assert markdown_text("# Title").spans == [Span(0, 5, DARK.heading)]


def test_italics_and_what_is_not_markdown():
    text = inline("an *italic* word_with_underscores and _this_")
    assert text.plain == "an italic word_with_underscores and this"
    assert [(s.start, s.end) for s in text.spans] == [(3, 9), (36, 40)]
