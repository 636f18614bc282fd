"""Announcements: audience counts, one delivery row per recipient, schedule, cancel, listing."""

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.broadcast.announcements import (
    audience_count,
    broadcast_report,
    cancel,
    confirm,
    due_scheduled,
    enqueue,
    list_announcements,
    schedule,
)
from bot.store.broadcast import (
    AnnouncementStatus,
    Audience,
    DeliveryStatus,
    Topic,
    announcement_table,
    delivery_table,
)
from bot.store.db import open_engine, session_factory

from .conftest import add_subscribers, announce

Sessions = async_sessionmaker[AsyncSession]
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


async def delivery_chats(engine: AsyncEngine, announcement_id: int) -> list[int]:
    async with engine.connect() as connection:
        rows = await connection.execute(
            sa.select(delivery_table.c.chat_id).where(
                delivery_table.c.announcement_id == announcement_id
            )
        )
        return sorted(rows.scalars())


async def status_of(sessions: Sessions, announcement_id: int) -> AnnouncementStatus:
    async with sessions() as session:
        report = await broadcast_report(session=session, announcement_id=announcement_id)
    assert report is not None
    return report.announcement.status


EVENTS_FANS = list(range(100, 110))
SHOWROOM_FANS = list(range(200, 205))
FANS_OF_BOTH = [300, 301, 302]


@pytest.fixture
async def town(engine: AsyncEngine) -> None:
    """Events fans, showroom fans in ward 00190, fans of both, and one who blocked the bot."""
    await add_subscribers(engine, EVENTS_FANS, topics=[Topic.EVENTS])
    await add_subscribers(engine, SHOWROOM_FANS, topics=[Topic.SHOWROOMS], ward_code="00190")
    await add_subscribers(engine, FANS_OF_BOTH, topics=list(Topic), ward_code="00004")
    await add_subscribers(engine, [400], topics=list(Topic), ward_code="00190", active=False)


@pytest.mark.usefixtures("town")
@pytest.mark.parametrize(
    ("audience", "value", "expected"),
    [
        (Audience.EVERYONE, None, EVENTS_FANS + SHOWROOM_FANS + FANS_OF_BOTH),
        (Audience.TOPIC, "events", EVENTS_FANS + FANS_OF_BOTH),
        (Audience.TOPIC, "showrooms", SHOWROOM_FANS + FANS_OF_BOTH),
        (Audience.WARD, "00190", SHOWROOM_FANS),
        (Audience.WARD, "99999", []),
    ],
)
async def test_confirm_queues_one_row_per_active_subscriber_in_the_audience(
    engine: AsyncEngine,
    sessions: Sessions,
    audience: Audience,
    value: str | None,
    expected: list[int],
) -> None:
    async with sessions() as session:
        count = await audience_count(session=session, audience=audience, audience_value=value)
    announcement_id = await announce(sessions, audience=audience, audience_value=value)
    assert count == len(expected)
    assert await delivery_chats(engine, announcement_id) == expected
    assert await status_of(sessions, announcement_id) == AnnouncementStatus.SENDING


async def test_audiences_are_checked(sessions: Sessions) -> None:
    async with sessions() as session:
        for audience, value in (
            (Audience.TOPIC, "cooking"),
            (Audience.WARD, None),
            (Audience.EVERYONE, "00190"),
        ):
            with pytest.raises(ValueError, match=r"topic|ward|everyone"):
                await audience_count(session=session, audience=audience, audience_value=value)


async def test_rows_are_made_in_batches_and_a_draft_is_confirmed_once(
    engine: AsyncEngine, sessions: Sessions
) -> None:
    await add_subscribers(engine, range(1, 51))
    announcement_id = await announce(sessions, confirmed=False)
    async with sessions() as session:
        assert await confirm(session=session, announcement_id=announcement_id, batch_size=7)
        assert not await confirm(session=session, announcement_id=announcement_id, batch_size=7)
    assert await delivery_chats(engine, announcement_id) == list(range(1, 51))


