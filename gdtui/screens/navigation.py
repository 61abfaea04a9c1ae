"""Getting about the main screen by keyboard: scrolling what is below the fold (PageUp,
PageDown, Home, End), the description's focus (D), and the chapter's next or previous
scenario (> and <)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import ScrollableContainer

from ..widgets.description_panel import DescriptionPanel
from ..widgets.weight_table import WeightTable
from .panels import Panels

if TYPE_CHECKING:
    from ..app import GdtuiApp


class Navigation(Panels):
    """The keys that move about the screen rather than change the training."""

    def action_scroll(self, where: str) -> None:
        """Scroll the column shown in the network's place: ``where`` is page_up, page_down,
        home or end. (A focused table or the focused description scrolls itself.)"""
        column = self._column()
        if column is None:
            return
        if where == "end":
            # And stay there as the sparklines grow (autoplay), until scrolled up again.
            column.anchor()
            return
        scroll = {
            "page_up": column.scroll_page_up,
            "page_down": column.scroll_page_down,
            "home": column.scroll_home,
        }[where]
        scroll(animate=False)

    def _column(self) -> ScrollableContainer | None:
        """The network's column (or the pictures, or the view shown), if it scrolls."""
        for child in self.query_one("#body").children:
            if child.id != "description" and child.display:
                return child if isinstance(child, ScrollableContainer) else None
        return None

    def action_focus_description(self) -> None:
        """Give the keys to the description (shown first if it is hidden), so that the arrows,
        j, k, PageUp and PageDown scroll it; again (or escape) gives them back."""
        panel = self.query_one(DescriptionPanel)
        if panel.has_focus:
            if self.view is not None:
                self._focus_view(self.view)
            else:
                self.query_one(WeightTable).focus(scroll_visible=False)
            return
        if not panel.display:
            self._show_description(True)
        # Once shown: a widget still hidden cannot take the focus.
        self.call_after_refresh(panel.focus, False)

    def action_next_scenario(self, by: int) -> None:
        """Open the chapter's next (1) or previous (-1) scenario, autosaving this one's progress."""
        app: GdtuiApp = self.app  # type: ignore[assignment]
        app.open_next(by)
