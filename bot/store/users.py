"""Per-user preferences."""

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import BotUser


async def get_language(*, session: AsyncSession, user_id: int) -> str | None:
    user = await session.get(BotUser, user_id)
    return user.language if user else None


async def set_language(*, session: AsyncSession, user_id: int, language: str) -> None:
    user = await session.get(BotUser, user_id) or BotUser(user_id=user_id, language=language)
    user.language = language
    session.add(user)
    await session.commit()
