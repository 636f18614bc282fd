"""SIGKILL the sender process mid-broadcast, start it again: nothing twice, the rest delivered."""

import asyncio
import os
import sys
from collections import Counter
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.broadcast.deliveries import ABANDONED
from bot.standin import StandIn
from bot.store.broadcast import DeliveryStatus, delivery_table

from .conftest import add_subscribers, announce

CONCURRENCY = 8


async def start_sender(
    standin: StandIn, database_url: str, log: Path
) -> asyncio.subprocess.Process:
    with log.open("ab") as output:
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.broadcast.standalone",
            f"--database-url={database_url}",
            f"--base-url={standin.base_url}",
            f"--token={standin.token}",
            "--instance-id=worker-1",
            "--rate=300",
            f"--concurrency={CONCURRENCY}",
            f"--connections={CONCURRENCY}",
            stdout=output,
            stderr=output,
            env={**os.environ, "PTB_TIMEDELTA": "true"},
        )


async def test_killed_mid_broadcast_and_restarted_no_chat_gets_it_twice(
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    standin: StandIn,
    database_url: str,
    tmp_path: Path,
) -> None:
    chats = range(1, 1201)
    await add_subscribers(engine, chats)
    announcement_id = await announce(sessions)
    log = tmp_path / "sender.log"

    first = await start_sender(standin, database_url, log)
    async with asyncio.timeout(30):
        # The stand-in records calls without telling anyone: look every 10 ms.
        while len(standin.calls_to("sendMessage")) < 300:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    first.kill()
    assert await first.wait() == -9
    calls_before_restart = len(standin.calls_to("sendMessage"))
    second = await start_sender(standin, database_url, log)
    async with asyncio.timeout(60):
        assert await second.wait() == 0, log.read_text()

    async with engine.connect() as connection:
        rows = (
            await connection.execute(
                sa.select(
                    delivery_table.c.chat_id, delivery_table.c.status, delivery_table.c.error
                ).where(delivery_table.c.announcement_id == announcement_id)
            )
        ).all()
    seen = Counter(
        int(str(call.params["chat_id"]))
        for call in standin.calls_to("sendMessage")
        if call.status == 200
    )
    status = {chat_id: DeliveryStatus(value) for chat_id, value, _ in rows}
    unconfirmed = {chat for chat, s in status.items() if s == DeliveryStatus.UNCONFIRMED}
    assert 300 <= calls_before_restart < len(chats)
    assert max(seen.values()) == 1
    assert set(status.values()) <= {DeliveryStatus.SENT, DeliveryStatus.UNCONFIRMED}
    assert {chat for chat, s in status.items() if s == DeliveryStatus.SENT} == set(
        seen
    ) - unconfirmed
    assert len(unconfirmed) <= CONCURRENCY
    assert {error for chat, _, error in rows if chat in unconfirmed} <= {ABANDONED}
    assert set(seen) | unconfirmed == set(chats)
