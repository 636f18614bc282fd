"""Links that open a maps app at a point: its coordinates when exact, else an address search."""

from urllib.parse import urlencode

from bot.store.models import Point

MAPS_SEARCH = "https://www.google.com/maps/search/?"
CITY = "Hà Nội"


def directions_url(point: Point) -> str:
    """Google Maps at the point: the premises' own coordinates, or a search for its address
    (or, without one, its name) in its ward, because a ward's centre is not the shop."""
    if point.location_exact and point.lat is not None and point.lon is not None:
        query = f"{point.lat},{point.lon}"
    else:
        place = point.address or point.name_vi or point.name
        query = ", ".join(part for part in (place, point.ward, CITY) if part)
    return MAPS_SEARCH + urlencode({"api": "1", "query": query})
