"""Browsing the catalog snapshot: categories with counts, filtered and ordered product lists,
what a point stocks, and where a product is sold."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bot.store.catalog import Catalog, place_to_buy
from bot.store.kinds import Category, PointKind
from bot.store.models import Event, Point, Product

STAR_FILTERS = (0, 3, 4, 5)  # 0: any rating; else at least that many stars


@dataclass(frozen=True)
class Filters:
    min_stars: int = 0
    in_hanoi: bool = False  # only products sold at an open shop in Hanoi


def best_first(products: Iterable[Product]) -> list[Product]:
    return sorted(products, key=lambda product: (-(product.stars or 0), product.name_vi))


def sold_in_hanoi(catalog: Catalog) -> frozenset[int]:
    """Products some open OCOP shop in Hanoi is recorded as selling (fair venues excluded)."""
    shops = {point.id for point in catalog.points if place_to_buy(point)}
    return frozenset(link.product_id for link in catalog.stock if link.point_id in shops)


def matching(catalog: Catalog, filters: Filters, category: Category | None = None) -> list[Product]:
    """The products that pass `filters` (in `category` when given), best rated first."""
    hanoi = sold_in_hanoi(catalog) if filters.in_hanoi else None
    return best_first(
        product
        for product in catalog.products
        if (category is None or product.category is category)
        and (product.stars or 0) >= filters.min_stars
        and (hanoi is None or product.id in hanoi)
    )


def category_counts(catalog: Catalog, filters: Filters) -> dict[Category, int]:
    """How many products pass `filters` in each category that has any, in the enum's order."""
    counts = Counter(product.category for product in matching(catalog, filters))
    return {category: counts[category] for category in Category if counts[category]}


def stocked_at(catalog: Catalog, point_id: int) -> list[Product]:
    """Everything a point is recorded as carrying, best rated first."""
    links = catalog.products_by_point.get(point_id, ())
    return best_first(catalog.product_by_id[link.product_id] for link in links)


def carriers(catalog: Catalog, product_id: int) -> tuple[list[Point], list[Point]]:
    """Where a product is sold (open shops) and the fair venues that showed it, by name."""
    links = catalog.points_by_product.get(product_id, ())
    points = [catalog.point_by_id[link.point_id] for link in links]
    shops = sorted((point for point in points if place_to_buy(point)), key=lambda p: p.name)
    fairs = sorted((p for p in points if p.kind is PointKind.FESTIVAL), key=lambda p: p.name)
    return shops, fairs


def fair_at(catalog: Catalog, point: Point, today: date) -> Event | None:
    """The event held at a fair venue: the one on now, else the next, else the latest."""
    events = [event for event in catalog.events if event.point_name == point.name]
    if not events:
        return None
    current = [e for e in events if e.starts_on <= today <= e.ends_on]
    upcoming = sorted((e for e in events if e.starts_on > today), key=lambda e: e.starts_on)
    return (current or upcoming or sorted(events, key=lambda e: e.ends_on, reverse=True))[0]
