"""Two sender instances (processes) on one PostgreSQL: exactly once, one shared rate, failover.

Each instance is `python -m bot.broadcast.standalone`: the sender the bot runs, alone in a
process, until no announcement is left to send. The figures are printed (pytest -s).
"""

import asyncio
import bisect
import os
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.broadcast.announcements import schedule
from bot.broadcast.shared_rate import STALE_SECONDS
from bot.standin import StandIn
from bot.store.broadcast import DeliveryStatus, delivery_table
from bot.store.db import open_engine, session_factory
from bot.store.types import utc_now
from tests.broadcast.conftest import add_subscribers, announce
from tests.conftest import TEST_DATABASE

pytestmark = pytest.mark.skipif(
    TEST_DATABASE != "postgresql",
    reason="instances share PostgreSQL; on SQLite one process is the whole deployment",
)

CONCURRENCY = 8
StartSender = Callable[..., Awaitable[asyncio.subprocess.Process]]


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    async with open_engine(database_url) as engine:
        yield engine


@pytest.fixture
async def start_sender(
    standin: StandIn, database_url: str, tmp_path: Path
) -> AsyncIterator[StartSender]:
    """Start sender processes; any still running after the test is killed."""
    started: list[asyncio.subprocess.Process] = []

    async def start(instance: str, *, rate: float, **options: object) -> asyncio.subprocess.Process:
        flags = [f"--{name.replace('_', '-')}={value}" for name, value in options.items()]
        with (tmp_path / f"{instance}.log").open("ab") as log:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot.broadcast.standalone",
                f"--database-url={database_url}",
                f"--base-url={standin.base_url}",
                f"--token={standin.token}",
                f"--instance-id={instance}",
                f"--rate={rate}",
                f"--concurrency={CONCURRENCY}",
                f"--connections={CONCURRENCY}",
                *flags,
                stdout=log,
                stderr=log,
                env={**os.environ, "PTB_TIMEDELTA": "true"},
            )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def finished(process: asyncio.subprocess.Process, log: Path, *, within: float) -> None:
    async with asyncio.timeout(within):
        assert await process.wait() == 0, f"the sender failed: see {log}"


async def scheduled_announcement(engine: AsyncEngine, *, in_seconds: float) -> int:
    """An announcement both instances will find due at once, after their start-up."""
    sessions = session_factory(engine)
    announcement_id = await announce(sessions, confirmed=False)
    async with sessions() as session:
        at = utc_now() + timedelta(seconds=in_seconds)
        assert await schedule(session=session, announcement_id=announcement_id, at=at)
    return announcement_id


def deliveries(standin: StandIn) -> Counter[int]:
    """Messages the stand-in accepted, per chat."""
    return Counter(
        int(str(call.params["chat_id"]))
        for call in standin.calls_to("sendMessage")
        if call.status == 200
    )


def send_times(standin: StandIn) -> list[float]:
    return sorted(call.at for call in standin.calls_to("sendMessage"))


def busiest_second(times: list[float]) -> int:
    """The most sends that started within any one second."""
    return max(bisect.bisect_left(times, start + 1.0) - i for i, start in enumerate(times))


async def statuses_by_instance(engine: AsyncEngine) -> Counter[tuple[str | None, str]]:
    rows = delivery_table.c
    async with engine.connect() as connection:
        counted = await connection.execute(
            sa.select(rows.claimed_by, rows.status, sa.func.count()).group_by(
                rows.claimed_by, rows.status
            )
        )
        return Counter({(by, DeliveryStatus(status)): count for by, status, count in counted})


async def test_two_instances_deliver_to_5000_subscribers_exactly_once(
    engine: AsyncEngine, standin: StandIn, start_sender: StartSender, tmp_path: Path
) -> None:
    rate = 500.0
    chats = range(1, 5001)
    await add_subscribers(engine, chats)
    await scheduled_announcement(engine, in_seconds=2)
    first = await start_sender("web-1", rate=rate)
    second = await start_sender("web-2", rate=rate)
    await finished(first, tmp_path / "web-1.log", within=60)
    await finished(second, tmp_path / "web-2.log", within=60)

    received = deliveries(standin)
    by_instance = await statuses_by_instance(engine)
    assert set(received) == set(chats) and set(received.values()) == {1}
    assert set(by_instance) == {("web-1", DeliveryStatus.SENT), ("web-2", DeliveryStatus.SENT)}
    assert sum(by_instance.values()) == len(chats)
    times = send_times(standin)
    combined = (len(times) - 1) / (times[-1] - times[0])
    print(
        f"\n5,000 subscribers, two instances: web-1 sent {by_instance['web-1', 'sent']}, "
        f"web-2 sent {by_instance['web-2', 'sent']}; every chat exactly once; "
        f"combined {combined:.1f}/s for {rate:g}/s configured, "
        f"busiest second {busiest_second(times)} sends"
    )
    assert combined <= rate * 1.02


