"""Named places (places.csv, catalog points), streets, and old districts measured as a whole."""

import shutil
from pathlib import Path
from typing import Any

from bot.catalog.validate import validate_catalog
from bot.config import DEFAULT_CATALOG_DIR
from bot.geo import PlaceKind, resolve_place

from .test_cli import near  # noqa: F401  (the fixture)

HANG_TRONG = "Phường Hàng Trống, Quận Hoàn Kiếm"
NICKNAMES = {
    "Hoan Kiem Lake": (HANG_TRONG,),
    "Phố Bát Đàn": ("Phường Hàng Bồ, Quận Hoàn Kiếm", "Phường Cửa Đông, Quận Hoàn Kiếm"),
    "Phố Thử": ("Phường Hàng Bạc, Quận Hoàn Kiếm", "Phường Kim Liên, Quận Đống Đa"),
}


def test_a_landmark_is_placed_through_its_legacy_ward() -> None:
    match = resolve_place("Hoan Kiem Lake area", nicknames=NICKNAMES)
    assert match.kind is PlaceKind.LEGACY_WARD and match.named
    assert match.unit is not None and match.unit.name == "Phường Hoàn Kiếm"
    assert match.label == HANG_TRONG


def test_streets_with_or_without_their_marker_words() -> None:
    for text in ("phố Hàng Bạc", "Hang Bac street", "Hàng Bạc st", "pho hang bac"):
        match = resolve_place(text, nicknames=NICKNAMES)
        assert match.unit is not None and match.unit.name == "Phường Hoàn Kiếm", text
    bat_dan = resolve_place("Bat Dan street", nicknames=NICKNAMES)
    assert bat_dan.unit is not None and bat_dan.unit.name == "Phường Hoàn Kiếm"


def test_a_street_through_several_wards_offers_them_all() -> None:
    match = resolve_place("phố Thử", nicknames=NICKNAMES)
    assert match.kind is PlaceKind.AMBIGUOUS
    assert {unit.name for unit in match.units} == {"Phường Hoàn Kiếm", "Phường Kim Liên"}


def test_a_place_closing_a_longer_text_is_found() -> None:
    match = resolve_place("my hotel in Hang Bac street", nicknames=NICKNAMES)
    assert match.unit is not None and match.unit.name == "Phường Hoàn Kiếm"
    assert resolve_place("my hotel", nicknames=NICKNAMES).kind is PlaceKind.UNKNOWN


def test_ward_names_resolve_as_before_without_street_words() -> None:
    assert resolve_place("Hàng Bạc", nicknames=NICKNAMES).kind is PlaceKind.LEGACY_WARD
    assert not resolve_place("Ô Chợ Dừa", nicknames=NICKNAMES).named


def test_places_csv_codes_must_be_the_packages_conversion(tmp_path: Path) -> None:
    directory = tmp_path / "catalog"
    shutil.copytree(DEFAULT_CATALOG_DIR, directory)
    places = directory / "places.csv"
    text = places.read_text("utf-8")
    places.write_text(
        text.replace(
            '"Phường Đồng Xuân, Quận Hoàn Kiếm",00070', '"Phường Đồng Xuân, Quận Hoàn Kiếm",00082'
        ),
        "utf-8",
    )
    problems = [str(problem) for problem in validate_catalog(directory).problems]
    assert problems == ["places.csv:2: ward_codes: the legacy wards convert to 00070, not 00082"]


def test_an_old_district_is_measured_as_a_whole(near: Any) -> None:  # noqa: F811
    answer = near("quận cầu giấy", "--product", "mật ong rừng")
    outside = [p for p in answer["points"] if p["ward"] in ("Phường Tây Hồ", "Phường Hoàn Kiếm")]
    assert outside and all(point["distance_km"] > 0 for point in outside)
    marked = [point for point in answer["points"] if point["carries_product"]]
    assert marked and all(
        name.startswith("Mật ong") for point in marked for name in point["carried_products"]
    )


def test_the_acceptance_examples_are_explained(near: Any) -> None:  # noqa: F811
    market = near("chợ Đồng Xuân", "--product", "nước mắm")
    assert market["place"]["ward_code"] == "00070" and market["place"]["named_place"]
    assert market["place"]["explanation"].startswith("“chợ Đồng Xuân” lies in Phường Đồng Xuân")
    assert not any(point["carries_product"] for point in market["points"])  # none recorded
    assert market["product_match"] == "category"
    street = near("Hang Bac street")
    assert street["place"]["ward_code"] == "00070"
    assert "Phường Hàng Bạc, Quận Hoàn Kiếm (before 2025)" in street["place"]["explanation"]
