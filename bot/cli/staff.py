"""`python -m bot staff add ID | list | remove ID`: who may send announcements."""

import argparse

from bot.broadcast.staff import add_staff, list_staff, remove_staff
from bot.config import MAX_TELEGRAM_ID, get_settings
from bot.store.db import open_session


def telegram_id(text: str) -> int:
    """A Telegram user id as argparse's type: a usage error instead of an overflow later."""
    try:
        user_id = int(text)
    except ValueError:
        user_id = 0
    if not 0 < user_id <= MAX_TELEGRAM_ID:
        raise argparse.ArgumentTypeError(f"{text} is not a Telegram user id (a positive number)")
    return user_id


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    staff = subparsers.add_parser("staff", help="add, list or remove staff (Telegram user ids)")
    actions = staff.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="allow a Telegram user id to announce")
    add.add_argument("user_id", type=telegram_id)
    add.set_defaults(handler=add_command)
    remove = actions.add_parser("remove", help="take the right to announce away again")
    remove.add_argument("user_id", type=telegram_id)
    remove.set_defaults(handler=remove_command)
    listing = actions.add_parser("list", help="list staff: the staff table and STAFF_IDS")
    listing.set_defaults(handler=list_command)


async def add_command(args: argparse.Namespace) -> int:
    async with open_session(get_settings().database_url) as session:
        added = await add_staff(session=session, user_id=args.user_id, added_by=None)
    print(f"{args.user_id} {'added' if added else 'was already staff'}")
    return 0


async def remove_command(args: argparse.Namespace) -> int:
    settings = get_settings()
    async with open_session(settings.database_url) as session:
        removed = await remove_staff(session=session, user_id=args.user_id)
    if args.user_id in settings.staff_ids:
        print(f"{args.user_id} is in STAFF_IDS: remove it there too", end="; ")
    print(f"{args.user_id} {'removed' if removed else 'was not in the staff table'}")
    return 0 if removed else 1


async def list_command(args: argparse.Namespace) -> int:
    settings = get_settings()
    async with open_session(settings.database_url) as session:
        rows = await list_staff(session=session)
    for user_id in sorted(settings.staff_ids):
        print(f"{user_id:>15}  from STAFF_IDS")
    for row in rows:
        added_by = f" by {row.added_by}" if row.added_by is not None else ""
        print(f"{row.user_id:>15}  added {row.added_at:%Y-%m-%d %H:%M} UTC{added_by}")
    if not rows and not settings.staff_ids:
        print("no staff: add one with `python -m bot staff add USER_ID`")
    return 0
