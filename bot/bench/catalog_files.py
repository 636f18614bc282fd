"""A catalog snapshot read straight from CSV files, for the search measurements (no database)."""

import csv
from pathlib import Path
from typing import Any, TypeVar

from bot.catalog.validate import validate_catalog
from bot.config import DEFAULT_CATALOG_DIR, PROJECT_DIR
from bot.store.catalog import Catalog
from bot.store.models import Alias, Event, Point, Product, StockLink

Row = TypeVar("Row", Product, Point, Alias, Event)

SHARED_DIR = PROJECT_DIR.parent / "shared"
REFERENCE_DIR = SHARED_DIR / "reference"


def read_catalog_files(
    *, catalog_dir: Path = DEFAULT_CATALOG_DIR, reference_dir: Path = REFERENCE_DIR
) -> Catalog:
    """The catalog in `catalog_dir`; without its products.csv, the sourced reference files
    (products and showrooms) with the aliases of `catalog_dir`."""
    if (catalog_dir / "products.csv").is_file():
        return _from_catalog_dir(catalog_dir)
    return _from_reference(reference_dir, aliases=_aliases(catalog_dir / "aliases.csv"))


def _from_catalog_dir(directory: Path) -> Catalog:
    rows = validate_catalog(directory)
    if rows.problems:
        raise ValueError(f"{directory}: {rows.problems[0]} ({len(rows.problems)} problem(s))")
    products = _numbered(Product, rows.values("products.csv"))
    points = _numbered(Point, rows.values("points.csv"))
    product_ids = {p.name_vi: i for i, p in enumerate(products, start=1)}
    point_ids = {p.name: i for i, p in enumerate(points, start=1)}
    stock = [
        StockLink(
            id=i,
            product_id=product_ids[link["product"]],
            point_id=point_ids[link["point"]],
            basis=link["basis"],
            source_url=link["source_url"] or "",
        )
        for i, link in enumerate(rows.values("stock.csv"), start=1)
    ]
    events = [{**v, "point_name": v["point"]} for v in rows.values("events.csv")]
    return Catalog(
        products=tuple(products),
        points=tuple(points),
        stock=tuple(stock),
        aliases=tuple(_numbered(Alias, rows.values("aliases.csv"))),
        events=tuple(_numbered(Event, events)),
    )


def _from_reference(directory: Path, *, aliases: list[Alias]) -> Catalog:
    products = [
        {
            **row,
            "stars": int(row["stars"]) if row["stars"] else None,
            "origin_ward": row["origin_ward_2025"] or None,
        }
        for row in _csv_rows(directory / "products.csv")
    ]
    points = [
        {
            **row,
            "address": row["address_as_written"],
            "ward": row["ward_2025"] or None,
            "ward_code": row["ward_code_2025"] or None,
            "lat": float(row["lat"]) if row["lat"] else None,
            "lon": float(row["lon"]) if row["lon"] else None,
        }
        for row in _csv_rows(directory / "showrooms.csv")
    ]
    return Catalog(
        products=tuple(_numbered(Product, products)),
        points=tuple(_numbered(Point, points)),
        stock=(),
        aliases=tuple(aliases),
        events=(),
    )


def _aliases(path: Path) -> list[Alias]:
    return _numbered(Alias, _csv_rows(path)) if path.is_file() else []


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def _numbered(model: type[Row], rows: list[dict[str, Any]]) -> list[Row]:
    fields = set(model.model_fields) - {"id"}
    return [
        model(id=i, **{k: v for k, v in row.items() if k in fields})
        for i, row in enumerate(rows, start=1)
    ]
