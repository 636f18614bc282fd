"""SQLModel tables. The catalog tables mirror the CSV files in catalog_data/ (see SOURCES.md)."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Column, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.store.kinds import AliasKind, Category, OpenedWhen, PointKind, PointStatus, StockBasis
from bot.store.types import EnumText, UTCDateTime, utc_now


def _kind(enum: type[StrEnum]) -> Any:
    return Field(sa_type=EnumText(enum))


class Product(SQLModel, table=True):
    """An OCOP-rated product. `name_vi` is the public key, exactly as in the sources."""

    id: int | None = Field(default=None, primary_key=True)
    name_vi: str = Field(unique=True, index=True)
    name_en: str
    category: Category = _kind(Category)
    stars: int | None = None  # 3, 4 or 5; None when no source states a rating
    producer: str = ""
    origin_commune: str = ""  # as written in the source (legacy names allowed)
    origin_province: str = ""
    origin_ward: str | None = None  # 2025 Hanoi ward or commune name, when the origin is in Hanoi
    origin_ward_code: str | None = None
    source_url: str
    note: str = ""
    producer_name: str = ""  # `producer` without the source's remarks; "" when not named
    origin_vi: str = ""  # the origin as a Vietnamese card shows it
    origin_en: str = ""  # the same place in English


class Point(SQLModel, table=True):
    """A place that shows or sells OCOP products: showroom, retail point, creative centre, venue."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    kind: PointKind = _kind(PointKind)
    address: str = ""
    ward: str | None = None  # 2025 ward name; None means "location unknown"
    ward_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    location_exact: bool = False  # False: lat/lon is the ward centroid
    opened: str = ""  # as the source states it ("2022-11-15", "c. 2021", "by Dec 2022")
    products_note: str = ""
    source_url: str
    note: str = ""
    name_vi: str = ""  # full name on Vietnamese cards (`name` is the sources' key)
    name_en: str = ""
    short_vi: str = ""  # at most 40 characters: buttons and lists
    short_en: str = ""
    status: PointStatus = Field(default=PointStatus.OPEN, sa_type=EnumText(PointStatus))
    opened_on: str = ""  # "2022", "2022-11" or "2022-11-15"; "" when not dated
    opened_when: OpenedWhen | None = Field(default=None, sa_type=EnumText(OpenedWhen))


class StockLink(SQLModel, table=True):
    """`point` carries `product`, and why we believe it."""

    __table_args__ = (UniqueConstraint("product_id", "point_id"),)

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id", index=True, ondelete="CASCADE")
    point_id: int = Field(foreign_key="point.id", index=True, ondelete="CASCADE")
    basis: StockBasis = _kind(StockBasis)
    source_url: str = ""


class Alias(SQLModel, table=True):
    """A synonym users type (`alias`) for a phrase the catalog uses (`term`)."""

    __table_args__ = (UniqueConstraint("kind", "term", "alias"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: AliasKind = _kind(AliasKind)
    term: str
    alias: str


class Event(SQLModel, table=True):
    """A real OCOP fair or festival with its dates and venue."""

    id: int | None = Field(default=None, primary_key=True)
    name_vi: str = Field(unique=True, index=True)
    name_en: str
    starts_on: date
    ends_on: date
    venue: str
    ward: str | None = None
    ward_code: str | None = None
    point_name: str | None = None  # the Point row for the venue, when there is one
    source_url: str
    note: str = ""
    # Added by staff with /event: kept by `catalog load` and `catalog import`, edited in the bot.
    made_in_bot: bool = False
    created_by: int | None = Field(default=None, sa_type=BigInteger)


class CatalogState(SQLModel, table=True):
    """One row: bumped by every `catalog load` that changes something, so running bots reload."""

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    loaded_at: datetime | None = None


class BotUser(SQLModel, table=True):
    """A person who talked to the bot: the language they chose, the location they last shared."""

    # Telegram ids do not fit in 32 bits.
    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    language: str | None = None  # "vi" or "en"; None: follow the Telegram app
    latitude: float | None = None
    longitude: float | None = None
    # A problem report waiting for the user's own words: "p:12" or "s:3", when it was asked.
    report_pending: str | None = None
    report_asked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SavedValue(SQLModel, table=True):
    """State a button needs that its 64 bytes of callback data cannot hold, as JSON text.

    Keyed by user and token, so any instance can answer the button and a token never
    collides with another user's.
    """

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    token: str = Field(sa_column=Column(String(8), primary_key=True))
    value: str
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
