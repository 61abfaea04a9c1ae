"""The ``a`` screen: type a learning rate; anything but a finite number above 0 is refused."""

from __future__ import annotations

import math
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from ..renderables.numbers import alpha_text
from .dialog import InputDialog


def parse_alpha(text: str) -> float:
    """The alpha in ``text``, or ValueError saying what is wrong."""
    try:
        value = float(text.strip())
    except ValueError:
        raise ValueError(f"{text.strip() or 'nothing'!r} is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"alpha must be a finite number greater than 0, not {text.strip()}")
    return value


def prompt(critical: float) -> str:
    """What to type, and where this scenario's learning stops converging."""
    text = "The learning rate: a number greater than 0 (e.g. 0.01, 1e-3)."
    if math.isfinite(critical):
        text += (
            f" Here alpha below {critical:.2g} converges: α·|x|² stays under 2"
            " (each step multiplies delta by 1 − α·|x|²)."
        )
    return text


class AlphaScreen(InputDialog[float]):
    """Returns the new alpha, or None when cancelled."""

    ERROR_ID = "alpha-error"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-alpha")
    ]

    DEFAULT_CSS = """
    AlphaScreen > Vertical {
        width: 72;
    }
    AlphaScreen #alpha-prompt {
        width: 100%;
    }
    """

    def __init__(self, alpha: float, critical: float = math.inf) -> None:
        super().__init__()
        self.alpha = alpha
        self.critical = critical  # where alpha·|x|² reaches 2 (inf: no limit)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "alpha"
            box.border_subtitle = "enter: set · escape: cancel"
            yield Static(prompt(self.critical), id="alpha-prompt")
            yield Input(value=alpha_text(self.alpha), id="alpha-input")
            yield Static("", id="alpha-error", classes="error")

    def parse(self, text: str) -> float:
        return parse_alpha(text)
