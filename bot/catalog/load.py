"""Load a validated catalog directory into the database: one transaction, upsert by stable key."""

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy import ColumnElement
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.catalog.places import places_as_aliases
from bot.catalog.validate import CatalogRows, Problem, validate_catalog
from bot.store.catalog import bump_catalog_version
from bot.store.models import Alias, Event, Point, Product, StockLink

Model = TypeVar("Model", bound=SQLModel)
LOAD_LOCK = 0x0C0F_CA7A  # PostgreSQL advisory lock key: one catalog load at a time


@dataclass(frozen=True)
class TableChanges:
    added: int = 0
    updated: int = 0
    removed: int = 0
    # by name: rows added and removed, and rows changed with the fields that changed
    added_rows: tuple[str, ...] = ()
    removed_rows: tuple[str, ...] = ()
    changed_rows: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass
class LoadReport:
    problems: list[Problem] = field(default_factory=list)
    changes: dict[str, TableChanges] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    # Points of sale this load added to a catalog that had points before (not a first load):
    # staff are offered a draft announcement naming them.
    new_points: list[Point] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(c.added or c.updated or c.removed for c in self.changes.values())


class InvalidCatalogError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the catalog")
        self.problems = problems


async def load_catalog(
    *,
    session: AsyncSession,
    directory: Path,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
    waiting: Callable[[], None] | None = None,
) -> LoadReport:
    """Validate `directory`, then make the catalog tables equal to it in one transaction.

    Nothing is written when any row is invalid. Rows keep their ids across loads,
    so deep links (`p_<id>`) stay valid; rows gone from the files are removed, except events
    made in the bot. A dry run does all of it and rolls it back: the report says what would
    change. Loads at the same time run one after the other; `waiting` is called when this one
    has to wait.
    """
    rows = validate_catalog(directory)
    if rows.problems:
        raise InvalidCatalogError(rows.problems)
    if progress:
        progress(f"  valid: {sum(len(table) for table in rows.tables.values()):,} rows")
    report = LoadReport()
    try:
        await _one_load_at_a_time(session, waiting)
        await _apply(session, rows, report)
        if progress:
            progress("  compared and written" if not dry_run else "  compared")
        if dry_run:
            await session.rollback()
            return report
        if report.changed:
            await bump_catalog_version(session=session)
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
    added: list[Hashable]
    changed: list[tuple[Hashable, tuple[str, ...]]]
    key: Callable[[Model], Hashable]


class _Names:
    """A row's key by name: stock links are keyed by ids, shown by product and point."""

    def __init__(self, products: _Upserted[Product], points: _Upserted[Point]) -> None:
        self.product = {row.id: row.name_vi for row in [*products.by_key.values(), *products.gone]}
        self.point = {row.id: row.name for row in [*points.by_key.values(), *points.gone]}

    def of(self, key: Hashable) -> str:
        if isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, int) for k in key):
            return f"{self.product.get(key[0], key[0])} @ {self.point.get(key[1], key[1])}"
        return " / ".join(map(str, key)) if isinstance(key, tuple) else str(key)


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
    await _refuse_bot_event_names(session, rows)
    results: dict[str, _Upserted[Any]] = {
        "stock": await _upsert(
            session, StockLink, stock, key=lambda v: (v["product_id"], v["point_id"])
        ),
        "products": products,
        "points": points,
        "aliases": await _upsert(
            session,
            Alias,
            rows.values("aliases.csv") + places_as_aliases(rows.values("places.csv")),
            key=lambda v: (v["kind"], v["term"], v["alias"]),
        ),
        # events made in the bot are not the files' to change or remove
        "events": await _upsert(
            session, Event, events, key=lambda v: v["name_vi"], where=not_made_in_bot()
        ),
    }
    # Links are removed before the products and points they name: no dangling foreign key.
    names = _Names(products, points)
    for table, result in results.items():
        for row in result.gone:
            await session.delete(row)
        await session.flush()
        report.changes[table] = TableChanges(
            len(result.added),
            len(result.changed),
            len(result.gone),
            added_rows=tuple(map(names.of, result.added)),
            removed_rows=tuple(names.of(result.key(row)) for row in result.gone),
            changed_rows=tuple((names.of(key), fields) for key, fields in result.changed),
        )
        report.totals[table] = len(result.by_key)
    if len(points.by_key) - len(points.added) + len(points.gone):  # the catalog had points
        report.new_points = [points.by_key[key] for key in points.added]


async def _upsert(
    session: AsyncSession,
    model: type[Model],
    wanted: list[dict[str, Any]],
    *,
    key: Callable[[dict[str, Any]], Hashable],
    where: ColumnElement[bool] | None = None,
) -> _Upserted[Model]:
    """Insert or update `wanted` rows of `model` by `key`; existing rows (those `where` selects)
    not wanted are `gone`."""
    fields = set(model.model_fields) - {"id"}
    query = select(model) if where is None else select(model).where(where)
    existing = {key(row.model_dump()): row for row in (await session.exec(query)).all()}
    wanted_by_key = {key(values): values for values in wanted}
    added: list[Hashable] = []
    changed: list[tuple[Hashable, tuple[str, ...]]] = []
    by_key: dict[Hashable, Model] = {}
    for k, values in wanted_by_key.items():
        clean = {name: value for name, value in values.items() if name in fields}
        row = existing.get(k)
        if row is None:
            row = model(**clean)
            added.append(k)
        else:
            different = tuple(name for name, value in clean.items() if getattr(row, name) != value)
            for name in different:
                setattr(row, name, clean[name])
            if different:
                changed.append((k, different))
        session.add(row)
        by_key[k] = row
    await session.flush()
    gone = [row for k, row in existing.items() if k not in wanted_by_key]
    return _Upserted(by_key, gone, added, changed, key=lambda row: key(row.model_dump()))


def not_made_in_bot() -> ColumnElement[bool]:
    return col(Event.made_in_bot).is_(False)


async def _refuse_bot_event_names(session: AsyncSession, rows: CatalogRows) -> None:
    """A file's event may not take the name of an event made in the bot."""
    taken = set((await session.exec(select(Event.name_vi).where(col(Event.made_in_bot)))).all())
    problems = [
        Problem("events.csv", row.line, "name_vi", "an event made in the bot has this name")
        for row in rows.tables.get("events.csv", [])
        if row.values["name_vi"] in taken
    ]
    if problems:
        raise InvalidCatalogError(problems)
