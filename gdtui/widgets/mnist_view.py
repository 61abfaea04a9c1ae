"""The MNIST screen: ten weight pictures, the example being learned, the dot product of the
selected digit, and learning across epochs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll

from .digit_example import DigitExample
from .digit_weights import FULL_WIDTH, DigitWeights
from .dot_product import DotProduct
from .epoch_panel import EpochPanel

if TYPE_CHECKING:
    from ..frame import Frame

# Each panel's width with its border and padding: the pictures pooled and at full resolution,
# and the narrowest the example and the epochs can be.
POOLED, FULL, SIDE = 78, FULL_WIDTH + 4, 39


class MnistView(VerticalScroll, can_focus=False):
    """Fed the frame like the other views; its selected digit is the one drawn large.

    A grid of two columns: the pictures of the weights, the example and the epochs beside them,
    and the dot product across. From ``FULL`` columns the pictures are drawn at full
    resolution: beside the example from ``FULL + SIDE``, else across the first row, the
    example then beside the dot product. Below ``POOLED + SIDE`` everything is stacked."""

    DEFAULT_CSS = """
    MnistView {
        height: 1fr;
        scrollbar-size-vertical: 1;
        layout: grid;
        grid-size: 2;
        grid-columns: 78 1fr;  /* POOLED */
        grid-rows: auto;
    }
    MnistView > Vertical {
        height: auto;
    }
    MnistView DigitWeights, MnistView DigitExample, MnistView DotProduct, MnistView EpochPanel {
        border: round $primary-darken-2;
        border-title-color: $text-muted;
        border-subtitle-color: $text-muted;
        padding: 0 1;
    }
    MnistView DotProduct {
        column-span: 2;
    }
    MnistView.-narrow {
        grid-size: 1;
        grid-columns: 1fr;
    }
    MnistView.-narrow DotProduct {
        column-span: 1;
    }
    MnistView.-full {
        grid-columns: 148 1fr;  /* FULL */
    }
    MnistView.-full.-below {
        grid-columns: 1fr 94;  /* the dot product at full resolution */
    }
    MnistView.-below DigitWeights {
        column-span: 2;
    }
    MnistView.-below DotProduct {
        column-span: 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield DigitWeights(id="digit-weights")
        with Vertical(id="mnist-side"):
            yield DigitExample(id="digit-example")
            yield EpochPanel(id="epochs")
        yield DotProduct(id="dot-product")

    def on_mount(self) -> None:
        self.query_one(DigitWeights).border_title = "weights of each digit (f freezes one)"
        self.query_one(DigitExample).border_title = "the coming example"
        self.query_one(DotProduct).border_title = "the dot product"
        self.query_one(EpochPanel).border_title = "error per epoch"

    def on_resize(self) -> None:
        # The width less a scrollbar's, whether one shows or not: its coming and going
        # cannot then change the layout that made it come or go.
        width = self.outer_size.width - 1
        full = width >= FULL
        self.set_class(width < POOLED + SIDE, "-narrow")
        self.set_class(full, "-full")
        self.set_class(full and width < FULL + SIDE, "-below")

    def update_from(self, frame: Frame, truecolor: bool) -> None:
        names = frame.problem.output_names
        self.query_one(DigitWeights).update_from(frame, truecolor)
        self.query_one(DigitExample).update_from(frame.coming, names, truecolor)
        self.query_one(DotProduct).update_from(frame.coming, frame.digit, names, truecolor)
        self.query_one(EpochPanel).update_from(frame)
