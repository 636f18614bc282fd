"""`python -m bot bench broadcast`: delivery throughput, pacing, /start latency, memory.

The Bot API stand-in runs in a child process (as Telegram runs elsewhere), so the figures are
the sender's own: python-telegram-bot over HTTP on 127.0.0.1, SQLite in WAL mode on disk.
A /start-like probe (the subscriber upsert /start does, a read, and a reply through a Bot of
its own) runs 20 times a second while idle, during the unthrottled broadcast, and during the
paced one; resident memory is sampled once a second.
"""

import argparse
import asyncio
import itertools
import multiprocessing
import resource
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.broadcast.announcements import (
    BroadcastReport,
    audience_count,
    cancel,
    confirm,
    create_announcement,
)
from bot.broadcast.outcomes import Delivered, Outcome, Outgoing
from bot.broadcast.sender import Sender, SenderOptions
from bot.broadcast.subscribers import get_subscriber, reactivate
from bot.broadcast.telegram_send import bot_sender
from bot.standin import StandIn
from bot.store.broadcast import Audience, subscriber_table
from bot.store.db import create_engine, session_factory
from bot.store.migrate import upgrade
from bot.store.types import utc_now

HELP = "broadcast deliveries/s, pacing at 25/s, /start latency during a broadcast, memory"
PACING_WARD = "bench-pacing"
PROBE_CHAT = 9_000_000_001
CLIENT_CHATS = 8_000_000_001  # chat ids of the client-alone run, apart from subscribers
PROBES_PER_SECOND = 20
Sessions = async_sessionmaker[AsyncSession]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--pacing-seconds", type=float, default=60.0)
    parser.add_argument("--pacing-rate", type=float, default=25.0)
    parser.add_argument("--concurrency", type=int, default=64, help="for the unthrottled run")
    parser.add_argument("--connections", type=int, default=8, help="HTTP calls in flight")
    parser.add_argument("--database", type=Path, help="SQLite file (default: a temporary one)")


def run(args: argparse.Namespace) -> int:
    with _standin_process() as (base_url, token, standin), tempfile.TemporaryDirectory() as tmp:
        path = args.database or Path(tmp) / "broadcast-bench.sqlite3"
        asyncio.run(_bench(args, f"sqlite+aiosqlite:///{path}", base_url, token, standin))
    return 0


@contextmanager
def _standin_process() -> Iterator[tuple[str, str, Connection]]:
    parent, child = multiprocessing.Pipe()
    process = multiprocessing.get_context("spawn").Process(target=_serve_standin, args=(child,))
    process.start()
    try:
        base_url, token = parent.recv()
        yield base_url, token, parent
    finally:
        parent.send(("stop", 0))
        process.join(timeout=10)


def _serve_standin(connection: Connection) -> None:
    asyncio.run(_serve(connection))


async def _serve(connection: Connection) -> None:
    """Answer the bench's questions about the calls received, until told to stop."""
    async with StandIn(auto_users=True) as standin:
        connection.send((standin.base_url, standin.token))
        while True:
            request, since = await asyncio.to_thread(connection.recv)
            if request == "stop":
                return
            sends = standin.calls_to("sendMessage")[since:]
            connection.send([(call.at, call.params.get("chat_id"), call.status) for call in sends])


def _sends(standin: Connection, since: int) -> list[tuple[float, int, int]]:
    standin.send(("sends", since))
    sends: list[tuple[float, Any, int]] = standin.recv()
    return [(at, int(str(chat)), status) for at, chat, status in sends]


def _resident_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


