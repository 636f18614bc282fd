"""Hanoi's ward directory: 2025 units by name, pre-2025 wards and districts mapped onto them.

Everything comes from `vietnamadminunits` (its database and its 2025 converter table).
"""

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, TypeVar

from vietnamadminunits.database import query

from bot.geo.hanoi import HANOI_PROVINCE_CODE, HanoiUnit, hanoi_units
from bot.vietnamese import unit_key

_Target = TypeVar("_Target")
# The converter keys Hanoi's pre-2025 wards as "thanhphohanoi_<districtKey>_<wardKey>".
_CONVERTER_PROVINCE = "thanhphohanoi"


@dataclass(frozen=True)
class LegacyWard:
    """A pre-2025 ward or commune and the 2025 units it went to."""

    name: str  # "Phường Vĩnh Phúc"
    short_name: str  # "Vĩnh Phúc"
    district: str  # "Quận Ba Đình"
    unit: HanoiUnit  # the converter's default new unit (the whole ward, or its main part)
    parts: tuple[HanoiUnit, ...]  # every new unit that received part of it


@dataclass(frozen=True)
class OldDistrict:
    """A pre-2025 district (quận, huyện, thị xã) and the 2025 units that cover it."""

    name: str  # "Quận Đống Đa"
    short_name: str  # "Đống Đa"
    units: tuple[HanoiUnit, ...]
    wards: tuple[LegacyWard, ...]
    wards_by_key: dict[str, tuple[LegacyWard, ...]]


@dataclass(frozen=True)
class WardDirectory:
    """Lookups by compact key ("ochodua", "phuongochodua", and the package's spelling variants)."""

    units_by_key: dict[str, tuple[HanoiUnit, ...]]
    districts_by_key: dict[str, tuple[OldDistrict, ...]]
    legacy_by_key: dict[str, tuple[LegacyWard, ...]]
    # Provinces and pre-2025 districts outside Hanoi ("Thành phố Hạ Long, Tỉnh Quảng Ninh"),
    # so "Ha Long" is recognised as elsewhere rather than read as a typo of "Hà Đông".
    elsewhere_by_key: dict[str, str]


def _keywords(row: dict[str, Any], column: str) -> list[str]:
    return list(json.loads(row[column] or "[]"))


def _by_key(pairs: Iterable[tuple[str, _Target]]) -> dict[str, tuple[_Target, ...]]:
    grouped: defaultdict[str, list[_Target]] = defaultdict(list)
    for key, target in pairs:
        if target not in grouped[key]:
            grouped[key].append(target)
    return {key: tuple(targets) for key, targets in grouped.items()}


def _names_and_keywords(row: dict[str, Any], level: str) -> list[str]:
    """Every key the package knows for a unit: short and full name, keywords, old aliases."""
    names = [unit_key(row[level]), unit_key(row[f"{level}Short"])]
    return names + _keywords(row, f"{level}Keywords") + _keywords(row, f"{level}Alias")


def _hanoi_rows(table: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = query(
        f"SELECT * FROM {table} WHERE provinceCode = '{HANOI_PROVINCE_CODE}' ORDER BY wardCode"
    )
    return rows


def _places_elsewhere(hanoi_keys: set[str]) -> dict[str, str]:
    outside = f"provinceCode != '{HANOI_PROVINCE_CODE}'"
    provinces = query(
        "SELECT DISTINCT province, provinceShort, provinceKeywords, provinceAlias "
        f"FROM admin_units WHERE {outside} UNION SELECT DISTINCT province, provinceShort, "
        f"provinceKeywords, provinceAlias FROM admin_units_legacy WHERE {outside}"
    )
    districts = query(
        "SELECT DISTINCT province, district, districtShort, districtKeywords, districtAlias "
        f"FROM admin_units_legacy WHERE {outside}"
    )
    elsewhere = {
        key: f"{row['district']}, {row['province']}"
        for row in districts
        for key in _names_and_keywords(row, "district")
    }
    # A province's own name wins over a district named after it ("Ninh Bình").
    elsewhere.update(
        (key, row["province"]) for row in provinces for key in _names_and_keywords(row, "province")
    )
    return {key: name for key, name in elsewhere.items() if key not in hanoi_keys}


def _converter_parts() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Converter key of each pre-2025 Hanoi ward → (default new ward key, all new ward keys)."""
    table = json.loads(
        files("vietnamadminunits").joinpath("data/converter_2025.json").read_text("utf-8")
    )
    parts: dict[str, tuple[str, tuple[str, ...]]] = {}
    for new_key, old_keys in table["DICT_PROVINCE_WARD_NO_DIVIDED"][_CONVERTER_PROVINCE].items():
        parts.update({old_key: (new_key, (new_key,)) for old_key in old_keys})
    for old_key, pieces in table["DICT_PROVINCE_WARD_DIVIDED"][_CONVERTER_PROVINCE].items():
        default = next(piece["newWardKey"] for piece in pieces if piece["isDefaultNewWard"])
        parts[old_key] = (default, tuple(piece["newWardKey"] for piece in pieces))
    return parts


@cache
def ward_directory() -> WardDirectory:
    """Built once, on first use (about 50 ms)."""
    units = hanoi_units()
    unit_rows = _hanoi_rows("admin_units")
    unit_by_package_key = {row["wardKey"]: units[row["wardCode"]] for row in unit_rows}
    converter_parts = _converter_parts()

    wards_of_district: defaultdict[str, list[tuple[str, LegacyWard]]] = defaultdict(list)
    district_rows: dict[str, dict[str, Any]] = {}
    for row in _hanoi_rows("admin_units_legacy"):
        converter_key = f"{_CONVERTER_PROVINCE}_{row['districtKey']}_{row['wardKey']}"
        default, pieces = converter_parts[converter_key]
        ward = LegacyWard(
            name=row["ward"],
            short_name=row["wardShort"],
            district=row["district"],
            unit=unit_by_package_key[default],
            parts=tuple(sorted({unit_by_package_key[piece] for piece in pieces}, key=_code)),
        )
        district_rows[row["districtKey"]] = row
        wards_of_district[row["districtKey"]] += [
            (key, ward) for key in _names_and_keywords(row, "ward")
        ]

    districts = {
        district_key: OldDistrict(
            name=district_rows[district_key]["district"],
            short_name=district_rows[district_key]["districtShort"],
            units=tuple(
                sorted({unit for _, ward in keyed_wards for unit in ward.parts}, key=_code)
            ),
            wards=tuple(dict.fromkeys(ward for _, ward in keyed_wards)),
            wards_by_key=_by_key(keyed_wards),
        )
        for district_key, keyed_wards in wards_of_district.items()
    }
    units_by_key = _by_key(
        (key, units[row["wardCode"]])
        for row in unit_rows
        for key in _names_and_keywords(row, "ward")
    )
    districts_by_key = _by_key(
        (key, districts[district_key])
        for district_key, row in district_rows.items()
        for key in _names_and_keywords(row, "district")
    )
    legacy_by_key = _by_key(
        (key, ward) for keyed_wards in wards_of_district.values() for key, ward in keyed_wards
    )
    return WardDirectory(
        units_by_key=units_by_key,
        districts_by_key=districts_by_key,
        legacy_by_key=legacy_by_key,
        elsewhere_by_key=_places_elsewhere({*units_by_key, *districts_by_key, *legacy_by_key}),
    )


def _code(unit: HanoiUnit) -> str:
    return unit.code
