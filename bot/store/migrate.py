"""Schema migrations from code: upgrade a database to the latest revision, or check it is there."""

import logging

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

from bot.config import PROJECT_DIR

ALEMBIC_INI = PROJECT_DIR / "alembic.ini"
UPGRADE_COMMAND = "python -m bot db upgrade"

# Alembic announces its dialect on every run; the `db` command prints what changed instead.
logging.getLogger("alembic").setLevel(logging.WARNING)


class SchemaOutdatedError(RuntimeError):
    """The database is not at the revision this code was written for."""


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration; with `connection`, migrations run on it (see env.py)."""
    config = Config(ALEMBIC_INI)
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The latest revision in bot/store/migrations/versions."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migration found in bot/store/migrations")
    return head


async def current_revision(engine: AsyncEngine) -> str | None:
    """The database's revision; None for a database no migration ever ran on."""
    async with engine.connect() as connection:
        revision: str | None = await connection.run_sync(
            lambda sync: MigrationContext.configure(sync).get_current_revision()
        )
    return revision


async def upgrade(engine: AsyncEngine, *, revision: str = "head") -> None:
    """Run the migrations up to `revision`, in one transaction where the database allows it."""
    async with engine.begin() as connection:
        await connection.run_sync(_upgrade, revision)


def _upgrade(connection: Connection, revision: str) -> None:
    current = MigrationContext.configure(connection).get_current_revision()
    if current is None:
        _refuse_premigration_tables(connection)
    elif not known_revision(current):
        raise _unknown_revision(current)
    command.upgrade(alembic_config(connection), revision)


def known_revision(revision: str) -> bool:
    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError:
        return False
    return True


def _unknown_revision(current: str) -> SchemaOutdatedError:
    return SchemaOutdatedError(
        f"The database is at revision {current}, which this code does not know: "
        "a newer version of the bot migrated it. Run that version."
    )


def _refuse_premigration_tables(connection: Connection) -> None:
    """Tables without a revision were made before migrations existed, from models that may have
    changed since: migrating them could only fail halfway, so say what to do instead."""
    found = sorted(set(sa.inspect(connection).get_table_names()) & set(SQLModel.metadata.tables))
    if found:
        raise SchemaOutdatedError(
            f"The database has tables ({', '.join(found)}) but no schema revision: it was made "
            "before migrations. Move it away and create a new one (`make run` does, and loads "
            "the catalog); copy subscribers or staff you need from the old one by hand."
        )


async def ensure_current(engine: AsyncEngine) -> None:
    """Raise `SchemaOutdatedError`, saying what to do, unless the database is at the head."""
    current, head = await current_revision(engine), head_revision()
    if current == head:
        return
    if current is None:
        raise SchemaOutdatedError(
            f"The database has no schema yet (this code needs revision {head}): "
            f"run `{UPGRADE_COMMAND}`."
        )
    if not known_revision(current):
        raise _unknown_revision(current)
    raise SchemaOutdatedError(
        f"The database is at revision {current}, this code needs {head}: run `{UPGRADE_COMMAND}`."
    )
