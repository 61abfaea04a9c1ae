"""gdtui: watch gradient descent learn, one weight at a time, in the terminal."""

import os as _os

__version__ = "0.1.0"

# What NumPy's BLAS (OpenBLAS in its wheels; MKL or OpenMP in some builds) reads as its threads.
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")

# The engine's matrix products are thin (a block of 32 examples by 10 outputs): BLAS threads
# gain nothing there and, on a busy machine, wait for each other (a full MNIST epoch took 6x
# as long with two threads as with one, measured on two shared cores). NumPy reads these when
# it loads, so they are set before anything imports NumPy, unless the user chose
# (``gdtui run --threads N`` chooses another count: ``cli.pin_threads``).
for _name in BLAS_THREADS:
    _os.environ.setdefault(_name, "1")
