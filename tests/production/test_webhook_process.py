"""`python -m bot run --webhook` as a process: a busy port, and secrets kept out of the log."""

import asyncio
import signal
import socket
from pathlib import Path

import httpx

from bot.standin import StandIn
from bot.webhook import SECRET_HEADER
from tests.production.conftest import (
    SECRET,
    WEBHOOK_PATH,
    start_bot_process,
    until_healthy,
    webhook_settings,
)


async def test_a_busy_port_is_one_line_before_the_webhook_is_set(
    standin: StandIn, catalog_database_url: str, tmp_path: Path
) -> None:
    settings = webhook_settings(standin, catalog_database_url, instance_id="web-1")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", settings.port))
        taken.listen()
        process = await start_bot_process("run", "--webhook", settings=settings, cwd=tmp_path)
        code = await asyncio.wait_for(process.wait(), timeout=30)
    lines = (tmp_path / "bot.log").read_text().splitlines()
    assert code == 1
    assert lines == [
        f"Not starting: port {settings.port} on 127.0.0.1 is in use (Address already in use): "
        "stop what uses it, or set PORT or WEBHOOK_LISTEN"
    ]
    assert standin.calls_to("setWebhook") == []


async def test_neither_the_token_nor_the_secret_is_logged_at_debug(
    standin: StandIn, catalog_database_url: str, tmp_path: Path
) -> None:
    settings = webhook_settings(
        standin, catalog_database_url, instance_id="web-1", log_level="DEBUG"
    )
    process = await start_bot_process("run", "--webhook", settings=settings, cwd=tmp_path)
    user = standin.user(id=4242, first_name="Emma", language_code="en")
    update = {"update_id": 1, "message": await user.send_command("/start")}
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{settings.port}") as client:
        async with asyncio.timeout(30):
            await until_healthy(client)
        response = await client.post(WEBHOOK_PATH, json=update, headers={SECRET_HEADER: SECRET})
        assert response.status_code == 200
        await user.next_reply(kinds={"message"})
    process.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(process.wait(), timeout=30) == 0
    log = (tmp_path / "bot.log").read_text()
    assert "DEBUG" in log and "setWebhook" in log  # it did log the calls
    token_key = standin.token.split(":", 1)[1]
    assert standin.token not in log and token_key not in log
    assert SECRET not in log
    assert "[REDACTED]" in log
