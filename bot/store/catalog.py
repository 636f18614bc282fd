"""An immutable in-memory copy of the catalog, read from the database once per (re)load.

Search and geography work on this snapshot, never on the database.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.kinds import PointKind, PointStatus
from bot.store.models import Alias, CatalogState, Event, Point, Product, StockLink

Row = TypeVar("Row", Product, Point, StockLink, Alias, Event)


@dataclass(frozen=True)
class Catalog:
    products: tuple[Product, ...]
    points: tuple[Point, ...]
    stock: tuple[StockLink, ...]
    aliases: tuple[Alias, ...]
    events: tuple[Event, ...]
    product_by_id: dict[int, Product] = field(init=False, repr=False)
    point_by_id: dict[int, Point] = field(init=False, repr=False)
    points_by_product: dict[int, tuple[StockLink, ...]] = field(init=False, repr=False)
    products_by_point: dict[int, tuple[StockLink, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_product: defaultdict[int, list[StockLink]] = defaultdict(list)
        by_point: defaultdict[int, list[StockLink]] = defaultdict(list)
        for link in self.stock:
            by_product[link.product_id].append(link)
            by_point[link.point_id].append(link)
        # frozen dataclass: derived lookups are set once here
        object.__setattr__(self, "product_by_id", {p.id: p for p in self.products if p.id})
        object.__setattr__(self, "point_by_id", {p.id: p for p in self.points if p.id})
        object.__setattr__(self, "points_by_product", {k: tuple(v) for k, v in by_product.items()})
        object.__setattr__(self, "products_by_point", {k: tuple(v) for k, v in by_point.items()})


async def read_catalog(*, session: AsyncSession) -> Catalog:
    """Read every catalog table into a `Catalog` (rows are detached plain objects)."""

    async def all_rows(model: type[Row]) -> tuple[Row, ...]:
        return tuple((await session.exec(select(model).order_by(col(model.id)))).all())

    catalog = Catalog(
        products=await all_rows(Product),
        points=await all_rows(Point),
        stock=await all_rows(StockLink),
        aliases=await all_rows(Alias),
        events=await all_rows(Event),
    )
    session.expunge_all()
    return catalog


async def bump_catalog_version(*, session: AsyncSession) -> int:
    """Mark the catalog changed (in the caller's transaction): every running bot reloads it."""
    state = await session.get(CatalogState, 1) or CatalogState(id=1)
    state.version += 1
    state.loaded_at = datetime.now(UTC)
    session.add(state)
    return state.version


def place_to_buy(point: Point) -> bool:
    """Whether a point is offered as somewhere to buy: open, and not a fair venue (a fair sells
    only while it is on; its card says when)."""
    return point.status is PointStatus.OPEN and point.kind is not PointKind.FESTIVAL
