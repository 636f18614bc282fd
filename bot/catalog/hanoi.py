"""Hanoi's 126 wards and communes since the 2025 reform, read from `vietnamadminunits`."""

from dataclasses import dataclass
from functools import cache

from vietnamadminunits.database import query

HANOI_PROVINCE_CODE = "01"
# Margin around the outermost ward centroids that still counts as "inside Hanoi" (≈ 11 km).
BOUNDS_MARGIN_DEGREES = 0.1


@dataclass(frozen=True)
class HanoiUnit:
    code: str
    name: str  # "Phường Ô Chợ Dừa", "Xã Bát Tràng"
    short_name: str  # "Ô Chợ Dừa"
    kind: str  # "Phường" or "Xã"
    lat: float
    lon: float


@cache
def hanoi_units() -> dict[str, HanoiUnit]:
    """Every 2025 Hanoi unit by its 5-digit code."""
    rows = query(
        "SELECT wardCode, ward, wardShort, wardType, wardLat, wardLon FROM admin_units "
        f"WHERE provinceCode = '{HANOI_PROVINCE_CODE}' ORDER BY wardCode"
    )
    return {
        row["wardCode"]: HanoiUnit(
            code=row["wardCode"],
            name=row["ward"],
            short_name=row["wardShort"],
            kind=row["wardType"],
            lat=row["wardLat"],
            lon=row["wardLon"],
        )
        for row in rows
    }


@cache
def hanoi_bounds() -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) around every unit's centroid, plus a margin."""
    units = hanoi_units().values()
    lats = [unit.lat for unit in units]
    lons = [unit.lon for unit in units]
    margin = BOUNDS_MARGIN_DEGREES
    return min(lats) - margin, max(lats) + margin, min(lons) - margin, max(lons) + margin


def inside_hanoi(lat: float, lon: float) -> bool:
    min_lat, max_lat, min_lon, max_lon = hanoi_bounds()
    return min_lat <= lat <= max_lat and min_lon <= lon <= max_lon
