"""Textual's command palette (ctrl+p), with two of its crashes guarded (Textual 8.2.8).

- Page up or down before its list has been laid out raised a KeyError in
  ``OptionList._move_page``: here paging goes through ``move_page``, which waits for the layout.
- A second enter (or escape) queued before the first one closed the palette called
  ``dismiss`` again, which pops the screen under it: ``DismissOnce`` ignores it.
"""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from ..widgets.paged_option_list import move_page
from .dialog import DismissOnce


class GdtuiCommandPalette(CommandPalette, DismissOnce[None]):
    def _action_command_list(self, action: str) -> None:
        if action == "page_up":
            move_page(self.query_one(CommandList), -1)
        elif action == "page_down":
            move_page(self.query_one(CommandList), 1)
        else:
            super()._action_command_list(action)
