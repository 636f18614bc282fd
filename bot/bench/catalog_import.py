"""`bench import`: `catalog import` of a workbook with 20,000 products, timed, with its
progress, into a fresh database (a temporary SQLite file unless --database-url is given)."""

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from bot.bench.catalog_files import read_catalog_files
from bot.catalog.load import LoadReport
from bot.catalog.workbook_export import catalog_tables, write_workbook
from bot.catalog.workbook_import import import_workbook
from bot.store.catalog import Catalog
from bot.store.db import open_session

HELP = "time `catalog import` of a workbook with 20,000 products (the goal: under a minute)"
GOAL_SECONDS = 60.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--products", type=int, default=20_000, help="products in the workbook")
    parser.add_argument(
        "--database-url", help="database to import into (default: a temporary SQLite file)"
    )


def workbook_rows(catalog: Catalog, products: int) -> dict[str, tuple[list[str], list[list[str]]]]:
    """The shipped catalog's tables, its products repeated as numbered lots up to `products`."""
    tables = catalog_tables(catalog)
    header, real = tables["products"]
    name_vi, name_en = header.index("name_vi"), header.index("name_en")
    rows = list(real)
    for number in range(products - len(real)):
        row = list(real[number % len(real)])
        row[name_vi] = f"{row[name_vi]} (lô {number + 1})"
        row[name_en] = f"{row[name_en]} (lot {number + 1})"
        rows.append(row)
    tables["products"] = (header, rows[:products])
    return tables


def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="ocop-bench-import-") as temporary:
        workbook = Path(temporary) / "catalog.xlsx"
        made = time.perf_counter()
        write_workbook(workbook_rows(read_catalog_files(), args.products), workbook)
        print(
            f"Wrote a workbook with {args.products:,} products in "
            f"{time.perf_counter() - made:.1f} s ({workbook.stat().st_size / 1e6:.1f} MB)"
        )
        url = args.database_url or f"sqlite+aiosqlite:///{Path(temporary) / 'bench.sqlite3'}"
        seconds, report = asyncio.run(_import(url, workbook))
    print(f"products: {report.totals['products']:,} in the database")
    verdict = "under" if seconds < GOAL_SECONDS else "OVER"
    print(f"catalog import took {seconds:.1f} s: {verdict} the {GOAL_SECONDS:.0f} s goal")
    return 0 if seconds < GOAL_SECONDS else 1


async def _import(url: str, workbook: Path) -> tuple[float, LoadReport]:
    async with open_session(url) as session:
        started = time.perf_counter()

        def progress(line: str) -> None:
            print(f"{line} ({time.perf_counter() - started:.1f} s)", flush=True)

        report = await import_workbook(
            session=session, path=workbook, dry_run=False, progress=progress
        )
        return time.perf_counter() - started, report
