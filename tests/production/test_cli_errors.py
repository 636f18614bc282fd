"""Every command on a database that is missing, empty, behind or ahead of the code: never a
traceback; an error is one line on stderr and exit 1."""

import asyncio
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.catalog.load import LoadReport, load_catalog
from bot.cli import main
from bot.config import DEFAULT_CATALOG_DIR, get_settings
from bot.store.db import open_engine, session_factory
from bot.store.migrate import upgrade
from tests.conftest import TEST_DATABASE, NewDatabase

COMMANDS = [
    ("db", "upgrade"),
    ("db", "current"),
    ("catalog", "validate"),
    ("catalog", "load"),
    ("search", "mật ong"),
    ("near", "Hoan Kiem"),
    ("staff", "add", "42"),
    ("staff", "list"),
    ("staff", "remove", "42"),
    ("run",),
    ("run", "--webhook"),
    ("console",),
]
STARTS_THE_BOT = {("run",), ("run", "--webhook"), ("console",)}
NEEDS_NO_DATABASE = {("catalog", "validate")}
TOKEN = "7000000001:AAH-cli-test-token-never-used"


async def run_cli(
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    args: tuple[str, ...],
    capsys: pytest.CaptureFixture[str],
) -> tuple[int, str, str]:
    monkeypatch.setenv("DATABASE_URL", url)
    # Nothing may reach Telegram before the database is checked: nothing listens there.
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:9/bot")
    monkeypatch.setenv("WEBHOOK_URL", "https://ocop.example/hook")
    monkeypatch.setenv("WEBHOOK_SECRET", "cli-test-secret")
    level = logging.getLogger().level
    get_settings.cache_clear()
    try:
        code = await asyncio.to_thread(main, list(args))
    finally:
        get_settings.cache_clear()
        logging.getLogger().setLevel(level)  # the console quiets the root logger
    captured = capsys.readouterr()
    return code, captured.out, captured.err


async def missing(new: NewDatabase, sqlite_path: str, template: str) -> str:
    """A database that does not exist: a new SQLite path, a PostgreSQL name never created."""
    if TEST_DATABASE == "postgresql":
        url = make_url(await new(None))
        return url.set(database=f"{url.database}_never_made").render_as_string(hide_password=False)
    return sqlite_path


async def empty(new: NewDatabase, sqlite_path: str, template: str) -> str:
    return await new(None)


async def old_revision(new: NewDatabase, sqlite_path: str, template: str) -> str:
    url = await new(None)
    async with open_engine(url) as engine:
        await upgrade(engine, revision="0001")
    return url


async def newer_revision(new: NewDatabase, sqlite_path: str, template: str) -> str:
    url = await new(template)
    async with open_engine(url) as engine, engine.begin() as connection:
        await connection.execute(sa.text("UPDATE alembic_version SET version_num = 'f00dcafe'"))
    return url


STATES: dict[str, Callable[[NewDatabase, str, str], Awaitable[str]]] = {
    "missing": missing,
    "empty": empty,
    "old revision": old_revision,
    "newer revision": newer_revision,
}


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
async def test_every_command_on_a_bad_database_says_one_line(
    new_database: NewDatabase,
    migrated_template: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    state: str,
    args: tuple[str, ...],
) -> None:
    path_url = f"sqlite+aiosqlite:///{tmp_path}/new/ocop.sqlite3"
    url = await STATES[state](new_database, path_url, migrated_template)
    code, out, err = await run_cli(monkeypatch, url, args, capsys)
    assert "Traceback" not in out + err
    assert err.count("\n") <= 1, err
    assert code in (0, 1), (code, err)
    if args in NEEDS_NO_DATABASE:
        assert code == 0
        return
    refused = state == "newer revision" or (state == "missing" and TEST_DATABASE == "postgresql")
    if refused or args in STARTS_THE_BOT:
        assert code == 1 and err.count("\n") == 1, (out, err)
    if state == "newer revision":
        assert "f00dcafe, which this code does not know" in err
    elif refused:
        assert "_never_made" in err and "does not exist" in err
    elif args in STARTS_THE_BOT:
        assert err.startswith("Not starting: The database")
        assert "run `python -m bot db upgrade`" in err


async def test_a_user_id_too_big_for_telegram_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/ocop.sqlite3"
    with pytest.raises(SystemExit) as exit_info:
        await run_cli(monkeypatch, url, ("staff", "add", "99999999999999999999999"), capsys)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "99999999999999999999999 is not a Telegram user id" in err


async def test_two_catalog_loads_at_once_both_succeed(database_url: str) -> None:
    environment = {**os.environ, "DATABASE_URL": database_url}
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "catalog",
            "load",
            env=environment,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(3)
    ]
    outputs = await asyncio.wait_for(
        asyncio.gather(*(process.communicate() for process in processes)), timeout=60
    )
    errors = [err.decode() for _, err in outputs]
    assert all("Traceback" not in error for error in errors), errors
    assert [process.returncode for process in processes] == [0, 0, 0], errors
    async with open_engine(database_url) as engine, engine.connect() as connection:
        version = await connection.execute(sa.text("SELECT version FROM catalogstate"))
        assert version.scalar_one() == 1  # one load changed the catalog; the others found it so


async def test_catalog_loads_running_side_by_side_are_serialised(database_url: str) -> None:
    """What two `catalog load` commands at the same moment do, without process start-up jitter."""
    async with open_engine(database_url) as first, open_engine(database_url) as second:
        reports = await asyncio.gather(
            *(load_with(engine) for engine in (first, second, first, second))
        )
    assert sorted(report.changed for report in reports) == [False, False, False, True]


async def load_with(engine: AsyncEngine) -> LoadReport:
    async with session_factory(engine)() as session:
        return await load_catalog(session=session, directory=DEFAULT_CATALOG_DIR)


@pytest.mark.parametrize("limit", ["-3", "0", "99999999999", "five"])
@pytest.mark.parametrize("command", ["search", "near"])
def test_a_limit_out_of_range_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], command: str, limit: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "Hoan Kiem", "--limit", limit])
    assert exit_info.value.code == 2
    assert f"give a number from 1 to 1000, not {limit}" in capsys.readouterr().err
