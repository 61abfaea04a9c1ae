"""``gdtui --web``: the app in a web browser, served by textual-serve.

Each browser that opens the page gets its own gdtui process (``python -m gdtui ARGS``, the same
Python as this one), which draws into the page over a websocket. The server listens on
127.0.0.1 unless told otherwise: the app can open and write files, so serving it to a network
is the user's explicit choice (``--host``).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import shlex
import signal
import sys
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

from textual_serve.server import Server


class GdtuiServer(Server):
    """textual-serve's server, printing one line with the URL once it is listening (in place
    of its logo and request log), and stopping on Ctrl+C without a traceback."""

    async def on_startup(self, app: Any) -> None:
        pass  # the URL is printed once the port is open: see ``serve``

    def serve(self, debug: bool = False) -> None:
        from aiohttp import web

        self.debug = debug
        self.initialize_logging()
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signum in (signal.SIGINT, signal.SIGTERM):
            # Not on Windows, where Ctrl+C is a KeyboardInterrupt (``serve`` catches it).
            with suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(signum, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=self._listening,
        )

    def _listening(self, *_: object) -> None:
        print(f"gdtui: serving {self.title} at {self.public_url} (Ctrl+C stops)", flush=True)
        if not _loopback(self.host):
            print(
                f"gdtui: listening on {self.host}: anyone who can reach this computer can use "
                "the app, and it reads and writes files here",
                flush=True,
            )


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def app_command(args: Sequence[str]) -> str:
    """The shell command textual-serve runs for each browser."""
    return shlex.join([sys.executable, "-m", "gdtui", *args])


def serve(args: Sequence[str], host: str, port: int, name: str | None) -> int:
    """Serve ``gdtui ARGS`` on host:port until Ctrl+C; the exit status."""
    title = f"gdtui · {name}" if name else "gdtui"
    server = GdtuiServer(app_command(args), host=host, port=port, title=title)
    try:
        server.serve()
    except OSError as error:  # the port is taken, or the address is not this computer's
        print(f"gdtui: cannot serve on {host}:{port}: {error.strerror or error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    print("gdtui: stopped serving", flush=True)
    return 0
