"""Nearest points to a ward, an old district or a shared location, with and without a product."""

import math

import pytest

from bot.geo import (
    NearbyPoints,
    ProductMatch,
    nearest_unit,
    points_near_location,
    points_near_units,
    resolve_place,
)
from bot.geo.hanoi import hanoi_units
from bot.store.catalog import Catalog
from bot.store.kinds import Category, PointKind, StockBasis
from bot.store.models import Point, Product, StockLink

from .package_data import unit_centroid

SOURCE = "https://example.org/source"
HO_CHI_MINH_CITY = (10.7769, 106.7009)
GULF_OF_TONKIN = (20.25, 107.0)  # open sea south of Cát Bà
HOAN_KIEM_LAKE = (21.0287, 105.8524)


def point(point_id: int, ward: str | None, *, exact: tuple[float, float] | None = None) -> Point:
    """A point at its ward's centroid (as most catalog rows are), at `exact`, or unlocated."""
    lat, lon = exact or (unit_centroid(ward) if ward else (None, None))
    return Point(
        id=point_id,
        name=f"Point {point_id} ({ward or 'location unknown'})",
        kind=PointKind.SHOWROOM,
        ward=ward,
        lat=lat,
        lon=lon,
        location_exact=exact is not None,
        source_url=SOURCE,
    )


def product(product_id: int, category: str) -> Product:
    return Product(
        id=product_id,
        name_vi=f"Sản phẩm {product_id}",
        name_en=f"Product {product_id}",
        category=Category(category),
        source_url=SOURCE,
    )


O_CHO_DUA, KIM_LIEN, HOAN_KIEM = 1, 2, 3
BAT_TRANG, SON_TAY, UNLOCATED, BACH_MAI_EXACT = 4, 5, 6, 7
HONEY, TEA, GREEN_TEA, SILK, CERAMICS = 11, 12, 13, 14, 15


def make_catalog() -> Catalog:
    points = (
        point(O_CHO_DUA, "Phường Ô Chợ Dừa"),
        point(KIM_LIEN, "Phường Kim Liên"),
        point(HOAN_KIEM, "Phường Hoàn Kiếm"),
        point(BAT_TRANG, "Xã Bát Tràng"),
        point(SON_TAY, "Phường Sơn Tây"),
        point(UNLOCATED, None),
        point(BACH_MAI_EXACT, "Phường Bạch Mai", exact=(21.0005, 105.8499)),
    )
    products = (
        product(HONEY, "food"),
        product(TEA, "beverage"),
        product(GREEN_TEA, "beverage"),
        product(SILK, "textile"),
        product(CERAMICS, "handicraft"),
    )
    carried = [
        (HONEY, SON_TAY),
        (GREEN_TEA, KIM_LIEN),
        (CERAMICS, UNLOCATED),
        (CERAMICS, BAT_TRANG),
    ]
    stock = tuple(
        StockLink(id=index, product_id=product_id, point_id=point_id, basis=StockBasis.SOURCE)
        for index, (product_id, point_id) in enumerate(carried, start=1)
    )
    return Catalog(products=products, points=points, stock=stock, aliases=(), events=())


def ids(nearby: NearbyPoints) -> list[int | None]:
    return [near.point.id for near in nearby.points]


