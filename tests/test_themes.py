"""Themes: the three palettes are readable on their backgrounds, `--theme` picks one, and the
views redraw in the new colours when the theme changes."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields

import pytest
from rich.color import Color
from rich.style import Style
from textual.theme import BUILTIN_THEMES

from gdtui.app import create_app
from gdtui.cli import main
from gdtui.palette import DARK, HIGH_CONTRAST, LIGHT, Palette, palette_for
from gdtui.scenario import load_scenario, resolve
from gdtui.themes import HIGH_CONTRAST as HIGH_CONTRAST_THEME
from gdtui.themes import theme_names
from tests.helpers import wait_for

# Drawn marks rather than text (faint edges, small arrows, the "·" of no update): the contrast
# asked of graphics, 3:1, instead of text's 4.5:1.
GRAPHICS = {"positive.0", "negative.0", "grow.0", "shrink.0", "still"}
ON_PANEL = {"text", "muted", "paused", "playing"}  # the status bar's, on $panel


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: Color, b: Color) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def coloured_styles(palette: Palette) -> list[tuple[str, Style]]:
    out = []
    for field in fields(palette):
        value = getattr(palette, field.name)
        if isinstance(value, Style):
            out.append((field.name, value))
        elif isinstance(value, tuple) and value and isinstance(value[0], Style):
            out += [(f"{field.name}.{k}", style) for k, style in enumerate(value)]
    return [(name, style) for name, style in out if style.color is not None]


@pytest.mark.parametrize(
    ("theme", "palette"),
    [
        (BUILTIN_THEMES["textual-dark"], DARK),
        (BUILTIN_THEMES["textual-light"], LIGHT),
        (HIGH_CONTRAST_THEME, HIGH_CONTRAST),
    ],
)
def test_every_colour_reads_on_the_themes_backgrounds(theme, palette):
    colours = theme.to_color_system().generate()
    backgrounds = [Color.parse(colours[key]) for key in ("background", "surface")]
    panel = Color.parse(colours["panel"])
    low = []
    for name, style in coloured_styles(palette):
        assert style.color is not None
        behind = [style.bgcolor] if style.bgcolor is not None else list(backgrounds)
        if name in ON_PANEL:
            behind.append(panel)
        need = 3.0 if name in GRAPHICS else 4.5
        worst = min(contrast(style.color, b) for b in behind)
        if worst < need:
            low.append(f"{name} {style.color.name}: {worst:.2f}")
    assert low == []
    assert palette_for(theme.name, theme.dark) is palette


def test_any_other_theme_gets_the_palette_of_its_kind():
    assert palette_for("nord", True) is DARK
    assert palette_for("solarized-light", False) is LIGHT


def test_the_palette_and_the_renderables_need_no_textual():
    code = (
        "import sys, pkgutil, importlib, gdtui.renderables as r\n"
        "import gdtui.palette\n"
        "for m in pkgutil.iter_modules(r.__path__):\n"
        "    importlib.import_module(f'{r.__name__}.{m.name}')\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] == 'textual'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_an_unknown_theme_is_one_line_naming_the_choices(capsys):
    assert main(["multi-input", "--theme", "sepia"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "unknown theme 'sepia'" in err
    for name in ("textual-dark", "textual-light", "gdtui-high-contrast"):
        assert name in err


def test_a_known_theme_reaches_the_app(monkeypatch):
    import gdtui.app

    made = {}

    class FakeApp:
        after_first_frame: list[object] = []  # noqa: RUF012

        def run(self) -> None:
            made["ran"] = True

    def fake_create_app(scenario, *, session=None, theme=None):  # type: ignore[no-untyped-def]
        made["theme"] = theme
        return FakeApp()

    monkeypatch.setattr(gdtui.app, "create_app", fake_create_app)
    assert main(["multi-input", "--theme", "gdtui-high-contrast"]) == 0
    assert made == {"theme": "gdtui-high-contrast", "ran": True}
    assert "gdtui-high-contrast" in theme_names() and "textual-light" in theme_names()


def colours(app) -> set[str]:  # type: ignore[no-untyped-def]
    """Every foreground and background colour on the screen."""
    strips = app.screen._compositor.render_strips()
    styles = {segment.style for strip in strips for segment in strip if segment.style}
    return {c.name for s in styles for c in (s.color, s.bgcolor) if c is not None}


async def test_the_views_redraw_when_the_theme_changes():
    app = create_app(load_scenario(resolve("multi-input")), theme="textual-light")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"
        assert "gdtui-high-contrast" in app.available_themes  # the command palette lists it
        light = colours(app)
        # The weights, the description's heading, the cursor cell: the light palette's colours.
        assert {"#000000", LIGHT.heading.color.name, "#a8cdf0"} <= light  # type: ignore[union-attr]
        assert "#eeeeee" not in light  # no dark palette's white text left
        app.theme = "gdtui-high-contrast"
        await pilot.pause()
        contrast_colours = colours(app)
        assert {"#ffff00", "#ff8c00", "#3aa0ff"} <= contrast_colours
        assert "#a8cdf0" not in contrast_colours
        assert LIGHT.heading.color.name not in contrast_colours  # type: ignore[union-attr]


def test_create_app_defaults_to_textual_dark_and_offers_every_theme_the_cli_takes():
    app = create_app(None)
    assert app.theme == "textual-dark"
    assert set(app.available_themes) == set(theme_names())


async def test_the_data_view_recolours_its_cells():
    app = create_app(load_scenario(resolve("freeze")))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        dark = {DARK.heading.color.name, DARK.frozen.color.name}  # type: ignore[union-attr]
        await wait_for(lambda: dark <= colours(app))  # the data view mounts, then fills
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.pause()
        after = colours(app)
        assert {LIGHT.heading.color.name, LIGHT.frozen.color.name} <= after  # type: ignore[union-attr]
        assert not {DARK.heading.color.name, DARK.frozen.color.name} & after  # type: ignore[union-attr]
