"""Where to buy: Hanoi's wards (2025 and pre-2025 names) and the OCOP points nearest to them."""

from bot.geo.gazetteer import place_nicknames
from bot.geo.hanoi import Coordinates, inside_hanoi, nearest_unit
from bot.geo.nearest import (
    NearbyPoint,
    NearbyPoints,
    ProductMatch,
    points_near_location,
    points_near_units,
)
from bot.geo.resolve import PlaceKind, PlaceMatch, PlaceResolver, resolve_place

__all__ = [
    "Coordinates",
    "NearbyPoint",
    "NearbyPoints",
    "PlaceKind",
    "PlaceMatch",
    "PlaceResolver",
    "ProductMatch",
    "inside_hanoi",
    "nearest_unit",
    "place_nicknames",
    "points_near_location",
    "points_near_units",
    "resolve_place",
]
