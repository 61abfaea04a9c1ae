"""textual-serve's server, made safe to leave running: it answers only requests addressed to
this computer, starts an app only for a websocket from a page it served, starts at most
``max_sessions`` at once, and serves a page that loads nothing from elsewhere."""

from __future__ import annotations

import asyncio
import html
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from contextlib import suppress
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from . import addresses

log = logging.getLogger("gdtui.web")

PAGE = Path(__file__).with_name("page.html")
FULL_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title></head>
<body style="background:#0c181f;color:#eee;font-family:monospace;padding:2em">
<p>{message}</p><p>Close another gdtui tab, then reload this page.</p></body></html>
"""
TRY_AGAIN_LATER = 1013  # the websocket close code for "the server is busy"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class GdtuiServer(Server):
    """The server; ``serve`` runs it until Ctrl+C. It prints one line with its addresses once
    it is listening (in place of textual-serve's logo and request log) and logs each refusal."""

    def __init__(self, command: str, host: str, port: int, title: str, max_sessions: int):
        super().__init__(command, host=host, port=port, title=title, templates_path=PAGE.parent)
        self.max_sessions = max_sessions
        self.sessions: set[asyncio.Task[object]] = set()  # each open session's handler
        self.names = addresses.own_names(host)

    @property
    def full_message(self) -> str:
        count = self.max_sessions
        return f"gdtui: {count} sessions already open (--max-sessions {count})"

    def initialize_logging(self) -> None:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logging.basicConfig(level=logging.INFO, handlers=[handler])
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    def serve(self, debug: bool = False) -> None:
        self.debug = debug
        self.initialize_logging()
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
        wildcard = self.host in addresses.WILDCARDS  # only then are others' addresses needed
        found = addresses.interface_addresses() if wildcard else set()
        shown = addresses.urls(self.host, self.port, found)
        print(f"gdtui: serving {self.title} at {', '.join(shown)} (Ctrl+C stops)", flush=True)
        if not addresses.loopback(self.host):
            print(
                f"gdtui: listening on {self.host}: anyone who can reach this computer can use "
                "the app, and it reads and writes files here",
                flush=True,
            )

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        app.on_shutdown.append(self.on_shutdown)
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse a request not addressed to this computer (a page elsewhere whose own name
        points here: DNS rebinding), one sent by a page from another site, and a websocket
        without an ``Origin`` (browsers always send one; other clients can too)."""
        sockname = request.transport.get_extra_info("sockname") if request.transport else None
        if not sockname:
            raise web.HTTPForbidden(text="gdtui: no connection\n")
        local = (str(sockname[0]), int(sockname[1]))
        host = request.headers.get("Host", "")
        if not addresses.accepts(host, self.names, local):
            log.warning(
                "gdtui: refused a request from %s for Host %r: not a name of this computer",
                request.remote,
                host,
            )
            raise web.HTTPMisdirectedRequest(text=f"gdtui: not a name of this server: {host!r}\n")
        origin = request.headers.get("Origin")
        is_websocket = request.headers.get("Upgrade", "").lower() == "websocket"
        if (origin is not None or is_websocket) and not addresses.origin_accepted(
            origin or "", self.names, local
        ):
            kind = "a websocket" if is_websocket else "a request"
            why = (
                "no Origin (every browser sends one)"
                if origin is None
                else f"Origin {origin!r} is not a page of this server"
            )
            log.warning("gdtui: refused %s from %s: %s", kind, request.remote, why)
            raise web.HTTPForbidden(text=f"gdtui: refused Origin {origin!r}\n")
        return await handler(request)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if len(self.sessions) >= self.max_sessions:
            text = FULL_PAGE.format(
                title=html.escape(self.title), message=html.escape(self.full_message)
            )
            return web.Response(status=503, text=text, content_type="text/html")
        # Addresses as the browser wrote them (its Host, checked by ``_guard``), so the
        # websocket goes to the page's own origin and nothing is fetched from anywhere else.
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"ws://{request.host}/ws",
            "static_url": "/static/",
            "title": self.title,
        }
        return aiohttp_jinja2.render_template(PAGE.name, request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if len(self.sessions) >= self.max_sessions:
            log.warning("%s: refused a new session", self.full_message)
            websocket = web.WebSocketResponse()
            await websocket.prepare(request)
            await websocket.close(code=TRY_AGAIN_LATER, message=self.full_message.encode())
            return websocket
        task = asyncio.current_task()
        assert task is not None
        self.sessions.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions.discard(task)

    async def on_shutdown(self, app: web.Application) -> None:
        """End the open sessions, each app told to quit and waited for (textual-serve does
        that when its handler is cancelled): Ctrl+C stops the server at once, its apps too."""
        for task in self.sessions:
            task.cancel()
        if self.sessions:
            await asyncio.wait(self.sessions, timeout=10)
