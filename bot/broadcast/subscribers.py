"""Subscribers: who asked for announcements, on which topics, near which home ward."""

from collections.abc import Iterable

from sqlalchemy import update
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.broadcast import Subscriber, Topic, subscriber_table
from bot.store.types import utc_now
from bot.store.upsert import upsert


def topics_value(topics: Iterable[Topic]) -> str:
    """How a set of topics is stored: sorted values joined by commas."""
    return ",".join(sorted({Topic(topic).value for topic in topics}))


async def get_subscriber(*, session: AsyncSession, chat_id: int) -> Subscriber | None:
    return (await session.exec(select(Subscriber).where(Subscriber.chat_id == chat_id))).first()


async def subscribe(
    *, session: AsyncSession, chat_id: int, language: str, topics: Iterable[Topic]
) -> Subscriber:
    """Subscribe `chat_id` to `topics` (or change them); an inactive subscriber becomes active."""
    wanted = topics_value(topics)
    if not wanted:
        raise ValueError("choose at least one topic")
    now = utc_now()
    changes = {"language": language, "topics": wanted, "active": True, "updated_at": now}
    await upsert(
        session,
        subscriber_table,
        {"chat_id": chat_id, "created_at": now, **changes},
        key=["chat_id"],
        update=changes,
    )
    await session.commit()
    subscriber = (
        await session.exec(
            select(Subscriber)
            .where(Subscriber.chat_id == chat_id)
            .execution_options(populate_existing=True)
        )
    ).one()
    return subscriber


async def unsubscribe(*, session: AsyncSession, chat_id: int) -> bool:
    """Forget the subscriber entirely; False when there was none."""
    result = await session.exec(delete(Subscriber).where(col(Subscriber.chat_id) == chat_id))
    await session.commit()
    return result.rowcount > 0


async def set_topics(
    *, session: AsyncSession, chat_id: int, topics: Iterable[Topic]
) -> Subscriber | None:
    wanted = topics_value(topics)
    if not wanted:
        raise ValueError("choose at least one topic, or unsubscribe")
    return await _change(session=session, chat_id=chat_id, topics=wanted)


async def set_home_ward(
    *, session: AsyncSession, chat_id: int, ward_code: str | None
) -> Subscriber | None:
    """Set (or clear, with None) the 2025 ward whose local news the subscriber wants."""
    return await _change(session=session, chat_id=chat_id, home_ward_code=ward_code)


async def deactivate(*, session: AsyncSession, chat_ids: Iterable[int]) -> int:
    """Stop sending to chats that blocked the bot (403 or chat not found); how many changed."""
    return await _set_active(session=session, chat_ids=chat_ids, active=False)


async def reactivate(*, session: AsyncSession, chat_id: int) -> bool:
    """The user is back (unblocked the bot, pressed /start): send to them again."""
    return await _set_active(session=session, chat_ids=[chat_id], active=True) > 0


async def _change(*, session: AsyncSession, chat_id: int, **values: object) -> Subscriber | None:
    subscriber = await get_subscriber(session=session, chat_id=chat_id)
    if subscriber is None:
        return None
    for name, value in values.items():
        setattr(subscriber, name, value)
    subscriber.updated_at = utc_now()
    session.add(subscriber)
    await session.commit()
    return subscriber


async def _set_active(*, session: AsyncSession, chat_ids: Iterable[int], active: bool) -> int:
    ids = list(chat_ids)
    if not ids:
        return 0
    result = await session.exec(
        update(subscriber_table)
        .where(subscriber_table.c.chat_id.in_(ids), subscriber_table.c.active.is_not(active))
        .values(active=active, updated_at=utc_now())
    )
    await session.commit()
    return result.rowcount
