"""`python -m bot catalog validate|load [DIR]`."""

import argparse
import sys
from pathlib import Path

from bot.catalog.load import InvalidCatalogError, load_catalog
from bot.catalog.validate import Problem, validate_catalog
from bot.config import get_settings
from bot.store.db import open_session


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    catalog = subparsers.add_parser("catalog", help="validate or load the product catalog")
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


def _directory(args: argparse.Namespace) -> Path:
    return args.directory or get_settings().catalog_dir


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s); nothing was loaded.", file=sys.stderr)


def _say_waiting() -> None:
    print("Another catalog load is running: waiting for it to finish.", file=sys.stderr)


def validate(args: argparse.Namespace) -> int:
    rows = validate_catalog(_directory(args))
    if rows.problems:
        _print_problems(rows.problems)
        return 1
    counts = ", ".join(f"{len(r)} {file}" for file, r in rows.tables.items())
    print(f"OK: {counts}")
    return 0


async def load(args: argparse.Namespace) -> int:
    settings = get_settings()
    try:
        async with open_session(settings.database_url) as session:
            report = await load_catalog(
                session=session, directory=_directory(args), waiting=_say_waiting
            )
    except InvalidCatalogError as error:
        _print_problems(error.problems)
        return 1
    print(f"{'table':<10} {'total':>6} {'added':>6} {'updated':>8} {'removed':>8}")
    for table, changes in report.changes.items():
        print(
            f"{table:<10} {report.totals[table]:>6} {changes.added:>6} "
            f"{changes.updated:>8} {changes.removed:>8}"
        )
    return 0
