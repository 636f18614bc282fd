"""Staff: Telegram user ids allowed to announce (the STAFF_IDS setting plus the staff table)."""

from sqlmodel import SQLModel, col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.broadcast import Staff
from bot.store.types import utc_now
from bot.store.upsert import upsert

_staff = SQLModel.metadata.tables["staff"]


async def add_staff(*, session: AsyncSession, user_id: int, added_by: int | None) -> bool:
    """Add `user_id`; False when they were staff already."""
    row = {"user_id": user_id, "added_by": added_by, "added_at": utc_now()}
    added = await upsert(session, _staff, row, key=["user_id"])
    await session.commit()
    return added > 0


async def list_staff(*, session: AsyncSession) -> list[Staff]:
    return list((await session.exec(select(Staff).order_by(col(Staff.added_at)))).all())


async def remove_staff(*, session: AsyncSession, user_id: int) -> bool:
    """Remove `user_id` from the table; False when they were not in it."""
    result = await session.exec(delete(Staff).where(col(Staff.user_id) == user_id))
    await session.commit()
    return result.rowcount > 0
