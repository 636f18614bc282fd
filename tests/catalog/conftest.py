"""A small, valid catalog written to a temporary directory, for the validation and load tests."""

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel

from bot.catalog.rows import FILES
from bot.catalog.validate import validate_catalog
from bot.store.db import open_engine

Tables = dict[str, list[dict[str, str]]]

HEADERS = {file: list(model.model_fields) for file, model in FILES.items()}
SOURCE = "https://example.org/source"


def product_row(number: int) -> dict[str, str]:
    return {
        "name_vi": f"Sản phẩm thử {number}",
        "name_en": f"Test product {number}",
        "category": "food",
        "stars": ("3", "4", "5", "")[number % 4],
        "producer": "HTX Thử",
        "origin_commune": "xã Bát Tràng, huyện Gia Lâm",
        "origin_province": "Hà Nội",
        "origin_ward": "Xã Bát Tràng",
        "origin_ward_code": "00577",
        "source_url": SOURCE,
        "note": "",
        "producer_name": "HTX Thử",
        "origin_vi": "xã Bát Tràng, huyện Gia Lâm, Hà Nội",
        "origin_en": "Bát Tràng commune, Gia Lâm district, Hanoi",
    }


def point_row(number: int, *, located: bool = True) -> dict[str, str]:
    return {
        "name": f"Điểm thử {number}",
        "kind": "showroom",
        "address": "ngõ 59 Hoàng Cầu",
        "ward": "Phường Ô Chợ Dừa" if located else "",
        "ward_code": "00190" if located else "",
        "lat": "21.0243" if located else "",
        "lon": "105.826" if located else "",
        "location_exact": "false",
        "opened": "2022-10-01",
        "products_note": "",
        "source_url": SOURCE,
        "note": "",
        "name_vi": f"Điểm thử {number}",
        "name_en": f"Test point {number}",
        "short_vi": f"Điểm thử {number}",
        "short_en": f"Test point {number}",
        "status": "open",
        "opened_on": "2022-10",
        "opened_when": "about",
    }


def write_catalog(directory: Path, tables: Tables) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for file, header in HEADERS.items():
        with (directory / file).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            writer.writerows(tables.get(file, []))
    return directory


def sample_tables(products: int = 150) -> Tables:
    return {
        "products.csv": [product_row(n) for n in range(1, products + 1)],
        "points.csv": [point_row(1), point_row(2, located=False)],
        "stock.csv": [
            {
                "product": "Sản phẩm thử 1",
                "point": "Điểm thử 1",
                "basis": "source",
                "source_url": SOURCE,
                "note": "",
            }
        ],
        "aliases.csv": [{"kind": "product", "term": "gốm", "alias": "pottery"}],
        "events.csv": [
            {
                "name_vi": "Festival OCOP Việt Nam 2025",
                "name_en": "Vietnam OCOP Festival 2025",
                "starts_on": "2025-12-20",
                "ends_on": "2025-12-23",
                "venue": "Hoàng thành Thăng Long",
                "ward": "Phường Ba Đình",
                "ward_code": "00004",
                "point": "",
                "source_url": SOURCE,
                "note": "",
            }
        ],
        "places.csv": [
            {
                "name": "Chợ Đồng Xuân",
                "kind": "market",
                "other_names": "Dong Xuan market",
                "legacy_wards": "Phường Đồng Xuân, Quận Hoàn Kiếm",
                "ward_codes": "00070",
                "source_url": SOURCE,
                "note": "",
            }
        ],
    }


@pytest.fixture
def make_catalog(tmp_path: Path) -> Callable[..., Path]:
    """Write the sample catalog, with `changes` applied, and return its directory."""

    def make(name: str = "catalog", **changes: Callable[[Tables], None]) -> Path:
        tables = sample_tables()
        for change in changes.values():
            change(tables)
        return write_catalog(tmp_path / name, tables)

    return make


def problems_of(directory: Path) -> list[str]:
    return [str(problem) for problem in validate_catalog(directory).problems]


def set_cell(file: str, index: int, column: str, value: str) -> Callable[[Tables], None]:
    """A change for `make_catalog`: one cell of one row (index 0 is on line 2)."""

    def change(tables: Tables) -> None:
        tables[file][index][column] = value

    return change


async def database_dump(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in primary key order."""
    async with open_engine(url) as engine, engine.connect() as connection:
        return {
            table.name: [
                tuple(row)
                for row in await connection.execute(
                    sa.select(table).order_by(*table.primary_key.columns)
                )
            ]
            for table in SQLModel.metadata.sorted_tables
        }
