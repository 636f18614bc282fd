"""Hanoi: its 126 wards and communes since the 2025 reform (from `vietnamadminunits`), the one
"inside Hanoi" rule, distances, and its time zone."""

import math
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

from vietnamadminunits.database import query

HANOI_PROVINCE_CODE = "01"
EARTH_RADIUS_KM = 6371.0088
# Farther than this from every ward centroid is outside Hanoi (the largest commune spans ~10 km).
OUTSIDE_HANOI_KM = 15.0
VIETNAM_TIME = ZoneInfo("Asia/Ho_Chi_Minh")  # Hanoi's clock: schedules, events, "today"

Coordinates = tuple[float, float]  # (lat, lon) in degrees


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


def haversine_km(origin: Coordinates, target: Coordinates) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*origin, *target))
    half_chord = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(half_chord))


def nearest_unit(location: Coordinates) -> tuple[HanoiUnit, float]:
    """The Hanoi ward or commune whose centroid is nearest, with its distance in km."""
    return min(
        ((unit, haversine_km(location, (unit.lat, unit.lon))) for unit in hanoi_units().values()),
        key=lambda unit_and_km: unit_and_km[1],
    )


def inside_hanoi(location: Coordinates) -> bool:
    """The one rule for "in Hanoi": within OUTSIDE_HANOI_KM of some ward's centroid (so the
    sea and neighbouring provinces are out, however they sit against the province's box)."""
    return nearest_unit(location)[1] <= OUTSIDE_HANOI_KM
