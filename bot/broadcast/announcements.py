"""Announcements: draft, audience, confirm or schedule, cancel, list, and the report at the end."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.broadcast import (
    Announcement,
    AnnouncementStatus,
    Audience,
    DeliveryStatus,
    Topic,
    announcement_table,
    delivery_table,
    subscriber_table,
)
from bot.store.types import UTCDateTime, utc_now

ENQUEUE_BATCH = 5000
OPEN = (AnnouncementStatus.DRAFT, AnnouncementStatus.SCHEDULED)
UNFINISHED = (*OPEN, AnnouncementStatus.QUEUED, AnnouncementStatus.SENDING)


@dataclass(frozen=True)
class BroadcastReport:
    """An announcement with its deliveries counted per status."""

    announcement: Announcement
    counts: Mapping[DeliveryStatus, int]

    @property
    def recipients(self) -> int:
        return sum(self.counts.values())

    @property
    def duration(self) -> timedelta | None:
        """From the start of sending to the last final row (or the cancel)."""
        started, finished = self.announcement.started_at, self.announcement.finished_at
        return None if started is None or finished is None else finished - started


def _audience_filter(audience: Audience, value: str | None) -> sa.ColumnElement[bool]:
    """Active subscribers in the audience, as a WHERE clause on the subscriber table."""
    columns = subscriber_table.c
    active = columns.active.is_(True)
    if audience is Audience.EVERYONE:
        return active
    if audience is Audience.TOPIC:
        listed = (sa.literal(",") + columns.topics + sa.literal(",")).contains(f",{value},")
        return sa.and_(active, listed)
    return sa.and_(active, columns.home_ward_code == value)


def _check_audience(audience: Audience, value: str | None) -> None:
    if audience is Audience.EVERYONE and value is not None:
        raise ValueError("an announcement to everyone takes no audience value")
    if audience is Audience.TOPIC and value not in set(Topic):
        raise ValueError(f"unknown topic {value!r}")
    if audience is Audience.WARD and not value:
        raise ValueError("an announcement to a ward needs the ward code")


async def create_announcement(
    *,
    session: AsyncSession,
    text: str,
    audience: Audience,
    audience_value: str | None = None,
    photo: str | None = None,
    created_by: int,
    language: str = "vi",
    source: str = "staff",
) -> Announcement:
    """A draft: nothing is sent until it is confirmed or scheduled. `source` "catalog": drafted
    by `catalog load` (created_by 0), offered to staff once by the bot."""
    _check_audience(audience, audience_value)
    announcement = Announcement(
        text=text,
        photo=photo,
        audience=audience,
        audience_value=audience_value,
        created_by=created_by,
        language=language,
        source=source,
    )
    session.add(announcement)
    await session.commit()
    return announcement


async def audience_count(
    *, session: AsyncSession, audience: Audience, audience_value: str | None = None
) -> int:
    """How many active subscribers an announcement to this audience would reach now."""
    _check_audience(audience, audience_value)
    query = sa.select(sa.func.count()).select_from(subscriber_table)
    connection = await session.connection()
    found = await connection.execute(query.where(_audience_filter(audience, audience_value)))
    return int(found.scalar_one())


async def announcement_audience_count(*, session: AsyncSession, announcement_id: int) -> int:
    """How many active subscribers the announcement would reach now (0 when it is unknown)."""
    found = await session.get(Announcement, announcement_id, populate_existing=True)
    if found is None:
        return 0
    return await audience_count(
        session=session, audience=found.audience, audience_value=found.audience_value
    )


async def adopt(*, session: AsyncSession, announcement_id: int, user_id: int) -> None:
    """A staff member takes on a draft `catalog load` made: the report at the end goes to them."""
    await session.exec(
        sa.update(announcement_table)
        .where(announcement_table.c.id == announcement_id, announcement_table.c.created_by == 0)
        .values(created_by=user_id)
    )
    await session.commit()


async def take_catalog_drafts(*, session: AsyncSession) -> list[Announcement]:
    """Drafts `catalog load` made that no instance has offered to staff yet, marked offered:
    a conditional UPDATE, so each is offered once across instances."""
    columns = announcement_table.c
    taken = await session.exec(
        sa.update(announcement_table)
        .where(
            columns.source == "catalog",
            columns.offered_at.is_(None),
            columns.status == AnnouncementStatus.DRAFT,
        )
        .values(offered_at=utc_now())
        .returning(columns.id)
    )
    ids = [row.id for row in taken]
    await session.commit()
    found = await session.exec(select(Announcement).where(col(Announcement.id).in_(ids)))
    return sorted(found.all(), key=lambda announcement: announcement.id or 0)


async def confirm(
    *, session: AsyncSession, announcement_id: int, batch_size: int = ENQUEUE_BATCH
) -> bool:
    """Queue a draft now: one delivery row per matching active subscriber. False if not a draft."""
    queued = await _set_status(
        session=session,
        announcement_id=announcement_id,
        status=AnnouncementStatus.QUEUED,
        only_from=(AnnouncementStatus.DRAFT,),
    )
    if queued:
        await enqueue(session=session, announcement_id=announcement_id, batch_size=batch_size)
    return queued


async def schedule(*, session: AsyncSession, announcement_id: int, at: datetime) -> bool:
    """Send a draft (or re-time a scheduled one) at `at`, an aware datetime; False if too late."""
    if at.tzinfo is None:
        raise ValueError("pass an aware datetime (Asia/Ho_Chi_Minh or UTC)")
    return await _set_status(
        session=session,
        announcement_id=announcement_id,
        status=AnnouncementStatus.SCHEDULED,
        only_from=OPEN,
        scheduled_at=at,
    )


async def cancel(*, session: AsyncSession, announcement_id: int) -> bool:
    """Stop an unfinished announcement: its pending deliveries become cancelled at once.

    Rows already being sent finish; the sender checks each row just before sending it, so
    at most the sender's concurrency of messages go out after this returns.
    """
    cancelled = await _set_status(
        session=session,
        announcement_id=announcement_id,
        status=AnnouncementStatus.CANCELLED,
        only_from=UNFINISHED,
        finished_at=utc_now(),
        commit=False,
    )
    if cancelled:
        await session.exec(
            sa.update(delivery_table)
            .where(
                delivery_table.c.announcement_id == announcement_id,
                delivery_table.c.status == DeliveryStatus.PENDING,
            )
            .values(status=DeliveryStatus.CANCELLED, updated_at=utc_now())
        )
    await session.commit()
    return cancelled


async def due_scheduled(
    *, session: AsyncSession, now: datetime, batch_size: int = ENQUEUE_BATCH
) -> list[int]:
    """Fire the scheduled announcements due at `now`; each one fires once across all senders.

    The conditional UPDATE flips scheduled to queued: of two instances running it at the same
    moment, only one sees the row still scheduled.
    """
    fired = await session.exec(
        sa.update(announcement_table)
        .where(
            announcement_table.c.status == AnnouncementStatus.SCHEDULED,
            announcement_table.c.scheduled_at <= now,
        )
        .values(status=AnnouncementStatus.QUEUED, updated_at=now)
        .returning(announcement_table.c.id)
    )
    ids = [row.id for row in fired]
    await session.commit()
    for announcement_id in ids:
        await enqueue(session=session, announcement_id=announcement_id, batch_size=batch_size)
    return ids


async def enqueue(
    *, session: AsyncSession, announcement_id: int, batch_size: int = ENQUEUE_BATCH
) -> None:
    """Create the delivery rows of a queued announcement, then mark it sending.

    Rows are made with INSERT … SELECT over one range of subscriber ids per transaction, so no
    subscriber is loaded into memory and the write lock is held briefly. Each batch first
    advances `enqueued_through` with a compare-and-set: after a crash any sender resumes where
    it stopped, and two creators never insert the same range. A cancel waits for the batch in
    progress and then finds (and cancels) its rows.
    """
    columns = announcement_table.c
    this = columns.id == announcement_id
    connection = await session.connection()
    audience, value, after = (
        await connection.execute(
            sa.select(columns.audience, columns.audience_value, columns.enqueued_through).where(
                this
            )
        )
    ).one()
    last_id = (await connection.execute(sa.select(sa.func.max(subscriber_table.c.id)))).scalar()
    while after < (last_id or 0):
        upper = after + batch_size
        connection = await session.connection()
        advanced = await connection.execute(
            sa.update(announcement_table)
            .where(
                this, columns.status == AnnouncementStatus.QUEUED, columns.enqueued_through == after
            )
            .values(enqueued_through=upper, updated_at=utc_now())
        )
        if advanced.rowcount:
            await connection.execute(
                _insert_deliveries(announcement_id, audience, value, after, upper)
            )
            after = upper
        else:
            status, after = (
                await connection.execute(
                    sa.select(columns.status, columns.enqueued_through).where(this)
                )
            ).one()
            if status != AnnouncementStatus.QUEUED:
                await session.commit()
                return
        await session.commit()
    await _set_status(
        session=session,
        announcement_id=announcement_id,
        status=AnnouncementStatus.SENDING,
        only_from=(AnnouncementStatus.QUEUED,),
        started_at=utc_now(),
    )


async def stalled_enqueues(*, session: AsyncSession, idle_since: datetime) -> list[int]:
    """Queued announcements whose row creation made no progress since `idle_since`: their
    creator died (a crash during confirm) and `enqueue` should resume them."""
    columns = announcement_table.c
    connection = await session.connection()
    stalled = await connection.execute(
        sa.select(columns.id).where(
            columns.status == AnnouncementStatus.QUEUED, columns.updated_at <= idle_since
        )
    )
    return list(stalled.scalars())


def _insert_deliveries(
    announcement_id: int, audience: Audience, value: str | None, after: int, upper: int
) -> sa.Insert:
    now = sa.literal(utc_now(), UTCDateTime())
    subscribers = subscriber_table.c
    chosen = sa.select(
        sa.literal(announcement_id),
        subscribers.chat_id,
        sa.literal(DeliveryStatus.PENDING.value),
        sa.literal(0),
        now,
        now,
        now,
    ).where(_audience_filter(audience, value), subscribers.id > after, subscribers.id <= upper)
    names = (
        "announcement_id",
        "chat_id",
        "status",
        "attempts",
        "next_attempt_at",
        "created_at",
        "updated_at",
    )
    return sa.insert(delivery_table).from_select(names, chosen)


async def list_announcements(*, session: AsyncSession, limit: int = 20) -> list[BroadcastReport]:
    """The newest announcements, each with its delivery counts."""
    newest = (
        select(Announcement)
        .order_by(col(Announcement.id).desc())
        .limit(limit)
        .execution_options(populate_existing=True)
    )
    announcements = list((await session.exec(newest)).all())
    counts = await _counts(session=session, ids=[a.id for a in announcements if a.id])
    return [BroadcastReport(a, counts.get(a.id or 0, {})) for a in announcements]


async def broadcast_report(
    *, session: AsyncSession, announcement_id: int
) -> BroadcastReport | None:
    announcement = await session.get(Announcement, announcement_id, populate_existing=True)
    if announcement is None:
        return None
    counts = await _counts(session=session, ids=[announcement_id])
    return BroadcastReport(announcement, counts.get(announcement_id, {}))


async def _counts(*, session: AsyncSession, ids: list[int]) -> dict[int, dict[DeliveryStatus, int]]:
    columns = delivery_table.c
    connection = await session.connection()
    rows = await connection.execute(
        sa.select(columns.announcement_id, columns.status, sa.func.count())
        .where(columns.announcement_id.in_(ids))
        .group_by(columns.announcement_id, columns.status)
    )
    counts: dict[int, dict[DeliveryStatus, int]] = {}
    for announcement_id, status, count in rows:
        counts.setdefault(announcement_id, {})[DeliveryStatus(status)] = count
    return counts


async def _set_status(
    *,
    session: AsyncSession,
    announcement_id: int,
    status: AnnouncementStatus,
    only_from: tuple[AnnouncementStatus, ...],
    commit: bool = True,
    **values: object,
) -> bool:
    """Move the announcement to `status` if it is in one of `only_from`: a conditional UPDATE."""
    changed = await session.exec(
        sa.update(announcement_table)
        .where(
            announcement_table.c.id == announcement_id,
            announcement_table.c.status.in_(only_from),
        )
        .values(status=status, updated_at=utc_now(), **values)
    )
    if commit:
        await session.commit()
    return bool(changed.rowcount)
