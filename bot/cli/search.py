"""`python -m bot search "QUERY" [--limit N] [--json]` and `--batch` (one query per line)."""

import argparse
import json
import sys
from typing import Any, TextIO

from bot.cli.types import result_limit
from bot.config import get_settings
from bot.geo import PlaceMatch
from bot.search import SearchResult
from bot.services import read_live_catalog
from bot.store.db import open_session

EMPTY_CATALOG = "The catalog is empty: run `python -m bot catalog load` first."


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "search",
        help="search products and points of sale as the bot does",
        description="Search the catalog in the database as the bot does.",
    )
    parser.add_argument("query", nargs="?", help="what a user would type")
    parser.add_argument(
        "--limit", type=result_limit, default=5, help="results per list (default 5)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--batch",
        action="store_true",
        help="read one query per line from standard input, write one JSON object per line",
    )
    parser.add_argument("--prefix", action="store_true", help="complete the last word")
    parser.set_defaults(handler=run)


def result_json(result: SearchResult) -> dict[str, Any]:
    place = None
    if result.query.place_text is not None:
        unit = result.place.unit if isinstance(result.place, PlaceMatch) else None
        place = {
            "text": result.query.place_text,
            "ward": unit.name if unit else None,
            "ward_code": unit.code if unit else None,
        }
    return {
        "query": result.query.text,
        "products": [
            {
                "name_vi": hit.product.name_vi,
                "name_en": hit.product.name_en,
                "stars": hit.product.stars,
                "score": hit.score,
                "matched": list(hit.matched),
            }
            for hit in result.products
        ],
        "points": [
            {"name": hit.point.name, "ward": hit.point.ward, "score": hit.score}
            for hit in result.points
        ],
        "place": place,
        "verdict": result.verdict.value,
        "intent": result.intent.value,
    }


def print_table(result: SearchResult, out: TextIO) -> None:
    query = result.query
    print(f"query:   {query.text}", file=out)
    print(f"product: {query.product_text or '-'}", file=out)
    place = query.place_text or "-"
    if isinstance(result.place, PlaceMatch) and result.place.label:
        place += f" → {result.place.label}"
    print(f"place:   {place}", file=out)
    print(f"stars:   {query.stars or '-'}   category: {query.category or '-'}", file=out)
    print(f"intent:  {result.intent.value}   verdict: {result.verdict.value}", file=out)
    print(f"\n{'score':>6} {'stars':>5}  product  [matched]", file=out)
    for hit in result.products:
        stars = str(hit.product.stars or "-")
        print(f"{hit.score:>6.3f} {stars:>5}  {hit.product.name_vi}", file=out)
        print(f"{'':13} {hit.product.name_en}  [{', '.join(hit.matched)}]", file=out)
    if not result.products:
        print("  (no product)", file=out)
    if result.points:
        print(f"\n{'score':>6}  point (ward)", file=out)
        for point_hit in result.points:
            ward = point_hit.point.ward or "ward unknown"
            print(f"{point_hit.score:>6.3f}  {point_hit.point.name} ({ward})", file=out)


async def run(args: argparse.Namespace) -> int:
    if bool(args.query) == args.batch:
        print("give either a QUERY or --batch", file=sys.stderr)
        return 2
    async with open_session(get_settings().database_url) as session:
        live = await read_live_catalog(session=session)
    if not live.catalog.products:
        print(EMPTY_CATALOG, file=sys.stderr)
        return 1

    def search(text: str) -> SearchResult:
        return live.search(text, limit=args.limit, prefix=args.prefix)

    if args.batch:
        for line in sys.stdin:
            print(json.dumps(result_json(search(line.strip())), ensure_ascii=False))
        return 0
    result = search(args.query)
    if args.json:
        print(json.dumps(result_json(result), ensure_ascii=False, indent=2))
    else:
        print_table(result, sys.stdout)
        if not result.products and (suggestions := live.index.suggest(args.query)):
            print(f"\ndid you mean: {' | '.join(suggestions)}")
    return 0
