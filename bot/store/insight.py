"""SQLModel tables for staff insight: what was asked (never who asked), digest readers, and the
weekly digest's once-per-week claim."""

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, String
from sqlmodel import Field, SQLModel

from bot.store.types import UTCDateTime, utc_now


class AskEvent(SQLModel, table=True):
    """One search, card open or directions press. No user id, chat id, name or exact location:
    `visitor` is a hash of the user id salted with that day's salt (never stored), so distinct
    visitors can be counted per day and never linked across days or back to a person."""

    # Reports read only the days not yet rolled up (today, mostly) from here.
    __table_args__ = (Index("ix_askevent_kind_day", "kind", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)
    day: date  # `at` in Vietnam time, for grouping by day
    kind: str = Field(sa_type=String(12))  # search | product | point | directions | near
    text: str | None = Field(default=None, sa_type=String(200))  # normalised query text
    language: str = Field(sa_type=String(2))  # "vi" or "en"
    intent: str | None = Field(default=None, sa_type=String(24))  # searches: what was asked
    verdict: str | None = Field(default=None, sa_type=String(8))  # found | related | none
    product_ids: str = Field(default="", sa_type=String(80))  # the top results, comma-joined
    target_id: int | None = None  # the product or point opened
    ward_code: str | None = Field(default=None, sa_type=String(5))  # the 2025 ward asked about
    visitor: str | None = Field(default=None, sa_type=String(16))  # daily salted hash


class AskDaily(SQLModel, table=True):
    """The daily rollup of closed days, which reports read instead of the raw rows.

    kind "day": one row per day (searches `n`, `unmet`, distinct `visitors`); "search": per
    normalised text (`key`) and language; "ward": per ward code (searches and /near);
    "product", "point", "directions": per target id; "subscribe", "unsubscribe": `n`.
    """

    __table_args__ = (
        Index("ix_askdaily_kind_day", "kind", "day", "key", "language", "n", "unmet"),
    )

    day: date = Field(primary_key=True)
    kind: str = Field(sa_type=String(12), primary_key=True)
    key: str = Field(sa_type=String(200), primary_key=True)
    language: str = Field(sa_type=String(2), primary_key=True)
    n: int
    unmet: int = 0
    visitors: int = 0


class AskRollup(SQLModel, table=True):
    """A day whose rollup is in `askdaily`; inserting it claims the rollup (once everywhere)."""

    day: date = Field(primary_key=True)
    rolled_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class DigestReader(SQLModel, table=True):
    """A staff member who asked for the weekly insight digest."""

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    language: str = Field(sa_type=String(2))
    since: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class DigestWeek(SQLModel, table=True):
    """One row per week whose digest went out: the primary key makes it once across instances."""

    week_start: date = Field(primary_key=True)  # that week's Monday
    sent_by: str = Field(sa_type=String(200))  # the instance that sent it
    sent_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    readers: int = 0


ask_event_table = SQLModel.metadata.tables["askevent"]
ask_daily_table = SQLModel.metadata.tables["askdaily"]
ask_rollup_table = SQLModel.metadata.tables["askrollup"]
