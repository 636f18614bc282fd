"""`python -m bot bench places`: resolving 1,000 mixed place strings, with nearest points.

The strings are made from the package's own names (deterministic seed): 2025 names with and
without diacritics, with prefixes and English suffixes, one-letter typos, old ward + old
district pairs, old districts, nicknames and junk. `--print` writes them instead, one per
line, to feed `python -m bot near --batch`.
"""

import argparse
import random
import statistics
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from vietnamadminunits.database import query

from bot.bench.catalog_files import read_catalog_files
from bot.config import DEFAULT_CATALOG_DIR
from bot.geo.gazetteer import place_nicknames
from bot.geo.nearest import points_near_units
from bot.geo.resolve import PlaceResolver
from bot.geo.wards import ward_directory

HELP = "time resolving 1,000 mixed place strings and finding the nearest points"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--count", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG_DIR)
    parser.add_argument("--print", action="store_true", help="print the strings and stop")


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in text if not unicodedata.combining(c))


def place_strings(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    units = query("SELECT ward, wardShort FROM admin_units WHERE provinceCode = '01'")
    legacy = query(
        "SELECT ward, district, districtShort FROM admin_units_legacy WHERE provinceCode = '01'"
    )
    districts = sorted({row["districtShort"] for row in legacy})

    def typo(text: str) -> str:
        i = rng.randrange(1, len(text) - 1)
        return (
            text[:i] + text[i + 1 :]
            if rng.random() < 0.5
            else text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        )

    forms: list[Callable[[], str]] = [
        lambda: rng.choice(units)["wardShort"],
        lambda: _folded(rng.choice(units)["wardShort"]).lower(),
        lambda: rng.choice(units)["ward"] + ", Hà Nội",
        lambda: _folded(rng.choice(units)["wardShort"]) + " ward",
        lambda: typo(_folded(rng.choice(units)["wardShort"]).lower()),
        lambda: (lambda row: f"{row['ward']}, {row['district']}")(rng.choice(legacy)),
        lambda: (lambda row: _folded(f"{row['ward']} {row['district']}").lower())(
            rng.choice(legacy)
        ),
        lambda: _folded(rng.choice(districts)) + " district",
        lambda: "quận " + rng.choice(districts),
        lambda: rng.choice(
            ["pizza", "hotel near lake", "london", "Old Quarter", "West Lake", "xyz"]
        ),
    ]
    return [rng.choice(forms)() for _ in range(count)]


def run(args: argparse.Namespace) -> int:
    places = place_strings(args.count, args.seed)
    if args.print:
        print("\n".join(places))
        return 0
    catalog = read_catalog_files(catalog_dir=args.catalog)
    resolve = PlaceResolver(place_nicknames(catalog.aliases, catalog.points))  # as the bot does
    started = time.perf_counter()
    ward_directory()
    startup_ms = (time.perf_counter() - started) * 1000
    resolve_ms, total_ms = [], []
    found = 0
    for text in places:
        begin = time.perf_counter()
        match = resolve(text)
        resolved = time.perf_counter()
        if match.units:
            found += 1
            points_near_units(catalog=catalog, units=match.units)
        resolve_ms.append((resolved - begin) * 1000)
        total_ms.append((time.perf_counter() - begin) * 1000)
    p99 = sorted(total_ms)[int(0.99 * len(total_ms))]
    print(f"ward directory built in {startup_ms:.0f} ms (once, at start-up)")
    print(f"{len(places)} place strings: {found} resolved to one or more 2025 units")
    print(f"resolving:           {sum(resolve_ms):7.0f} ms in all")
    print(f"resolving + nearest: {sum(total_ms):7.0f} ms in all")
    print(f"per string: p50 {statistics.median(total_ms):.3f} ms, p99 {p99:.3f} ms")
    return 0
