"""One typed row model per catalog file: its columns, in the files' order, and how each parses.

Validating a row of cells (`{"name_vi": "…", …}`, as read) gives the values the loader stores;
every bad cell is reported at once by pydantic, with the parser's message.
"""

from datetime import date
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict

from bot.catalog.cells import (
    LONG,
    boolean,
    cell,
    choice,
    coordinate,
    iso_date,
    optional,
    partial_date,
    stars,
    text,
    url,
    ward_code,
)
from bot.store.kinds import (
    AliasKind,
    Category,
    OpenedWhen,
    PlaceKind,
    PointKind,
    PointStatus,
    StockBasis,
)

Name = Annotated[str, cell(text, required=True)]
Text = Annotated[str, cell(text)]
OptionalText = Annotated[str | None, cell(optional(text))]
Note = Annotated[str, cell(text, limit=LONG, lines=True)]
Url = Annotated[str, cell(url, required=True, limit=LONG)]
OptionalUrl = Annotated[str | None, cell(optional(url), limit=LONG)]
WardCode = Annotated[str | None, cell(optional(ward_code))]
Coordinate = Annotated[float | None, cell(optional(coordinate))]
Stars = Annotated[int | None, cell(stars)]
Flag = Annotated[bool, cell(boolean, required=True)]
Day = Annotated[date, cell(iso_date, required=True)]
SHORT_NAME = 40  # characters of a point's display name: fits a button on a phone
ShortName = Annotated[str, cell(text, required=True, limit=SHORT_NAME)]
PartialDay = Annotated[str, cell(partial_date)]


class CatalogRow(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    KEY: ClassVar[tuple[str, ...]]  # the columns that identify a row; unique in the file


class ProductRow(CatalogRow):
    KEY = ("name_vi",)

    name_vi: Name
    name_en: Name
    category: Annotated[Category, cell(choice(Category), required=True)]
    stars: Stars
    producer: Text
    origin_commune: Text
    origin_province: Text
    origin_ward: OptionalText
    origin_ward_code: WardCode
    source_url: Url
    note: Note
    producer_name: Text  # `producer` without the source's remarks; blank when not named
    origin_vi: Text  # the origin shown on a Vietnamese card
    origin_en: Text  # the same place in English (place names kept)


class PointRow(CatalogRow):
    KEY = ("name",)

    name: Name
    kind: Annotated[PointKind, cell(choice(PointKind), required=True)]
    address: Text
    ward: OptionalText
    ward_code: WardCode
    lat: Coordinate
    lon: Coordinate
    location_exact: Flag
    opened: Text
    products_note: Note
    source_url: Url
    note: Note
    name_vi: Name  # the full name shown on Vietnamese cards (`name` is the sources' key)
    name_en: Name
    short_vi: ShortName  # on buttons and in lists
    short_en: ShortName
    status: Annotated[PointStatus, cell(choice(PointStatus), required=True)]
    opened_on: PartialDay  # YYYY, YYYY-MM or YYYY-MM-DD; blank when no source dates it
    opened_when: Annotated[OpenedWhen | None, cell(optional(choice(OpenedWhen)))]


class StockRow(CatalogRow):
    KEY = ("product", "point")

    product: Name
    point: Name
    basis: Annotated[StockBasis, cell(choice(StockBasis), required=True)]
    source_url: OptionalUrl
    note: Note


class AliasRow(CatalogRow):
    KEY = ("kind", "term", "alias")

    kind: Annotated[AliasKind, cell(choice(AliasKind), required=True)]
    term: Name
    alias: Name


class EventRow(CatalogRow):
    KEY = ("name_vi",)

    name_vi: Name
    name_en: Name
    starts_on: Day
    ends_on: Day
    venue: Name
    ward: OptionalText
    ward_code: WardCode
    point: OptionalText
    source_url: Url
    note: Note


class PlaceRow(CatalogRow):
    """A landmark, market or street, and the pre-2025 ward(s) its source places it in."""

    KEY = ("name",)

    name: Name
    kind: Annotated[PlaceKind, cell(choice(PlaceKind), required=True)]
    other_names: Text  # separated by "|"
    legacy_wards: Annotated[str, cell(text, required=True, limit=LONG)]  # "Phường X, Quận Y"|…
    ward_codes: Annotated[str, cell(text, required=True)]  # the 2025 codes they went to, "|"
    source_url: Url
    note: Note


FILES: dict[str, type[CatalogRow]] = {
    "products.csv": ProductRow,
    "points.csv": PointRow,
    "stock.csv": StockRow,
    "aliases.csv": AliasRow,
    "events.csv": EventRow,
    "places.csv": PlaceRow,
}