async def _bench(
    args: argparse.Namespace, url: str, base_url: str, token: str, standin: Connection
) -> None:
    engine = create_engine(url)
    await upgrade(engine)
    sessions = session_factory(engine)
    started = time.perf_counter()
    pacing_group = int(args.pacing_rate * args.pacing_seconds * 1.2)
    await _add_subscribers(engine, args.subscribers, pacing_group)
    print(f"{args.subscribers} subscribers written in {time.perf_counter() - started:.1f} s")
    print(f"resident memory before sending: {_resident_mb():.0f} MB")

    async with Bot(token, base_url=base_url) as probe_bot:
        probe = _Probe(sessions, probe_bot)
        idle = await probe.sample(seconds=5)

        async with _sampling_memory() as memory:
            throughput = await _unthrottled(args, engine, sessions, base_url, token, probe)
        sends = _sends(standin, 0)
        per_chat = _count_by_chat(sends)
        print(
            f"stand-in: {len(sends)} sendMessage calls, {len(per_chat)} chats, "
            f"most messages in one chat: {max(per_chat.values())}"
        )
        database_alone = await _database_alone(args, engine, sessions)
        client_alone = await _client_alone(args, base_url, token)
        earlier = len(_sends(standin, 0))
        paced = await _paced(args, engine, sessions, base_url, token, probe, standin, earlier)

    print()
    print(f"deliveries/s, unthrottled stand-in, SQLite: {throughput:,.0f}")
    print(f"  the same with a send that answers at once (database side): {database_alone:,.0f}")
    print(f"  PTB send_message alone, {args.connections} connections: {client_alone:,.0f}")
    for line in paced:
        print(line)
    print(f"{'/start-like probe':<32} {'p50 ms':>8} {'p99 ms':>8} {'samples':>8}")
    for label, values in (("idle", idle), *probe.during.items()):
        p50, p99 = statistics.median(values), _percentile(values, 0.99)
        print(f"{label:<32} {p50:>8.1f} {p99:>8.1f} {len(values):>8}")
    low, high = min(memory), max(memory)
    print(f"resident memory while sending: {low:.0f}-{high:.0f} MB (sampled {len(memory)} times)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the process: {peak:.0f} MB")
    await engine.dispose()


async def _add_subscribers(engine: AsyncEngine, count: int, pacing_group: int) -> None:
    now = utc_now()
    for first in range(1, count + 1, 20_000):
        rows = [
            {
                "chat_id": chat_id,
                "language": "vi",
                "topics": "events,showrooms",
                "home_ward_code": PACING_WARD if chat_id <= pacing_group else None,
                "active": True,
                "created_at": now,
                "updated_at": now,
            }
            for chat_id in range(first, min(first + 20_000, count + 1))
        ]
        async with engine.begin() as connection:
            await connection.execute(subscriber_table.insert(), rows)


class _Probe:
    """What /start costs: the subscriber upsert and read, and one reply over HTTP."""

    def __init__(self, sessions: Sessions, bot: Bot) -> None:
        self._sessions = sessions
        self._bot = bot
        self.during: dict[str, list[float]] = {}

    async def once(self) -> float:
        started = time.perf_counter()
        async with self._sessions() as session:
            await reactivate(session=session, chat_id=PROBE_CHAT)
            await get_subscriber(session=session, chat_id=PROBE_CHAT)
        await self._bot.send_message(PROBE_CHAT, "Xin chào!")
        return (time.perf_counter() - started) * 1000

    async def sample(self, *, seconds: float) -> list[float]:
        return await self.sample_until(time.perf_counter() + seconds)

    async def sample_until(
        self, deadline: float, stop: Callable[[], bool] = lambda: False
    ) -> list[float]:
        latencies = []
        while time.perf_counter() < deadline and not stop():
            slot = time.perf_counter() + 1 / PROBES_PER_SECOND
            latencies.append(await self.once())
            await asyncio.sleep(max(0.0, slot - time.perf_counter()))
        return latencies


@asynccontextmanager
async def _sampling_memory() -> AsyncIterator[list[float]]:
    samples = [_resident_mb()]

    async def sample() -> None:
        while True:
            await asyncio.sleep(1)
            samples.append(_resident_mb())

    task = asyncio.create_task(sample())
    try:
        yield samples
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task


async def _announce(sessions: Sessions, audience: Audience, value: str | None) -> tuple[int, int]:
    async with sessions() as session:
        recipients = await audience_count(session=session, audience=audience, audience_value=value)
        announcement = await create_announcement(
            session=session,
            text="Festival OCOP Việt Nam 2025 — Hoàng thành Thăng Long, 20-23/12",
            audience=audience,
            audience_value=value,
            created_by=1,
        )
        assert announcement.id is not None
        started = time.perf_counter()
        await confirm(session=session, announcement_id=announcement.id)
        print(f"confirm: {recipients} delivery rows in {time.perf_counter() - started:.2f} s")
    return announcement.id, recipients


