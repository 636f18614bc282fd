"""The daily rollup: each closed day's records aggregated once into `askdaily`, so a report
over 90 days reads a few thousand rows per day at most instead of every search.

A day is closed GRACE after Vietnam midnight (records reach the database within seconds of
being asked). Rolling up a day first inserts its `askrollup` row: of two instances doing it
at once, the second finds the row taken and leaves the day alone.
"""

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.geo.hanoi import VIETNAM_TIME
from bot.insight.events import UNMET
from bot.store.insight import ask_daily_table, ask_event_table, ask_rollup_table

GRACE = timedelta(minutes=15)
_events = ask_event_table.c
_TARGETS = ("product", "point", "directions")


def last_closed_day(now: datetime) -> date:
    """The latest Vietnam day whose records are all written."""
    return (now - GRACE).astimezone(VIETNAM_TIME).date() - timedelta(days=1)


async def roll_up(engine: AsyncEngine, *, first_day: date, now: datetime) -> int:
    """Roll up every closed day from `first_day` on that is not rolled up yet; how many."""
    last = last_closed_day(now)
    async with engine.connect() as connection:
        done = set(
            (
                await connection.execute(
                    sa.select(ask_rollup_table.c.day).where(
                        ask_rollup_table.c.day.between(first_day, last)
                    )
                )
            ).scalars()
        )
    rolled = 0
    day = first_day
    while day <= last:
        if day not in done:
            rolled += await _roll_up_day(engine, day)
        day += timedelta(days=1)
    return rolled


async def _roll_up_day(engine: AsyncEngine, day: date) -> int:
    try:
        async with engine.begin() as connection:
            await connection.execute(sa.insert(ask_rollup_table).values(day=day))
            for statement in _aggregates(day):
                await connection.execute(statement)
    except IntegrityError:
        return 0  # another instance rolled it up
    return 1


def _aggregates(day: date) -> list[sa.Insert]:
    on_day = _events.day == day
    searches = sa.and_(on_day, _events.kind == "search")
    unmet = sa.func.count(sa.case((_events.verdict.in_(UNMET), 1)))
    none = sa.literal("")
    zero = sa.literal(0)
    names = ("day", "kind", "key", "language", "n", "unmet", "visitors")

    def insert(select: sa.Select[tuple[object, ...]]) -> sa.Insert:
        return sa.insert(ask_daily_table).from_select(names, select)

    text = sa.func.coalesce(_events.text, "")
    return [
        insert(
            sa.select(
                _events.day,
                sa.literal("day"),
                none,
                none,
                sa.func.count(),
                unmet,
                sa.func.count(sa.distinct(_events.visitor)),
            )
            .where(searches)
            .group_by(_events.day)
        ),
        insert(
            sa.select(
                _events.day,
                sa.literal("search"),
                text,
                _events.language,
                sa.func.count(),
                unmet,
                zero,
            )
            .where(searches)
            .group_by(_events.day, text, _events.language)
        ),
        insert(
            sa.select(
                _events.day,
                sa.literal("ward"),
                _events.ward_code,
                none,
                sa.func.count(),
                zero,
                zero,
            )
            .where(on_day, _events.kind.in_(("search", "near")), _events.ward_code.is_not(None))
            .group_by(_events.day, _events.ward_code)
        ),
        insert(
            sa.select(
                _events.day,
                _events.kind,
                sa.cast(_events.target_id, sa.String),
                none,
                sa.func.count(),
                zero,
                zero,
            )
            .where(on_day, _events.kind.in_(_TARGETS), _events.target_id.is_not(None))
            .group_by(_events.day, _events.kind, _events.target_id)
        ),
        insert(
            sa.select(_events.day, _events.kind, none, none, sa.func.count(), zero, zero)
            .where(on_day, _events.kind.in_(("subscribe", "unsubscribe")))
            .group_by(_events.day, _events.kind)
        ),
    ]


async def purge_rollup(connection: AsyncConnection, *, before: date) -> None:
    """Forget the rollup of days before `before` (with the records, at the retention limit)."""
    await connection.execute(sa.delete(ask_daily_table).where(ask_daily_table.c.day < before))
    await connection.execute(sa.delete(ask_rollup_table).where(ask_rollup_table.c.day < before))
