"""The main screen's panels: the description, and the views that take the network's place
(``views.VIEWS``: the data, ...), mounted the first time they are asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from textual.screen import Screen
from textual.widget import AwaitMount, Widget

from ..widgets.description_panel import DescriptionPanel
from ..widgets.weight_table import WeightTable
from .views import VIEWS

if TYPE_CHECKING:
    from ..controller import Controller
    from ..frame import Frame
    from ..widgets.literal import VisibleNames

LazyView = TypeVar("LazyView", bound=Widget)


class Panels(Screen[None]):
    """What the main screen shows besides the network: its description and its views."""

    controller: Controller | None
    _view: str | None
    _visible: VisibleNames

    def refresh_views(self) -> None:
        raise NotImplementedError

    def _arrange(self) -> None:
        raise NotImplementedError

    def _lazy_view(self, cls: type[LazyView], id: str) -> LazyView | None:
        """The view with ``id``, mounted the first time it is asked for. None until it is
        mounted with its children: the screen redraws by itself then."""
        found = self.query(f"#{id}")
        if not found:
            widget = VIEWS[id].make() if id in VIEWS else cls(id=id)
            mounting = self.query_one("#body").mount(widget, before="#description")
            self.run_worker(self._redraw_after(mounting), group="mount")
            return None
        view = found.first(cls)
        return view if view.is_mounted else None

    async def _redraw_after(self, mounting: AwaitMount) -> None:
        await mounting  # (redrawing on every idle instead kept MNIST's mount from finishing)
        self.refresh_views()
        if self.view is not None:
            self._focus_view(self.view)

    def action_toggle_description(self) -> None:
        self._show_description(not self.query_one(DescriptionPanel).display)

    def _show_description(self, shown: bool) -> None:
        panel = self.query_one(DescriptionPanel)
        panel.set_class(not shown, "-hidden")
        panel.set_class(shown, "-shown")
        self._arrange()

    @property
    def view(self) -> str | None:
        """The name of the view shown in the network's place (VIEWS), if one is."""
        return self._view

    async def action_view(self, name: str) -> None:
        """Show the view ``name`` in the network's place, or hide it if it is shown (mounted
        and waited for here: filled when the key is done)."""
        if self.view != name and not self.query(f"#{name}") and name in VIEWS:
            await self.query_one("#body").mount(VIEWS[name].make(), before="#description")
        self.show_view(None if self.view == name else name)

    def show_view(self, name: str | None) -> None:
        """Show the view ``name`` (one of VIEWS) instead of the network or the pictures, or
        none of them (``None``)."""
        if self.controller is None:
            return
        if name not in VIEWS or not VIEWS[name].available(self.controller.images):
            name = None
        hidden = self._view
        if hidden is not None:
            for old in self.query(f"#{hidden}"):
                old.remove_class("-shown")
        self._view = name
        self.query_one("#body").set_class(name is not None, "-view")
        if name is None:
            self.query_one(WeightTable).focus(scroll_visible=False)
            if hidden is not None and self.controller.images:
                self.refresh_views()  # MNIST's pictures, not fed while the view hid them
        elif self._update_view(name, self._visible(self.controller.frame())):
            self._focus_view(name)
        self._arrange()

    def _update_view(self, name: str, frame: Frame) -> bool:
        """Feed ``frame`` to the view ``name``; False while it is still being mounted."""
        view: Any = self._lazy_view(Widget, name)
        if view is None:
            return False
        view.add_class("-shown")
        view.update_from(frame)
        return True

    def _focus_view(self, name: str) -> None:
        for view in self.query(f"#{name}"):
            focus = getattr(view, "focus_view", None)
            if focus is not None:
                focus()
            elif view.focusable:
                view.focus()

    def panels(self) -> dict[str, Any]:
        """The panels shown, as a session keeps them."""
        return {
            "description": bool(self.query_one(DescriptionPanel).display),
            "data": self.view == "data",
            "view": self.view,
        }
