"""Databases for the tests: SQLite files, or PostgreSQL databases with TEST_DATABASE=postgresql.

A test that takes `database_url` gets a database of its own at the latest schema revision. The
migrations run once per session into a template; each test gets a copy (a file copy on
SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL, dropped after the test). With
TEST_DATABASE=postgresql only the tests that use a database run: the others cannot differ.
PostgreSQL is TEST_POSTGRES_URL (default: the local server); when it cannot be reached the
tests skip and say why, except under CI (CI=true), where that is a failure.
"""

import asyncio
import contextlib
import itertools
import os
import shutil
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

import asyncpg  # type: ignore[import-untyped]
import pytest
from sqlalchemy.engine import URL, make_url

from bot.catalog.load import load_catalog
from bot.config import DEFAULT_CATALOG_DIR
from bot.store.db import open_engine, open_session
from bot.store.migrate import upgrade

TEST_DATABASE = os.environ.get("TEST_DATABASE", "sqlite")
POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
SPARE_COPIES = 2  # copies of a template made ahead, for the next tests
PREFIX = "ocop_test_"  # then the process id: ocop_test_<pid>_<n>
ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

SKIPPED_BECAUSE: list[str] = []  # said once at the end, not under every skipped test
NewDatabase = Callable[[str | None], Awaitable[str]]


class Databases(Protocol):
    """Makes throwaway databases: empty, or copies of a template database."""

    async def create(self, *, template: str | None = None) -> str:
        """A new database's URL: empty (no tables), or a copy of the database at `template`."""
        ...

    async def drop(self, url: str) -> None: ...


class SqliteFiles:
    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._numbers = itertools.count(1)

    async def create(self, *, template: str | None = None) -> str:
        path = self._directory / f"db{next(self._numbers)}.sqlite3"
        if template is not None:
            source = make_url(template).database
            assert source is not None
            shutil.copy(source, path)
        return f"sqlite+aiosqlite:///{path}"

    async def drop(self, url: str) -> None:
        database = make_url(url).database
        assert database is not None
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(database + suffix)


class PostgresDatabases:
    """Databases named after this process, so parallel runs never touch each other's."""

    def __init__(self, server_url: str) -> None:
        self._server = make_url(server_url)
        self._prefix = f"{PREFIX}{os.getpid()}_"
        self._numbers = itertools.count(1)
        # CREATE and DROP DATABASE take 0.1-0.4 s, mostly the server's disk work: threads make
        # the next test's copy of a template, and drop the last one, while this test runs.
        self._maker = ThreadPoolExecutor(max_workers=2, thread_name_prefix="test-databases")
        self._spares: dict[str, list[Future[str]]] = defaultdict(list)

    async def create(self, *, template: str | None = None) -> str:
        if template is None:
            return await self._create(None)
        spares = self._spares[template]
        made = spares.pop(0) if spares else self._maker.submit(asyncio.run, self._create(template))
        while len(spares) < SPARE_COPIES:
            spares.append(self._maker.submit(asyncio.run, self._create(template)))
        return await asyncio.wrap_future(made)

    async def _create(self, template: str | None) -> str:
        name = f"{self._prefix}{next(self._numbers)}"
        copying = f' TEMPLATE "{make_url(template).database}"' if template else ""
        await self._run(f'CREATE DATABASE "{name}"{copying}')
        return self._server.set(database=name).render_as_string(hide_password=False)

    async def drop(self, url: str) -> None:
        """Drop the database in the background: the next test need not wait for it."""
        statement = f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'
        self._maker.submit(asyncio.run, self._run(statement))

    async def drop_ours(self) -> None:
        self._maker.shutdown(wait=True)
        await self._drop_where(lambda name: name.startswith(self._prefix))

    async def drop_leftovers(self) -> None:
        """Drop the databases of test runs that died before cleaning up."""
        await self._drop_where(lambda name: not _alive(int(name.split("_")[2])))

    async def _drop_where(self, doomed: Callable[[str], bool]) -> None:
        connection = await self._admin()
        try:
            rows = await connection.fetch(
                "SELECT datname FROM pg_database WHERE starts_with(datname, $1)", PREFIX
            )
            for name in (row["datname"] for row in rows):
                if doomed(name):
                    await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await connection.close()

    async def _run(self, statement: str) -> None:
        connection = await self._admin()
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    async def _admin(self) -> asyncpg.Connection:
        plain: URL = self._server.set(drivername="postgresql")
        return await asyncpg.connect(plain.render_as_string(hide_password=False), timeout=5)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process
    return True


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for reason in SKIPPED_BECAUSE:
        terminalreporter.write_line(f"Database tests skipped: {reason}", yellow=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if TEST_DATABASE != "postgresql":
        return
    uses_database = [
        item for item in items if "test_databases" in getattr(item, "fixturenames", ())
    ]
    config.hook.pytest_deselected(items=[item for item in items if item not in uses_database])
    items[:] = uses_database


@pytest.fixture(scope="session")
def test_databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Databases]:
    if TEST_DATABASE == "sqlite":
        yield SqliteFiles(tmp_path_factory.mktemp("databases"))
        return
    if TEST_DATABASE != "postgresql":
        raise pytest.UsageError(f"TEST_DATABASE must be sqlite or postgresql, not {TEST_DATABASE}")
    postgres = PostgresDatabases(POSTGRES_URL)
    try:
        asyncio.run(postgres.drop_leftovers())
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        where = make_url(POSTGRES_URL).render_as_string(hide_password=True)
        reason = f"PostgreSQL at {where} (TEST_POSTGRES_URL) is unreachable: {error!r}"
        if ON_CI:
            pytest.fail(reason)
        SKIPPED_BECAUSE.append(reason)
        pytest.skip(reason)
    yield postgres
    asyncio.run(postgres.drop_ours())


@pytest.fixture(scope="session")
def migrated_template(test_databases: Databases) -> str:
    """An empty database at the latest schema revision, made by the migrations."""

    async def make() -> str:
        url = await test_databases.create()
        async with open_engine(url) as engine:
            await upgrade(engine)
        return url

    return asyncio.run(make())


@pytest.fixture(scope="session")
def catalog_template(test_databases: Databases) -> str:
    """A database with the shipped catalog (catalog_data/) loaded."""

    async def make() -> str:
        url = await test_databases.create()
        async with open_session(url) as session:
            await load_catalog(session=session, directory=DEFAULT_CATALOG_DIR)
        return url

    return asyncio.run(make())


@pytest.fixture
async def new_database(test_databases: Databases) -> AsyncIterator[NewDatabase]:
    """Make databases for this test (a copy of a template, or empty with None); dropped after."""
    made: list[str] = []

    async def make(template: str | None) -> str:
        url = await test_databases.create(template=template)
        made.append(url)
        return url

    yield make
    for url in made:
        await test_databases.drop(url)


@pytest.fixture
async def database_url(new_database: NewDatabase, migrated_template: str) -> str:
    """A database of this test's own, at the latest schema revision, with no rows."""
    return await new_database(migrated_template)


@pytest.fixture
async def catalog_database_url(new_database: NewDatabase, catalog_template: str) -> str:
    """A database of this test's own with the shipped catalog loaded."""
    return await new_database(catalog_template)
