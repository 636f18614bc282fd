"""What one free-text search costs the database: a test so the count cannot creep back up.

Statements are counted where they leave for the database: SQLAlchemy's events for the engine's
connections, and the driver's own statement log (SQLite's trace callback, asyncpg's query
logger) for the connections held for the user gate's read and for button state, which
bypass SQLAlchemy.
"""

import asyncio
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.lifecycle import AnyApplication
from bot.services import Services
from bot.standin import SimUser
from bot.store.direct import HeldConnection
from tests.e2e.conftest import ask

# The user gate's one read (language and staff flag together). A list with a second page
# adds one write for its "more" button (INSERT, trimming DELETE, in one transaction).
STATEMENTS_PER_SEARCH = 1
STATEMENTS_PER_PAGED_SEARCH = STATEMENTS_PER_SEARCH + 2
TRANSACTION_CONTROL = re.compile(r"\s*(BEGIN|COMMIT|ROLLBACK)\b", re.IGNORECASE)


UPDATE_TASK = ":process_concurrent_update"  # PTB's name for the task handling one update


@contextmanager
def engine_statements(engine: AsyncEngine, seen: list[str]) -> Iterator[None]:
    """The statements that tasks handling updates issue (not the announcement sender's)."""

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        task = asyncio.current_task()
        if task is not None and task.get_name().endswith(UPDATE_TASK):
            seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


@asynccontextmanager
async def driver_statements(connection: HeldConnection, seen: list[str]) -> AsyncIterator[None]:
    """The statements a held connection sends, as its driver logs them."""
    driver = await connection.driver()

    def statement(sql: str) -> None:
        if not TRANSACTION_CONTROL.match(sql):  # as SQLAlchemy's events do not show them
            seen.append(sql)

    if connection.asyncpg:

        def logged(query: Any) -> None:
            statement(query.query)

        driver.add_query_logger(logged)
        try:
            yield
        finally:
            driver.remove_query_logger(logged)
    else:
        await driver.set_trace_callback(statement)
        try:
            yield
        finally:
            await driver.set_trace_callback(None)


@asynccontextmanager
async def statements_of(app: AnyApplication, user: SimUser) -> AsyncIterator[list[str]]:
    """Every statement sent while the block runs, after one warm-up update by `user`."""
    await ask(user, "/help")  # the gate opens its connection on the first update
    services: Services = app.bot_data["services"]
    seen: list[str] = []
    with engine_statements(services.engine, seen):
        async with (
            driver_statements(services.user_states.connection, seen),
            driver_statements(services.saved_values.connection, seen),
        ):
            yield seen


async def test_a_search_reads_the_user_once_and_nothing_else(
    app: AnyApplication, en_user: SimUser
) -> None:
    async with statements_of(app, en_user) as seen:
        reply = await ask(en_user, "mint honey")
    assert reply.text.startswith("🔎 Results for «mint honey»")
    assert len(seen) == STATEMENTS_PER_SEARCH, seen


async def test_a_paged_list_adds_only_the_state_of_its_more_button(
    app: AnyApplication, vi_user: SimUser
) -> None:
    async with statements_of(app, vi_user) as seen:
        reply = await ask(vi_user, "trà")
    assert reply.buttons[-1][0].text == "Xem thêm ›"
    assert len(seen) == STATEMENTS_PER_PAGED_SEARCH, seen
