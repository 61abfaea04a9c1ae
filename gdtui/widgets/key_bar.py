"""The bottom line: the main keys, dimmed while they can't run, and the command palette's key.

It looks like Textual's compact Footer, but it is one widget that draws one line of text, so it
is complete in the app's first frame. (The Footer mounts a widget per key and recomposes them
all each time the bindings change: its keys appeared about 100 ms after the rest of the screen.)
Clicking a key presses it; hovering shows what it does.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

SEPARATOR = "▏"  # between the keys and the command palette's key, as the Footer has it
KEPT = ("help", "quit")  # when not every key fits, these stay (at the end) and others go
# Shown only where every other key fits (in their place among them): the description's toggle
# and the views (i, ...), which change what is shown rather than the training.
EXTRA = ("toggle_description", "view")


class Item(NamedTuple):
    action: str
    key: str  # what a click presses
    label: str  # the key as shown
    description: str
    tooltip: str
    enabled: bool


class KeyBar(Widget):
    """Fed by the screen's active bindings: those marked ``show``, one item per action."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {  # noqa: RUF012
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
        "key-bar--hover",
        "key-bar--separator",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--disabled {
            text-style: dim;
        }
        & > .key-bar--hover {
            background: $panel-lighten-1;
        }
        & > .key-bar--separator {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, Item]] = []  # where each item is drawn: [start, end)
        self._hover: str | None = None  # the key of the item under the mouse

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def items(self) -> tuple[list[Item], Item | None]:
        """The keys to show, in binding order, and the command palette's (None when off)."""
        app = self.app
        active = self.screen.active_bindings
        items: list[Item] = []
        seen: set[str] = set()
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                items.append(self._item(binding, enabled, tooltip))
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = self._item(binding, enabled, tooltip or binding.tooltip)
        return items, palette

    def _item(self, binding: Binding, enabled: bool, tooltip: str) -> Item:
        tooltip = tooltip or binding.description
        label = self.app.get_key_display(binding)
        return Item(binding.action, binding.key, label, binding.description, tooltip, enabled)

    def render(self) -> Text:
        items, palette = self.items()
        width = self.size.width
        tail = Text(no_wrap=True)
        if palette is not None:
            tail.append(SEPARATOR, self.get_component_rich_style("key-bar--separator"))
            tail.append_text(self._label(palette))
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, Item]] = []
        room = width - tail.cell_len - (1 if palette is not None else 0)
        for item, label in self._fitting([(item, self._label(item)) for item in items], room):
            start = line.cell_len + (1 if spans else 0)
            line.append(" " * (start - line.cell_len))
            spans.append((start, start + label.cell_len, item))
            line.append_text(label)
        if palette is not None:
            line.append(" " * max(0, width - line.cell_len - tail.cell_len))
            start = line.cell_len + len(SEPARATOR)
            spans.append((start, start + tail.cell_len - len(SEPARATOR), palette))
            line.append_text(tail)
        self._spans = spans
        return line

    def _fitting(self, labels: list[tuple[Item, Text]], room: int) -> list[tuple[Item, Text]]:
        """As many whole items as fit in ``room`` columns (a space between two), in order; the
        EXTRA ones only where all the others fit, and help and quit while anything does: the
        rest are in the help screen and palette."""

        def width(group: list[tuple[Item, Text]]) -> int:
            return sum(label.cell_len + 1 for _, label in group) - 1

        if width(labels) <= room:
            return labels
        main = [pair for pair in labels if not _is_extra(pair[0])]
        if width(main) <= room:
            chosen = {k for k, (item, _) in enumerate(labels) if not _is_extra(item)}
            for k, (item, _) in enumerate(labels):
                if _is_extra(item) and width([labels[j] for j in sorted({*chosen, k})]) <= room:
                    chosen.add(k)
            return [labels[k] for k in sorted(chosen)]
        labels = main
        kept = [(item, label) for item, label in labels if item.action in KEPT]
        if width(kept) > room:
            kept = []
        shown: list[tuple[Item, Text]] = []
        for pair in labels:
            if pair[0].action in KEPT:
                continue
            if width([*shown, pair, *kept]) > room:
                break
            shown.append(pair)
        return shown + kept

    def _label(self, item: Item) -> Text:
        key = self.get_component_rich_style("key-bar--key")
        description = self.get_component_rich_style("key-bar--description")
        label = Text.assemble((item.label, key), (f" {item.description}", description))
        if not item.enabled:
            label.stylize(self.get_component_rich_style("key-bar--disabled", partial=True))
        if item.key == self._hover:
            label.stylize(self.get_component_rich_style("key-bar--hover", partial=True))
        return label

    def item_at(self, x: int) -> Item | None:
        """The item drawn at column ``x``."""
        for start, end, item in self._spans:
            if start <= x < end:
                return item
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover_over(self.item_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._hover_over(None)

    def _hover_over(self, item: Item | None) -> None:
        hover = None if item is None else item.key
        if hover != self._hover:
            self._hover = hover
            self.tooltip = None if item is None else item.tooltip
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        item = self.item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()


def _is_extra(item: Item) -> bool:
    return item.action.partition("(")[0] in EXTRA
