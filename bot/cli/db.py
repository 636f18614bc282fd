"""`python -m bot db upgrade | current`: the database schema, migrated with Alembic."""

import argparse
import sys

from bot.config import get_settings
from bot.store.db import open_engine
from bot.store.migrate import (
    SchemaOutdatedError,
    current_revision,
    head_revision,
    known_revision,
    upgrade,
)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    db = subparsers.add_parser("db", help="migrate the database schema (DATABASE_URL)")
    actions = db.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser(
        "upgrade", help="bring the database to the latest schema revision (creates it if new)"
    ).set_defaults(handler=upgrade_command)
    actions.add_parser(
        "current", help="show the database's revision and the latest one; exit 1 if behind"
    ).set_defaults(handler=current_command)


async def upgrade_command(args: argparse.Namespace) -> int:
    async with open_engine(get_settings().database_url) as engine:
        before = await current_revision(engine)
        try:
            await upgrade(engine)
        except SchemaOutdatedError as error:
            print(f"Not upgraded: {error}", file=sys.stderr)
            return 1
        after = await current_revision(engine)
    if before == after:
        print(f"The database is already at the latest revision, {after}.")
    else:
        print(f"Upgraded the database from revision {before or 'none (empty)'} to {after}.")
    return 0


async def current_command(args: argparse.Namespace) -> int:
    async with open_engine(get_settings().database_url) as engine:
        current = await current_revision(engine)
    head = head_revision()
    print(f"database: {current or 'none (empty)'}\nlatest:   {head}")
    if current is not None and not known_revision(current):
        print(
            f"The database is at revision {current}, which this code does not know: "
            "a newer version of the bot migrated it.",
            file=sys.stderr,
        )
    return 0 if current == head else 1
