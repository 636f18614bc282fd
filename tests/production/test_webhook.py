"""Webhook mode: Telegram's secret is required, bad bodies are refused, /healthz tells the truth."""

import asyncio
import itertools
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import QueuePool

from bot.app import build_application
from bot.cli import main
from bot.config import Settings, get_settings
from bot.lifecycle import AnyApplication
from bot.services import Services
from bot.standin import SimUser, StandIn
from bot.store.db import open_engine
from bot.webhook import serving
from tests.production.conftest import (
    SECRET,
    WEBHOOK_URL,
    StartInstance,
    WebhookInstance,
    until_healthy,
    webhook_settings,
)

_update_ids = itertools.count(1)
_user_ids = itertools.count(5000)


@pytest.fixture
async def instance(
    standin: StandIn, catalog_database_url: str, start_instance: StartInstance
) -> WebhookInstance:
    return await start_instance(
        webhook_settings(standin, catalog_database_url, instance_id="web-1")
    )


def emma(standin: StandIn) -> SimUser:
    return standin.user(id=next(_user_ids), first_name="Emma", language_code="en")


async def start_update(user: SimUser) -> dict[str, Any]:
    """The update Telegram would post when `user` sends /start."""
    return {"update_id": next(_update_ids), "message": await user.send_command("/start")}


async def assert_nothing_was_handled(
    standin: StandIn, instance: WebhookInstance, refused: SimUser
) -> None:
    """Another user's update goes through the same queue: once it is answered, a refused one
    would have been handled too, had it been queued."""
    witness = emma(standin)
    assert (await instance.post_update(await start_update(witness))).status_code == 200
    await witness.next_reply(kinds={"message"})
    await refused.quiet(0.3)
    assert refused.replies() == []
    assert instance.application.update_queue.empty()


async def test_start_sets_the_webhook_with_the_secret(
    standin: StandIn, instance: WebhookInstance
) -> None:
    call = standin.calls_to("setWebhook")[-1]
    assert call.params["url"] == WEBHOOK_URL and call.params["secret_token"] == SECRET
    assert standin.calls_to("getUpdates") == []


async def test_an_update_with_the_secret_is_answered(
    standin: StandIn, instance: WebhookInstance
) -> None:
    user = emma(standin)
    response = await instance.post_update(await start_update(user))
    assert response.status_code == 200
    reply = await user.next_reply(kinds={"message"})
    assert "Hello Emma" in reply.text


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", SECRET[:-1], SECRET + "x"])
async def test_without_the_right_secret_403_and_nothing_handled(
    standin: StandIn, instance: WebhookInstance, secret: str | None
) -> None:
    user = emma(standin)
    response = await instance.post_update(await start_update(user), secret=secret)
    assert response.status_code == 403
    await assert_nothing_was_handled(standin, instance, user)


@pytest.mark.parametrize(
    "body",
    [
        b'{"update_id": 1, "message": ',
        b"\xff\xfe not json",
        b"[1, 2, 3]",
        b'"an update"',
        b'{"message": {"text": "no update id"}}',
        b'{"update_id": 2, "message": {"text": "a message without a chat"}}',
        b'{"update_id": 3, "message": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"update_id": 4, "message": ' + b'{"a":' * 50_000 + b"1" + b"}" * 50_001,
    ],
    ids=["cut", "not utf-8", "a list", "a string", "no id", "no chat", "deep list", "deep"],
)
async def test_a_body_that_is_not_an_update_gets_400_and_nothing_handled(
    standin: StandIn, instance: WebhookInstance, body: bytes
) -> None:
    user = emma(standin)
    await user.send_command("/start")  # the user did speak; the body posted is broken
    response = await instance.post_update(body)
    assert response.status_code == 400
    await assert_nothing_was_handled(standin, instance, user)


async def test_healthz_reports_the_database_and_the_loaded_catalog(
    instance: WebhookInstance, catalog_database_url: str
) -> None:
    async with open_engine(catalog_database_url) as engine, engine.connect() as connection:
        products = (await connection.execute(sa.text("SELECT count(*) FROM product"))).scalar()
        version = (await connection.execute(sa.text("SELECT version FROM catalogstate"))).scalar()
    response = await instance.health()
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "catalog": {"version": version, "products": products},
        "instance": "web-1",
    }


async def test_healthz_is_503_until_the_bot_takes_updates(
    standin: StandIn, catalog_database_url: str
) -> None:
    """The server listens before start-up ends: a load balancer must not send updates yet."""
    settings = webhook_settings(standin, catalog_database_url, instance_id="web-1")
    application = build_application(settings)
    started_up, go_on = asyncio.Event(), asyncio.Event()
    real_post_init = application.post_init
    assert real_post_init is not None

    async def slow_post_init(app: AnyApplication) -> None:
        await real_post_init(app)  # the services are in place: only start() is left
        started_up.set()
        await go_on.wait()

    application.post_init = slow_post_init
    serve = asyncio.create_task(_serve_until_cancelled(application, settings))
    await started_up.wait()
    instance = WebhookInstance(application, settings)
    try:
        health = await instance.health()
        assert (health.status_code, health.json()) == (503, {"status": "not running"})
        go_on.set()
        async with asyncio.timeout(10):
            await until_healthy(instance.client)
        user = emma(standin)
        assert (await instance.post_update(await start_update(user))).status_code == 200
        await user.next_reply(kinds={"message"})
    finally:
        go_on.set()
        serve.cancel()
        await asyncio.gather(serve, return_exceptions=True)
        await instance.client.aclose()
    services: Services = application.bot_data["services"]
    pool = services.engine.pool
    assert isinstance(pool, QueuePool)
    assert pool.checkedout() == 0  # cancelled, it still closed what it opened


async def _serve_until_cancelled(application: AnyApplication, settings: Settings) -> None:
    async with serving(application, settings):
        await asyncio.Event().wait()


async def test_healthz_is_503_when_the_database_does_not_answer(
    instance: WebhookInstance,
) -> None:
    services: Services = instance.application.bot_data["services"]
    working = services.engine
    services.engine = create_async_engine("postgresql+asyncpg://nobody@127.0.0.1:9/nowhere")
    try:
        response = await instance.health()
    finally:
        await services.engine.dispose()
        services.engine = working
    assert response.status_code == 503
    report = response.json()
    assert report["status"] == "unavailable" and report["database"].startswith("unreachable")
    assert (await instance.health()).status_code == 200


@pytest.mark.parametrize(
    ("secret", "complaint"),
    [(None, "WEBHOOK_SECRET is not set"), ("has spaces", "WEBHOOK_SECRET must be 1 to 256")],
)
def test_webhook_mode_without_usable_settings_does_not_start(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    secret: str | None,
    complaint: str,
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "7000000001:token")
    monkeypatch.setenv("WEBHOOK_URL", WEBHOOK_URL)
    if secret is None:
        monkeypatch.delenv("WEBHOOK_SECRET", raising=False)
    else:
        monkeypatch.setenv("WEBHOOK_SECRET", secret)
    get_settings.cache_clear()
    try:
        assert main(["run", "--webhook"]) == 1
    finally:
        get_settings.cache_clear()
    error = capsys.readouterr().err
    assert complaint in error and (secret is None or secret not in error)
