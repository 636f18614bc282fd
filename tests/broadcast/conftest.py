"""A real database per test, bulk subscribers, a scriptable fake Telegram, and the stand-in."""

import asyncio
import itertools
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.broadcast.announcements import BroadcastReport, confirm, create_announcement
from bot.broadcast.outcomes import Delivered, Outcome, Outgoing
from bot.broadcast.sender import Sender
from bot.broadcast.subscribers import topics_value
from bot.standin import StandIn
from bot.store.broadcast import Audience, Topic, subscriber_table
from bot.store.db import open_engine, session_factory
from bot.store.types import utc_now

ALL_TOPICS = (Topic.EVENTS, Topic.SHOWROOMS)
Start = Callable[[Sender], Awaitable[Sender]]


@pytest.fixture(autouse=True)
def timedelta_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    """PTB 22 warns unless time periods (RetryAfter.retry_after) are opted in as timedelta."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    async with open_engine(database_url) as engine:
        yield engine


@pytest.fixture
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return session_factory(engine)


async def add_subscribers(
    engine: AsyncEngine,
    chat_ids: Iterable[int],
    *,
    topics: Iterable[Topic] = ALL_TOPICS,
    ward_code: str | None = None,
    active: bool = True,
) -> None:
    now = utc_now()
    stored_topics = topics_value(topics)
    rows = [
        {
            "chat_id": chat_id,
            "language": "vi",
            "topics": stored_topics,
            "home_ward_code": ward_code,
            "active": active,
            "created_at": now,
            "updated_at": now,
        }
        for chat_id in chat_ids
    ]
    async with engine.begin() as connection:
        await connection.execute(subscriber_table.insert(), rows)


async def announce(
    sessions: async_sessionmaker[AsyncSession],
    text: str = "Hội chợ OCOP cuối tuần này ở Hoàng thành Thăng Long",
    *,
    audience: Audience = Audience.EVERYONE,
    audience_value: str | None = None,
    confirmed: bool = True,
) -> int:
    async with sessions() as session:
        announcement = await create_announcement(
            session=session,
            text=text,
            audience=audience,
            audience_value=audience_value,
            created_by=7,
        )
        assert announcement.id is not None
        if confirmed:
            assert await confirm(session=session, announcement_id=announcement.id)
        return announcement.id


@dataclass
class FakeTelegram:
    """A send function with a script: per chat, the outcomes to give before delivering."""

    delay: float = 0.0
    script: dict[int, list[Outcome]] = field(default_factory=dict)
    calls: list[tuple[float, Outgoing]] = field(default_factory=list)
    delivered: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    _message_ids: "itertools.count[int]" = field(default_factory=lambda: itertools.count(1))

    _called: asyncio.Event = field(default_factory=asyncio.Event)

    async def __call__(self, message: Outgoing) -> Outcome:
        self.calls.append((time.monotonic(), message))
        self._called.set()
        if self.delay:
            await asyncio.sleep(self.delay)
        planned = self.script.get(message.chat_id)
        if planned:
            return planned.pop(0)
        self.delivered[message.chat_id].append(message.text)
        return Delivered(next(self._message_ids))

    def calls_to(self, chat_id: int) -> int:
        return sum(1 for _, message in self.calls if message.chat_id == chat_id)

    async def wait_for_calls(self, count: int, *, within: float = 10.0) -> None:
        async with asyncio.timeout(within):
            while len(self.calls) < count:
                self._called.clear()
                await self._called.wait()


class Reports:
    """The sender's finished callback, recorded; `wait_for` an announcement's report."""

    def __init__(self) -> None:
        self.received: list[tuple[int, BroadcastReport]] = []
        self._changed = asyncio.Event()

    async def __call__(self, announcement_id: int, report: BroadcastReport) -> None:
        self.received.append((announcement_id, report))
        self._changed.set()

    async def wait_for(self, announcement_id: int, *, within: float = 20.0) -> BroadcastReport:
        async with asyncio.timeout(within):
            while True:
                for received_id, report in self.received:
                    if received_id == announcement_id:
                        return report
                self._changed.clear()
                await self._changed.wait()


@pytest.fixture
def reports() -> Reports:
    return Reports()


@pytest.fixture
async def running() -> AsyncIterator[Start]:
    """Start senders; each is stopped at the end of the test."""
    started: list[Sender] = []

    async def start(sender: Sender) -> Sender:
        await sender.start()
        started.append(sender)
        return sender

    yield start
    for sender in started:
        await sender.stop()


@pytest.fixture
async def standin() -> AsyncIterator[StandIn]:
    async with StandIn(auto_users=True, seed=6) as running_standin:
        yield running_standin
