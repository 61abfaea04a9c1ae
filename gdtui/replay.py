"""``replay.py``: a standalone script that replays a trainer's history and prints its records.

The script holds the run's data, starting weights, alpha and frozen set, and every step and
change of the history up to where the trainer stands (what undo took back is left out), then
gdtui's arithmetic in plain Python (``gdtui.replay_code``). Run with any Python 3, it prints what
``gdtui run --format book`` prints: each step's Iteration/Pred/Error/... lines, or with
``show="epochs"`` each finished epoch's record. Small networks need the standard library only;
wide ones (MNIST) NumPy, whose matrix products gdtui uses for them, and the data is then stored
compressed (zlib, base64) rather than as Python lists.
"""

from __future__ import annotations

import base64
import inspect
import zlib
from pathlib import Path

import numpy as np

from . import __version__
from .engine import Inputs, Scaled, State, Trainer
from .engine import block as block_module
from .engine import scaled as scaled_module
from .engine.maths import BOOK_ORDER_MAX_INPUTS
from .engine.trainer import PIECE


def replay_events(trainer: Trainer) -> list[list]:
    """The history's events up to the trainer's position: the branch it stands on."""
    saved: list[list] = trainer.history()["events"]  # type: ignore[assignment]
    return first_units(saved, trainer.position)


def first_units(events: list[list], units: int) -> list[list]:
    """The first ``units`` units of a history's events (the last one cut short if need be)."""
    out = []
    for kind, count, value in events:
        if units <= 0:
            break
        out.append([kind, min(count, units), value])
        units -= count
    return out


def _literal(value: object) -> str:
    """Python source for plain data: floats by their exact repr, tuples as lists."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, float):
        return repr(value) if np.isfinite(value) else f"float({str(value)!r})"
    return repr(value)


def _array(name: str, array: Inputs | None, wide: bool) -> str:
    if array is None:
        return f"{name} = None\n"
    if not wide:
        return f"{name} = {_literal(np.asarray(array).tolist())}\n"
    # Bytes read as bytes / divisor (MNIST's pixels) stay bytes, as gdtui keeps them (Scaled):
    # the block solver takes the same path, so the replay's numbers are the same to the bit.
    scaled = isinstance(array, Scaled)
    raw = array.raw if isinstance(array, Scaled) else np.ascontiguousarray(array, "<f8")
    data = base64.b64encode(zlib.compress(raw.tobytes(), 9))
    lines = [data[k : k + 96].decode() for k in range(0, len(data), 96)]
    body = "\n".join(f'    "{line}"' for line in lines)
    packed = f"unpack(\n{body},\n    {tuple(array.shape)!r},\n    {'u1' if scaled else '<f8'!r},\n)"
    if isinstance(array, Scaled):
        return f"{name} = Scaled(\n{packed},\n    {array.divisor!r},\n)\n"
    return f"{name} = {packed}\n"


UNPACK = '''import base64
import zlib

import numpy as np


def unpack(text, shape, dtype):
    """An array of ``dtype`` from its zlib-compressed, base64-encoded bytes."""
    data = zlib.decompress(base64.b64decode(text))
    return np.frombuffer(data, dtype=dtype).reshape(shape).copy()


'''


def replay_source(trainer: Trainer, name: str, show: str = "steps") -> str:
    """The text of replay.py for ``trainer``'s history (``show``: "steps" or "epochs")."""
    from . import replay_code  # (its source goes into the script: not needed before that)

    problem = trainer.problem
    start = State.start(problem)
    wide = problem.n_in > BOOK_ORDER_MAX_INPUTS
    events = replay_events(trainer)
    needs = "Python 3 and NumPy" if wide else "Python 3 only (its standard library)"
    header = (
        '"""Replays a gdtui run and prints what `gdtui run --format book` printed for it.\n\n'
        f"Written by gdtui {__version__}. It needs {needs}:\nrun it with `python3 replay.py`. "
        "EVENTS below are the run's steps and changes, in order.\n"
        '"""\n\nfrom __future__ import annotations\n\n'
    )
    parts = [header]
    if wide:
        parts += [UNPACK, _code(inspect.getsource(scaled_module)), "\n\n"]
    parts += [
        f"WIDE = {wide!r}  # more than {BOOK_ORDER_MAX_INPUTS} inputs: NumPy's matrix products\n",
        f"SHOW = {show!r}  # 'steps': every step's lines; 'epochs': each finished epoch's\n",
        f"CLASSIFY = {problem.classify!r}\n",
        f"PIECE = {PIECE!r}\n",
        f"ALPHA = {start.alpha!r}\n",
        f"EXAMPLES = {_literal(problem.examples.tolist())}\n",
        f"NAME = {name!r}  # the scenario's, as are the names of its inputs and outputs\n",
        f"INPUT_NAMES = {list(problem.input_names)!r}\n",
        f"OUTPUT_NAMES = {list(problem.output_names)!r}\n",
        _array("INPUTS", start.inputs, wide),
        _array("TARGETS", start.targets, wide),
        _array("WEIGHTS", start.weights, wide),
        f"FROZEN = {_literal(start.frozen.tolist())}\n",
        _array("TEST_INPUTS", problem.test_inputs, wide),
        _array("TEST_TARGETS", problem.test_targets, wide),
        "# Every step and change in order: [kind, how many, value].\n",
        "EVENTS = [\n" + "".join(f"    {_literal(e)},\n" for e in events) + "]\n\n",
    ]
    if wide:
        parts.append(_code(inspect.getsource(block_module)) + "\n\n")
    parts += [_code(inspect.getsource(replay_code)), '\n\nif __name__ == "__main__":\n    main()\n']
    return "".join(parts)


def _code(source: str) -> str:
    """A module's code without its future import and its import of ``Scaled``."""
    source = source.replace("from __future__ import annotations\n", "")
    return source.replace("from .scaled import Inputs, Scaled\n", "")  # included before


def write_replay(path: str | Path, trainer: Trainer, name: str, show: str = "steps") -> Path:
    from .atomic import write_text

    write_text(path, replay_source(trainer, name, show))
    return Path(path)
