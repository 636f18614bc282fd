"""What one free-text search costs the database: a test so the count cannot creep back up."""

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.lifecycle import AnyApplication
from bot.services import Services
from bot.standin import SimUser
from tests.e2e.conftest import ask

# The user gate's one read (language and staff flag together). A list with a second page
# adds one write for its "more" button (INSERT, trimming DELETE).
STATEMENTS_PER_SEARCH = 1
STATEMENTS_PER_PAGED_SEARCH = STATEMENTS_PER_SEARCH + 2


UPDATE_TASK = ":process_concurrent_update"  # PTB's name for the task handling one update


@contextmanager
def statements_of(engine: AsyncEngine) -> Iterator[list[str]]:
    """The statements that tasks handling updates issue (not the announcement sender's)."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        task = asyncio.current_task()
        if task is not None and task.get_name().endswith(UPDATE_TASK):
            seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


def engine_of(app: AnyApplication) -> AsyncEngine:
    services: Services = app.bot_data["services"]
    return services.engine


async def test_a_search_reads_the_user_once_and_nothing_else(
    app: AnyApplication, en_user: SimUser
) -> None:
    with statements_of(engine_of(app)) as seen:
        reply = await ask(en_user, "mint honey")
    assert reply.text.startswith("🔎 Results for «mint honey»")
    assert len(seen) == STATEMENTS_PER_SEARCH, seen


async def test_a_paged_list_adds_only_the_state_of_its_more_button(
    app: AnyApplication, vi_user: SimUser
) -> None:
    with statements_of(engine_of(app)) as seen:
        reply = await ask(vi_user, "trà")
    assert reply.buttons[-1][0].text == "Xem thêm ›"
    assert len(seen) == STATEMENTS_PER_PAGED_SEARCH, seen
