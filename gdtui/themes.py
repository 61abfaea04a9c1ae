"""gdtui's own Textual theme (high contrast, for projectors) and the palette of the app's theme.

Widgets draw with ``app_palette(self.app)`` and redraw through ``on_theme_change`` when the
command palette's "Change theme" (or ``gdtui --theme``) switches the theme.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.dom import DOMNode
from textual.theme import BUILTIN_THEMES, Theme

from .palette import HIGH_CONTRAST_THEME, Palette, palette_for

DEFAULT_THEME = "textual-dark"

HIGH_CONTRAST = Theme(
    name=HIGH_CONTRAST_THEME,
    primary="#ffd700",
    secondary="#3aa0ff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff4040",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#262626",
    dark=True,
    variables={
        "border": "#ffffff",
        "footer-key-foreground": "#ffff00",
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
        "input-selection-background": "#ffff00 40%",
    },
)
THEMES = (HIGH_CONTRAST,)


def theme_names() -> list[str]:
    """Every theme ``gdtui --theme`` accepts: Textual's own and gdtui's."""
    return sorted({*BUILTIN_THEMES, *(theme.name for theme in THEMES)})


def register_themes(app: App[Any]) -> None:
    for theme in THEMES:
        app.register_theme(theme)


def app_palette(app: App[Any]) -> Palette:
    theme = app.current_theme
    return palette_for(theme.name, theme.dark)


def on_theme_change(node: DOMNode, redraw: Callable[[], object]) -> None:
    """Call ``redraw`` whenever the app's theme changes (from the node's mount on)."""
    node.app.theme_changed_signal.subscribe(node, lambda _theme: redraw())
