"""Directions open a map at the premises when exact, else search the address in its ward."""

from urllib.parse import parse_qs, urlsplit

from bot.geo.directions import directions_url
from bot.store.kinds import PointKind
from bot.store.models import Point


def query_of(url: str) -> str:
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.google.com", "/maps/search/")
    assert parse_qs(parts.query)["api"] == ["1"]
    return parse_qs(parts.query)["query"][0]


def point(**values: object) -> Point:
    base: dict[str, object] = {
        "name": "Điểm thử",
        "name_vi": "Điểm thử",
        "kind": PointKind.SHOWROOM,
        "source_url": "https://example.org",
    }
    return Point.model_validate({**base, **values})


def test_exact_points_open_at_their_coordinates() -> None:
    exact = point(lat=21.0243, lon=105.826, location_exact=True, address="ngõ 59 Hoàng Cầu")
    assert query_of(directions_url(exact)) == "21.0243,105.826"


def test_approximate_points_search_their_address_in_their_ward() -> None:
    near = point(lat=21.0243, lon=105.826, address="ngõ 59 Hoàng Cầu", ward="Phường Ô Chợ Dừa")
    assert query_of(directions_url(near)) == "ngõ 59 Hoàng Cầu, Phường Ô Chợ Dừa, Hà Nội"


def test_points_without_an_address_search_their_name() -> None:
    assert query_of(directions_url(point())) == "Điểm thử, Hà Nội"
