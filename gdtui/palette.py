"""Every colour gdtui draws with, in three palettes: dark themes, light themes, high contrast.

Rich renderables take a ``Palette``; widgets pick it for the app's current Textual theme with
``palette_for(theme.name, theme.dark)``. The module imports Rich only, so the renderables (and
their tests) never need Textual. The Styles are made once: drawing a frame only looks them up.
The dark palette (the default theme's) is made on import, the others when first asked for.
Positive weights are orange and negative ones blue in every palette, as the README and the
MNIST view say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from rich.style import Style

HIGH_CONTRAST_THEME = "gdtui-high-contrast"

RGB = tuple[int, int, int]


# A palette (and its pixels) is one object, compared and hashed as such: no __eq__ or __hash__
# generated on import (nor a repr for Palette: a wall of Styles).
@dataclass(frozen=True, eq=False)
class Pixels:
    """Colours of the images: a diverging scale for weights, ink on paper for inputs."""

    negative: RGB
    zero: RGB
    positive: RGB
    paper: RGB
    ink: RGB
    # Terminals without true colour: one named colour a sign, shaded by the block character.
    shade_negative: str
    shade_positive: str
    shade_ink: str


@dataclass(frozen=True, eq=False, repr=False)
class Palette:
    name: str
    text: Style  # names and labels
    strong: Style  # the numbers a view is about: weights, the total, nodes
    secondary: Style  # numbers beside them: weight_deltas, min/max
    muted: Style  # axes, headers, bullets, notes
    heading: Style  # headings, keys in the help
    code: Style
    error: Style  # overflow, broken files, a wrong prediction
    success: Style  # a right prediction, the bowl's bottom
    paused: Style
    playing: Style
    diverged: Style  # the status bar's "diverged", on its own background
    positive: tuple[Style, Style]  # a positive weight: (small, large)
    negative: tuple[Style, Style]
    grow: tuple[Style, Style, Style]  # the coming update's arrows, by size
    shrink: tuple[Style, Style, Style]
    still: Style
    frozen: Style
    frozen_bg: Style
    cursor: Style  # the selected weight's edge, label and dot, as text
    cursor_cell: Style  # laid over the selected cell of the weight table
    selected: Style  # a selected label in the MNIST view, on its own background
    higher: Style  # "predict higher"
    lower: Style
    curve: Style
    tangent: Style
    series: tuple[Style, ...]  # the sparklines of the outputs
    pixels: Pixels


def _s(color: str, bold: bool = False, bgcolor: str | None = None) -> Style:
    return Style(color=color, bold=bold or None, bgcolor=bgcolor)


def _styles(*colors: str) -> tuple[Style, ...]:
    return tuple(Style(color=c) for c in colors)


DARK = Palette(
    name="dark",
    text=_s("#d0d0d0"),
    strong=_s("#eeeeee", bold=True),
    secondary=_s("#a8a8a8"),
    muted=_s("#9a9a9a"),
    heading=_s("#ffd75f", bold=True),
    code=_s("#87d7ff", bgcolor="#303030"),
    error=_s("#ff5f5f", bold=True),
    success=_s("#5fd75f", bold=True),
    paused=_s("#ffd75f", bold=True),
    playing=_s("#5fd75f", bold=True),
    diverged=_s("#ffffff", bold=True, bgcolor="#af0000"),
    positive=(_s("#af8040"), _s("#ffbe3c")),
    negative=(_s("#4f73b0"), _s("#468cff")),
    grow=(_s("#5f875f"), _s("#5faf5f"), _s("#87ff87", bold=True)),
    shrink=(_s("#875f5f"), _s("#d75f5f"), _s("#ff8787", bold=True)),
    still=_s("#6c6c6c"),
    frozen=_s("#87ffff", bold=True),
    frozen_bg=Style(bgcolor="#1c2c3c"),
    cursor=_s("#ffd700", bold=True),
    cursor_cell=Style(bgcolor="#005f87"),
    selected=_s("#000000", bold=True, bgcolor="#ffd75f"),
    higher=_s("#87ff87"),
    lower=_s("#ff8787"),
    curve=_s("#5fafff"),
    tangent=_s("#ff8700"),
    series=_styles(
        "#5fafff", "#ffaf5f", "#af87ff", "#5fd7af", "#ff87af", "#d7d75f", "#87d7ff", "#d787d7"
    ),
    pixels=Pixels(
        negative=(70, 140, 255),
        zero=(28, 28, 34),
        positive=(255, 190, 60),
        paper=(0, 0, 0),
        ink=(245, 245, 245),
        shade_negative="dodger_blue2",
        shade_positive="dark_orange",
        shade_ink="grey93",
    ),
)


# For light backgrounds (textual-light's is #e0e0e0): every text colour is dark enough to read.
@cache
def _light() -> Palette:
    return Palette(
        name="light",
        text=_s("#262626"),
        strong=_s("#000000", bold=True),
        secondary=_s("#444444"),
        muted=_s("#585858"),
        heading=_s("#7a4400", bold=True),
        code=_s("#00466e", bgcolor="#c8c8c8"),
        error=_s("#b00000", bold=True),
        success=_s("#006000", bold=True),
        paused=_s("#7a4400", bold=True),
        playing=_s("#006000", bold=True),
        diverged=_s("#ffffff", bold=True, bgcolor="#af0000"),
        positive=(_s("#9a5a20"), _s("#8f3c00", bold=True)),
        negative=(_s("#4a6aa0"), _s("#0038b0", bold=True)),
        grow=(_s("#3c6e3c"), _s("#006000"), _s("#004800", bold=True)),
        shrink=(_s("#8a4040"), _s("#a00000"), _s("#800000", bold=True)),
        still=_s("#666666"),
        frozen=_s("#005f6e", bold=True),
        frozen_bg=Style(bgcolor="#c4dcec"),
        cursor=_s("#6a00a0", bold=True),
        cursor_cell=Style(bgcolor="#a8cdf0"),
        selected=_s("#000000", bold=True, bgcolor="#ffd75f"),
        higher=_s("#006000"),
        lower=_s("#a00000"),
        curve=_s("#00509a"),
        tangent=_s("#8f3c00"),
        series=_styles(
            "#00509a", "#8a3a00", "#5a30a0", "#005e48", "#a0205a", "#505000", "#005a7a", "#802080"
        ),
        pixels=Pixels(
            negative=(20, 70, 200),
            zero=(238, 238, 238),
            positive=(215, 100, 0),
            paper=(255, 255, 255),
            ink=(0, 0, 0),
            shade_negative="blue3",
            shade_positive="dark_orange3",
            shade_ink="black",
        ),
    )


# For a projector: white on black, saturated orange and blue, a yellow cursor.
@cache
def _high_contrast() -> Palette:
    return Palette(
        name="high-contrast",
        text=_s("#ffffff"),
        strong=_s("#ffffff", bold=True),
        secondary=_s("#e4e4e4"),
        muted=_s("#d0d0d0"),
        heading=_s("#ffff00", bold=True),
        code=_s("#00ffff", bgcolor="#000000"),
        error=_s("#ff6060", bold=True),
        success=_s("#00ff00", bold=True),
        paused=_s("#ffff00", bold=True),
        playing=_s("#00ff00", bold=True),
        diverged=_s("#ffffff", bold=True, bgcolor="#c00000"),
        positive=(_s("#ff8c00"), _s("#ff8c00", bold=True)),
        negative=(_s("#3aa0ff"), _s("#3aa0ff", bold=True)),
        grow=(_s("#00ff00"), _s("#00ff00", bold=True), _s("#00ff00", bold=True)),
        shrink=(_s("#ff6060"), _s("#ff6060", bold=True), _s("#ff6060", bold=True)),
        still=_s("#d0d0d0"),
        frozen=_s("#00ffff", bold=True),
        frozen_bg=Style(bgcolor="#003040"),
        cursor=_s("#ffff00", bold=True),
        cursor_cell=_s("#000000", bgcolor="#ffff00"),
        selected=_s("#000000", bold=True, bgcolor="#ffff00"),
        higher=_s("#00ff00"),
        lower=_s("#ff6060"),
        curve=_s("#3aa0ff", bold=True),
        tangent=_s("#ff8c00", bold=True),
        series=_styles(
            "#3aa0ff", "#ff8c00", "#c080ff", "#00ff80", "#ff60c0", "#ffff00", "#00ffff", "#ff80ff"
        ),
        pixels=Pixels(
            negative=(40, 150, 255),
            zero=(0, 0, 0),
            positive=(255, 140, 0),
            paper=(0, 0, 0),
            ink=(255, 255, 255),
            shade_negative="dodger_blue1",
            shade_positive="dark_orange",
            shade_ink="white",
        ),
    )


# Made when first used (``cache``): most sessions never leave the dark themes.
_MAKERS: dict[str, Callable[[], Palette]] = {"LIGHT": _light, "HIGH_CONTRAST": _high_contrast}


def __getattr__(name: str) -> Palette:
    if name in _MAKERS:
        return _MAKERS[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def palette_for(theme_name: str, dark: bool) -> Palette:
    """The palette for a Textual theme, given its name and whether it is dark."""
    if theme_name == HIGH_CONTRAST_THEME:
        return _high_contrast()
    return DARK if dark else _light()
