"""gdtui: watch gradient descent learn, one weight at a time, in the terminal."""

import os as _os

__version__ = "0.1.0"

# The engine's matrix products are thin (a block of 32 examples by 10 outputs): OpenBLAS
# threads gain nothing there and, on a busy machine, wait for each other (a full MNIST epoch
# took 6x as long with two threads as with one, measured on two shared cores). NumPy reads
# this when it loads, so it is set before anything imports NumPy, unless the user chose.
_os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
