"""``gdtui --web``: the app in a web browser, served by textual-serve.

Each browser that opens the page gets its own gdtui process (``python -m gdtui ARGS``, the same
Python as this one), which draws into the page over a websocket. The server listens on
127.0.0.1 unless told otherwise: the app can open and write files, so serving it to a network
is the user's explicit choice (``--host``). Even on 127.0.0.1 any web page the browser opens
could try to reach it, so the server refuses what did not come from its own page (see
``server``).
"""

from __future__ import annotations

import gc
import shlex
import sys
from collections.abc import Sequence
from typing import Protocol

MAX_SESSIONS = 8  # app processes at once, by default: each is a Python with NumPy and Textual


def app_command(args: Sequence[str]) -> str:
    """The shell command textual-serve runs for each browser."""
    return shlex.join([sys.executable, "-m", "gdtui", *args])


class WebOptions(Protocol):
    """The command line's ``--host``, ``--port`` and ``--max-sessions`` (None: the defaults)."""

    host: str | None
    port: int | None
    max_sessions: int | None


def serve(args: Sequence[str], name: str | None, options: WebOptions) -> int:
    """Serve ``gdtui ARGS`` on the host and port until Ctrl+C, to at most ``max_sessions``
    browsers at once; the exit status."""
    gc.enable()  # the server has no first frame: it runs for hours, collecting as usual
    host, port = options.host or "127.0.0.1", options.port or 8000
    max_sessions = options.max_sessions or MAX_SESSIONS
    from .server import GdtuiServer

    title = f"gdtui · {name}" if name else "gdtui"
    server = GdtuiServer(app_command(args), host, port, title, max_sessions)
    try:
        server.serve()
    except OSError as error:  # the port is taken, or the address is not this computer's
        print(f"gdtui: cannot serve on {host}:{port}: {error.strerror or error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    print("gdtui: stopped serving", flush=True)
    return 0
