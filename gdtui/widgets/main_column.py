"""The column of the network, its numbers and its curves: it scrolls when the terminal is too
small for all of it."""

from __future__ import annotations

from textual.containers import VerticalScroll


class MainColumn(VerticalScroll, can_focus=False, inherit_bindings=False):
    """Scrolls with the mouse wheel and with the screen's PageUp, PageDown, Home and End, but
    takes no key itself: as the focused weight table's parent it would otherwise take the
    arrows (VerticalScroll's bindings), scrolling instead of moving the weight cursor."""
