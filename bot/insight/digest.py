"""The weekly digest: staff who opted in get the insight every Monday at 08:00 Vietnam time,
exactly once across all instances (the week's row in `digestweek` is the claim)."""

from datetime import date, datetime, time, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.geo.hanoi import VIETNAM_TIME
from bot.store.insight import DigestReader, DigestWeek

SEND_AT = time(8, 0)  # Monday, Vietnam time
DIGEST_DAYS = 7


def week_due(now: datetime) -> date | None:
    """The Monday of this Vietnam week, once its digest time has passed; None before."""
    local = now.astimezone(VIETNAM_TIME)
    monday = local.date() - timedelta(days=local.weekday())
    due_at = datetime.combine(monday, SEND_AT, tzinfo=VIETNAM_TIME)
    return monday if local >= due_at else None


async def claim_week(
    *, session: AsyncSession, week_start: date, instance: str, readers: int
) -> bool:
    """Take the week's digest for this instance; False when another instance already did."""
    session.add(DigestWeek(week_start=week_start, sent_by=instance, readers=readers))
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        return False
    return True


async def week_sent(*, session: AsyncSession, week_start: date) -> bool:
    return await session.get(DigestWeek, week_start) is not None


async def set_reader(*, session: AsyncSession, user_id: int, language: str, on: bool) -> None:
    """Opt `user_id` in to the weekly digest (in `language`), or out of it."""
    await session.exec(delete(DigestReader).where(col(DigestReader.user_id) == user_id))
    if on:
        session.add(DigestReader(user_id=user_id, language=language))
    await session.commit()


async def is_reader(*, session: AsyncSession, user_id: int) -> bool:
    return await session.get(DigestReader, user_id) is not None


async def readers(*, session: AsyncSession) -> list[DigestReader]:
    return list((await session.exec(select(DigestReader))).all())
