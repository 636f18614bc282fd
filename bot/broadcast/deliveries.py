"""The sender's set-based row operations: claim, mark sending, record outcomes, recover, finish.

Every write is one conditional UPDATE, written once with SQLAlchemy for SQLite (≥ 3.35, for
RETURNING and MATERIALIZED) and PostgreSQL, where the claim's SELECT adds FOR UPDATE SKIP LOCKED
so that instances claiming at the same moment take different rows instead of waiting.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.broadcast import (
    AnnouncementStatus,
    DeliveryStatus,
    announcement_table,
    delivery_table,
    subscriber_table,
)
from bot.store.types import UTCDateTime

_rows = delivery_table.c
OPEN = (DeliveryStatus.PENDING, DeliveryStatus.SENDING)
ABANDONED = "the sender stopped during the call; not resent, it may have been delivered"
LEFT = "the subscriber left before their turn"


@dataclass(frozen=True)
class Claimed:
    id: int
    announcement_id: int
    chat_id: int
    attempts: int


@dataclass(frozen=True)
class RowOutcome:
    """The new state of one row after its call."""

    id: int
    status: DeliveryStatus
    counted: bool  # the call counts as an attempt (429s do not)
    next_attempt_at: datetime
    message_id: int | None = None
    error: str | None = None
    sent_at: datetime | None = None


async def claim(
    *, connection: AsyncConnection, instance: str, now: datetime, limit: int, lease: timedelta
) -> list[Claimed]:
    """Lease up to `limit` due pending rows to `instance` until now + `lease`, oldest due first."""
    due = sa.and_(
        _rows.status == DeliveryStatus.PENDING,
        _rows.next_attempt_at <= now,
        sa.or_(_rows.claimed_until.is_(None), _rows.claimed_until < now),
    )
    # A materialized CTE, not `IN (subquery)`: PostgreSQL may run such a subquery again for
    # each row it checks, and with SKIP LOCKED every run picks new rows, so the LIMIT would
    # not hold (one claim took a whole announcement).
    picked = (
        sa.select(_rows.id)
        .where(due)
        .order_by(_rows.next_attempt_at, _rows.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .cte("picked")
        .prefix_with("MATERIALIZED")
    )
    claimed = await connection.execute(
        sa.update(delivery_table)
        .where(_rows.id.in_(sa.select(picked.c.id)), due)
        .values(claimed_by=instance, claimed_until=now + lease)
        .returning(_rows.id, _rows.announcement_id, _rows.chat_id, _rows.attempts)
    )
    return sorted((Claimed(*row) for row in claimed), key=lambda row: row.id)


async def next_due(*, connection: AsyncConnection) -> datetime | None:
    """When the earliest pending row can be claimed: its attempt is due and no lease holds it.

    A row leased by a dead instance waits for its lease; counting only its attempt time would
    have the other instances poll without pause until then.
    """
    claimable_at = sa.case(
        (_rows.claimed_until > _rows.next_attempt_at, _rows.claimed_until),
        else_=_rows.next_attempt_at,
    )
    earliest = sa.select(sa.func.min(claimable_at)).where(_rows.status == DeliveryStatus.PENDING)
    due_at: datetime | None = (await connection.execute(earliest)).scalar()
    return due_at


async def mark_sending(
    *,
    connection: AsyncConnection,
    ids: Sequence[int],
    instance: str,
    now: datetime,
    lease: timedelta,
) -> set[int]:
    """Mark rows `sending` just before their calls; returns those still pending and ours.

    A row missing from the answer was cancelled, re-leased by another instance, or is for a
    chat that left since the announcement was confirmed (that row becomes `skipped`): not sent.
    """
    if not ids:
        return set()
    ours = (
        _rows.id.in_(ids),
        _rows.status == DeliveryStatus.PENDING,
        _rows.claimed_by == instance,
    )
    subscribers = subscriber_table.c
    subscribed = sa.exists().where(
        subscribers.chat_id == _rows.chat_id, subscribers.active.is_(True)
    )
    await connection.execute(
        sa.update(delivery_table)
        .where(*ours, ~subscribed)
        .values(status=DeliveryStatus.SKIPPED, error=LEFT, claimed_until=None, updated_at=now)
    )
    marked = await connection.execute(
        sa.update(delivery_table)
        .where(*ours)
        .values(status=DeliveryStatus.SENDING, claimed_until=now + lease, updated_at=now)
        .returning(_rows.id)
    )
    return {row.id for row in marked}


_RECORD = (
    sa.update(delivery_table)
    .where(
        _rows.id == sa.bindparam("row_id"),
        _rows.claimed_by == sa.bindparam("instance"),
        # `unconfirmed` too: a live but slow sender still records what really happened.
        sa.or_(_rows.status == DeliveryStatus.SENDING, _rows.status == DeliveryStatus.UNCONFIRMED),
    )
    .values(
        status=sa.bindparam("new_status"),
        attempts=_rows.attempts + sa.bindparam("counted", type_=sa.Integer()),
        next_attempt_at=sa.bindparam("due_at", type_=UTCDateTime()),
        message_id=sa.bindparam("sent_message_id", type_=sa.BigInteger()),
        error=sa.bindparam("error_text", type_=sa.String()),
        sent_at=sa.bindparam("sent_time", type_=UTCDateTime()),
        claimed_until=None,
        updated_at=sa.bindparam("now", type_=UTCDateTime()),
    )
)


async def record(
    *,
    connection: AsyncConnection,
    outcomes: Sequence[RowOutcome],
    blocked_chats: Sequence[int],
    instance: str,
    now: datetime,
) -> None:
    """Write the outcomes of many calls at once; deactivate the subscribers who blocked us."""
    if outcomes:
        await connection.execute(
            _RECORD,
            [
                {
                    "row_id": outcome.id,
                    "instance": instance,
                    "new_status": outcome.status,
                    "counted": int(outcome.counted),
                    "due_at": outcome.next_attempt_at,
                    "sent_message_id": outcome.message_id,
                    "error_text": outcome.error,
                    "sent_time": outcome.sent_at,
                    "now": now,
                }
                for outcome in outcomes
            ],
        )
    if blocked_chats:
        await connection.execute(
            sa.update(subscriber_table)
            .where(subscriber_table.c.chat_id.in_(blocked_chats))
            .values(active=False, updated_at=now)
        )


async def subscribed_chats(*, connection: AsyncConnection, chat_ids: Sequence[int]) -> set[int]:
    """Those of `chat_ids` still active subscribers: asked right before the sends, since rows
    are made when the announcement is confirmed and sent up to minutes later."""
    if not chat_ids:
        return set()
    subscribers = subscriber_table.c
    found = await connection.execute(
        sa.select(subscribers.chat_id).where(
            subscribers.chat_id.in_(chat_ids), subscribers.active.is_(True)
        )
    )
    return set(found.scalars())


async def expire_abandoned(
    *, connection: AsyncConnection, now: datetime, previous_life_of: str | None = None
) -> int:
    """Rows left `sending` by a dead sender become `unconfirmed`; they are never resent.

    A lease that ran out means its sender is gone; at start-up, rows of our own instance id
    are from our previous life and need not wait for their lease.
    """
    gone = _rows.claimed_until < now
    if previous_life_of is not None:
        gone = sa.or_(gone, _rows.claimed_by == previous_life_of)
    expired = await connection.execute(
        sa.update(delivery_table)
        .where(_rows.status == DeliveryStatus.SENDING, gone)
        .values(status=DeliveryStatus.UNCONFIRMED, error=ABANDONED, updated_at=now)
    )
    return expired.rowcount


async def release(*, connection: AsyncConnection, instance: str) -> int:
    """Give back the pending rows leased to `instance`, for any sender to take at once."""
    released = await connection.execute(
        sa.update(delivery_table)
        .where(_rows.status == DeliveryStatus.PENDING, _rows.claimed_by == instance)
        .values(claimed_by=None, claimed_until=None)
    )
    return released.rowcount


async def finish(*, connection: AsyncConnection, now: datetime) -> list[int]:
    """Mark done the announcements being sent whose rows are all final; returns their ids.

    A read finds the candidates first, so the write (and its lock) happens only at the end;
    the conditional UPDATE then lets exactly one instance report each announcement.
    """
    announcements = announcement_table.c
    no_open_rows = ~sa.exists().where(
        _rows.announcement_id == announcements.id, _rows.status.in_(OPEN)
    )
    sending = announcements.status == AnnouncementStatus.SENDING
    candidates = (
        await connection.execute(sa.select(announcements.id).where(sending, no_open_rows))
    ).scalars()
    ids = list(candidates)
    if not ids:
        return []
    finished = await connection.execute(
        sa.update(announcement_table)
        .where(announcements.id.in_(ids), sending, no_open_rows)
        .values(status=AnnouncementStatus.DONE, finished_at=now, updated_at=now)
        .returning(announcements.id)
    )
    return [row.id for row in finished]
