"""``data: {source: mnist, path, train, test}``: the first ``train`` training and ``test`` test
images of MNIST (default 1,000 each), from ``path`` (a folder of IDX files or an mnist.npz,
relative to the scenario file), else the shipped subset when it is enough, else the fetched
full set. Pixels scaled to [0, 1], one input per pixel (named rRcC), one-hot targets for the
digits 0-9. The pixels stay bytes (``Scaled``): 47 MB for the full training set, not 376."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from gdtui.datasets.mnist import DataError, pick
from gdtui.engine.scaled import Scaled
from gdtui.scenario.sources import Data, Where

KEYS = ("path", "train", "test")


def load(spec: dict[str, Any], where: Where) -> Data:
    train, test = spec.get("train", 1000), spec.get("test", 1000)
    try:
        path = spec.get("path")
        if path is not None and not Path(path).expanduser().is_absolute():
            path = str(Path(spec.get("base", ".")) / path)  # beside the scenario file
        data = pick(path, train, test)
    except DataError as error:
        raise where(str(error)) from None
    for part, asked, have in (
        ("train", train, len(data.train_labels)),
        ("test", test, len(data.test_labels)),
    ):
        if asked > have:
            raise where(f"{part}: {asked:,} is more than the {have:,} images in {data.origin}")
    eye = np.eye(10)
    return Data(
        inputs=Scaled(data.train_images[:train].reshape(train, 784), 255.0),
        targets=eye[data.train_labels[:train]],
        input_names=tuple(f"r{r}c{c}" for r in range(28) for c in range(28)),
        output_names=tuple(str(d) for d in range(10)),
        test_inputs=Scaled(data.test_images[:test].reshape(test, 784), 255.0),
        test_targets=eye[data.test_labels[:test]],
        classify=True,
    )