async def test_two_instances_together_keep_to_the_configured_rate(
    engine: AsyncEngine, standin: StandIn, start_sender: StartSender, tmp_path: Path
) -> None:
    rate = 50.0
    chats = range(1, 201)  # four seconds at 50/s
    await add_subscribers(engine, chats)
    await scheduled_announcement(engine, in_seconds=2)
    # Small claims, so that both instances keep coming back for rows.
    first = await start_sender("web-1", rate=rate, claim_batch=10)
    second = await start_sender("web-2", rate=rate, claim_batch=10)
    await finished(first, tmp_path / "web-1.log", within=30)
    await finished(second, tmp_path / "web-2.log", within=30)

    times = send_times(standin)
    combined = (len(times) - 1) / (times[-1] - times[0])
    busiest = busiest_second(times)
    by_instance = await statuses_by_instance(engine)
    shares = {instance: count for (instance, _), count in by_instance.items()}
    print(
        f"\npacing, two instances at {rate:g}/s configured: combined {combined:.2f}/s over "
        f"{times[-1] - times[0]:.2f} s, busiest second {busiest} sends; shares {shares}"
    )
    assert len(times) == len(chats) and set(deliveries(standin).values()) == {1}
    assert min(shares.values()) >= len(chats) // 4  # both were sending all along
    assert combined <= rate * 1.02
    # Slots are 1/rate apart across both instances; a send starts at its slot or a little later
    # (one more for the stand-in's arrival jitter).
    assert busiest <= rate * (1 + STALE_SECONDS) + 2
    assert combined >= rate * 0.8  # the shared bucket does not starve the instances either


async def test_when_an_instance_is_killed_the_other_sends_its_rows_after_their_lease(
    engine: AsyncEngine, standin: StandIn, start_sender: StartSender, tmp_path: Path
) -> None:
    lease = 3.0
    chats = range(1, 1201)
    await add_subscribers(engine, chats)
    announcement_id = await announce(session_factory(engine))
    doomed = await start_sender("web-1", rate=200, lease=lease)
    survivor = await start_sender("web-2", rate=200, lease=lease)
    async with asyncio.timeout(30):
        # The stand-in records calls without telling anyone: look every 10 ms.
        while len(standin.calls_to("sendMessage")) < 300:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    doomed.kill()
    killed_at = time.time()
    assert await doomed.wait() == -9
    rows = delivery_table.c
    async with engine.connect() as connection:
        left = (
            await connection.execute(
                sa.select(rows.id, rows.status, rows.claimed_until).where(
                    rows.claimed_by == "web-1",
                    rows.status.in_([DeliveryStatus.PENDING, DeliveryStatus.SENDING]),
                )
            )
        ).all()
    leased = {row.id: row.claimed_until for row in left if row.status == DeliveryStatus.PENDING}
    in_flight = {row.id for row in left if row.status == DeliveryStatus.SENDING}
    await finished(survivor, tmp_path / "web-2.log", within=60)

    async with engine.connect() as connection:
        final = (
            await connection.execute(
                sa.select(rows.id, rows.chat_id, rows.status, rows.claimed_by, rows.sent_at).where(
                    rows.announcement_id == announcement_id
                )
            )
        ).all()
    status = {row.id: DeliveryStatus(row.status) for row in final}
    received = deliveries(standin)
    taken_over = [row for row in final if row.id in leased]
    failover = max(row.sent_at.timestamp() for row in taken_over) - killed_at
    lease_ends = [until.timestamp() - killed_at for until in leased.values()]
    chat_of = {row.id: row.chat_id for row in final}
    in_flight_received = {chat_of[row_id] for row_id in in_flight} & set(received)
    print(
        f"\nkilled web-1 holding {len(leased)} leased rows and {len(in_flight)} in flight; "
        f"their {lease:g} s leases ran out {min(lease_ends):.1f}-{max(lease_ends):.1f} s after "
        f"the kill; web-2 had sent them all {failover:.1f} s after the kill; "
        f"{len(in_flight)} unconfirmed (never resent; {len(in_flight_received)} of them had "
        "reached the stand-in)"
    )
    assert leased, "web-1 held rows when it was killed"
    assert max(received.values()) == 1  # nobody got the announcement twice
    assert all(
        row.status == DeliveryStatus.SENT and row.claimed_by == "web-2" for row in taken_over
    )
    assert {i for i, s in status.items() if s == DeliveryStatus.UNCONFIRMED} == in_flight
    assert len(in_flight) <= CONCURRENCY
    assert set(status.values()) <= {DeliveryStatus.SENT, DeliveryStatus.UNCONFIRMED}
    sent_chats = {row.chat_id for row in final if row.status == DeliveryStatus.SENT}
    assert sent_chats <= set(received) and len(sent_chats) + len(in_flight) == len(chats)
    assert failover <= max(lease_ends) + 2.0