async def _unthrottled(
    args: argparse.Namespace,
    engine: AsyncEngine,
    sessions: Sessions,
    base_url: str,
    token: str,
    probe: _Probe,
) -> float:
    announcement_id, recipients = await _announce(sessions, Audience.EVERYONE, None)
    finished: asyncio.Future[BroadcastReport] = asyncio.get_running_loop().create_future()

    async def on_finished(_: int, report: BroadcastReport) -> None:
        finished.set_result(report)

    options = SenderOptions(rate=1_000_000, concurrency=args.concurrency, claim_batch=1000)
    async with bot_sender(token=token, base_url=base_url, connections=args.connections) as send:
        sender = Sender(engine=engine, send=send, on_finished=on_finished, options=options)
        started = time.perf_counter()
        await sender.start()
        probe.during["during unthrottled broadcast"] = await probe.sample_until(
            started + 3600, stop=finished.done
        )
        report = await finished
        elapsed = time.perf_counter() - started
        await sender.stop()
    counts = ", ".join(f"{status.value} {count}" for status, count in report.counts.items())
    print(f"unthrottled: {recipients} recipients in {elapsed:.1f} s ({counts})")
    assert announcement_id == report.announcement.id
    return recipients / elapsed


async def _database_alone(
    args: argparse.Namespace, engine: AsyncEngine, sessions: Sessions
) -> float:
    """The same broadcast with a send that answers at once: claims, marks and outcome writes."""
    message_ids = itertools.count(1)

    async def send(_: Outgoing) -> Outcome:
        return Delivered(next(message_ids))

    _, recipients = await _announce(sessions, Audience.EVERYONE, None)
    finished = asyncio.Event()

    async def on_finished(_: int, __: BroadcastReport) -> None:
        finished.set()

    options = SenderOptions(rate=1_000_000, concurrency=args.concurrency, claim_batch=1000)
    sender = Sender(engine=engine, send=send, on_finished=on_finished, options=options)
    started = time.perf_counter()
    await sender.start()
    await finished.wait()
    elapsed = time.perf_counter() - started
    await sender.stop()
    return recipients / elapsed


async def _client_alone(args: argparse.Namespace, base_url: str, token: str) -> float:
    """python-telegram-bot's send_message in a loop, no database: what the client sustains."""
    calls: int = min(args.subscribers, 10_000)
    chats = iter(range(CLIENT_CHATS, CLIENT_CHATS + calls))
    request = HTTPXRequest(connection_pool_size=args.connections)
    async with Bot(token, base_url=base_url, request=request) as bot:

        async def worker() -> None:
            for chat_id in chats:
                await bot.send_message(chat_id, "Xin chào!")

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(args.connections)))
        elapsed = time.perf_counter() - started
    return calls / elapsed


async def _paced(
    args: argparse.Namespace,
    engine: AsyncEngine,
    sessions: Sessions,
    base_url: str,
    token: str,
    probe: _Probe,
    standin: Connection,
    earlier_sends: int,
) -> list[str]:
    announcement_id, _ = await _announce(sessions, Audience.WARD, PACING_WARD)
    rate = args.pacing_rate
    async with bot_sender(token=token, base_url=base_url, connections=8) as send:
        sender = Sender(engine=engine, send=send, options=SenderOptions(rate=rate))
        await sender.start()
        probe.during[f"during broadcast at {rate:g}/s"] = await probe.sample(
            seconds=args.pacing_seconds
        )
        async with sessions() as session:
            await cancel(session=session, announcement_id=announcement_id)
        await sender.stop()
    arrivals = sorted(at for at, chat, _ in _sends(standin, earlier_sends) if chat != PROBE_CHAT)
    achieved = (len(arrivals) - 1) / (arrivals[-1] - arrivals[0])
    busiest = max(
        sum(1 for later in arrivals[index:] if later < start + 1.0)
        for index, start in enumerate(arrivals)
    )
    return [
        f"pacing at {rate:g}/s over {arrivals[-1] - arrivals[0]:.1f} s: {len(arrivals)} sends, "
        f"{achieved:.2f}/s ({(achieved / rate - 1) * 100:+.2f} %), "
        f"busiest 1-s window {busiest}"
    ]


def _count_by_chat(sends: list[tuple[float, int, int]]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for _, chat, status in sends:
        if status == 200 and chat != PROBE_CHAT:
            counts[chat] = counts.get(chat, 0) + 1
    return counts


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
