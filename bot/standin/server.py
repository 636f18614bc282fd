"""The stand-in's HTTP side: tornado serving `/bot<token>/<method>` on 127.0.0.1.

Tornado rather than a hand-written asyncio server: it is already installed with
python-telegram-bot[webhooks], runs on the same event loop, and brings HTTP/1.1 keep-alive,
form and multipart parsing and client-disconnect notices, which long polling needs.
"""

from __future__ import annotations

import asyncio
import json
import logging

import tornado.httpserver
import tornado.netutil
import tornado.web
from tornado.iostream import StreamClosedError

from bot.standin.api import Dispatcher
from bot.standin.params import Params, Upload, json_params

_LOGGER = logging.getLogger(__name__)


class _BotApiHandler(tornado.web.RequestHandler):
    def initialize(self, dispatcher: Dispatcher) -> None:
        self.dispatcher = dispatcher
        self.disconnected = asyncio.Event()

    def on_connection_close(self) -> None:
        self.disconnected.set()

    def check_xsrf_cookie(self) -> None:
        """The Bot API has no cookies."""

    def read_params(self) -> Params:
        request = self.request
        fields = {name: values[-1].decode() for name, values in request.query_arguments.items()}
        if request.headers.get("Content-Type", "").startswith("application/json"):
            body = json_params(request.body)
            return Params({**fields, **body.values})
        fields.update(
            {name: values[-1].decode() for name, values in request.body_arguments.items()}
        )
        uploads = {
            name: Upload(files[-1].filename, files[-1].content_type, files[-1].body)
            for name, files in request.files.items()
        }
        return Params(fields, uploads)

    async def get(self, token: str, method: str) -> None:
        await self.answer(token, method)

    async def post(self, token: str, method: str) -> None:
        await self.answer(token, method)

    async def answer(self, token: str, method: str) -> None:
        status, body = await self.dispatcher.handle(
            token=token,
            method=method,
            read_params=self.read_params,
            disconnected=self.disconnected,
        )
        if self.disconnected.is_set():
            return
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        try:
            await self.finish(json.dumps(body, ensure_ascii=False))
        except StreamClosedError:
            self.disconnected.set()


def _log_request(handler: tornado.web.RequestHandler) -> None:
    # Tornado's access log would print the token in every URL and warn on each refused call,
    # which tests provoke on purpose; the dispatcher's call record is the place to look.
    _LOGGER.debug("%s %d", handler.request.path.rsplit("/", 1)[-1], handler.get_status())


class HttpServer:
    """Listen on `host`, a free port unless one is given, until `stop`."""

    def __init__(self, dispatcher: Dispatcher) -> None:
        self._application = tornado.web.Application(
            [(r"/bot([^/]+)/([A-Za-z]+)", _BotApiHandler, {"dispatcher": dispatcher})],
            log_function=_log_request,
        )
        self._server: tornado.httpserver.HTTPServer | None = None
        self.port = 0

    def start(self, *, host: str, port: int) -> None:
        sockets = tornado.netutil.bind_sockets(port, host)
        self._server = tornado.httpserver.HTTPServer(self._application)
        self._server.add_sockets(sockets)
        self.port = sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None
