"""Problem reports from users about a product or point card, and their resolution by staff."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import BigInteger, Index, func, update
from sqlmodel import Field, SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import BotUser
from bot.store.types import EnumText, UTCDateTime, utc_now

REPORT_WINDOW = timedelta(days=1)  # the per-user limit counts reports within this window


class ReportedItem(StrEnum):
    PRODUCT = "p"
    POINT = "s"


class Problem(StrEnum):
    CLOSED = "closed"
    WRONG_ADDRESS = "address"
    NOT_SOLD = "notsold"
    OTHER = "other"


class ProblemReport(SQLModel, table=True):
    """What a user said is wrong with a card; open until staff resolve it."""

    __table_args__ = (Index("ix_problemreport_user_time", "user_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    item: ReportedItem = Field(sa_type=EnumText(ReportedItem))
    item_id: int  # Product.id or Point.id (ids never change while the row stays in the catalog)
    item_name: str  # as it was when reported, for a row the catalog has since removed
    problem: Problem = Field(sa_type=EnumText(Problem))
    text: str = ""  # the user's own words, for Problem.OTHER
    user_id: int = Field(sa_type=BigInteger)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    resolved_by: int | None = Field(default=None, sa_type=BigInteger)


@dataclass(frozen=True)
class NewReport:
    item: ReportedItem
    item_id: int
    item_name: str
    problem: Problem
    user_id: int
    text: str = ""


async def reports_in_window(*, session: AsyncSession, user_id: int) -> int:
    """How many reports this user made within REPORT_WINDOW."""
    since = utc_now() - REPORT_WINDOW
    statement = select(func.count()).where(
        col(ProblemReport.user_id) == user_id, col(ProblemReport.created_at) > since
    )
    return int((await session.exec(statement)).one())


async def file_report(*, session: AsyncSession, report: NewReport, limit: int) -> int | None:
    """Keep `report` and return its id; None when the user has reached `limit` in the window."""
    if await reports_in_window(session=session, user_id=report.user_id) >= limit:
        return None
    row = ProblemReport(
        item=report.item,
        item_id=report.item_id,
        item_name=report.item_name,
        problem=report.problem,
        text=report.text,
        user_id=report.user_id,
    )
    session.add(row)
    await session.commit()
    return row.id


async def open_reports(*, session: AsyncSession, limit: int) -> tuple[list[ProblemReport], int]:
    """The oldest `limit` open reports, and how many are open in all."""
    unresolved = col(ProblemReport.resolved_at).is_(None)
    total = (await session.exec(select(func.count()).where(unresolved))).one()
    rows = await session.exec(
        select(ProblemReport).where(unresolved).order_by(col(ProblemReport.id)).limit(limit)
    )
    return list(rows.all()), int(total)


async def resolve_report(*, session: AsyncSession, report_id: int, staff_id: int) -> bool:
    """Mark an open report resolved; False when it does not exist or was resolved already."""
    result = await session.exec(
        update(ProblemReport)
        .where(col(ProblemReport.id) == report_id, col(ProblemReport.resolved_at).is_(None))
        .values(resolved_at=utc_now(), resolved_by=staff_id)
    )
    await session.commit()
    return bool(result.rowcount)


async def report_counts(*, session: AsyncSession) -> dict[str, int]:
    """Open and resolved reports, for an overview such as /insight."""
    resolved = col(ProblemReport.resolved_at).is_not(None)
    rows = await session.exec(select(resolved, func.count()).group_by(resolved))
    counts = {"open": 0, "resolved": 0}
    for is_resolved, count in rows.all():
        counts["resolved" if is_resolved else "open"] = int(count)
    return counts


async def set_pending_report(*, session: AsyncSession, user_id: int, target: str | None) -> None:
    """Remember (or forget, with None) the card whose problem the user is about to describe."""
    user = await session.get(BotUser, user_id) or BotUser(user_id=user_id)
    user.report_pending = target
    user.report_asked_at = utc_now() if target else None
    session.add(user)
    await session.commit()
