"""Answers looked up in `vietnamadminunits` itself, apart from bot.geo, to check it against."""

from functools import cache
from unittest import mock

from vietnamadminunits import convert_address
from vietnamadminunits.converter import converter_2025
from vietnamadminunits.database import query

HANOI = "provinceCode = '01'"


@cache
def unit_code(name: str) -> str:
    """The 2025 code of a Hanoi unit, by its full name ("Phường Ô Chợ Dừa" → "00190")."""
    rows = query(f"SELECT wardCode FROM admin_units WHERE {HANOI} AND ward = '{name}'")
    assert len(rows) == 1, f"{name!r} is not exactly one 2025 unit of Hanoi"
    return str(rows[0]["wardCode"])


def hanoi_units() -> list[dict[str, str]]:
    return list(query(f"SELECT ward, wardShort, wardCode FROM admin_units WHERE {HANOI}"))


def legacy_wards(district: str | None = None) -> list[dict[str, str]]:
    """Pre-2025 Hanoi wards (ward, wardShort, district, districtShort), of one district if given."""
    where = f"{HANOI} AND district = '{district}'" if district else HANOI
    columns = "ward, wardShort, district, districtShort"
    return list(query(f"SELECT {columns} FROM admin_units_legacy WHERE {where}"))


@cache
def converted(ward: str, district: str) -> str:
    """The package converter's 2025 unit for an old ward, given ward and district text only.

    With no street in the text the converter never geocodes; the patch makes sure of it.
    """
    no_network = AssertionError("the converter tried to geocode")
    with mock.patch.object(converter_2025, "get_geo_location", side_effect=no_network):
        unit = convert_address(f"{ward}, {district}, Thành phố Hà Nội")
    return str(unit.ward)


def unit_centroid(name: str) -> tuple[float, float]:
    """(lat, lon) the package gives a 2025 Hanoi unit, by full name."""
    rows = query(f"SELECT wardLat, wardLon FROM admin_units WHERE {HANOI} AND ward = '{name}'")
    return float(rows[0]["wardLat"]), float(rows[0]["wardLon"])