def flat_earth_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Equirectangular approximation: within a fraction of a percent over tens of km."""
    mean_lat = math.radians((a[0] + b[0]) / 2)
    north = (a[0] - b[0]) * 111.2
    east = (a[1] - b[1]) * 111.2 * math.cos(mean_lat)
    return math.hypot(north, east)


def near_place(text: str, *, product_ids: set[int] | None = None, limit: int = 5) -> NearbyPoints:
    return points_near_units(
        catalog=make_catalog(),
        units=resolve_place(text).units,
        product_ids=product_ids,
        limit=limit,
    )


def test_points_come_nearest_first_with_true_distances() -> None:
    nearby = near_place("o cho dua", limit=10)

    assert ids(nearby) == [O_CHO_DUA, KIM_LIEN, HOAN_KIEM, BACH_MAI_EXACT, BAT_TRANG, SON_TAY]
    origin = unit_centroid("Phường Ô Chợ Dừa")
    for near in nearby.points:
        assert near.point.lat is not None and near.point.lon is not None
        expected = flat_earth_km(origin, (near.point.lat, near.point.lon))
        assert near.distance_km == pytest.approx(expected, rel=0.01, abs=0.01)
    assert nearby.points[0].distance_km == 0
    assert 30 < nearby.points[-1].distance_km < 40  # Sơn Tây is about 35 km west


def test_points_without_coordinates_are_never_ranked_and_limit_holds() -> None:
    everything = near_place("hoan kiem", limit=100)
    assert UNLOCATED not in ids(everything) and len(everything.points) == 6
    assert len(near_place("hoan kiem").points) == 5
    assert len(near_place("hoan kiem", limit=2).points) == 2


def test_ward_centroid_points_are_approximate_and_exact_ones_are_not() -> None:
    approximate = {near.point.id: near.approximate for near in near_place("bach mai").points}

    assert approximate[BACH_MAI_EXACT] is False
    assert approximate[KIM_LIEN] is True


def test_an_old_district_searches_from_all_its_2025_units() -> None:
    nearby = near_place("Dong Da district")

    # Ô Chợ Dừa and Kim Liên are both part of the old Đống Đa district
    assert ids(nearby)[:2] == [O_CHO_DUA, KIM_LIEN]
    assert [near.distance_km for near in nearby.points[:2]] == [0, 0]
    bach_mai = next(near for near in nearby.points if near.point.id == BACH_MAI_EXACT)
    assert bach_mai.distance_km < 0.5  # near the Bạch Mai centroid, which is in the area too


def test_points_carrying_the_product_come_first_even_when_farther() -> None:
    nearby = near_place("o cho dua", product_ids={HONEY})

    assert nearby.product_match is ProductMatch.PRODUCT
    assert ids(nearby)[0] == SON_TAY and nearby.points[0].carries_product is True
    assert all(near.carries_product is False for near in nearby.points[1:])
    assert ids(nearby)[1:3] == [O_CHO_DUA, KIM_LIEN]  # then the nearest others


def test_without_a_carrier_points_of_the_same_category_are_offered_and_labelled() -> None:
    nearby = near_place("hoan kiem", product_ids={TEA})

    assert nearby.product_match is ProductMatch.CATEGORY
    assert ids(nearby)[0] == KIM_LIEN  # carries green tea, a beverage like the tea asked for
    assert nearby.points[0].carries_category is True
    assert all(near.carries_product is False for near in nearby.points)
    assert all(near.carries_category is False for near in nearby.points[1:])


def test_when_nothing_of_the_category_is_carried_the_result_says_so() -> None:
    nearby = near_place("hoan kiem", product_ids={SILK})

    assert nearby.product_match is ProductMatch.NONE
    assert ids(nearby)[0] == HOAN_KIEM
    assert all(near.carries_product is False for near in nearby.points)


def test_carriers_with_unknown_location_are_reported_not_ranked() -> None:
    nearby = near_place("o cho dua", product_ids={CERAMICS})

    assert ids(nearby)[0] == BAT_TRANG and nearby.points[0].carries_product
    assert [carrier.id for carrier in nearby.unlocated_carriers] == [UNLOCATED]


def test_without_a_product_nothing_is_said_about_carrying() -> None:
    nearby = near_place("o cho dua")

    assert nearby.product_match is None
    assert {(near.carries_product, near.carries_category) for near in nearby.points} == {
        (None, None)
    }


def test_an_unknown_place_has_no_points() -> None:
    assert near_place("pizza").points == ()


@pytest.mark.parametrize("location", [HO_CHI_MINH_CITY, GULF_OF_TONKIN], ids=["hcmc", "sea"])
def test_a_location_outside_hanoi_is_flagged_with_the_nearest_distance(
    location: tuple[float, float],
) -> None:
    nearby = points_near_location(catalog=make_catalog(), location=location)

    assert nearby.outside_hanoi
    nearest = min(
        flat_earth_km(location, unit_centroid(name))
        for name in ("Phường Ô Chợ Dừa", "Phường Kim Liên", "Phường Hoàn Kiếm", "Xã Bát Tràng")
    )
    assert nearby.points[0].distance_km > 100
    assert nearby.points[0].distance_km <= nearest * 1.02


def test_a_location_in_hanoi_is_not_flagged_and_lies_in_its_ward() -> None:
    nearby = points_near_location(catalog=make_catalog(), location=HOAN_KIEM_LAKE)

    assert not nearby.outside_hanoi
    assert ids(nearby)[0] == HOAN_KIEM
    unit, km = nearest_unit(HOAN_KIEM_LAKE)
    assert unit == hanoi_units()["00070"] and km < 1
