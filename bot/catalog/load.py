"""Load a validated catalog directory into the database: one transaction, upsert by stable key."""

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlmodel import SQLModel, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.catalog.validate import CatalogRows, Problem, validate_catalog
from bot.store.models import Alias, CatalogState, Event, Point, Product, StockLink

Model = TypeVar("Model", bound=SQLModel)
LOAD_LOCK = 0x0C0F_CA7A  # PostgreSQL advisory lock key: one catalog load at a time


@dataclass(frozen=True)
class TableChanges:
    added: int = 0
    updated: int = 0
    removed: int = 0


@dataclass
class LoadReport:
    problems: list[Problem] = field(default_factory=list)
    changes: dict[str, TableChanges] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(c.added or c.updated or c.removed for c in self.changes.values())


class InvalidCatalogError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the catalog")
        self.problems = problems


async def load_catalog(
    *, session: AsyncSession, directory: Path, waiting: Callable[[], None] | None = None
) -> LoadReport:
    """Validate `directory`, then make the catalog tables equal to it in one transaction.

    Nothing is written when any row is invalid. Rows keep their ids across loads,
    so deep links (`p_<id>`) stay valid; rows gone from the files are removed. Loads at the
    same time run one after the other; `waiting` is called when this one has to wait.
    """
    rows = validate_catalog(directory)
    if rows.problems:
        raise InvalidCatalogError(rows.problems)
    report = LoadReport()
    try:
        await _one_load_at_a_time(session, waiting)
        await _apply(session, rows, report)
        if report.changed:
            state = await session.get(CatalogState, 1) or CatalogState(id=1)
            state.version += 1
            state.loaded_at = datetime.now(UTC)
            session.add(state)
        await session.commit()
    except BaseException:
        await session.rollback()
        raise
    return report


async def _one_load_at_a_time(session: AsyncSession, waiting: Callable[[], None] | None) -> None:
    """Take the load lock for this transaction before reading anything: two loads that both
    read the old rows would both insert the new ones, and one would fail on a unique key."""
    connection = await session.connection()
    if connection.dialect.name == "postgresql":
        free = await connection.execute(sa.select(sa.func.pg_try_advisory_xact_lock(LOAD_LOCK)))
        if not free.scalar_one():
            if waiting is not None:
                waiting()
            await connection.execute(sa.select(sa.func.pg_advisory_xact_lock(LOAD_LOCK)))
    else:
        # SQLite: a write as the first statement takes the database's write lock (waiting for
        # another writer up to busy_timeout) before this transaction reads a row.
        state = SQLModel.metadata.tables["catalogstate"]
        await connection.execute(sa.update(state).values(version=state.c.version))


@dataclass
class _Upserted(Generic[Model]):
    by_key: dict[Hashable, Model]
    gone: list[Model]
    added: int
    updated: int


async def _apply(session: AsyncSession, rows: CatalogRows, report: LoadReport) -> None:
    products = await _upsert(
        session, Product, rows.values("products.csv"), key=lambda v: v["name_vi"]
    )
    points = await _upsert(session, Point, rows.values("points.csv"), key=lambda v: v["name"])
    stock = [
        {
            "product_id": products.by_key[link["product"]].id,
            "point_id": points.by_key[link["point"]].id,
            "basis": link["basis"],
            "source_url": link["source_url"] or "",
        }
        for link in rows.values("stock.csv")
    ]
    events = [{**v, "point_name": v["point"]} for v in rows.values("events.csv")]
    results: dict[str, _Upserted[Any]] = {
        "stock": await _upsert(
            session, StockLink, stock, key=lambda v: (v["product_id"], v["point_id"])
        ),
        "products": products,
        "points": points,
        "aliases": await _upsert(
            session,
            Alias,
            rows.values("aliases.csv"),
            key=lambda v: (v["kind"], v["term"], v["alias"]),
        ),
        "events": await _upsert(session, Event, events, key=lambda v: v["name_vi"]),
    }
    # Links are removed before the products and points they name: no dangling foreign key.
    for table, result in results.items():
        for row in result.gone:
            await session.delete(row)
        await session.flush()
        report.changes[table] = TableChanges(result.added, result.updated, len(result.gone))
        report.totals[table] = len(result.by_key)


async def _upsert(
    session: AsyncSession,
    model: type[Model],
    wanted: list[dict[str, Any]],
    *,
    key: Callable[[dict[str, Any]], Hashable],
) -> _Upserted[Model]:
    """Insert or update `wanted` rows of `model` by `key`; existing rows not wanted are `gone`."""
    fields = set(model.model_fields) - {"id"}
    existing = {key(row.model_dump()): row for row in (await session.exec(select(model))).all()}
    wanted_by_key = {key(values): values for values in wanted}
    added = updated = 0
    by_key: dict[Hashable, Model] = {}
    for k, values in wanted_by_key.items():
        clean = {name: value for name, value in values.items() if name in fields}
        row = existing.get(k)
        if row is None:
            row = model(**clean)
            added += 1
        elif any(getattr(row, name) != value for name, value in clean.items()):
            for name, value in clean.items():
                setattr(row, name, value)
            updated += 1
        session.add(row)
        by_key[k] = row
    await session.flush()
    gone = [row for k, row in existing.items() if k not in wanted_by_key]
    return _Upserted(by_key, gone, added, updated)
