"""`python -m bot catalog validate|load [DIR]`, `catalog export FILE.xlsx`,
`catalog import FILE.xlsx [--dry-run]`."""

import argparse
import sys
import time
from pathlib import Path

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.broadcast.announcements import create_announcement
from bot.catalog.load import InvalidCatalogError, LoadReport, load_catalog
from bot.catalog.validate import validate_catalog
from bot.catalog.workbook_export import catalog_tables, write_workbook
from bot.catalog.workbook_import import (
    InvalidWorkbookError,
    UnreadableWorkbookError,
    import_workbook,
)
from bot.config import get_settings
from bot.store.broadcast import Audience, Topic
from bot.store.catalog import read_catalog
from bot.store.db import open_session
from bot.store.models import Point
from bot.texts import LANGUAGES, plain


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    catalog = subparsers.add_parser("catalog", help="validate, load, export or import the catalog")
    actions = catalog.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, handler, help_text in (
        ("validate", validate, "check every row of a catalog directory"),
        ("load", load, "validate, then load a catalog directory into the database atomically"),
    ):
        parser = actions.add_parser(name, help=help_text, description=help_text)
        parser.add_argument(
            "directory",
            nargs="?",
            type=Path,
            help="catalog directory (default: CATALOG_DIR, i.e. catalog_data/)",
        )
        parser.set_defaults(handler=handler)
    help_text = "write the catalog in the database to one .xlsx workbook, a sheet per table"
    parser = actions.add_parser("export", help=help_text, description=help_text)
    parser.add_argument("file", type=Path, help="the workbook to write, e.g. catalog.xlsx")
    parser.set_defaults(handler=export)
    help_text = "validate a workbook like `catalog validate`, then load it like `catalog load`"
    parser = actions.add_parser("import", help=help_text, description=help_text)
    parser.add_argument("file", type=Path, help="a workbook written by `catalog export`")
    parser.add_argument(
        "--dry-run", action="store_true", help="change nothing; print what would change"
    )
    parser.set_defaults(handler=import_)


TABLE_ORDER = ("products", "points", "stock", "aliases", "events")  # as the load reports


def _directory(args: argparse.Namespace) -> Path:
    return args.directory or get_settings().catalog_dir


def _print_problems(problems: list[str]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s); nothing was loaded.", file=sys.stderr)


def _say_waiting() -> None:
    print("Another catalog load is running: waiting for it to finish.", file=sys.stderr)


def validate(args: argparse.Namespace) -> int:
    rows = validate_catalog(_directory(args))
    if rows.problems:
        _print_problems([str(problem) for problem in rows.problems])
        return 1
    counts = ", ".join(f"{len(r)} {file}" for file, r in rows.tables.items())
    print(f"OK: {counts}")
    return 0


async def load(args: argparse.Namespace) -> int:
    try:
        async with open_session(get_settings().database_url) as session:
            report = await load_catalog(
                session=session, directory=_directory(args), waiting=_say_waiting
            )
            await _offer_new_shops(session, report)
    except InvalidCatalogError as error:
        _print_problems([str(problem) for problem in error.problems])
        return 1
    _print_counts(report)
    return 0


async def _offer_new_shops(session: AsyncSession, report: LoadReport) -> None:
    """New points of sale become a draft for the «new shops» topic, which the bot offers to
    staff; nothing is sent by itself."""
    if not report.new_points:
        return
    draft = await create_announcement(
        session=session,
        text=new_shops_text(report.new_points),
        audience=Audience.TOPIC,
        audience_value=Topic.SHOWROOMS.value,
        created_by=0,
        source="catalog",
    )
    print(
        f"{len(report.new_points)} new point(s) of sale: draft announcement #{draft.id} "
        "for «new shops» awaits staff review in the bot (nothing is sent by itself)."
    )


def _print_counts(report: LoadReport) -> None:
    print(f"{'table':<10} {'total':>6} {'added':>6} {'updated':>8} {'removed':>8}")
    for table in TABLE_ORDER:
        changes = report.changes[table]
        print(
            f"{table:<10} {report.totals[table]:>6} {changes.added:>6} "
            f"{changes.updated:>8} {changes.removed:>8}"
        )


def print_changes(report: LoadReport) -> None:
    """Rows added (+), removed (-) and changed (~, with the fields that changed), by name."""
    for table in TABLE_ORDER:
        changes = report.changes[table]
        if not (changes.added or changes.updated or changes.removed):
            print(f"{table}: no change")
            continue
        print(
            f"{table}: {changes.added} added, {changes.removed} removed, {changes.updated} changed"
        )
        for name in changes.added_rows:
            print(f"  + {name}")
        for name in changes.removed_rows:
            print(f"  - {name}")
        for name, fields in changes.changed_rows:
            print(f"  ~ {name}: {', '.join(fields)}")


async def export(args: argparse.Namespace) -> int:
    path: Path = args.file
    if path.suffix.lower() != ".xlsx":
        print(f"{path}: the workbook's name must end in .xlsx", file=sys.stderr)
        return 2
    async with open_session(get_settings().database_url) as session:
        catalog = await read_catalog(session=session)
    tables = catalog_tables(catalog)
    write_workbook(tables, path)
    counts = ", ".join(f"{len(rows)} {sheet}" for sheet, (_, rows) in tables.items())
    print(f"Wrote {path}: {counts}")
    return 0


async def import_(args: argparse.Namespace) -> int:
    started = time.perf_counter()

    def progress(line: str) -> None:
        print(f"{line} ({time.perf_counter() - started:.1f} s)", flush=True)

    try:
        async with open_session(get_settings().database_url) as session:
            report = await import_workbook(
                session=session, path=args.file, dry_run=args.dry_run, progress=progress
            )
            if not args.dry_run:
                await _offer_new_shops(session, report)
    except UnreadableWorkbookError as error:
        print(error, file=sys.stderr)
        return 1
    except InvalidWorkbookError as error:
        _print_problems(error.problems)
        return 1
    if args.dry_run:
        print("Dry run: nothing was written. An import would make these changes:")
        print_changes(report)
    else:
        _print_counts(report)
    progress("Done")
    return 0


def new_shops_text(points: list[Point]) -> str:
    """The draft for the «new shops» topic: the new points, in both languages."""
    shops = "\n".join(
        f"• {point.name}" + (f" — {point.address}" if point.address else "") for point in points
    )
    return "\n\n".join(plain(lang, "new_shops_draft").format(shops=shops) for lang in LANGUAGES)
