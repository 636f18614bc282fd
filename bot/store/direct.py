"""Statements that run for most updates, on one connection held for them, straight through the
driver (aiosqlite or asyncpg).

Through a session the same statement costs over ten times the CPU: a pool check-out and its
rollback at check-in, greenlet switches, five hops to aiosqlite's thread. In `bench bot` the
gate's read and the save of a "more" button's state were the largest costs of a search update
besides the search. The connection never holds a transaction open between calls, so every
read sees what any instance committed before it.
"""

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

from bot.store.types import UTCDateTime

Result = TypeVar("Result")


@dataclass(frozen=True)
class Prepared:
    """A statement compiled for the engine's dialect, and its bind names in placeholder order."""

    sql: str
    names: tuple[str, ...]
    constants: Mapping[str, Any]  # the values the statement was written with (a LIMIT's)

    def params(self, values: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(
            values[name] if name in values else self.constants[name] for name in self.names
        )


class HeldConnection:
    """One connection of `engine`, used one statement (or one transaction) at a time."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self.asyncpg = engine.dialect.driver == "asyncpg"
        # UTCDateTime's own conversions for this dialect: aware UTC ↔ what the driver takes
        as_datetime = UTCDateTime().dialect_impl(engine.dialect)
        bind, result = (
            as_datetime.bind_processor(engine.dialect),
            as_datetime.result_processor(engine.dialect, None),
        )
        self.datetime_in: Callable[[Any], Any] = bind or _unchanged
        self.datetime_out: Callable[[Any], Any] = result or _unchanged
        self._connection: AsyncConnection | None = None
        self._driver: Any = None  # the driver's own connection under `_connection`
        self._lock = asyncio.Lock()

    def prepare(self, statement: ClauseElement) -> Prepared:
        compiled = cast(SQLCompiler, statement.compile(dialect=self._engine.dialect))
        return Prepared(str(compiled), tuple(compiled.positiontup or ()), compiled.params)

    async def fetch_row(
        self, statement: Prepared, values: Mapping[str, Any]
    ) -> Sequence[Any] | None:
        params = statement.params(values)

        async def fetch(driver: Any) -> Sequence[Any] | None:
            if self.asyncpg:
                return await driver.fetchrow(statement.sql, *params)  # type: ignore[no-any-return]
            rows = await driver.execute_fetchall(statement.sql, params)
            return rows[0] if rows else None

        return await self._run(fetch)

    async def execute(self, *steps: tuple[Prepared, Mapping[str, Any]]) -> None:
        """The statements in one transaction."""

        async def execute(driver: Any) -> None:
            if self.asyncpg:
                async with driver.transaction():
                    for statement, values in steps:
                        await driver.execute(statement.sql, *statement.params(values))
                return
            await driver.execute("BEGIN")
            for statement, values in steps:
                await driver.execute(statement.sql, statement.params(values))
            await driver.commit()

        await self._run(execute)

    async def _run(self, call: Callable[[Any], Awaitable[Result]]) -> Result:
        async with self._lock:
            try:
                return await self._on_driver(call)
            except Exception:
                # the server may have closed the held connection (a restart, an idle timeout):
                # once more on a new one; a second failure is the caller's error
                return await self._on_driver(call)

    async def _on_driver(self, call: Callable[[Any], Awaitable[Result]]) -> Result:
        if self._connection is None:
            self._connection = await self._engine.connect()
            self._driver = (await self._connection.get_raw_connection()).driver_connection
        try:
            return await call(self._driver)
        except BaseException:
            connection, self._connection = self._connection, None
            await connection.invalidate()  # a broken connection (or transaction) is never reused
            await connection.close()
            raise

    async def driver(self) -> Any:
        """The driver's connection (opened if need be), for a test to watch its statements."""
        async with self._lock:
            return await self._on_driver(_itself)

    async def close(self) -> None:
        async with self._lock:
            if self._connection is not None:
                await self._connection.close()
                self._connection = None


async def _itself(driver: Any) -> Any:
    return driver


def _unchanged(value: Any) -> Any:
    return value
