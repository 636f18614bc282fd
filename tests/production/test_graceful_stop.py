"""`python -m bot run --webhook` on SIGTERM: no update lost, no send cut off, no row kept."""

import asyncio
import signal
import time
from collections import Counter
from pathlib import Path

import httpx
import sqlalchemy as sa

from bot.standin import StandIn
from bot.store.broadcast import DeliveryStatus, delivery_table
from bot.store.db import open_engine, session_factory
from tests.broadcast.conftest import add_subscribers, announce
from tests.production.conftest import start_bot_process, until_healthy, webhook_settings


async def test_sigterm_mid_broadcast_finishes_the_sends_in_flight_and_gives_rows_back(
    standin: StandIn, catalog_database_url: str, tmp_path: Path
) -> None:
    chats = range(1, 2001)
    async with open_engine(catalog_database_url) as engine:
        await add_subscribers(engine, chats)
        await announce(session_factory(engine))
    settings = webhook_settings(
        standin,
        catalog_database_url,
        instance_id="web-1",
        broadcast_rate=100.0,
        paid_broadcasts=True,
    )
    process = await start_bot_process("run", "--webhook", settings=settings, cwd=tmp_path)
    base_url = f"http://127.0.0.1:{settings.port}"
    async with httpx.AsyncClient(base_url=base_url) as client, asyncio.timeout(30):
        await until_healthy(client)
        # The stand-in records calls without telling anyone: look every 10 ms.
        while len(standin.calls_to("sendMessage")) < 100:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    signalled = time.perf_counter()
    assert await asyncio.wait_for(process.wait(), timeout=30) == 0
    stopped_in = time.perf_counter() - signalled
    log = (tmp_path / "bot.log").read_text()

    rows = delivery_table.c
    async with open_engine(catalog_database_url) as engine, engine.connect() as connection:
        counts = Counter(
            {
                (DeliveryStatus(status), claimed): count
                for status, claimed, count in await connection.execute(
                    sa.select(
                        rows.status, rows.claimed_until.is_not(None), sa.func.count()
                    ).group_by(rows.status, rows.claimed_until.is_not(None))
                )
            }
        )
    received = Counter(
        call.params["chat_id"] for call in standin.calls_to("sendMessage") if call.status == 200
    )
    print(f"\nstopped {stopped_in:.2f} s after SIGTERM with {sum(received.values())} sent")
    assert "Stopping: finishing the updates and sends in flight" in log, log
    assert "Traceback" not in log, log
    # Every call that left was recorded, nothing is left mid-send or leased to the dead instance.
    assert counts[DeliveryStatus.SENT, False] == sum(received.values())
    assert max(received.values()) == 1
    assert counts[DeliveryStatus.PENDING, False] > 0, "stopped mid-broadcast"
    assert set(counts) == {(DeliveryStatus.SENT, False), (DeliveryStatus.PENDING, False)}
