"""The MNIST screen: ten weight pictures, the example being learned, the dot product of the
selected digit, and learning across epochs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll

from .digit_example import DigitExample
from .digit_weights import DigitWeights
from .dot_product import DotProduct
from .epoch_panel import EpochPanel

if TYPE_CHECKING:
    from ..frame import Frame

NARROW = 78 + 42  # the pictures and the example side by side need this many columns


class MnistView(VerticalScroll, can_focus=False):
    """Fed the frame like the other views; its selected digit is the one drawn large."""

    DEFAULT_CSS = """
    MnistView {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    MnistView > Horizontal, MnistView Vertical {
        height: auto;
    }
    MnistView DigitWeights, MnistView DigitExample, MnistView DotProduct, MnistView EpochPanel {
        border: round $primary-darken-2;
        border-title-color: $text-muted;
        border-subtitle-color: $text-muted;
        padding: 0 1;
    }
    MnistView DigitWeights {
        width: 78;
    }
    MnistView Vertical {
        width: 1fr;
    }
    MnistView DotProduct {
        width: 100%;
    }
    MnistView.-narrow > Horizontal {
        layout: vertical;
    }
    MnistView.-narrow DigitWeights {
        width: 100%;
    }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield DigitWeights(id="digit-weights")
            with Vertical():
                yield DigitExample(id="digit-example")
                yield EpochPanel(id="epochs")
        yield DotProduct(id="dot-product")

    def on_mount(self) -> None:
        self.query_one(DigitWeights).border_title = "weights of each digit (f freezes one)"
        self.query_one(DigitExample).border_title = "the coming example"
        self.query_one(DotProduct).border_title = "the dot product"
        self.query_one(EpochPanel).border_title = "error per epoch"

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    def update_from(self, frame: Frame, truecolor: bool) -> None:
        names = frame.problem.output_names
        self.query_one(DigitWeights).update_from(frame, truecolor)
        self.query_one(DigitExample).update_from(frame.coming, names, truecolor)
        self.query_one(DotProduct).update_from(frame.coming, frame.digit, names, truecolor)
        self.query_one(EpochPanel).update_from(frame)
