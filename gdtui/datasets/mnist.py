"""MNIST: the four IDX files (gzipped or not), a Keras-style mnist.npz, and the subset the
package ships. NumPy and the standard library only (and gdtui.paths for the fetched copy)."""

from __future__ import annotations

import gzip
import math
import zipfile
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

import numpy as np
import numpy.lib.format as npy

from gdtui.files import MIB, FileRefused, open_regular, size_text, too_big
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
NPZ_KEYS = ("x_train", "y_train", "x_test", "y_test")
# MNIST's biggest file, the training images, is 44.9 MiB. The limits leave room for a bigger
# set of 28x28 digits while keeping a bad file from taking the memory.
IDX_LIMIT = 64 * MIB  # one IDX file, decompressed
NPZ_LIMIT = 256 * MIB  # an .npz file as stored
ARRAY_LIMIT = 64 * MIB  # one array in an .npz, decompressed


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


def _open(path: Path, limit: int, what: str) -> BinaryIO:
    """The regular file ``path``, if it is at most ``limit`` bytes; DataError if not."""
    try:
        file, size = open_regular(path)
    except FileRefused as error:
        raise DataError(path, f"cannot read: {error}") from None
    if size > limit:
        file.close()
        raise DataError(path, str(too_big(size, limit, what)))
    return file


def read_idx(path: Path, magic: int) -> np.ndarray:
    """An IDX file, gzipped or not: big-endian int32 magic, count (and rows, cols for images),
    then uint8s. The header's sizes are checked against the limit before the data is read, and
    no more than they give is ever decompressed."""
    with _open(path, IDX_LIMIT, "IDX files") as file:
        gzipped = file.read(2) == b"\x1f\x8b"
        file.seek(0)
        try:
            stream = gzip.GzipFile(fileobj=file, mode="rb") if gzipped else file
            return _parse_idx(stream, path, magic)
        except (OSError, EOFError, zlib.error) as error:
            reason = getattr(error, "strerror", None) or error
            raise DataError(path, f"cannot read: {reason}") from None


def _parse_idx(stream: gzip.GzipFile | BinaryIO, path: Path, magic: int) -> np.ndarray:
    dims = 3 if magic == 2051 else 1
    header_size = 4 * (1 + dims)
    header = stream.read(header_size)
    if len(header) < header_size:
        raise DataError(path, f"truncated: {len(header)} bytes, shorter than the IDX header")
    found = int.from_bytes(header[:4], "big")
    if found != magic:
        kind = "images" if magic == 2051 else "labels"
        raise DataError(path, f"not an IDX {kind} file (magic {found}, expected {magic})")
    shape = tuple(int.from_bytes(header[4 + 4 * k : 8 + 4 * k], "big") for k in range(dims))
    if dims == 3 and shape[1:] != (28, 28):
        raise DataError(path, f"images are {shape[1]}x{shape[2]}, expected 28x28")
    size = math.prod(shape)
    if header_size + size > IDX_LIMIT:
        claims = f"{shape[0]:,} {'images' if dims == 3 else 'labels'}"
        over = _over(header_size + size, IDX_LIMIT, "an IDX file")
        raise DataError(path, f"its header claims {claims}, {over}")
    data = stream.read(size + 1)  # one byte more than the header gives: is there more?
    expected = header_size + size
    if len(data) < size:
        raise DataError(path, f"truncated: {header_size + len(data)} bytes, expected {expected}")
    if len(data) > size:
        raise DataError(path, f"padded: longer than the {expected} bytes its header gives")
    return np.frombuffer(data, dtype=np.uint8).reshape(shape)


def _over(size: int, limit: int, what: str) -> str:
    return f"{size_text(size)}, over the {size_text(limit)} limit for {what}"


def find_idx(folder: Path, stem: str) -> Path:
    for name in (stem + ".gz", stem, stem.replace("-idx", ".idx")):
        if (folder / name).exists():  # not is_file(): a FIFO here is refused, not skipped
            return folder / name
    raise DataError(folder / (stem + ".gz"), "missing (run 'gdtui data fetch mnist')")


