"""Webhook mode: a tornado server puts Telegram's updates on the Application's queue; /healthz.

Telegram posts each update to WEBHOOK_URL with the secret given to setWebhook in a header. A
request without that secret gets 403 and malformed JSON gets 400; neither reaches a handler.
Several instances can serve the same URL behind a load balancer: each one sets the same webhook
at start and none deletes it at stop.
"""

import asyncio
import hmac
import json
import logging
import re
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
import tornado.httpserver
import tornado.web
from telegram import Update

from bot.app import build_application
from bot.config import Settings
from bot.lifecycle import AnyApplication, running
from bot.services import Services

logger = logging.getLogger(__name__)
# Tornado logs every request at INFO: an update or a health check each time. Refusals stay.
logging.getLogger("tornado.access").setLevel(logging.WARNING)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SECRET_FORMAT = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram accepts as secret_token
HEALTH_PATH = "/healthz"
HEALTH_TIMEOUT = 3.0  # seconds for the database to answer SELECT 1
MAX_UPDATE_BYTES = 1_000_000  # updates carry file ids, never files: far below this


@dataclass(frozen=True)
class Webhook:
    url: str
    secret: str

    @property
    def path(self) -> str:
        return urlsplit(self.url).path or "/"


def webhook_of(settings: Settings) -> Webhook:
    """The webhook settings, checked; ValueError naming what is missing (never the secret)."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    if settings.webhook_url is None:
        raise ValueError("WEBHOOK_URL is not set (the public HTTPS URL Telegram posts to)")
    if settings.webhook_secret is None:
        raise ValueError("WEBHOOK_SECRET is not set")
    secret = settings.webhook_secret.get_secret_value()
    if not SECRET_FORMAT.fullmatch(secret):
        raise ValueError("WEBHOOK_SECRET must be 1 to 256 characters from A-Z, a-z, 0-9, _ and -")
    return Webhook(url=settings.webhook_url, secret=secret)


class UpdateReceiver(tornado.web.RequestHandler):
    def initialize(self, bot_application: AnyApplication, secret: bytes) -> None:
        self.bot_application = bot_application
        self.secret = secret

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            logger.warning("webhook call from %s without the right secret", self.request.remote_ip)
            raise tornado.web.HTTPError(403)
        if not self.bot_application.running:
            raise tornado.web.HTTPError(503)  # stopping: Telegram retries, maybe elsewhere
        try:
            data = json.loads(self.request.body)
            update = Update.de_json(data, self.bot_application.bot)
        # RecursionError: JSON nested thousands deep
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            raise tornado.web.HTTPError(400, "not a Telegram update") from None
        await self.bot_application.update_queue.put(update)


class HealthCheck(tornado.web.RequestHandler):
    def initialize(self, bot_application: AnyApplication) -> None:
        self.bot_application = bot_application

    async def get(self) -> None:
        services = self.bot_application.bot_data.get("services")
        # listening already while post_init runs, or stopping: updates would get a 503
        if services is None or not self.bot_application.running:
            self.set_status(503)
            self.finish({"status": "not running"})
            return
        healthy, report = await health(services)
        self.set_status(200 if healthy else 503)
        self.set_header("Cache-Control", "no-store")
        self.finish(report)


async def health(services: Services) -> tuple[bool, dict[str, Any]]:
    """Whether this instance can serve, and a report: database reachable, catalog loaded."""
    database = "ok"
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT), services.engine.connect() as connection:
            await connection.execute(sa.text("SELECT 1"))
    except Exception as error:
        logger.warning("health check: the database did not answer: %r", error)
        database = f"unreachable ({type(error).__name__})"
    live = services.live
    report = {
        "status": "ok" if database == "ok" else "unavailable",
        "database": database,
        "catalog": {"version": live.version, "products": len(live.catalog.products)},
        "instance": services.sender.instance_id,
    }
    return database == "ok", report


def web_application(application: AnyApplication, webhook: Webhook) -> tornado.web.Application:
    return tornado.web.Application(
        [
            (
                re.escape(webhook.path),
                UpdateReceiver,
                {"bot_application": application, "secret": webhook.secret.encode()},
            ),
            (HEALTH_PATH, HealthCheck, {"bot_application": application}),
        ]
    )


@asynccontextmanager
async def serving(
    application: AnyApplication, settings: Settings
) -> AsyncIterator[tornado.httpserver.HTTPServer]:
    """Run `application` on webhooks until the block ends, then stop it gracefully: no new
    updates, the queued ones handled, the sender's calls in flight finished and its leased rows
    given back, the engine disposed (post_stop and post_shutdown)."""
    webhook = webhook_of(settings)
    # Bind first: a busy port must stop us before setWebhook points Telegram here.
    server = listen(application, webhook, settings)

    async def register_webhook() -> None:
        await application.bot.set_webhook(url=webhook.url, secret_token=webhook.secret)
        logger.info("Serving webhooks on %s:%d", settings.webhook_listen, settings.port)

    async def stop_serving() -> None:
        server.stop()
        await server.close_all_connections()

    try:
        async with running(application, start_updates=register_webhook, stop_updates=stop_serving):
            yield server
    finally:
        server.stop()


class PortBusyError(RuntimeError):
    """The webhook server could not listen where the settings say."""


def listen(
    application: AnyApplication, webhook: Webhook, settings: Settings
) -> tornado.httpserver.HTTPServer:
    server = tornado.httpserver.HTTPServer(
        web_application(application, webhook), max_body_size=MAX_UPDATE_BYTES
    )
    try:
        server.listen(settings.port, settings.webhook_listen)
    except OSError as error:
        raise PortBusyError(
            f"port {settings.port} on {settings.webhook_listen} is in use ({error.strerror}): "
            "stop what uses it, or set PORT or WEBHOOK_LISTEN"
        ) from error
    return server


async def serve_webhooks(settings: Settings) -> None:
    """`python -m bot run --webhook`: serve until SIGTERM or SIGINT, then stop gracefully."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(stop_signal, stop.set)
    async with serving(build_application(settings), settings):
        await stop.wait()
        logger.info("Stopping: finishing the updates and sends in flight")
