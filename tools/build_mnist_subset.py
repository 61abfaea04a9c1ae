"""Build gdtui/data/mnist-1000.npz: the first 1,000 training and 1,000 test images of MNIST.

The book trains on x_train[0:1000]; the package ships those and the first 1,000 test images so
the `mnist` scenario needs no download. Usage:

    python tools/build_mnist_subset.py [MNIST_DIR]   # default ../shared/data/mnist

MNIST (LeCun, Cortes, Burges) is licensed CC BY-SA 3.0.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np

from gdtui.datasets.mnist import FILES, SHA256, SHIPPED, find_idx, load_idx_folder, read_idx_bytes

COUNT = 1000


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/mnist")
    for stem in FILES.values():
        path = find_idx(folder, stem)
        digest = hashlib.sha256(read_idx_bytes(path)).hexdigest()
        if digest != SHA256[stem]:
            print(f"{path}: SHA-256 {digest} does not match", file=sys.stderr)
            return 1
    data = load_idx_folder(folder)
    SHIPPED.parent.mkdir(exist_ok=True)
    np.savez_compressed(
        SHIPPED,
        x_train=data.train_images[:COUNT],
        y_train=data.train_labels[:COUNT],
        x_test=data.test_images[:COUNT],
        y_test=data.test_labels[:COUNT],
    )
    print(f"{SHIPPED}: {SHIPPED.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
