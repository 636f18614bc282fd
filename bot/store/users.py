"""Per-user state every instance shares: language, last shared location, saved button state."""

import asyncio
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, exists
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlmodel import SQLModel, col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.broadcast import Staff
from bot.store.models import BotUser, SavedValue
from bot.store.types import UTCDateTime, utc_now
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
    """`read_user_state` for the gate, which runs it for every update: the same statement on
    one connection it holds, straight through the driver (aiosqlite or asyncpg), in one call.

    Through a session the read cost over ten times the CPU: a pool check-out and its rollback
    at check-in, greenlet switches, five hops to aiosqlite's thread; in `bench bot` it was the
    largest cost of a search update besides the search. The connection never opens a
    transaction, so every read sees what any instance committed before it.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        compiled = _USER_STATE.compile(dialect=engine.dialect)
        self._sql = str(compiled)
        self._placeholders = len(compiled.positiontup or ())  # "?" each time, or "$1" once
        self._asyncpg = engine.dialect.driver == "asyncpg"
        # the column's own conversion: SQLite's text or asyncpg's naive value → aware UTC
        as_datetime = UTCDateTime().dialect_impl(engine.dialect)
        self._as_datetime = as_datetime.result_processor(engine.dialect, None)
        self._engine = engine
        self._connection: AsyncConnection | None = None
        self._lock = asyncio.Lock()  # one statement at a time on the held connection

    async def read(self, user_id: int) -> UserState:
        params = (user_id,) * self._placeholders
        async with self._lock:
            try:
                row = await self._fetch(params)
            except Exception:
                # the server may have closed the held connection (a restart, an idle timeout):
                # once more on a new one; a second failure is the update's error
                row = await self._fetch(params)
        return UserState(
            language=row[0],
            in_staff_table=bool(row[1]),
            report_pending=row[2],
            report_asked_at=self._as_datetime(row[3]) if self._as_datetime else row[3],
        )

    async def _fetch(self, params: tuple[int, ...]) -> Sequence[Any]:
        if self._connection is None:
            self._connection = await self._engine.connect()
        try:
            driver = (await self._connection.get_raw_connection()).driver_connection
            if self._asyncpg:
                return await driver.fetchrow(self._sql, *params)  # type: ignore[no-any-return,union-attr]
            rows = await driver.execute_fetchall(self._sql, params)  # type: ignore[union-attr]
            return rows[0]  # type: ignore[no-any-return]
        except BaseException:
            connection, self._connection = self._connection, None
            await connection.invalidate()  # a broken connection is never reused
            await connection.close()
            raise

    async def close(self) -> None:
        async with self._lock:
            if self._connection is not None:
                await self._connection.close()
                self._connection = None


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
            col(SavedValue.token) != STAFF_DIALOGUE,
        )
    )
    await session.commit()
    return token


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
