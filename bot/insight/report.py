"""The insight report: aggregate SQL over the recorded asking, read through covering indexes.

Every query filters on `kind` and `day` and groups on the columns an index holds in order, so
none reads the table itself; a window of 90 days at a million searches stays within seconds.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.geo.hanoi import VIETNAM_TIME
from bot.insight.events import UNMET
from bot.store.insight import ask_event_table
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
    connection: AsyncConnection, *, days: int, now: datetime | None = None
) -> InsightReport:
    """The report on the last `days` Vietnam days, today included."""
    last_day = (now or utc_now()).astimezone(VIETNAM_TIME).date()
    first_day = last_day - timedelta(days=days - 1)
    window = _events.day.between(first_day, last_day)
    unmet = _events.verdict.in_(UNMET)
    searches = sa.and_(_events.kind == "search", window)
    per_day = await connection.execute(
        sa.select(
            _events.day,
            sa.func.count(),
            sa.func.count(sa.case((unmet, 1))),
            sa.func.count(sa.distinct(_events.visitor)),
        )
        .where(searches)
        .group_by(_events.day)
        .order_by(_events.day)
    )
    count = sa.func.count().label("n")
    top_queries = await connection.execute(
        sa.select(_events.text, count)
        .where(searches)
        .group_by(_events.text)
        .order_by(count.desc(), _events.text)
        .limit(TOP)
    )
    top_unmet = await connection.execute(
        sa.select(_events.text, _events.language, count)
        .where(searches, unmet)
        .group_by(_events.text, _events.language)
        .order_by(count.desc(), _events.text)
        .limit(TOP)
    )
    opened = {kind: await _opened(connection, kind, window) for kind in ("product", "point")}
    directions = await _opened(connection, "directions", window)
    wards = await connection.execute(
        sa.select(_events.ward_code, count)
        .where(_events.kind.in_(("search", "near")), _events.ward_code.is_not(None), window)
        .group_by(_events.ward_code)
        .order_by(count.desc(), _events.ward_code)
        .limit(TOP)
    )
    joined = await connection.execute(
        sa.select(_events.kind, sa.func.count())
        .where(_events.kind.in_(("subscribe", "unsubscribe")), window)
        .group_by(_events.kind)
    )
    subscriptions = {kind: int(n) for kind, n in joined}
    return InsightReport(
        days=days,
        first_day=first_day,
        last_day=last_day,
        per_day=[DayCount(d, int(n), int(u), int(v)) for d, n, u, v in per_day],
        top_queries=[QueryCount(text or "", int(n)) for text, n in top_queries],
        top_unmet=[UnmetQuery(text or "", lang, int(n)) for text, lang, n in top_unmet],
        top_products=opened["product"],
        top_points=opened["point"],
        directions=directions,
        wards=[WardDemand(code, int(n)) for code, n in wards],
        new_subscribers=subscriptions.get("subscribe", 0),
        lost_subscribers=subscriptions.get("unsubscribe", 0),
    )


async def _opened(
    connection: AsyncConnection, kind: str, window: sa.ColumnElement[bool]
) -> list[Opened]:
    count = sa.func.count().label("n")
    rows = await connection.execute(
        sa.select(_events.target_id, count)
        .where(_events.kind == kind, _events.target_id.is_not(None), window)
        .group_by(_events.target_id)
        .order_by(count.desc(), _events.target_id)
        .limit(TOP)
    )
    return [Opened(int(target), int(n)) for target, n in rows]


def every_day(report: InsightReport) -> list[DayCount]:
    """One entry per day of the window, days without searches included (for the chart)."""
    known = {day.day: day for day in report.per_day}
    span = (report.last_day - report.first_day).days + 1
    days = (report.first_day + timedelta(days=n) for n in range(span))
    return [known.get(day, DayCount(day, 0, 0, 0)) for day in days]
