"""INSERT … ON CONFLICT in the dialect of the session's database (SQLite or PostgreSQL).

A read followed by an insert races with itself: two updates of one user handled at the same
moment both read nothing and both insert, and one fails on the unique key. One statement
that inserts or updates cannot lose that race.
"""

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession


async def upsert(
    session: AsyncSession,
    table: sa.Table,
    values: Mapping[str, Any],
    *,
    key: Sequence[str],
    update: Mapping[str, Any] | None = None,
) -> int:
    """Insert `values`, or on a conflict on `key` set `update` (None: leave the row alone).

    Returns the rows written (0 when the row existed and `update` is None). Not committed.
    """
    connection = await session.connection()
    insert = (postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert)(
        table
    ).values(**values)
    if update is None:
        statement = insert.on_conflict_do_nothing(index_elements=list(key))
    else:
        statement = insert.on_conflict_do_update(index_elements=list(key), set_=dict(update))
    result = await connection.execute(statement)
    return result.rowcount
