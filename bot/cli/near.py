"""`python -m bot near PLACE [--product QUERY] [--limit N] [--json]`, and `near --batch`."""

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from typing import Any

from bot.cli.types import result_limit
from bot.config import get_settings
from bot.geo import (
    Coordinates,
    NearbyPoints,
    PlaceKind,
    PlaceMatch,
    ProductMatch,
    nearest_unit,
    points_near_location,
    points_near_units,
)
from bot.geo.hanoi import HanoiUnit
from bot.geo.nearest import DEFAULT_LIMIT
from bot.geo.wards import ward_directory
from bot.search import wanted_product_ids
from bot.services import LiveCatalog, read_live_catalog
from bot.store.db import open_session

_COORDINATES = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*[, ]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "near",
        help="nearest OCOP points to a ward, commune, old district or LAT,LON",
        description="Resolve a place in Hanoi and list the nearest OCOP points.",
    )
    parser.add_argument("place", nargs="?", help='"o cho dua", "Dong Da district", "21.03,105.85"…')
    parser.add_argument("--product", metavar="QUERY", help="prefer points carrying this product")
    parser.add_argument("--limit", type=result_limit, default=DEFAULT_LIMIT, help="points to list")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--batch",
        action="store_true",
        help="read one place per line on standard input, write one JSON object per line",
    )
    parser.set_defaults(handler=near)


@dataclass(frozen=True)
class ProductQuery:
    matching: frozenset[int]  # truly what was asked for: their points are marked as carrying it
    related: frozenset[int]  # what search found: their category is the honest fallback


def find_product_ids(live: LiveCatalog, query: str) -> ProductQuery:
    """The products `query` asks for, as the bot's search understands it."""
    result = live.index.search(query, limit=50)
    return ProductQuery(live.index.strong_matches(result.query), wanted_product_ids(result))


async def near(args: argparse.Namespace) -> int:
    if args.batch == (args.place is not None):
        print("Give a PLACE, or --batch with places on standard input.", file=sys.stderr)
        return 2
    async with open_session(get_settings().database_url) as session:
        live = await read_live_catalog(session=session)
    if not live.catalog.points:
        print("The catalog is empty: run `python -m bot catalog load` first.", file=sys.stderr)
        return 1
    product_ids = find_product_ids(live, args.product) if args.product else None
    if args.batch:
        return _batch(live, product_ids, args.limit)
    place, nearby = _answer(args.place, live, product_ids, args.limit)
    if args.json:
        print(json.dumps(_as_json(args.place, place, nearby, live), ensure_ascii=False, indent=2))
    else:
        print(_as_text(args.place, place, nearby, args.product, product_ids, live))
    return 0 if nearby is not None else 1


def _batch(live: LiveCatalog, product_ids: ProductQuery | None, limit: int) -> int:
    ward_directory()  # built at start-up, not inside the timed loop
    lines = [line.strip() for line in sys.stdin if line.strip()]
    started = time.perf_counter()
    output = []
    for text in lines:
        place, nearby = _answer(text, live, product_ids, limit)
        output.append(json.dumps(_as_json(text, place, nearby, live), ensure_ascii=False))
    elapsed_ms = (time.perf_counter() - started) * 1000
    print("\n".join(output))
    print(f"resolved {len(lines)} places in {elapsed_ms:.0f} ms", file=sys.stderr)
    return 0


def _answer(
    text: str, live: LiveCatalog, products: ProductQuery | None, limit: int
) -> tuple[PlaceMatch | Coordinates, NearbyPoints | None]:
    catalog = live.catalog
    product_ids = products.matching if products else None
    related_ids = products.related if products else None
    if found := _COORDINATES.match(text):
        location = (float(found[1]), float(found[2]))
        return location, points_near_location(
            catalog=catalog,
            location=location,
            product_ids=product_ids,
            related_ids=related_ids,
            limit=limit,
        )
    place = live.resolve_place(text)
    if not place.units:
        return place, None
    return place, points_near_units(
        catalog=catalog,
        units=place.origins,
        product_ids=product_ids,
        related_ids=related_ids,
        limit=limit,
    )


def _unit_json(unit: HanoiUnit) -> dict[str, str]:
    return {"ward": unit.name, "ward_code": unit.code}


