"""MNIST: the four IDX files (gzipped or not), a Keras-style mnist.npz, and the subset the
package ships. NumPy and the standard library only (and gdtui.paths for the fetched copy)."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from gdtui.paths import data_dir

FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}
# SHA-256 of each *decompressed* file: gzip wrappers differ between mirrors, contents do not.
SHA256 = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}
SIZES = {"train": 60_000, "test": 10_000}
SHIPPED = Path(__file__).resolve().parent.parent / "data" / "mnist-1000.npz"


class DataError(Exception):
    """A dataset file that is missing, truncated or not what it claims; names the file."""

    def __init__(self, path: Path | str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = Path(path)


@dataclass(frozen=True, eq=False)
class Mnist:
    """Images [n][28][28] and labels [n] as uint8, as stored."""

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    origin: str


def read_idx_bytes(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
        return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise DataError(path, f"cannot read: {getattr(error, 'strerror', None) or error}") from None


def parse_idx(data: bytes, path: Path, magic: int) -> np.ndarray:
    """An IDX array: big-endian int32 magic, count (and rows, cols for images), then uint8s."""
    dims = 3 if magic == 2051 else 1
    header = 4 * (1 + dims)
    if len(data) < header:
        raise DataError(path, f"truncated: {len(data)} bytes, shorter than the IDX header")
    found = int.from_bytes(data[:4], "big")
    if found != magic:
        kind = "images" if magic == 2051 else "labels"
        raise DataError(path, f"not an IDX {kind} file (magic {found}, expected {magic})")
    shape = tuple(int.from_bytes(data[4 + 4 * k : 8 + 4 * k], "big") for k in range(dims))
    if dims == 3 and shape[1:] != (28, 28):
        raise DataError(path, f"images are {shape[1]}x{shape[2]}, expected 28x28")
    expected = header + int(np.prod(shape))
    if len(data) != expected:
        raise DataError(path, f"truncated or padded: {len(data)} bytes, expected {expected}")
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(shape)


def find_idx(folder: Path, stem: str) -> Path:
    for name in (stem + ".gz", stem, stem.replace("-idx", ".idx")):
        if (folder / name).is_file():
            return folder / name
    raise DataError(folder / (stem + ".gz"), "missing (run 'gdtui data fetch mnist')")


def load_idx_folder(folder: Path) -> Mnist:
    arrays = {}
    for key, stem in FILES.items():
        path = find_idx(folder, stem)
        magic = 2051 if key.endswith("images") else 2049
        arrays[key] = parse_idx(read_idx_bytes(path), path, magic)
    for part in ("train", "test"):
        images, labels = arrays[f"{part}_images"], arrays[f"{part}_labels"]
        if len(images) != len(labels):
            raise DataError(folder, f"{len(images)} {part} images but {len(labels)} labels")
    return Mnist(**arrays, origin=str(folder))


def load_npz(path: Path) -> Mnist:
    """A Keras-style mnist.npz: x_train, y_train, x_test, y_test."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in ("x_train", "y_train", "x_test", "y_test")}
    except KeyError as error:
        raise DataError(
            path, f"no array {error} (expected x_train, y_train, x_test, y_test)"
        ) from None
    except (OSError, ValueError, EOFError) as error:
        raise DataError(path, f"cannot read as .npz: {error}") from None
    for part in ("train", "test"):
        x, y = arrays[f"x_{part}"], arrays[f"y_{part}"]
        if x.ndim != 3 or x.shape[1:] != (28, 28) or y.shape != (len(x),):
            raise DataError(
                path,
                f"x_{part} {x.shape} and y_{part} {y.shape} are not n 28x28 images with n labels",
            )
    return Mnist(
        arrays["x_train"].astype(np.uint8),
        arrays["y_train"].astype(np.uint8),
        arrays["x_test"].astype(np.uint8),
        arrays["y_test"].astype(np.uint8),
        origin=str(path),
    )


def load(path: Path | None = None) -> Mnist:
    """A folder of IDX files or an .npz file; with no path, the shipped subset."""
    if path is None:
        return replace(load_npz(SHIPPED), origin="shipped")
    if path.is_dir():
        return load_idx_folder(path)
    if path.suffix == ".npz":
        return load_npz(path)
    raise DataError(path, "not found (expected a folder of MNIST IDX files or an mnist.npz)")


def shipped_counts() -> tuple[int, int]:
    with np.load(SHIPPED) as npz:
        return len(npz["y_train"]), len(npz["y_test"])


def fetched_folder() -> Path:
    """Where `gdtui data fetch mnist` puts the full set."""
    return data_dir() / "mnist"


def pick(path: str | None, train: int, test: int) -> Mnist:
    """The data a scenario asks for: its own path; else the shipped subset when it is enough;
    else the fetched full set."""
    if path is not None:
        return load(Path(path).expanduser())
    have_train, have_test = shipped_counts()
    if train <= have_train and test <= have_test:
        return load()
    folder = fetched_folder()
    if not folder.is_dir():
        raise DataError(
            folder,
            f"train: {train}, test: {test} needs the full MNIST (the package ships "
            f"{have_train:,} training and {have_test:,} test images); "
            "run 'gdtui data fetch mnist' to download it",
        )
    return load_idx_folder(folder)
