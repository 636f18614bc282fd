"""Nearest OCOP points to a place or a shared location, preferring points that carry a product."""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.geo.hanoi import Coordinates, HanoiUnit, haversine_km, inside_hanoi
from bot.store.catalog import Catalog, place_to_buy
from bot.store.models import Point

DEFAULT_LIMIT = 5


class ProductMatch(StrEnum):
    PRODUCT = "product"  # some points carry the product: they come first
    CATEGORY = "category"  # none does; points carrying the same category come first
    NONE = "none"  # neither: the nearest points, none known to carry it


@dataclass(frozen=True)
class NearbyPoint:
    point: Point
    distance_km: float
    approximate: bool  # the point's coordinates are its ward's centroid
    carries_product: bool | None  # None when no product was asked for
    carries_category: bool | None  # set only when falling back to the product's category
    carried: tuple[int, ...] = ()  # the asked-for products this point stocks (ids)


@dataclass(frozen=True)
class NearbyPoints:
    points: tuple[NearbyPoint, ...]
    product_match: ProductMatch | None  # None when no product was asked for
    outside_hanoi: bool  # the origin is a location outside Hanoi
    unlocated_carriers: tuple[Point, ...]  # carry the product, but where they are is unknown


def points_near_units(
    *,
    catalog: Catalog,
    units: Sequence[HanoiUnit],
    product_ids: Collection[int] | None = None,
    related_ids: Collection[int] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> NearbyPoints:
    """Nearest points to a ward, or to an area of several (distance to the nearest centroid).

    Points stocking one of `product_ids` (the products truly asked for) are marked as carrying
    it; when none does, points carrying the category of `related_ids` (what search found,
    default `product_ids`) come first. No units (an unknown place), no points.
    """
    origins = [(unit.lat, unit.lon) for unit in units]
    wanted = _Wanted(product_ids, related_ids)
    return _nearest(catalog, origins, wanted, limit, outside_hanoi=False)


def points_near_location(
    *,
    catalog: Catalog,
    location: Coordinates,
    product_ids: Collection[int] | None = None,
    related_ids: Collection[int] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> NearbyPoints:
    """Nearest points to a shared location; says whether it lies outside Hanoi."""
    wanted = _Wanted(product_ids, related_ids)
    return _nearest(catalog, [location], wanted, limit, not inside_hanoi(location))


@dataclass(frozen=True)
class _Wanted:
    product_ids: Collection[int] | None
    related_ids: Collection[int] | None


def _nearest(
    catalog: Catalog,
    origins: Sequence[Coordinates],
    wanted: _Wanted,
    limit: int,
    outside_hanoi: bool,
) -> NearbyPoints:
    """The `limit` nearest located points, preferred ones first.

    With `product_ids`, points carrying one of the products are preferred; if no located point
    does, points carrying the same category are, and the result says which.
    """
    product_ids = wanted.product_ids
    related_ids = wanted.related_ids if wanted.related_ids is not None else product_ids
    located = {
        point.id: (point, (point.lat, point.lon))
        for point in catalog.points
        if origins
        and point.id is not None
        and point.lat is not None
        and point.lon is not None
        and place_to_buy(point)  # fair venues, planned and closed points are not shops
    }
    carriers = _carriers(catalog, product_ids or ())
    product_match: ProductMatch | None = None
    category_carriers: set[int] = set()
    if product_ids is not None:
        if not carriers.isdisjoint(located):
            product_match = ProductMatch.PRODUCT
        else:
            category_carriers = _carriers(catalog, _same_category(catalog, related_ids or ()))
            has_category = not category_carriers.isdisjoint(located)
            product_match = ProductMatch.CATEGORY if has_category else ProductMatch.NONE
    preferred = carriers if product_match is ProductMatch.PRODUCT else category_carriers
    nearby = [
        NearbyPoint(
            point=point,
            distance_km=min(haversine_km(origin, coordinates) for origin in origins),
            approximate=not point.location_exact,
            carries_product=None if product_ids is None else point_id in carriers,
            carried=_stocked(catalog, point_id, product_ids or ()),
            carries_category=(
                point_id in category_carriers if product_match is ProductMatch.CATEGORY else None
            ),
        )
        for point_id, (point, coordinates) in located.items()
    ]
    nearby.sort(
        key=lambda near: (
            near.point.id not in preferred,
            near.distance_km,
            near.approximate,
            near.point.name,
        )
    )
    return NearbyPoints(
        points=tuple(nearby[:limit]),
        product_match=product_match,
        outside_hanoi=outside_hanoi,
        unlocated_carriers=tuple(
            point
            for point in catalog.points
            if point.id in carriers
            and point.id not in located
            and place_to_buy(point)
            and point.lat is None
        ),
    )


def _stocked(catalog: Catalog, point_id: int, product_ids: Collection[int]) -> tuple[int, ...]:
    links = catalog.products_by_point.get(point_id, ())
    return tuple(link.product_id for link in links if link.product_id in product_ids)


def _carriers(catalog: Catalog, product_ids: Iterable[int]) -> set[int]:
    return {
        link.point_id
        for product_id in product_ids
        for link in catalog.points_by_product.get(product_id, ())
    }


def _same_category(catalog: Catalog, product_ids: Collection[int]) -> set[int]:
    categories = {
        catalog.product_by_id[product_id].category
        for product_id in product_ids
        if product_id in catalog.product_by_id
    }
    return {
        product.id
        for product in catalog.products
        if product.id is not None and product.category in categories
    }
