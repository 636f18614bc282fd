"""The shipped catalog in catalog_data/: complete, on real 2025 wards, sourced, and reproducible."""

import csv
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from bot.catalog.validate import validate_catalog
from bot.geo.hanoi import hanoi_units

REPO = Path(__file__).resolve().parents[2]
CATALOG = REPO / "catalog_data"
BUILDER = REPO / "scripts" / "build_catalog.py"
REFERENCE = REPO.parent / "shared" / "reference"
BUILT_FILES = ("products.csv", "points.csv", "stock.csv", "events.csv")


def rows(file: str) -> list[dict[str, str]]:
    with (CATALOG / file).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_reference_product_and_point_is_in_the_catalog_once() -> None:
    product_names = [row["name_vi"] for row in rows("products.csv")]
    point_names = [row["name"] for row in rows("points.csv")]
    assert (len(product_names), len(set(product_names))) == (178, 178)
    assert (len(point_names), len(set(point_names))) == (48, 48)


def test_the_project_validator_finds_nothing_wrong_in_the_built_files() -> None:
    problems = [str(p) for p in validate_catalog(CATALOG).problems if p.file in BUILT_FILES]
    assert problems == []


@pytest.mark.parametrize(
    ("file", "name_column", "code_column"),
    [
        ("products.csv", "origin_ward", "origin_ward_code"),
        ("points.csv", "ward", "ward_code"),
        ("events.csv", "ward", "ward_code"),
    ],
)
def test_every_ward_code_is_the_2025_hanoi_unit_of_that_name(
    file: str, name_column: str, code_column: str
) -> None:
    units = hanoi_units()
    wards = [(row[name_column], row[code_column]) for row in rows(file) if row[code_column]]
    assert wards
    assert [
        (name, code) for name, code in wards if code not in units or units[code].name != name
    ] == []


def test_a_point_without_a_ward_has_no_coordinates_and_centroids_are_their_wards() -> None:
    units = hanoi_units()
    for point in rows("points.csv"):
        if not point["ward_code"]:
            assert (point["lat"], point["lon"], point["location_exact"]) == ("", "", "false")
        elif point["location_exact"] == "false":
            unit = units[point["ward_code"]]
            assert (float(point["lat"]), float(point["lon"])) == (unit.lat, unit.lon), point["name"]


def test_every_stock_link_names_existing_rows_and_says_why() -> None:
    products = {row["name_vi"]: row for row in rows("products.csv")}
    points = {row["name"]: row for row in rows("points.csv")}
    links = rows("stock.csv")
    assert links
    assert len({(link["product"], link["point"]) for link in links}) == len(links)
    for link in links:
        product, point = products[link["product"]], points[link["point"]]
        assert link["basis"] in ("source", "origin")
        assert link["source_url"].startswith(("https://", "http://"))
        if link["basis"] == "origin":
            assert product["origin_ward_code"] == point["ward_code"] != ""
            assert link["source_url"] == point["source_url"]


def test_the_vietnam_ocop_festival_2025_is_at_the_imperial_citadel() -> None:
    festival = next(e for e in rows("events.csv") if e["name_en"] == "Vietnam OCOP Festival 2025")
    points = {row["name"]: row for row in rows("points.csv")}
    assert (festival["starts_on"], festival["ends_on"]) == ("2025-12-20", "2025-12-23")
    assert (festival["ward"], festival["ward_code"]) == ("Phường Ba Đình", "00004")
    assert "Hoàng thành Thăng Long" in points[festival["point"]]["name"]


@pytest.mark.parametrize("file", BUILT_FILES)
def test_all_text_is_unicode_nfc(file: str) -> None:
    text = (CATALOG / file).read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.skipif(
    not REFERENCE.is_dir(), reason="../shared/reference is not beside this checkout"
)
def test_the_shipped_files_are_exactly_what_the_builder_makes() -> None:
    result = subprocess.run(
        [sys.executable, str(BUILDER), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
