"""Migrations: from an empty database to the models, and a bot that will not start behind them."""

import asyncio
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from pydantic import SecretStr
from sqlmodel import SQLModel

from bot.cli import main
from bot.config import Settings, get_settings
from bot.standin import StandIn
from bot.store.db import create_current_engine, open_engine
from bot.store.migrate import (
    SchemaOutdatedError,
    alembic_config,
    current_revision,
    head_revision,
    upgrade,
)
from tests.conftest import NewDatabase
from tests.production.conftest import start_bot_process


async def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], url: str, *args: str
) -> tuple[int, str, str]:
    """`python -m bot ARGS` on the database at `url`, in a thread (it runs its own loop): the
    exit code and what it printed to stdout and stderr."""
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    try:
        code = await asyncio.to_thread(main, list(args))
    finally:
        get_settings.cache_clear()
    captured = capsys.readouterr()
    return code, captured.out, captured.err


async def schema_differences(url: str) -> list[object]:
    """What Alembic's autogenerate would change to make the database match the models."""
    async with open_engine(url) as engine, engine.connect() as connection:
        return await connection.run_sync(
            lambda sync: compare_metadata(
                MigrationContext.configure(sync, opts={"compare_type": True}), SQLModel.metadata
            )
        )


async def test_upgrade_builds_every_table_of_the_models_from_an_empty_database(
    new_database: NewDatabase, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = await new_database(None)
    code, out, _ = await run_cli(monkeypatch, capsys, url, "db", "current")
    assert (code, out) == (1, f"database: none (empty)\nlatest:   {head_revision()}\n")
    code, out, _ = await run_cli(monkeypatch, capsys, url, "db", "upgrade")
    assert (
        code == 0
        and out == f"Upgraded the database from revision none (empty) to {head_revision()}.\n"
    )
    code, out, _ = await run_cli(monkeypatch, capsys, url, "db", "upgrade")
    assert code == 0 and "already at the latest revision" in out
    assert (await run_cli(monkeypatch, capsys, url, "db", "current"))[0] == 0
    # A model changed without a migration fails here, naming what the migration lacks.
    assert await schema_differences(url) == []


async def test_a_database_made_before_migrations_is_refused_untouched(
    new_database: NewDatabase, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = await new_database(None)
    async with open_engine(url) as engine, engine.begin() as connection:
        await connection.run_sync(SQLModel.metadata.create_all)  # how tables were made before
    code, _, error = await run_cli(monkeypatch, capsys, url, "db", "upgrade")
    assert code == 1 and "no schema revision: it was made before migrations" in error
    async with open_engine(url) as engine:
        assert await current_revision(engine) is None


async def test_downgrade_to_nothing_and_back(database_url: str) -> None:
    async with open_engine(database_url) as engine:
        async with engine.begin() as connection:
            await connection.run_sync(lambda sync: command.downgrade(alembic_config(sync), "base"))
        async with engine.connect() as connection:
            left = await connection.run_sync(lambda sync: sa.inspect(sync).get_table_names())
        assert set(left) <= {"alembic_version"}
        await upgrade(engine)
        assert await current_revision(engine) == head_revision()
    assert await schema_differences(database_url) == []


async def test_catalog_load_on_a_new_database_migrates_it_first(
    new_database: NewDatabase, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = await new_database(None)
    code, out, _ = await run_cli(monkeypatch, capsys, url, "catalog", "load")
    assert code == 0 and "products" in out
    async with open_engine(url) as engine:
        assert await current_revision(engine) == head_revision()
        async with engine.connect() as connection:
            products = await connection.execute(sa.text("SELECT count(*) FROM product"))
            assert products.scalar_one() > 0


async def test_a_database_migrated_by_newer_code_is_refused(database_url: str) -> None:
    async with open_engine(database_url) as engine, engine.begin() as connection:
        await connection.execute(sa.text("UPDATE alembic_version SET version_num = 'f00dcafe'"))
    with pytest.raises(SchemaOutdatedError, match="f00dcafe, which this code does not know"):
        await create_current_engine(database_url)


async def test_the_bot_refuses_to_start_on_a_database_without_the_schema(
    new_database: NewDatabase, standin: StandIn, tmp_path: Path
) -> None:
    url = await new_database(None)
    settings = Settings(
        _env_file=None,
        telegram_bot_token=SecretStr(standin.token),
        telegram_api_base_url=standin.base_url,
        database_url=url,
    )
    process = await start_bot_process("run", settings=settings, cwd=tmp_path)
    assert await asyncio.wait_for(process.wait(), timeout=30) == 1
    output = (tmp_path / "bot.log").read_text()
    assert "Not starting: The database has no schema yet" in output
    assert "run `python -m bot db upgrade`" in output
    assert "Traceback" not in output
    assert standin.calls_to("getUpdates") == []
    async with open_engine(url) as engine:
        assert await current_revision(engine) is None  # the bot never migrates by itself
