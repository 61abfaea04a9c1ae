"""MNIST: the shipped subset, the IDX and .npz loaders, the scenario, and the download command
against a loopback server this test starts (nothing else is reached)."""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest

from gdtui.cli import main
from gdtui.datasets import mnist
from gdtui.scenario import ScenarioError, load_scenario, load_text, resolve

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "mnist"
FIRST_LABELS = [5, 0, 4, 1, 9, 2, 1, 3, 1, 4, 3, 5, 3, 6, 1, 7, 2, 8, 6, 9]


def idx_bytes(array: np.ndarray, magic: int) -> bytes:
    header = magic.to_bytes(4, "big") + b"".join(n.to_bytes(4, "big") for n in array.shape)
    return header + array.astype(np.uint8).tobytes()


@pytest.fixture
def idx_folder(tmp_path) -> Path:
    """The shipped subset written out as the four standard IDX files, half of them gzipped."""
    data = mnist.load()
    folder = tmp_path / "idx"
    folder.mkdir()
    files = {
        "train-images-idx3-ubyte.gz": gzip.compress(idx_bytes(data.train_images, 2051)),
        "train-labels-idx1-ubyte.gz": gzip.compress(idx_bytes(data.train_labels, 2049)),
        "t10k-images-idx3-ubyte": idx_bytes(data.test_images, 2051),
        "t10k-labels-idx1-ubyte": idx_bytes(data.test_labels, 2049),
    }
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return folder


def test_the_shipped_subset_is_the_books_first_thousand():
    data = mnist.load()
    assert data.train_images.shape == (1000, 28, 28) and data.train_images.dtype == np.uint8
    assert data.test_images.shape == (1000, 28, 28)
    assert data.train_labels[:20].tolist() == FIRST_LABELS
    assert mnist.SHIPPED.stat().st_size < 500_000


@pytest.mark.skipif(not SHARED.is_dir(), reason="the full MNIST is not beside the checkout")
def test_the_shipped_subset_equals_the_full_sets_first_images():
    full = mnist.load_idx_folder(SHARED)
    shipped = mnist.load()
    assert np.array_equal(full.train_images[:1000], shipped.train_images)
    assert np.array_equal(full.test_labels[:1000], shipped.test_labels)
    assert np.bincount(full.train_labels).tolist() == [
        5923,
        6742,
        5958,
        6131,
        5842,
        5421,
        5918,
        6265,
        5851,
        5949,
    ]


def test_idx_folders_gzipped_or_not_load(idx_folder):
    data = mnist.load(idx_folder)
    assert np.array_equal(data.train_images, mnist.load().train_images)
    assert data.test_labels.tolist() == mnist.load().test_labels.tolist()


@pytest.mark.parametrize(
    ("name", "damage", "message"),
    [
        ("t10k-images-idx3-ubyte", lambda b: b[:-100], "truncated"),
        ("t10k-images-idx3-ubyte", lambda b: b[:6], "shorter than the IDX header"),
        ("t10k-labels-idx1-ubyte", lambda b: (2051).to_bytes(4, "big") + b[4:], "magic 2051"),
        ("train-images-idx3-ubyte.gz", lambda b: b[:50], "cannot read"),
    ],
)
def test_damaged_files_are_named_in_one_clear_error(idx_folder, name, damage, message):
    path = idx_folder / name
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(mnist.DataError) as caught:
        mnist.load(idx_folder)
    assert str(caught.value).startswith(str(path)) and message in str(caught.value)


def test_a_missing_file_says_how_to_fetch(idx_folder):
    (idx_folder / "t10k-labels-idx1-ubyte").unlink()
    with pytest.raises(mnist.DataError, match=r"missing.*gdtui data fetch mnist"):
        mnist.load(idx_folder)


def test_keras_npz_loads_and_a_wrong_one_is_refused(tmp_path):
    data = mnist.load()
    good = tmp_path / "mnist.npz"
    np.savez(good, x_train=data.train_images, y_train=data.train_labels,
             x_test=data.test_images, y_test=data.test_labels)  # fmt: skip
    assert np.array_equal(mnist.load(good).train_labels, data.train_labels)
    bad = tmp_path / "bad.npz"
    np.savez(bad, x_train=data.train_images[:, :20], y_train=data.train_labels,
             x_test=data.test_images, y_test=data.test_labels)  # fmt: skip
    with pytest.raises(mnist.DataError, match="28x28"):
        mnist.load(bad)
    with pytest.raises(mnist.DataError, match="no array"):
        np.savez(bad, x_train=data.train_images)
        mnist.load(bad)


def test_the_mnist_scenario(tmp_path, monkeypatch):
    monkeypatch.setenv("GDTUI_HOME", str(tmp_path))
    scenario = load_scenario(resolve("mnist"))
    p = scenario.problem
    assert p.inputs.shape == (1000, 784) and p.targets.shape == (1000, 10)
    assert p.test_inputs is not None and p.test_inputs.shape == (1000, 784)
    assert p.classify and p.inputs.max() == 1.0 and p.inputs.min() == 0.0
    assert p.targets[0].tolist() == np.eye(10)[5].tolist()
    assert p.weights.shape == (10, 784) and p.output_names[3] == "3"


