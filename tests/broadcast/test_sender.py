"""The sender against a scripted fake Telegram: outcomes, restart, two senders, cancel."""

import asyncio
from dataclasses import replace
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.broadcast.announcements import broadcast_report, cancel, schedule
from bot.broadcast.outcomes import Blocked, FloodWait, MaybeDelivered, Rejected, Transient
from bot.broadcast.sender import Sender, SenderOptions
from bot.broadcast.subscribers import get_subscriber
from bot.store.broadcast import AnnouncementStatus, DeliveryStatus, delivery_table
from bot.store.db import open_engine
from bot.store.types import utc_now

from .conftest import FakeTelegram, Reports, Start, add_subscribers, announce

Sessions = async_sessionmaker[AsyncSession]
FAST = SenderOptions(
    rate=1000, concurrency=16, first_backoff=timedelta(milliseconds=20), poll_seconds=0.05
)


async def rows_by_chat(engine: AsyncEngine, announcement_id: int) -> dict[int, sa.Row[Any]]:
    async with engine.connect() as connection:
        rows = await connection.execute(
            sa.select(delivery_table).where(delivery_table.c.announcement_id == announcement_id)
        )
        return {row.chat_id: row for row in rows}


async def test_each_chat_gets_the_announcement_once_whatever_telegram_answers(
    engine: AsyncEngine, sessions: Sessions, running: Start, reports: Reports
) -> None:
    await add_subscribers(engine, range(1, 301))
    telegram = FakeTelegram(
        script={
            5: [Transient("Bad Gateway"), Transient("Timed out before connecting")],
            6: [Blocked("Forbidden: bot was blocked by the user")],
            7: [FloodWait(0.2)],
            8: [Rejected("Bad Request: message is too long")],
            9: [MaybeDelivered("Timed out waiting for the answer")],
            10: [Transient("Bad Gateway")] * FAST.max_attempts,
        }
    )
    announcement_id = await announce(sessions, "Lễ hội OCOP")
    await running(Sender(engine=engine, send=telegram, on_finished=reports, options=FAST))
    report = await reports.wait_for(announcement_id)

    assert {
        chat: texts for chat, texts in telegram.delivered.items() if texts != ["Lễ hội OCOP"]
    } == {}
    assert sorted(telegram.delivered) == [1, 2, 3, 4, 5, 7, *range(11, 301)]
    calls = {chat: telegram.calls_to(chat) for chat in (5, 6, 7, 8, 9, 10)}
    assert calls == {5: 3, 6: 1, 7: 2, 8: 1, 9: 1, 10: FAST.max_attempts}
    assert report.counts == {
        DeliveryStatus.SENT: 296,
        DeliveryStatus.BLOCKED: 1,
        DeliveryStatus.FAILED: 2,
        DeliveryStatus.UNCONFIRMED: 1,
    }
    assert report.announcement.status == AnnouncementStatus.DONE
    assert report.duration is not None and report.duration > timedelta(0)
    rows = await rows_by_chat(engine, announcement_id)
    assert (rows[5].status, rows[5].attempts, rows[5].message_id is not None) == ("sent", 3, True)
    assert rows[5].sent_at is not None
    assert (rows[7].status, rows[7].attempts) == ("sent", 1)  # a 429 is not an attempt
    assert (rows[8].status, rows[8].error) == ("failed", "Bad Request: message is too long")
    async with sessions() as session:
        blocked = await get_subscriber(session=session, chat_id=6)
        still_there = await get_subscriber(session=session, chat_id=9)
    assert blocked is not None and not blocked.active
    assert still_there is not None and still_there.active


async def test_restart_settles_rows_left_in_flight_and_sends_the_rest_once(
    engine: AsyncEngine, sessions: Sessions, running: Start, reports: Reports
) -> None:
    await add_subscribers(engine, range(1, 21))
    announcement_id = await announce(sessions)
    now = utc_now()
    rows = delivery_table.c
    async with engine.begin() as connection:
        # Our previous life (same instance id) died with chats 1-2 in flight and 3-5 leased;
        # another instance died with chat 6 in flight and its lease ran out.
        for chats, status, owner, until in (
            ((1, 2), DeliveryStatus.SENDING, "worker-1", now + timedelta(minutes=1)),
            ((3, 4, 5), DeliveryStatus.PENDING, "worker-1", now + timedelta(minutes=1)),
            ((6,), DeliveryStatus.SENDING, "worker-2", now - timedelta(seconds=1)),
        ):
            await connection.execute(
                sa.update(delivery_table)
                .where(rows.chat_id.in_(chats))
                .values(status=status, claimed_by=owner, claimed_until=until)
            )
    telegram = FakeTelegram()
    sender = Sender(
        engine=engine, send=telegram, on_finished=reports, instance_id="worker-1", options=FAST
    )
    await running(sender)
    report = await reports.wait_for(announcement_id)

    assert sorted(telegram.delivered) == [3, 4, 5, *range(7, 21)]
    assert [telegram.calls_to(chat) for chat in range(1, 21)] == [0, 0, 1, 1, 1, 0] + [1] * 14
    assert report.counts == {DeliveryStatus.UNCONFIRMED: 3, DeliveryStatus.SENT: 17}


