"""Per-user state every instance shares: language, last shared location, saved button state."""

import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, exists, insert
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel, col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.broadcast import Staff
from bot.store.direct import HeldConnection
from bot.store.models import BotUser, SavedValue
from bot.store.types import utc_now
from bot.store.upsert import upsert

SAVED_PER_USER = 20
# Named values (not 8 hex digits, so never a button token) that the trimming leaves alone.
STAFF_DIALOGUE = "dialogue"  # a staff member's /announce or /event in progress


@dataclass(frozen=True)
class UserState:
    """What every update needs to know about its user, read in one statement."""

    language: str | None  # "vi" or "en" as chosen; None: follow the Telegram app
    in_staff_table: bool  # added with `staff add` (the STAFF_IDS setting is checked apart)
    report_pending: str | None = None  # a card whose problem the user was asked to describe
    report_asked_at: datetime | None = None


# Built once: the gate runs this for every update, and building it costs more than running it.
def _user_column(column: Any) -> Any:
    return select(column).where(BotUser.user_id == bindparam("user_id")).scalar_subquery()


_USER_STATE = select(
    _user_column(BotUser.language),
    exists().where(col(Staff.user_id) == bindparam("user_id")),
    _user_column(BotUser.report_pending),
    _user_column(BotUser.report_asked_at),
)


async def read_user_state(*, session: AsyncSession, user_id: int) -> UserState:
    row = (await session.exec(_USER_STATE, params={"user_id": user_id})).one()
    return UserState(
        language=row[0], in_staff_table=bool(row[1]), report_pending=row[2], report_asked_at=row[3]
    )


class UserStateReader:
    """`read_user_state` for the gate, which runs it for every update: on a held connection,
    straight through the driver (see `bot.store.direct`)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.connection = HeldConnection(engine)
        self._statement = self.connection.prepare(_USER_STATE)

    async def read(self, user_id: int) -> UserState:
        row = await self.connection.fetch_row(self._statement, {"user_id": user_id})
        assert row is not None  # a SELECT of subqueries has one row
        return UserState(
            language=row[0],
            in_staff_table=bool(row[1]),
            report_pending=row[2],
            report_asked_at=self.connection.datetime_out(row[3]),
        )

    async def close(self) -> None:
        await self.connection.close()


_users = SQLModel.metadata.tables["botuser"]
_saved = SQLModel.metadata.tables["savedvalue"]


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


_SAVE = insert(SavedValue).values(
    user_id=bindparam("user_id"),
    token=bindparam("token"),
    value=bindparam("value"),
    created_at=bindparam("created_at"),
)
# this user's newest SAVED_PER_USER values stay (the staff dialogue always does)
_TRIM = delete(SavedValue).where(
    col(SavedValue.user_id) == bindparam("user_id"),
    col(SavedValue.token).not_in(
        select(SavedValue.token)
        .where(SavedValue.user_id == bindparam("user_id"))
        .order_by(col(SavedValue.created_at).desc())
        .limit(SAVED_PER_USER)
    ),
    col(SavedValue.token) != STAFF_DIALOGUE,
)
_LOAD = select(SavedValue.value).where(
    SavedValue.user_id == bindparam("user_id"), SavedValue.token == bindparam("token")
)


class SavedValues:
    """Button state under short tokens, for the handlers of most updates: on a held connection,
    straight through the driver (see `bot.store.direct`)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.connection = HeldConnection(engine)
        self._save, self._trim, self._load = map(self.connection.prepare, (_SAVE, _TRIM, _LOAD))

    async def save(self, user_id: int, value: Any) -> str:
        """Keep the JSON-serialisable `value` under a new 8-hex-digit token; this user's oldest
        tokens beyond SAVED_PER_USER are deleted."""
        token = secrets.token_hex(4)
        row = {
            "user_id": user_id,
            "token": token,
            "value": json.dumps(value),
            "created_at": self.connection.datetime_in(utc_now()),
        }
        await self.connection.execute((self._save, row), (self._trim, {"user_id": user_id}))
        return token

    async def load(self, user_id: int, token: str) -> Any:
        """The value saved under `token` for this user, or None when it is unknown or was
        dropped (JSON types: lists, not tuples)."""
        row = await self.connection.fetch_row(self._load, {"user_id": user_id, "token": token})
        return json.loads(row[0]) if row else None

    async def close(self) -> None:
        await self.connection.close()


async def load_value(*, session: AsyncSession, user_id: int, token: str) -> Any:
    """The value saved under `token` for this user, or None when it is unknown or was dropped."""
    saved = await session.get(SavedValue, (user_id, token))
    return json.loads(saved.value) if saved else None


async def put_value(*, session: AsyncSession, user_id: int, token: str, value: Any) -> None:
    """Keep `value` under a named `token` such as STAFF_DIALOGUE (replacing what was there)."""
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