def test_ten_epochs_reach_the_promised_accuracy(capsys):
    assert main(["run", "mnist", "--epochs", "10", "--format", "jsonl"]) == 0
    epochs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [e["epoch"] for e in epochs] == list(range(1, 11))
    assert epochs[-1]["test_accuracy"] >= 0.75
    assert epochs[-1]["mean_error"] < epochs[0]["mean_error"]


def mnist_text(extra: str) -> str:
    return f"name: m\ndata: {{source: mnist{extra}}}\nweights: {{init: zeros}}\nalpha: 0.001\n"


def test_asking_for_more_than_shipped_says_how_to_fetch(tmp_path, monkeypatch):
    monkeypatch.setenv("GDTUI_HOME", str(tmp_path))
    with pytest.raises(ScenarioError) as caught:
        load_text(mnist_text(""), "m.yaml", ["data.train=60000"])
    assert "gdtui data fetch mnist" in str(caught.value)
    assert str(caught.value).startswith("m.yaml:2:7:")


def test_a_relative_path_is_read_beside_the_scenario_file(idx_folder):
    scenario_file = idx_folder.parent / "digits.yaml"
    scenario_file.write_text(mnist_text(", path: idx, train: 3, test: 2"))
    assert load_scenario(scenario_file).problem.inputs.shape == (3, 784)


def test_a_path_and_counts(idx_folder):
    scenario = load_text(mnist_text(f", path: {idx_folder}, train: 10, test: 5"))
    assert scenario.problem.inputs.shape == (10, 784)
    assert scenario.problem.test_inputs.shape == (5, 784)
    with pytest.raises(ScenarioError, match="2,000 is more than the 1,000"):
        load_text(mnist_text(f", path: {idx_folder}, train: 2000"))
    with pytest.raises(ScenarioError, match="not found"):
        load_text(mnist_text(f", path: {idx_folder / 'nowhere'}"))


# -- downloading, from a loopback server only ---------------------------------------------------


class Files(BaseHTTPRequestHandler):
    files: ClassVar[dict[str, bytes]] = {}
    cut_short: ClassVar[set[str]] = set()

    def do_GET(self):
        body = self.files.get(self.path.lstrip("/"))
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.path.lstrip("/") in self.cut_short:
            body = body[: len(body) // 2]
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, type[Files]]]:
    class Handler(Files):
        files: ClassVar[dict[str, bytes]] = {}
        cut_short: ClassVar[set[str]] = set()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/", Handler
    finally:
        httpd.shutdown()
        httpd.server_close()


def fetch(capsys, mirror: str, dest: Path) -> tuple[int, str]:
    dest.mkdir()
    code = main(["data", "fetch", "mnist", "--mirror", mirror, "--dest", str(dest)])
    return code, capsys.readouterr().err


needs_full = pytest.mark.skipif(not SHARED.is_dir(), reason="the full MNIST is not here")


@needs_full
def test_fetch_downloads_and_verifies_all_four(capsys, server, tmp_path, monkeypatch):
    url, handler = server
    handler.files = {p.name: p.read_bytes() for p in SHARED.glob("*.gz")}
    monkeypatch.setenv("GDTUI_HOME", str(tmp_path / "home"))
    code = main(["data", "fetch", "mnist", "--mirror", url])
    out = capsys.readouterr().out
    folder = tmp_path / "home" / "data" / "mnist"
    assert code == 0 and "MNIST is ready" in out
    assert sorted(p.name for p in folder.iterdir()) == sorted(handler.files)
    assert main(["data", "info"]) == 0 and "verified" in capsys.readouterr().out
    scenario = load_text(mnist_text(", train: 60000, test: 10000"))
    assert scenario.problem.inputs.shape == (60000, 784)
    # Again: nothing to download, nothing changed.
    handler.files = {}
    assert main(["data", "fetch", "mnist", "--mirror", url]) == 0
    assert "already there, verified" in capsys.readouterr().out


@needs_full
def test_a_bad_checksum_keeps_nothing(capsys, server, tmp_path):
    url, handler = server
    handler.files = {p.name: p.read_bytes() for p in SHARED.glob("*.gz")}
    handler.files["t10k-labels-idx1-ubyte.gz"] = gzip.compress(b"\0" * 10008)
    code, err = fetch(capsys, url, tmp_path / "dest")
    assert code == 2 and "SHA-256" in err and err.count("\n") == 1
    names = sorted(p.name for p in (tmp_path / "dest").iterdir())
    assert "t10k-labels-idx1-ubyte.gz" not in names
    assert not [n for n in names if n.endswith(".part")]


def test_a_connection_cut_short_keeps_nothing(capsys, server, tmp_path):
    url, handler = server
    handler.files = {"train-images-idx3-ubyte.gz": gzip.compress(b"x" * 5000)}
    handler.cut_short = {"train-images-idx3-ubyte.gz"}
    code, err = fetch(capsys, url, tmp_path / "dest")
    assert code == 2 and "train-images-idx3-ubyte.gz" in err
    assert list((tmp_path / "dest").iterdir()) == []


def test_an_unreachable_mirror_fails_cleanly(capsys, server, tmp_path):
    url, _ = server  # serves nothing: every file is a 404
    code, err = fetch(capsys, url, tmp_path / "dest")
    assert code == 2 and "404" in err and "Traceback" not in err
    assert list((tmp_path / "dest").iterdir()) == []
