"""Hostile input files: special files, oversized files, decompression and allocation bombs,
dataset contents out of range, and files that are not CSV at all (credentials).

Each case runs the installed command in a subprocess, with a timeout (a FIFO must not hang it)
and a 512 MiB address-space limit (a bomb must not be inflated to find out), and checks that it
ends with exit status 2 and one line ``FILE:LINE:COL: message`` on stderr: no traceback, no
NumPy warning, and no file left behind.
"""

from __future__ import annotations

import gzip
import io
import os
import resource
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import numpy as np
import numpy.lib.format as npy
import pytest

from gdtui.datasets import mnist
from gdtui.files import FileRefused, read_capped, read_user_file, size_text

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
MEMORY = 512 << 20
MIB = 1 << 20


def gdtui(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``gdtui ARGS`` in ``tmp_path``, checked to have left no file behind there."""
    before = sorted(tmp_path.rglob("*"))
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin"),
        "GDTUI_HOME": str(tmp_path / "home"),
        "OPENBLAS_NUM_THREADS": "1",
        **{k: v for k, v in os.environ.items() if k == "PYTHONPATH"},
    }

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    result = subprocess.run(
        [sys.executable, "-m", "gdtui", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        preexec_fn=limit_memory,
    )
    assert sorted(tmp_path.rglob("*")) == before
    return result


def assert_refused(result: subprocess.CompletedProcess[str], where: str, message: str) -> None:
    err = result.stderr
    assert result.returncode == 2, err
    assert "Traceback" not in err and "Warning" not in err, err
    assert err.count("\n") == 1 and err.startswith(where + ":"), err
    assert message in err, err


def scenario(tmp_path: Path, data: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(f"name: S\ndata: {data}\nweights: {{init: zeros}}\nalpha: 0.01\n")
    return path


def csv_scenario(tmp_path: Path, csv: str | Path, inputs: str = "a", targets: str = "b") -> Path:
    return scenario(tmp_path, f"{{source: csv, path: '{csv}', inputs: [{inputs}], "
                    f"targets: [{targets}]}}")  # fmt: skip


def mnist_scenario(tmp_path: Path, path: str | Path) -> Path:
    return scenario(tmp_path, f"{{source: mnist, path: '{path}', train: 10, test: 10}}")


# --- special files: FIFOs and devices are refused before a byte is read --------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "trap.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", [["validate"], ["run"], []], ids=["validate", "run", "app"])
def test_a_scenario_that_is_a_fifo_is_refused(tmp_path: Path, fifo: Path, command: list[str]):
    result = gdtui(tmp_path, *command, str(fifo))
    assert_refused(result, f"{fifo}:1:1", "cannot read file: it is a FIFO (named pipe), not a")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_scenario_that_is_a_device_is_refused(tmp_path: Path, device: str):
    result = gdtui(tmp_path, "validate", device)
    assert_refused(result, f"{device}:1:1", "cannot read file: it is a character device")


@pytest.mark.parametrize("target", ["fifo", "/dev/zero", "/dev/urandom"])
def test_a_csv_path_that_is_a_fifo_or_a_device_is_refused(tmp_path: Path, target: str):
    if target == "fifo":
        target = str(tmp_path / "pipe.csv")
        os.mkfifo(target)
    path = csv_scenario(tmp_path, target)
    result = gdtui(tmp_path, "validate", str(path))
    kind = "a FIFO (named pipe)" if target.endswith("pipe.csv") else "a character device"
    assert_refused(result, f"{path}:2:27", f"cannot read '{target}': it is {kind}, not a regular")


def test_an_mnist_file_that_is_a_fifo_or_a_device_is_refused(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.npz")
    path = mnist_scenario(tmp_path, "pipe.npz")
    assert_refused(gdtui(tmp_path, "validate", str(path)), f"{path}:2:7", "it is a FIFO")
    folder = write_idx_folder(tmp_path / "idx")
    (folder / "train-labels-idx1-ubyte.gz").unlink()
    os.mkfifo(folder / "train-labels-idx1-ubyte.gz")
    path = mnist_scenario(tmp_path, folder)
    assert_refused(gdtui(tmp_path, "run", str(path)), f"{path}:2:7", "it is a FIFO")
    (folder / "train-labels-idx1-ubyte.gz").unlink()
    (folder / "train-labels-idx1-ubyte.gz").symlink_to("/dev/zero")
    assert_refused(gdtui(tmp_path, "run", str(path)), f"{path}:2:7", "a character device")


def test_list_flags_special_files_in_the_user_folder_without_reading_them(tmp_path: Path):
    user = tmp_path / "home" / "scenarios"
    user.mkdir(parents=True)
    os.mkfifo(user / "pipe.yaml")
    (user / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "table.csv")
    csv_scenario(user, tmp_path / "table.csv", "a", "b").rename(user / "csv-pipe.yaml")
    result = gdtui(tmp_path, "list")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    out = " ".join(result.stdout.split())  # the table wraps long errors
    assert "pipe user" in out and "it is a FIFO (named pipe)" in out
    assert "zero user" in out and "it is a character device" in out
    assert "csv-pipe user" in out and "season shipped" in out
    for name in ("pipe", "zero", "csv-pipe"):  # and opening one by name says why, too
        where = str(user / f"{name}.yaml")
        assert_refused(gdtui(tmp_path, "validate", where), where, "it is")
        assert gdtui(tmp_path, "run", name).returncode == 2


# --- sizes: a scenario over 1 MiB, a CSV over 16 MiB ---------------------------------------


def test_a_scenario_over_the_limit_is_refused_by_its_size(tmp_path: Path):
    big = tmp_path / "big.yaml"
    big.write_text("name: Big\n" + "# padding\n" * (MIB // 10 + 1))
    message = "cannot read file: it is 1,048,590 bytes, over the 1 MiB limit for scenario files"
    assert_refused(gdtui(tmp_path, "validate", str(big)), f"{big}:1:1", message)
    sparse = tmp_path / "sparse.yaml"
    with sparse.open("wb") as file:
        file.truncate(4 << 30)  # 4 GiB that take no disk
    assert_refused(gdtui(tmp_path, "run", str(sparse)), f"{sparse}:1:1",
                   "it is 4,294,967,296 bytes, over the 1 MiB limit for scenario")  # fmt: skip


def test_a_csv_over_the_limit_is_refused_by_its_size(tmp_path: Path):
    sparse = tmp_path / "huge.csv"
    with sparse.open("wb") as file:
        file.write(b"a,b\n1,2\n")
        file.truncate(17 * MIB)
    path = csv_scenario(tmp_path, sparse)
    assert_refused(gdtui(tmp_path, "validate", str(path)), f"{path}:2:27",
                   "it is 17,825,792 bytes, over the 16 MiB limit for CSV files")  # fmt: skip


def test_a_csv_with_too_many_columns_is_refused(tmp_path: Path):
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(10_001)) + "\n" + "1," * 10_000 + "1\n")
    path = csv_scenario(tmp_path, wide, "c0", "c1")
    assert_refused(gdtui(tmp_path, "validate", str(path)), f"{wide}:1:1",
                   "the header has more than 10,000 columns")  # fmt: skip


# --- decompression and allocation bombs ------------------------------------------------------


def idx(array: np.ndarray, magic: int, count: int | None = None) -> bytes:
    shape = (len(array) if count is None else count, *array.shape[1:])
    header = magic.to_bytes(4, "big") + b"".join(n.to_bytes(4, "big") for n in shape)
    return header + array.astype(np.uint8).tobytes()


def write_idx_folder(folder: Path, **replace: bytes) -> Path:
    """The shipped subset as the four IDX files (training ones gzipped), some replaced."""
    data = mnist.load()
    folder.mkdir()
    files = {
        "train-images-idx3-ubyte.gz": gzip.compress(idx(data.train_images, 2051), 1),
        "train-labels-idx1-ubyte.gz": gzip.compress(idx(data.train_labels, 2049), 1),
        "t10k-images-idx3-ubyte": idx(data.test_images, 2051),
        "t10k-labels-idx1-ubyte": idx(data.test_labels, 2049),
    }
    for name, content in {**files, **replace}.items():
        (folder / name).write_bytes(content)
    return folder


def gzip_bomb(start: bytes, gib: int) -> bytes:
    """``start`` then ``gib`` GiB of zeros, gzipped into a few MiB (members of 64 MiB each)."""
    block = zlib.compressobj(9, zlib.DEFLATED, 31)
    member = block.compress(bytes(64 * MIB)) + block.flush()
    return gzip.compress(start) + member * (16 * gib)


def test_a_gzip_bomb_is_never_inflated(tmp_path: Path):
    data = mnist.load()
    bomb = gzip_bomb(idx(data.train_images, 2051), 4)
    assert len(bomb) < 8 * MIB
    folder = write_idx_folder(tmp_path / "idx", **{"train-images-idx3-ubyte.gz": bomb})
    path = mnist_scenario(tmp_path, folder)
    assert_refused(gdtui(tmp_path, "validate", str(path)), f"{path}:2:7",
                   "train-images-idx3-ubyte.gz: padded: longer than the 784016 bytes")  # fmt: skip


@pytest.mark.parametrize(
    ("name", "count", "message"),
    [
        ("train-images-idx3-ubyte.gz", 5_000_000, "claims 5,000,000 images, 3.7 GiB, over"),
        ("t10k-images-idx3-ubyte", 4_000_000_000, "claims 4,000,000,000 images"),
        ("t10k-labels-idx1-ubyte", 100_000_000, "claims 100,000,000 labels, 95.4 MiB, over the"),
    ],
)
def test_an_idx_header_claiming_millions_is_refused_before_allocating(
    tmp_path: Path, name: str, count: int, message: str
):
    data = mnist.load()
    array, magic = (data.test_images, 2051) if "images" in name else (data.test_labels, 2049)
    content = idx(array[:10], magic, count)
    if name.endswith(".gz"):
        content = gzip_bomb(content, 1)
    folder = write_idx_folder(tmp_path / "idx", **{name: content})
    path = mnist_scenario(tmp_path, folder)
    assert_refused(gdtui(tmp_path, "validate", str(path)), f"{path}:2:7", message)
    assert "limit for an IDX file" in gdtui(tmp_path, "validate", str(path)).stderr


def npy_bytes(array: np.ndarray, shape: tuple[int, ...] | None = None) -> bytes:
    """An .npy file of ``array``, its header optionally claiming another shape."""
    out = io.BytesIO()
    header = npy.header_data_from_array_1_0(array)
    if shape is not None:
        header["shape"] = shape
    npy.write_array_header_1_0(out, header)
    return out.getvalue() + array.tobytes()


def write_npz(path: Path, **members: bytes | np.ndarray) -> Path:
    data = mnist.load()
    arrays: dict[str, bytes | np.ndarray] = {
        "x_train": data.train_images,
        "y_train": data.train_labels,
        "x_test": data.test_images,
        "y_test": data.test_labels,
        **members,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for key, value in arrays.items():
            raw = value if isinstance(value, bytes) else npy_bytes(value)
            archive.writestr(f"{key}.npy", raw)
    return path


@pytest.mark.parametrize(
    ("member", "message"),
    [
        (npy_bytes(np.zeros((10, 28, 28), np.uint8), (10_000_000, 28, 28)),
         "x_train: its header claims (10000000, 28, 28) uint8, 7.3 GiB, over the 64 MiB"),
        (npy_bytes(np.zeros((10, 28, 28), np.uint8), (1000, 28, 28)),
         "x_train: 7,840 bytes of data, its header gives 784,000"),
        (npy_bytes(np.zeros((10, 28, 28), np.uint8), (10, 28, 27)),
         "x_train: more data than the 7,560 bytes its header gives"),
        (npy_bytes(np.zeros(10, np.uint8)) + bytes(1 << 30),
         "x_train: more data than the 10 bytes its header gives"),
    ],
    ids=["claims-millions", "claims-more", "claims-less", "inflates-to-1-gib"],
)  # fmt: skip
def test_an_npz_whose_sizes_lie_is_refused_before_allocating(
    tmp_path: Path, member: bytes, message: str
):
    path = mnist_scenario(tmp_path, write_npz(tmp_path / "m.npz", x_train=member))
    assert_refused(gdtui(tmp_path, "validate", str(path)), f"{path}:2:7", message)


def test_an_npz_over_the_limit_or_not_a_zip_is_refused(tmp_path: Path):
    sparse = tmp_path / "big.npz"
    with sparse.open("wb") as file:
        file.truncate(300 * MIB)
    path = mnist_scenario(tmp_path, sparse)
    assert_refused(gdtui(tmp_path, "validate", str(path)), f"{path}:2:7",
                   "it is 314,572,800 bytes, over the 256 MiB limit for .npz files")  # fmt: skip
    (tmp_path / "zeros.npz").symlink_to("/dev/zero")
    path = mnist_scenario(tmp_path, "zeros.npz")
    assert_refused(gdtui(tmp_path, "validate", str(path)), f"{path}:2:7", "character device")
    (tmp_path / "text.npz").write_text("not a zip\n")
    path = mnist_scenario(tmp_path, "text.npz")
    assert_refused(gdtui(tmp_path, "validate", str(path)), f"{path}:2:7",
                   "cannot read as .npz: File is not a zip file")  # fmt: skip


# --- dataset contents: types and ranges are checked, no NumPy warning reaches the user -------


def labels_with(value: int, at: int = 3) -> np.ndarray:
    labels = mnist.load().train_labels.copy()
    labels[at] = value
    return labels


@pytest.mark.parametrize("value", [10, 255])
def test_idx_labels_outside_0_to_9_are_refused(tmp_path: Path, value: int):
    name = "train-labels-idx1-ubyte.gz"
    content = gzip.compress(idx(labels_with(value), 2049))
    path = mnist_scenario(tmp_path, write_idx_folder(tmp_path / "idx", **{name: content}))
    assert_refused(gdtui(tmp_path, "run", str(path)), f"{path}:2:7",
                   f"{name}: labels[3] is {value} (expected a digit 0-9)")  # fmt: skip


pixels = mnist.load().train_images


@pytest.mark.parametrize(
    ("key", "array", "message"),
    [
        ("y_train", labels_with(12).astype(np.int64), "y_train[3] is 12 (expected a digit 0-9)"),
        ("y_train", labels_with(0).astype(np.int8) - 1, "y_train[1] is -1 (expected a digit"),
        ("x_train", np.full(pixels.shape, np.nan), "x_train holds float64 values (expected"),
        ("x_train", pixels.astype(np.float32), "x_train holds float32 values"),
        ("x_train", pixels.astype(np.complex128) * 1j, "x_train holds complex128 values"),
        ("x_train", pixels > 0, "x_train holds bool values"),
        ("x_train", pixels.astype(np.int16) * 2, "x_train has pixels outside 0-255"),
        ("x_train", pixels.astype(np.int32) - 1, "x_train has pixels outside 0-255"),
        ("y_test", np.array(["a"] * 1000), "y_test holds <U1 values"),
    ],
)
def test_npz_arrays_of_the_wrong_type_or_range_are_refused(
    tmp_path: Path, key: str, array: np.ndarray, message: str
):
    path = mnist_scenario(tmp_path, write_npz(tmp_path / "m.npz", **{key: array}))
    assert_refused(gdtui(tmp_path, "validate", str(path)), f"{path}:2:7", message)


def test_an_npz_with_an_object_array_is_refused_without_unpickling(tmp_path: Path):
    member = io.BytesIO()
    np.save(member, np.array([object()] * 3, dtype=object), allow_pickle=True)
    path = write_npz(tmp_path / "m.npz", y_test=member.getvalue())
    path = mnist_scenario(tmp_path, path)
    assert_refused(gdtui(tmp_path, "validate", str(path)), f"{path}:2:7", "y_test holds object")


def test_a_good_npz_of_other_integer_types_still_loads(tmp_path: Path):
    data = mnist.load()
    npz = write_npz(tmp_path / "m.npz", x_train=data.train_images.astype(">u2"),
                    y_train=data.train_labels.astype(np.int64))  # fmt: skip
    result = gdtui(tmp_path, "validate", str(mnist_scenario(tmp_path, npz)))
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert np.array_equal(mnist.load(npz).train_images, data.train_images)


# --- information leaks: a scenario pointing at a file that is not a CSV ----------------------


@pytest.mark.parametrize(
    ("file", "inputs", "shown", "secrets"),
    [
        ("credentials", "'[default]'", "'aws_access_key_id = '... (the first 20 of 40",
         ["AKIA", "wJalr", "EXAMPLEKEY"]),
        ("token.env", "GITHUB_TOKEN", "'ghp_16C7e42F292c6912'... (the first 20 of 40",
         ["E7710c838347Ae178B4a"]),
        ("netrc", "x", "expected one of: 'machine example.com '... (the first 20 of 67",
         ["alice", "s3cr3t", "bob"]),
        ("ssh-config", "x", "row has 1 field, expected 2", ["IdentityFile", "alice", "Host"]),
        ("id_ed25519", "'-----BEGIN OPENSSH PRIVATE KEY-----'", "'b3BlbnNzaC1rZXktdjEA'...",
         ["AAAAABG5vbmU", "fakefake", "END OPENSSH"]),
        ("duplicate-secret-header.csv", "x", "column name 'session_cookie_for_e'... (the first",
         ["3f9a8b7c6d5e4f"]),
    ],
)  # fmt: skip
def test_a_file_that_is_not_a_csv_is_quoted_only_in_short_marked_excerpts(
    tmp_path: Path, file: str, inputs: str, shown: str, secrets: list[str]
):
    path = csv_scenario(tmp_path, HOSTILE / file, inputs, inputs)
    result = gdtui(tmp_path, "run", str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and shown in result.stderr, result.stderr
    for secret in secrets:
        assert secret not in result.stderr
    header = (HOSTILE / file).read_text().splitlines()[0]
    assert header == inputs.strip("'") or header not in result.stderr


def test_a_terminal_escape_in_a_field_is_shown_escaped(tmp_path: Path):
    table = tmp_path / "t.csv"
    table.write_bytes(b"a,b\n1,\x1b]0;owned\x07\x1b[2J\n")
    result = gdtui(tmp_path, "validate", str(csv_scenario(tmp_path, table)))
    assert_refused(result, f"{table}:2:3", r"'\x1b]0;owned\x07\x1b[2J' in column 'b' is not a")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


# --- the shared reader itself ----------------------------------------------------------------


def test_the_cap_holds_for_a_file_whose_size_says_less_than_it_holds():
    # Files in /proc are regular files of size 0 however much they hold: only the capped read
    # stops them.
    assert read_user_file("/proc/self/status", MIB, "tests").startswith(b"Name:")
    with pytest.raises(FileRefused, match="more than the 10 bytes limit for tests"):
        read_user_file("/proc/self/status", 10, "tests")
    with pytest.raises(FileRefused, match="more than the 1 KiB limit"):
        read_capped(io.BytesIO(bytes(1025)), 1024, "tests")
    assert read_capped(io.BytesIO(bytes(1024)), 1024, "tests") == bytes(1024)


def test_the_reader_says_what_it_refused(tmp_path: Path):
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(FileRefused, match=r"^it is a FIFO \(named pipe\), not a regular file$"):
        read_user_file(tmp_path / "fifo", MIB, "tests")
    with pytest.raises(FileRefused, match=r"^Is a directory$"):
        read_user_file(tmp_path, MIB, "tests")
    with pytest.raises(FileRefused, match=r"^No such file or directory$"):
        read_user_file(tmp_path / "nothing", MIB, "tests")
    with pytest.raises(FileRefused, match="embedded null byte"):
        read_user_file("a\0b", MIB, "tests")
    assert [size_text(n) for n in (300, 1536, MIB, 64 * MIB, 3 << 30)] == [
        "300 bytes", "1.5 KiB", "1 MiB", "64 MiB", "3 GiB"
    ]  # fmt: skip
