"""The async engine and sessions. One session per unit of work (an update, a CLI command)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

# Importing the table modules registers their tables on SQLModel.metadata.
from bot.store import broadcast, insight, models, rate, reports  # noqa: F401
from bot.store.migrate import ensure_current, upgrade


def create_engine(database_url: str) -> AsyncEngine:
    """An engine for `database_url`; for SQLite, creates the file's folder and turns on WAL."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return create_async_engine(url, pool_pre_ping=True)
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine.sync_engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    return engine


async def create_current_engine(database_url: str) -> AsyncEngine:
    """An engine for a database at the latest schema revision; `SchemaOutdatedError` (which
    says what to run) otherwise. A long-running process starts with this, never migrating."""
    engine = create_engine(database_url)
    try:
        await ensure_current(engine)
    except BaseException:
        await engine.dispose()
        raise
    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


@asynccontextmanager
async def open_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    try:
        yield engine
    finally:
        await engine.dispose()


@asynccontextmanager
async def open_session(database_url: str) -> AsyncIterator[AsyncSession]:
    """An engine and one session for a short-lived command, on a database brought up to the
    latest schema revision first (a new SQLite file included); both closed on exit."""
    async with open_engine(database_url) as engine:
        await upgrade(engine)
        async with session_factory(engine)() as session:
            yield session
