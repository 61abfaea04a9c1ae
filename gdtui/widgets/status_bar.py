"""The header line: scenario, Step N, epoch, alpha, and the state (paused, playing, diverged)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

if TYPE_CHECKING:
    from ..engine import Stability
    from ..frame import Frame

from ..renderables.numbers import alpha_text
from ..themes import app_palette, on_theme_change

NAME = Style(bold=True)


class StatusBar(Widget):
    """One line saying where the training is; the scenario name gives way first when narrow."""

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._scenario = "gdtui"
        self._parts: list[str] = []
        self._state = ""
        self._speed = ""
        self._limit = ("", True)  # alpha·|x|² against 2, and whether it converges

    def on_mount(self) -> None:
        on_theme_change(self, self.refresh)

    def render(self) -> Text:
        """The name, then the parts; when narrow the alpha limit goes first (unless it warns),
        then the name gives way."""
        tail = self._tail(with_limit=True)
        converges = self._limit[1]
        if converges and len(self._scenario) > self.size.width - tail.cell_len:
            tail = self._tail(with_limit=False)
        room = max(8, self.size.width - tail.cell_len)
        name = self._scenario if len(self._scenario) <= room else self._scenario[: room - 1] + "…"
        return Text(name, NAME, no_wrap=True, overflow="crop") + tail

    def _tail(self, with_limit: bool) -> Text:
        p = app_palette(self.app)
        tail = Text()
        for part in self._parts:
            tail.append(" │ ", p.muted)
            tail.append(part)
        limit, converges = self._limit
        if limit and with_limit:
            tail.append(f" {limit}", p.muted if converges else p.error)
        if self._state:
            states = {"paused": p.paused, "playing": p.playing, "diverged": p.diverged}
            tail.append(" │ ", p.muted)
            tail.append(f" {self._state} ", states[self._state])
            tail.append(f" {self._speed}", p.muted)
        return tail

    def update_from(self, frame: Frame) -> None:
        n = frame.epoch_length
        epoch = f"Epoch {frame.epochs_done}"
        if n > 1:
            epoch += f" +{frame.step % n}/{n}"
        self._scenario = frame.name
        self._parts = [f"Step {frame.step}", epoch, f"alpha {alpha_text(frame.alpha)}"]
        self._limit = limit_text(frame.stability)
        self._state = "diverged" if frame.diverged else "playing" if frame.playing else "paused"
        self._speed = f"{frame.speed} step/s" if frame.speed == 1 else f"{frame.speed} steps/s"
        self.refresh()


def limit_text(stability: Stability) -> tuple[str, bool]:
    """``(α·|x|² 0.74 < 2)``: how far alpha is from overshooting, and whether it converges."""
    factor = stability.factor
    if not math.isfinite(factor):
        return "", True
    shown = f"{factor:.3g}" if factor < 100 else f"{factor:.2e}"
    return f"(α·|x|² {shown} {'<' if stability.converges else '≥'} 2)", stability.converges