async def test_creating_rows_resumes_after_a_crash_without_doubles(
    engine: AsyncEngine, sessions: Sessions
) -> None:
    await add_subscribers(engine, range(1, 41))
    announcement_id = await announce(sessions, confirmed=False)
    async with sessions() as session:
        # A confirm that died after its first batch: queued, rows for subscribers 1-10 only.
        assert await confirm(session=session, announcement_id=announcement_id, batch_size=10_000)
    async with engine.begin() as connection:
        await connection.execute(sa.delete(delivery_table).where(delivery_table.c.chat_id > 10))
        await connection.execute(
            sa.update(announcement_table).values(
                status=AnnouncementStatus.QUEUED, enqueued_through=10
            )
        )
    async with sessions() as first, sessions() as second:
        await asyncio.gather(
            enqueue(session=first, announcement_id=announcement_id, batch_size=3),
            enqueue(session=second, announcement_id=announcement_id, batch_size=3),
        )
    assert await delivery_chats(engine, announcement_id) == list(range(1, 41))
    assert await status_of(sessions, announcement_id) == AnnouncementStatus.SENDING


async def test_cancel_stops_pending_rows_and_only_unfinished_announcements(
    engine: AsyncEngine, sessions: Sessions
) -> None:
    await add_subscribers(engine, range(1, 6))
    announcement_id = await announce(sessions)
    async with sessions() as session:
        assert await cancel(session=session, announcement_id=announcement_id)
        assert not await cancel(session=session, announcement_id=announcement_id)
        report = await broadcast_report(session=session, announcement_id=announcement_id)
    assert report is not None
    assert report.announcement.status == AnnouncementStatus.CANCELLED
    assert report.counts == {DeliveryStatus.CANCELLED: 5}
    assert report.announcement.finished_at is not None


async def test_schedule_takes_local_time_and_fires_once(
    engine: AsyncEngine, sessions: Sessions, database_url: str
) -> None:
    await add_subscribers(engine, range(1, 4))
    announcement_id = await announce(sessions, confirmed=False)
    at = datetime.now(HANOI) + timedelta(minutes=30)
    async with sessions() as session:
        with pytest.raises(ValueError, match="aware"):
            await schedule(
                session=session, announcement_id=announcement_id, at=at.replace(tzinfo=None)
            )
        assert await schedule(session=session, announcement_id=announcement_id, at=at)
        assert await due_scheduled(session=session, now=datetime.now(UTC)) == []
        report = await broadcast_report(session=session, announcement_id=announcement_id)
    assert report is not None
    assert report.announcement.scheduled_at == at
    assert report.announcement.scheduled_at.tzinfo is UTC
    assert await delivery_chats(engine, announcement_id) == []

    # Two instances (two engines on one database) look for due work at the same moment.
    later = datetime.now(UTC) + timedelta(hours=1)
    async with (
        open_engine(database_url) as other_engine,
        sessions() as first,
        session_factory(other_engine)() as second,
    ):
        fired = await asyncio.gather(
            due_scheduled(session=first, now=later), due_scheduled(session=second, now=later)
        )
    assert sorted(fired) == [[], [announcement_id]]
    assert await delivery_chats(engine, announcement_id) == [1, 2, 3]
    async with sessions() as session:
        assert not await schedule(session=session, announcement_id=announcement_id, at=at)


async def test_list_counts_deliveries_per_status(engine: AsyncEngine, sessions: Sessions) -> None:
    await add_subscribers(engine, range(1, 5))
    first = await announce(sessions, "first")
    second = await announce(sessions, "second", confirmed=False)
    async with engine.begin() as connection:
        await connection.execute(
            sa.update(delivery_table)
            .where(delivery_table.c.chat_id <= 3)
            .values(status=DeliveryStatus.SENT)
        )
    async with sessions() as session:
        listed = await list_announcements(session=session)
    assert [(r.announcement.id, r.announcement.text) for r in listed] == [
        (second, "second"),
        (first, "first"),
    ]
    assert listed[0].counts == {}
    assert listed[0].announcement.status == AnnouncementStatus.DRAFT
    assert listed[1].counts == {DeliveryStatus.SENT: 3, DeliveryStatus.PENDING: 1}
    assert listed[1].recipients == 4
    assert listed[1].duration is None
