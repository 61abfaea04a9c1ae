"""An OptionList whose page up and page down work before it has been laid out.

Textual 8.2.8's ``OptionList._move_page`` looks the highlighted option up in the list's line
cache, which stays empty until the list has a size: page up or down pressed in the moment
between a list getting its options and its first layout (a key storm, a fast typist in the
command palette) ends the app with a KeyError. Until the line is known, paging goes to the
first or the last option, as it does when nothing is highlighted.
"""

from __future__ import annotations

from typing import Literal

from textual.widgets import OptionList

Direction = Literal[-1, 1]  # Textual's own type for it (textual._widget_navigation)


def move_page(options: OptionList, direction: Direction) -> None:
    """Page ``options`` up (-1) or down (1), laid out or not."""
    if (options.highlighted or 0) in options._index_to_line:
        OptionList._move_page(options, direction)
    elif direction < 0:
        options.action_first()
    else:
        options.action_last()


class PagedOptionList(OptionList):
    """The OptionList every gdtui dialog uses (see the module's docstring)."""

    def _move_page(self, direction: Direction) -> None:
        move_page(self, direction)
