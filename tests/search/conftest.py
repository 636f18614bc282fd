"""Catalogs for the search tests: the shipped one, and small ones made for one behaviour."""

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from bot.bench.catalog_files import read_catalog_files
from bot.search import SearchIndex
from bot.store.catalog import Catalog
from bot.store.kinds import AliasKind, PointKind
from bot.store.models import Alias, Point, Product

MakeIndex = Callable[..., SearchIndex]


def product(name_vi: str, name_en: str = "", **fields: Any) -> Product:
    values: dict[str, Any] = {"category": "food", "source_url": "https://example.org/p", **fields}
    return Product(name_vi=name_vi, name_en=name_en or name_vi, **values)


def point(name: str, ward: str | None = None, address: str = "") -> Point:
    return Point(
        name=name,
        kind=PointKind.SHOWROOM,
        address=address,
        ward=ward,
        source_url="https://example.org/s",
    )


def catalog_of(
    products: Sequence[Product],
    points: Sequence[Point] = (),
    aliases: Sequence[tuple[str, str, str]] = (),
) -> Catalog:
    for i, row in enumerate([*products, *points], start=1):
        row.id = i
    return Catalog(
        products=tuple(products),
        points=tuple(points),
        stock=(),
        aliases=tuple(Alias(kind=AliasKind(k), term=t, alias=a) for k, t, a in aliases),
        events=(),
    )


@pytest.fixture
def make_index() -> MakeIndex:
    def make(
        products: Sequence[Product],
        points: Sequence[Point] = (),
        aliases: Sequence[tuple[str, str, str]] = (),
    ) -> SearchIndex:
        return SearchIndex.build(catalog_of(products, points, aliases))

    return make


@pytest.fixture(scope="session")
def shipped_catalog() -> Catalog:
    return read_catalog_files()


@pytest.fixture(scope="session")
def shipped_index(shipped_catalog: Catalog) -> SearchIndex:
    return SearchIndex.build(shipped_catalog)


def names(index: SearchIndex, text: str, **options: object) -> list[str]:
    return [hit.product.name_vi for hit in index.search(text, **options).products]  # type: ignore[arg-type]
