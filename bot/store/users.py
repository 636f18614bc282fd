"""Per-user state every instance shares: language, last shared location, saved button state."""

import json
import secrets
from typing import Any

from sqlmodel import SQLModel, col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.broadcast import utc_now
from bot.store.models import BotUser, SavedValue
from bot.store.upsert import upsert

SAVED_PER_USER = 20
# Named values (not 8 hex digits, so never a button token) that the trimming leaves alone.
ANNOUNCE_DIALOGUE = "announce"  # a staff member's /announce in progress


_users = SQLModel.metadata.tables["botuser"]
_saved = SQLModel.metadata.tables["savedvalue"]


async def get_language(*, session: AsyncSession, user_id: int) -> str | None:
    user = await session.get(BotUser, user_id)
    return user.language if user else None


async def set_language(*, session: AsyncSession, user_id: int, language: str) -> None:
    await _set_user(session, user_id, language=language)


async def get_location(*, session: AsyncSession, user_id: int) -> tuple[float, float] | None:
    user = await session.get(BotUser, user_id)
    if user is None or user.latitude is None or user.longitude is None:
        return None
    return user.latitude, user.longitude


async def set_location(
    *, session: AsyncSession, user_id: int, location: tuple[float, float]
) -> None:
    latitude, longitude = location
    await _set_user(session, user_id, latitude=latitude, longitude=longitude)


async def _set_user(session: AsyncSession, user_id: int, **values: object) -> None:
    await upsert(session, _users, {"user_id": user_id, **values}, key=["user_id"], update=values)
    await session.commit()


async def save_value(*, session: AsyncSession, user_id: int, value: Any) -> str:
    """Keep the JSON-serialisable `value` under a new 8-hex-digit token; this user's oldest
    tokens beyond SAVED_PER_USER are deleted."""
    token = secrets.token_hex(4)
    session.add(SavedValue(user_id=user_id, token=token, value=json.dumps(value)))
    await session.flush()
    keep = (
        select(SavedValue.token)
        .where(SavedValue.user_id == user_id)
        .order_by(col(SavedValue.created_at).desc())
        .limit(SAVED_PER_USER)
    )
    await session.exec(
        delete(SavedValue).where(
            col(SavedValue.user_id) == user_id,
            col(SavedValue.token).not_in(keep),
            col(SavedValue.token) != ANNOUNCE_DIALOGUE,
        )
    )
    await session.commit()
    return token


async def load_value(*, session: AsyncSession, user_id: int, token: str) -> Any:
    """The value saved under `token` for this user, or None when it is unknown or was dropped."""
    saved = await session.get(SavedValue, (user_id, token))
    return json.loads(saved.value) if saved else None


async def put_value(*, session: AsyncSession, user_id: int, token: str, value: Any) -> None:
    """Keep `value` under a named `token` such as ANNOUNCE_DIALOGUE (replacing what was there)."""
    text = json.dumps(value)
    await upsert(
        session,
        _saved,
        {"user_id": user_id, "token": token, "value": text, "created_at": utc_now()},
        key=["user_id", "token"],
        update={"value": text},
    )
    await session.commit()


async def drop_value(*, session: AsyncSession, user_id: int, token: str) -> None:
    await session.exec(
        delete(SavedValue).where(col(SavedValue.user_id) == user_id, col(SavedValue.token) == token)
    )
    await session.commit()
