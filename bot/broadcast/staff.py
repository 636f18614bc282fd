"""Staff: Telegram user ids allowed to announce (the STAFF_IDS setting plus the staff table)."""

from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.broadcast import Staff


async def add_staff(*, session: AsyncSession, user_id: int, added_by: int | None) -> bool:
    """Add `user_id`; False when they were staff already."""
    if (await session.exec(select(Staff.id).where(Staff.user_id == user_id))).first():
        return False
    session.add(Staff(user_id=user_id, added_by=added_by))
    await session.commit()
    return True


async def list_staff(*, session: AsyncSession) -> list[Staff]:
    return list((await session.exec(select(Staff).order_by(col(Staff.added_at)))).all())


async def remove_staff(*, session: AsyncSession, user_id: int) -> bool:
    """Remove `user_id` from the table; False when they were not in it."""
    result = await session.exec(delete(Staff).where(col(Staff.user_id) == user_id))
    await session.commit()
    return result.rowcount > 0
