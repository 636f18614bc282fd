"""The closed sets of the catalog: categories, point kinds, stock bases, alias and place kinds.

Defined once here, below everything else: the tables store their values as plain strings, the
catalog validator accepts exactly these, and the texts name each of them in both languages.
"""

from enum import StrEnum


class Category(StrEnum):
    FOOD = "food"
    BEVERAGE = "beverage"
    HERBAL = "herbal"
    SEASONING = "seasoning"
    HANDICRAFT = "handicraft"
    TEXTILE = "textile"
    OTHER = "other"


class PointKind(StrEnum):
    SHOWROOM = "showroom"
    RETAIL_POINT = "retail point"
    CREATIVE_CENTER = "creative center"
    FESTIVAL = "festival"  # a fair venue, shown with events rather than as a shop


class StockBasis(StrEnum):
    SOURCE = "source"  # a source says the point carries the product
    ORIGIN = "origin"  # the point is in the product's own village


class AliasKind(StrEnum):
    PRODUCT = "product"  # goods, categories, villages
    PLACE = "place"  # nicknames of places
    NAMED_PLACE = "named_place"  # made by `catalog load` from places.csv: a name → a legacy ward


class PlaceKind(StrEnum):
    """What a places.csv row names."""

    LANDMARK = "landmark"
    MARKET = "market"
    STREET = "street"
    AREA = "area"


class PointStatus(StrEnum):
    """Whether a point sells today, as its sources say: only open points are places to buy."""

    OPEN = "open"
    PLANNED = "planned"  # announced or planned; no source says it opened
    CLOSED = "closed"


class OpenedWhen(StrEnum):
    """How a point's `opened_on` (a year, a month or a day) is meant."""

    ON = "on"  # opened then
    ABOUT = "about"  # opened about then (the source's date is inferred or approximate)
    BY = "by"  # open by then (the source shows it open; it opened earlier or then)