async def test_two_senders_fire_a_scheduled_announcement_once_and_share_its_rows(
    engine: AsyncEngine, sessions: Sessions, database_url: str, running: Start, reports: Reports
) -> None:
    await add_subscribers(engine, range(1, 401))
    announcement_id = await announce(sessions, confirmed=False)
    async with sessions() as session:
        at = utc_now() + timedelta(milliseconds=300)
        assert await schedule(session=session, announcement_id=announcement_id, at=at)
    telegram = FakeTelegram(delay=0.002)
    async with open_engine(database_url) as second_engine:
        for name, instance_engine in (("a", engine), ("b", second_engine)):
            await running(
                Sender(
                    engine=instance_engine,
                    send=telegram,
                    on_finished=reports,
                    instance_id=name,
                    options=replace(FAST, claim_batch=20),  # both must come back for more
                )
            )
        report = await reports.wait_for(announcement_id)
        await asyncio.sleep(3 * FAST.poll_seconds)

        assert sorted(telegram.delivered) == list(range(1, 401))
        assert max(telegram.calls_to(chat) for chat in range(1, 401)) == 1
        assert [received_id for received_id, _ in reports.received] == [announcement_id]
        assert report.counts == {DeliveryStatus.SENT: 400}
        assert report.announcement.started_at is not None
        assert report.announcement.started_at >= at
        rows = await rows_by_chat(engine, announcement_id)
        assert {row.claimed_by for row in rows.values()} == {"a", "b"}


async def test_cancel_stops_the_broadcast_within_the_calls_in_flight(
    engine: AsyncEngine, sessions: Sessions, running: Start, reports: Reports
) -> None:
    await add_subscribers(engine, range(1, 201))
    announcement_id = await announce(sessions)
    telegram = FakeTelegram(delay=0.02)
    options = SenderOptions(rate=200, concurrency=4, poll_seconds=0.05)
    await running(Sender(engine=engine, send=telegram, on_finished=reports, options=options))
    await telegram.wait_for_calls(20)
    async with sessions() as session:
        assert await cancel(session=session, announcement_id=announcement_id)
    calls_at_cancel = len(telegram.calls)
    await asyncio.sleep(0.5)

    assert len(telegram.calls) - calls_at_cancel <= options.concurrency
    async with sessions() as session:
        report = await broadcast_report(session=session, announcement_id=announcement_id)
    assert report is not None
    assert report.announcement.status == AnnouncementStatus.CANCELLED
    assert report.counts[DeliveryStatus.SENT] == len(telegram.calls)
    assert report.counts[DeliveryStatus.CANCELLED] == 200 - len(telegram.calls)
    assert reports.received == []


async def test_stopping_leaves_no_row_in_flight_and_the_next_sender_finishes(
    engine: AsyncEngine, sessions: Sessions, running: Start, reports: Reports
) -> None:
    await add_subscribers(engine, range(1, 11))
    announcement_id = await announce(sessions)
    telegram = FakeTelegram()
    slow = SenderOptions(rate=2, concurrency=4, poll_seconds=0.05)
    first = Sender(engine=engine, send=telegram, instance_id="old", options=slow)
    await first.start()
    await telegram.wait_for_calls(1)
    calls_at_stop = len(telegram.calls)
    await first.stop()  # the other claimed rows wait for their `sending` mark or the pacer
    assert len(telegram.calls) == calls_at_stop
    rows = await rows_by_chat(engine, announcement_id)
    assert {row.status for row in rows.values()} == {"sent", "pending"}
    assert {row.claimed_until for row in rows.values()} == {None}

    await running(Sender(engine=engine, send=telegram, on_finished=reports, options=FAST))
    report = await reports.wait_for(announcement_id)
    assert report.counts == {DeliveryStatus.SENT: 10}
    assert [telegram.calls_to(chat) for chat in range(1, 11)] == [1] * 10
