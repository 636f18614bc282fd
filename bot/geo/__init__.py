"""Where to buy: Hanoi's wards (2025 and pre-2025 names) and the OCOP points nearest to them."""

from bot.geo.nearest import (
    Coordinates,
    NearbyPoint,
    NearbyPoints,
    ProductMatch,
    is_outside_hanoi,
    nearest_unit,
    points_near_location,
    points_near_units,
)
from bot.geo.resolve import PlaceKind, PlaceMatch, place_nicknames, resolve_place

__all__ = [
    "Coordinates",
    "NearbyPoint",
    "NearbyPoints",
    "PlaceKind",
    "PlaceMatch",
    "ProductMatch",
    "is_outside_hanoi",
    "nearest_unit",
    "place_nicknames",
    "points_near_location",
    "points_near_units",
    "resolve_place",
]
