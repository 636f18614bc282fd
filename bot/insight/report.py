"""The insight report: aggregate SQL over the daily rollup of closed days and the records of
the days since (today, mostly), so a window of 90 days never reads a million rows."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.geo.hanoi import VIETNAM_TIME
from bot.insight.events import UNMET
from bot.insight.rollup import last_closed_day, roll_up
from bot.store.insight import ask_daily_table, ask_event_table
from bot.store.types import utc_now

WINDOWS = (7, 30, 90)  # days a report may cover
TOP = 10  # rows per list
_events = ask_event_table.c


@dataclass(frozen=True)
class DayCount:
    day: date
    searches: int
    unmet: int
    visitors: int  # distinct visitors who searched that day (daily salted hashes)


@dataclass(frozen=True)
class QueryCount:
    text: str
    count: int


@dataclass(frozen=True)
class UnmetQuery:
    text: str
    language: str
    count: int


@dataclass(frozen=True)
class Opened:
    target_id: int  # a product or point id
    count: int


@dataclass(frozen=True)
class WardDemand:
    ward_code: str
    count: int


@dataclass(frozen=True)
class InsightReport:
    days: int
    first_day: date
    last_day: date
    per_day: list[DayCount]
    top_queries: list[QueryCount]
    top_unmet: list[UnmetQuery]
    top_products: list[Opened]
    top_points: list[Opened]
    directions: list[Opened]  # "show on map" presses per point
    wards: list[WardDemand]
    new_subscribers: int
    lost_subscribers: int

    @property
    def searches(self) -> int:
        return sum(day.searches for day in self.per_day)

    @property
    def unmet(self) -> int:
        return sum(day.unmet for day in self.per_day)

    @property
    def visitors(self) -> int:
        """Visitor-days: distinct visitors per day, added up (a day's hash is not tomorrow's)."""
        return sum(day.visitors for day in self.per_day)


async def insight_report(
    engine: AsyncEngine, *, days: int, now: datetime | None = None
) -> InsightReport:
    """The report on the last `days` Vietnam days, today included: closed days from the daily
    rollup (rolled up first if the daily job has not yet), the others from the records."""
    now = now or utc_now()
    last_day = now.astimezone(VIETNAM_TIME).date()
    first_day = last_day - timedelta(days=days - 1)
    await roll_up(engine, first_day=first_day, now=now)
    closed = min(last_closed_day(now), last_day)
    rolled = ask_daily_table.c.day.between(first_day, closed)
    recent = _events.day.between(max(first_day, closed + timedelta(days=1)), last_day)
    async with engine.connect() as connection:
        return await _read(connection, days, first_day, last_day, rolled, recent)


async def _read(
    connection: AsyncConnection,
    days: int,
    first_day: date,
    last_day: date,
    rolled: sa.ColumnElement[bool],
    recent: sa.ColumnElement[bool],
) -> InsightReport:
    daily = ask_daily_table.c
    unmet = sa.case((_events.verdict.in_(UNMET), 1), else_=0)
    per_day = list(
        await connection.execute(
            sa.select(daily.day, daily.n, daily.unmet, daily.visitors).where(
                daily.kind == "day", rolled
            )
        )
    ) + list(
        await connection.execute(
            sa.select(
                _events.day,
                sa.func.count(),
                sa.func.sum(unmet),
                sa.func.count(sa.distinct(_events.visitor)),
            )
            .where(_events.kind == "search", recent)
            .group_by(_events.day)
        )
    )
    asked = sa.union_all(
        sa.select(
            daily.key.label("text"), daily.language, daily.n.label("n"), daily.unmet.label("unmet")
        ).where(daily.kind == "search", rolled),
        sa.select(
            sa.func.coalesce(_events.text, "").label("text"),
            _events.language,
            sa.literal(1).label("n"),
            unmet.label("unmet"),
        ).where(_events.kind == "search", recent),
    ).subquery()
    total = sa.func.sum(asked.c.n).label("total")
    top_queries = await connection.execute(
        sa.select(asked.c.text, total)
        .group_by(asked.c.text)
        .order_by(total.desc(), asked.c.text)
        .limit(TOP)
    )
    missed = sa.func.sum(asked.c.unmet).label("missed")
    top_unmet = await connection.execute(
        sa.select(asked.c.text, asked.c.language, missed)
        .group_by(asked.c.text, asked.c.language)
        .having(missed > 0)
        .order_by(missed.desc(), asked.c.text)
        .limit(TOP)
    )
    counted = {
        kind: await _counted(connection, kind, rolled, recent)
        for kind in ("product", "point", "directions", "ward", "subscribe", "unsubscribe")
    }
    return InsightReport(
        days=days,
        first_day=first_day,
        last_day=last_day,
        per_day=sorted(
            (DayCount(d, int(n), int(u or 0), int(v)) for d, n, u, v in per_day),
            key=lambda day: day.day,
        ),
        top_queries=[QueryCount(text, int(n)) for text, n in top_queries],
        top_unmet=[UnmetQuery(text, lang, int(n)) for text, lang, n in top_unmet],
        top_products=[Opened(int(key), n) for key, n in counted["product"]],
        top_points=[Opened(int(key), n) for key, n in counted["point"]],
        directions=[Opened(int(key), n) for key, n in counted["directions"]],
        wards=[WardDemand(key, n) for key, n in counted["ward"]],
        new_subscribers=sum(n for _, n in counted["subscribe"]),
        lost_subscribers=sum(n for _, n in counted["unsubscribe"]),
    )


async def _counted(
    connection: AsyncConnection,
    kind: str,
    rolled: sa.ColumnElement[bool],
    recent: sa.ColumnElement[bool],
) -> list[tuple[str, int]]:
    """The TOP keys of one rolled-up kind with their counts: ward codes, target ids, or ""."""
    daily = ask_daily_table.c
    if kind == "ward":
        key: sa.ColumnElement[str] = _events.ward_code
        raw = sa.and_(_events.kind.in_(("search", "near")), _events.ward_code.is_not(None))
    elif kind in ("subscribe", "unsubscribe"):
        key, raw = sa.literal(""), _events.kind == kind
    else:
        key = sa.cast(_events.target_id, sa.String)
        raw = sa.and_(_events.kind == kind, _events.target_id.is_not(None))
    both = sa.union_all(
        sa.select(daily.key.label("key"), daily.n.label("n")).where(daily.kind == kind, rolled),
        sa.select(key.label("key"), sa.literal(1).label("n")).where(raw, recent),
    ).subquery()
    total = sa.func.sum(both.c.n).label("total")
    rows = await connection.execute(
        sa.select(both.c.key, total)
        .group_by(both.c.key)
        .order_by(total.desc(), both.c.key)
        .limit(TOP)
    )
    return [(str(found), int(n)) for found, n in rows]


def every_day(report: InsightReport) -> list[DayCount]:
    """One entry per day of the window, days without searches included (for the chart)."""
    known = {day.day: day for day in report.per_day}
    span = (report.last_day - report.first_day).days + 1
    days = (report.first_day + timedelta(days=n) for n in range(span))
    return [known.get(day, DayCount(day, 0, 0, 0)) for day in days]
