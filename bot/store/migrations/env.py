"""Alembic's environment: the project's SQLModel tables, on the project's async engine.

`bot.store.migrate` hands over an open connection (`config.attributes["connection"]`); the
`alembic` command line gets none and connects to DATABASE_URL itself.
"""

import asyncio
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection
from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel

from bot.config import get_settings
from bot.store.db import open_engine  # importing it registers every table


def render_item(kind: str, item: Any, autogen: AutogenContext) -> str | Literal[False]:
    """Write a column type the project defines (or SQLModel's) as the plain SQLAlchemy type
    it stores, so a revision never imports application code that may change later."""
    if kind == "type" and isinstance(item, TypeDecorator):
        return f"sa.{item.impl!r}"
    return False


def configure(**target: Any) -> None:
    """Point Alembic at a connection or URL (`target`), with the project's tables."""
    context.configure(
        target_metadata=SQLModel.metadata, compare_type=True, render_item=render_item, **target
    )


def run_on(connection: Connection) -> None:
    # SQLite cannot ALTER most things: changes are made by copying the table ("batch" mode).
    configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


async def run_on_settings_database() -> None:
    async with open_engine(get_settings().database_url) as engine, engine.connect() as connection:
        await connection.run_sync(run_on)
        await connection.commit()


def write_sql() -> None:
    """`alembic upgrade --sql`: print the statements instead of running them."""
    configure(url=get_settings().database_url, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


given: Connection | None = context.config.attributes.get("connection")
if given is not None:
    run_on(given)
elif context.is_offline_mode():
    write_sql()
else:
    asyncio.run(run_on_settings_database())