def _as_json(
    text: str, place: PlaceMatch | Coordinates, nearby: NearbyPoints | None, live: LiveCatalog
) -> dict[str, Any]:
    if isinstance(place, PlaceMatch):
        unit = place.unit
        place_json: dict[str, Any] = {
            "text": text,
            "kind": place.kind.value,
            "ward": unit.name if unit else None,
            "ward_code": unit.code if unit else None,
            "lat": unit.lat if unit else None,
            "lon": unit.lon if unit else None,
            "candidates": [_unit_json(unit) for unit in place.units] if not unit else [],
            "suggestions": [_unit_json(unit) for unit in place.suggestions],
            "label": place.label,
            "typo": place.typo,
            "named_place": place.named,
            "explanation": _place_heading(text, place),
        }
    else:
        in_ward, _ = nearest_unit(place)
        outside = nearby is not None and nearby.outside_hanoi
        place_json = {
            "text": text,
            "kind": "location",
            "ward": None if outside else in_ward.name,
            "ward_code": None if outside else in_ward.code,
            "lat": place[0],
            "lon": place[1],
            "candidates": [],
        }
    points = nearby.points if nearby else ()
    return {
        "place": place_json,
        "points": [
            {
                "name": near.point.name,
                "ward": near.point.ward,
                "distance_km": round(near.distance_km, 2),
                "approximate": near.approximate,
                "carries_product": near.carries_product,
                "carried_products": [
                    live.catalog.product_by_id[product_id].name_vi for product_id in near.carried
                ],
                "carries_category": near.carries_category,
            }
            for near in points
        ],
        "product_match": nearby.product_match if nearby else None,
        "outside_hanoi": bool(nearby and nearby.outside_hanoi),
        "unlocated_carriers": [point.name for point in nearby.unlocated_carriers] if nearby else [],
    }


def _as_text(
    text: str,
    place: PlaceMatch | Coordinates,
    nearby: NearbyPoints | None,
    product_query: str | None,
    products: ProductQuery | None,
    live: LiveCatalog,
) -> str:
    lines = [_place_heading(text, place)]
    if nearby is None:
        return lines[0]
    if nearby.outside_hanoi and nearby.points:
        lines.append(
            "You seem to be outside Hanoi; the nearest point is "
            f"{nearby.points[0].distance_km:.0f} km away."
        )
    if product_query is not None:
        lines.append(_product_line(product_query, products, nearby))
    for rank, near in enumerate(nearby.points, start=1):
        notes = [near.point.ward or "ward unknown"]
        if near.approximate:
            notes.append("ward centroid")
        if near.carries_product:
            carried = ", ".join(live.catalog.product_by_id[i].name_vi for i in near.carried)
            notes.append(f"carries it: {carried}")
        if near.carries_category:
            notes.append("same category")
        distance = f"{near.distance_km:5.1f} km"
        lines.append(f"{rank:>2}. {distance}  {near.point.name}  ({', '.join(notes)})")
    if nearby.unlocated_carriers:
        names = "; ".join(point.name for point in nearby.unlocated_carriers)
        lines.append(f"Also carried at (location unknown): {names}")
    return "\n".join(lines)


def _place_heading(text: str, place: PlaceMatch | Coordinates) -> str:
    if not isinstance(place, PlaceMatch):
        return f"Location {place[0]:.5f}, {place[1]:.5f}"
    names = ", ".join(f"{unit.name} ({unit.code})" for unit in place.units)
    if place.kind is PlaceKind.UNKNOWN:
        closest = ", ".join(unit.name for unit in place.suggestions)
        return f"No ward or commune of Hanoi matches “{text}”. Closest names: {closest or '-'}."
    if place.kind is PlaceKind.ELSEWHERE:
        return f"“{text}” is outside Hanoi ({place.label}); only Hanoi's points are listed here."
    if place.kind is PlaceKind.OLD_DISTRICT:
        return f"{place.label} (before 2025) is now: {names}. Nearest from any of them:"
    if place.kind is PlaceKind.AMBIGUOUS and place.named:
        return f"“{text}” runs through {place.label} (before 2025), now: {names}. Nearest from any:"
    if place.kind is PlaceKind.AMBIGUOUS:
        return f"Several places match “{text}”: {names}. Nearest from any of them:"
    if place.named and place.kind is PlaceKind.LEGACY_WARD:
        return f"“{text}” lies in {place.label} (before 2025), now {names}."
    if place.named:
        return f"“{text}” is in {names}."
    via = f" (from {place.label})" if place.kind is PlaceKind.LEGACY_WARD else ""
    return f"{names}{via}{' — matched despite a typo' if place.typo else ''}"


def _product_line(query: str, products: ProductQuery | None, nearby: NearbyPoints) -> str:
    if products is None or not (products.matching or products.related):
        return f"No product matches “{query}”; these are the nearest points."
    if nearby.product_match is ProductMatch.PRODUCT:
        count = len(products.matching)
        return f"Points carrying “{query}” ({count} products) come first."
    if nearby.product_match is ProductMatch.CATEGORY:
        return (
            f"No point is known to carry “{query}”; points carrying the same category come first."
        )
    return f"No point is known to carry “{query}” or anything of its category."
