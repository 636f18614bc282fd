"""The bot as deployed: webhook servers and bot processes on a database of the test's own."""

import asyncio
import contextlib
import os
import socket
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from bot.app import build_application
from bot.config import Settings
from bot.lifecycle import AnyApplication
from bot.standin import StandIn
from bot.webhook import HEALTH_PATH, SECRET_HEADER, serving

WEBHOOK_URL = "https://ocop.example/telegram/webhook"
WEBHOOK_PATH = "/telegram/webhook"
SECRET = "s3cret_Token-for-tests"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(autouse=True)
def timedelta_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    """PTB 22 warns unless time periods (RetryAfter.retry_after) are opted in as timedelta."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def standin() -> AsyncIterator[StandIn]:
    """The Bot API stand-in; any positive chat id is a user who started the bot."""
    async with StandIn(auto_users=True) as running:
        yield running


def webhook_settings(
    standin: StandIn, database_url: str, *, instance_id: str, **changes: object
) -> Settings:
    values: dict[str, object] = {
        "telegram_bot_token": SecretStr(standin.token),
        "telegram_api_base_url": standin.base_url,
        "database_url": database_url,
        "webhook_url": WEBHOOK_URL,
        "webhook_secret": SecretStr(SECRET),
        "webhook_listen": "127.0.0.1",
        "port": free_port(),
        "instance_id": instance_id,
        **changes,
    }
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


class WebhookInstance:
    """One bot instance serving webhooks, and an HTTP client that speaks as Telegram."""

    def __init__(self, application: AnyApplication, settings: Settings) -> None:
        self.application = application
        self.settings = settings
        self.base_url = f"http://127.0.0.1:{settings.port}"
        self.client = httpx.AsyncClient(base_url=self.base_url, timeout=10)

    async def post_update(
        self, body: bytes | dict[str, object], *, secret: str | None = SECRET
    ) -> httpx.Response:
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        if isinstance(body, bytes):
            return await self.client.post(WEBHOOK_PATH, content=body, headers=headers)
        return await self.client.post(WEBHOOK_PATH, json=body, headers=headers)

    async def health(self) -> httpx.Response:
        return await self.client.get(HEALTH_PATH)


async def until_healthy(client: httpx.AsyncClient) -> None:
    """Wait until the server at `client`'s base URL listens and says it takes updates."""
    while True:
        try:
            if (await client.get(HEALTH_PATH)).status_code == 200:
                return
        except httpx.TransportError:
            pass  # not listening yet
        await asyncio.sleep(0.1)


StartInstance = Callable[[Settings], Awaitable[WebhookInstance]]


@pytest.fixture
async def start_instance() -> AsyncIterator[StartInstance]:
    """Start bot instances serving webhooks; each one is stopped gracefully after the test."""
    async with contextlib.AsyncExitStack() as stack:

        async def start(settings: Settings) -> WebhookInstance:
            application = build_application(settings)
            await stack.enter_async_context(serving(application, settings))
            instance = WebhookInstance(application, settings)
            stack.push_async_callback(instance.client.aclose)
            return instance

        yield start


def bot_process_environment(settings: Settings) -> dict[str, str]:
    """The environment that gives a `python -m bot` process these settings."""
    environment = dict(os.environ)
    for name, value in settings.model_dump().items():
        if value is None:
            environment.pop(name.upper(), None)
        elif isinstance(value, SecretStr):
            environment[name.upper()] = value.get_secret_value()
        elif isinstance(value, frozenset):
            environment[name.upper()] = ",".join(map(str, value))
        else:
            environment[name.upper()] = str(value)
    return environment


async def start_bot_process(
    *arguments: str, settings: Settings, cwd: Path, extra: Mapping[str, str] | None = None
) -> asyncio.subprocess.Process:
    """`python -m bot ARGUMENTS` with `settings`, its output in cwd/bot.log."""
    with (cwd / "bot.log").open("wb") as log:
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            *arguments,
            env={**bot_process_environment(settings), **(extra or {})},
            cwd=cwd,
            stdout=log,
            stderr=asyncio.subprocess.STDOUT,
        )
