"""SQLModel tables for subscriptions, staff and announcements with one delivery row per chat."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Index, String, UniqueConstraint
from sqlalchemy import Enum as SAEnum
from sqlmodel import Field, SQLModel

from bot.store.types import UTCDateTime, utc_now


class Topic(StrEnum):
    EVENTS = "events"  # festivals and events
    SHOWROOMS = "showrooms"  # new showrooms


class Audience(StrEnum):
    EVERYONE = "everyone"
    TOPIC = "topic"  # audience_value: a Topic
    WARD = "ward"  # audience_value: a 2025 ward code


class AnnouncementStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    QUEUED = "queued"  # confirmed; delivery rows are being created
    SENDING = "sending"  # every delivery row exists; the sender works through them
    DONE = "done"
    CANCELLED = "cancelled"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # committed right before the HTTP call
    SENT = "sent"
    FAILED = "failed"
    BLOCKED = "blocked"  # 403 or chat not found: the subscriber was deactivated
    UNCONFIRMED = "unconfirmed"  # the call may or may not have reached the chat; never resent
    CANCELLED = "cancelled"
    SKIPPED = "skipped"  # the subscriber left (unsubscribed, blocked) before their turn


def _enum(enum: type[StrEnum]) -> Any:
    """A VARCHAR holding the enum's values: no database enum type to migrate."""
    return SAEnum(
        enum, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]
    )


def _timestamp() -> Any:
    return Field(default_factory=utc_now, sa_type=UTCDateTime)


class Subscriber(SQLModel, table=True):
    """A private chat that asked for announcements. `active` False: the user blocked the bot."""

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=BigInteger, unique=True)
    language: str  # "vi" or "en"
    topics: str = Field(sa_type=String(200))  # Topic values joined by commas
    home_ward_code: str | None = Field(default=None, index=True)
    active: bool = True
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()

    @property
    def topic_set(self) -> frozenset[Topic]:
        return frozenset(Topic(value) for value in self.topics.split(",") if value)


class Staff(SQLModel, table=True):
    """A Telegram user allowed to announce, besides those in the STAFF_IDS setting."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_type=BigInteger, unique=True)
    added_by: int | None = Field(default=None, sa_type=BigInteger)
    added_at: datetime = _timestamp()


class Announcement(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    text: str
    photo: str | None = None  # a Telegram file_id or an HTTPS URL
    audience: Audience = Field(sa_type=_enum(Audience))
    audience_value: str | None = None
    status: AnnouncementStatus = Field(
        default=AnnouncementStatus.DRAFT, sa_type=_enum(AnnouncementStatus), index=True
    )
    scheduled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Delivery rows exist for every matching subscriber with an id up to this one: creating
    # them in batches can resume after a crash, and two creators never insert the same batch.
    enqueued_through: int = 0
    created_by: int = Field(sa_type=BigInteger)
    language: str = "vi"  # the author's, for the report sent to them at the end
    # "staff", or "catalog": a draft made by `catalog load` for new points of sale, which the
    # bot offers to staff once (`offered_at`) for them to review and send
    source: str = Field(default="staff", sa_type=String(8))
    offered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Delivery(SQLModel, table=True):
    """One announcement to one chat. The sender leases rows with `claimed_by`/`claimed_until`."""

    __table_args__ = (
        UniqueConstraint("announcement_id", "chat_id"),
        Index("ix_delivery_due", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcement.id", ondelete="CASCADE")
    chat_id: int = Field(sa_type=BigInteger)
    status: DeliveryStatus = Field(default=DeliveryStatus.PENDING, sa_type=_enum(DeliveryStatus))
    attempts: int = 0  # calls that Telegram answered or that failed; 429s are not counted
    next_attempt_at: datetime = _timestamp()
    claimed_by: str | None = None
    claimed_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    message_id: int | None = Field(default=None, sa_type=BigInteger)
    error: str | None = None
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()


# Core views of the tables, for set-based statements that skip the ORM's per-object work.
subscriber_table = SQLModel.metadata.tables["subscriber"]
announcement_table = SQLModel.metadata.tables["announcement"]
delivery_table = SQLModel.metadata.tables["delivery"]
