"""What startup and ``gdtui run`` promise without timing anything: BLAS threads pinned before
NumPy loads (one by default, ``--threads N``), and the picker drawn without NumPy."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from gdtui.cli import BLAS_THREADS

# Runs `gdtui run` in this process, then reports what NumPy's BLAS was given: the thread count
# OpenBLAS itself says (asked through threadpoolctl when installed, else OpenBLAS's own call in
# the library NumPy loaded), and the environment it was started with.
PROBE = """
import ctypes, glob, json, os, sys
from gdtui.cli import main
code = main(sys.argv[1:-1])
import numpy
threads = None
try:
    from threadpoolctl import threadpool_info
    threads = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"][0]
except ImportError:
    libs = os.path.join(os.path.dirname(numpy.__file__), os.pardir, "numpy.libs")
    for path in glob.glob(os.path.join(libs, "lib*openblas*")):
        lib = ctypes.CDLL(path)
        for name in ("scipy_openblas_get_num_threads64_", "openblas_get_num_threads"):
            if hasattr(lib, name):
                threads = getattr(lib, name)()
env = {name: os.environ.get(name) for name in sys.argv[-1].split(",")}
print(json.dumps({"code": code, "threads": threads, "env": env}), file=sys.stderr)
"""


RUN = ("run", "multi-input", "--steps", "1")


def blas(*args: str) -> dict:
    import json

    env = {k: v for k, v in os.environ.items() if k not in BLAS_THREADS}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *RUN, *args, ",".join(BLAS_THREADS)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stderr.strip().splitlines()[-1])


def test_run_pins_blas_to_one_thread_by_default() -> None:
    found = blas()
    assert found["code"] == 0
    assert set(found["env"].values()) == {"1"}
    assert found["threads"] in (1, None)  # None: a NumPy without OpenBLAS to ask


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="OpenBLAS caps threads at the cores")
def test_threads_n_gives_blas_n_threads() -> None:
    found = blas("--threads", "2")
    assert found["code"] == 0
    assert set(found["env"].values()) == {"2"}
    assert found["threads"] in (2, None)


def test_the_environment_chooses_when_threads_is_not_given() -> None:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "2"}
    code = (
        "import os; from gdtui.cli import pin_threads; pin_threads(None); "
        "print(os.environ['OPENBLAS_NUM_THREADS'])"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "2"


@pytest.mark.parametrize("bad", ["0", "-1", "two"])
def test_threads_must_be_a_positive_whole_number(capsys, bad: str) -> None:
    from gdtui.cli import main

    assert main(["run", "multi-input", "--threads", bad]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--threads" in err[0]