def load_idx_folder(folder: Path) -> Mnist:
    arrays = {}
    for key, stem in FILES.items():
        path = find_idx(folder, stem)
        arrays[key] = read_idx(path, 2051 if key.endswith("images") else 2049)
        if key.endswith("labels"):
            check_labels(arrays[key], path, "labels")
    for part in ("train", "test"):
        images, labels = arrays[f"{part}_images"], arrays[f"{part}_labels"]
        if len(images) != len(labels):
            raise DataError(folder, f"{len(images)} {part} images but {len(labels)} labels")
    return Mnist(**arrays, origin=str(folder))


def check_labels(labels: np.ndarray, path: Path, what: str) -> None:
    bad = np.flatnonzero((labels < 0) | (labels > 9))
    if len(bad):
        at = int(bad[0])
        raise DataError(path, f"{what}[{at}] is {labels[at]} (expected a digit 0-9)")


def load_npz(path: Path) -> Mnist:
    """A Keras-style mnist.npz: x_train, y_train, x_test, y_test, each of whole numbers."""
    with _open(path, NPZ_LIMIT, ".npz files") as file:
        try:
            with zipfile.ZipFile(file) as archive:
                arrays = {key: read_npz_array(archive, key, path) for key in NPZ_KEYS}
        except (OSError, ValueError, EOFError, RuntimeError, zipfile.BadZipFile, zlib.error) as e:
            raise DataError(path, f"cannot read as .npz: {e}") from None
    for part in ("train", "test"):
        x, y = arrays[f"x_{part}"], arrays[f"y_{part}"]
        if x.ndim != 3 or x.shape[1:] != (28, 28) or y.shape != (len(x),):
            raise DataError(
                path,
                f"x_{part} {x.shape} and y_{part} {y.shape} are not n 28x28 images with n labels",
            )
        if x.size and (x.min() < 0 or x.max() > 255):
            raise DataError(path, f"x_{part} has pixels outside 0-255 (expected 0 to 255)")
        check_labels(y, path, f"y_{part}")
    return Mnist(
        arrays["x_train"].astype(np.uint8),
        arrays["y_train"].astype(np.uint8),
        arrays["x_test"].astype(np.uint8),
        arrays["y_test"].astype(np.uint8),
        origin=str(path),
    )


def read_npz_array(archive: zipfile.ZipFile, key: str, path: Path) -> np.ndarray:
    """One array of an .npz, an integer one. Its header is checked (the type, and the size
    against the limit) before any of its data is read, and no more than it gives is read."""
    try:
        info = archive.getinfo(f"{key}.npy")
    except KeyError:
        raise DataError(path, f"no array {key!r} (expected {', '.join(NPZ_KEYS)})") from None
    with archive.open(info) as member:
        version = npy.read_magic(member)
        if version == (1, 0):
            shape, fortran, dtype = npy.read_array_header_1_0(member)
        elif version == (2, 0):
            shape, fortran, dtype = npy.read_array_header_2_0(member)
        else:
            raise DataError(path, f"{key}: .npy format version {version} is not supported")
        if dtype.kind not in "ui":
            expected = "whole numbers, such as uint8"
            raise DataError(path, f"{key} holds {dtype} values (expected {expected})")
        size = math.prod(shape) * dtype.itemsize
        if size > ARRAY_LIMIT:
            over = _over(size, ARRAY_LIMIT, "one array")
            raise DataError(path, f"{key}: its header claims {shape} {dtype}, {over}")
        data = member.read(size + 1)
    if len(data) < size:
        raise DataError(path, f"{key}: {len(data):,} bytes of data, its header gives {size:,}")
    if len(data) > size:
        raise DataError(path, f"{key}: more data than the {size:,} bytes its header gives")
    return np.frombuffer(data, dtype=dtype).reshape(shape, order="F" if fortran else "C")


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
