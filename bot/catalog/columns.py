"""Column parsers for the catalog CSV files: each turns a cell into a value or raises ValueError."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlparse

Parser = Callable[[str], Any]

CATEGORIES = ("food", "beverage", "herbal", "seasoning", "handicraft", "textile", "other")
POINT_KINDS = ("showroom", "retail point", "creative center", "festival")
STOCK_BASES = ("source", "origin")
ALIAS_KINDS = ("product", "place")


@dataclass(frozen=True)
class Column:
    name: str
    parse: Parser
    required: bool = False


def text(cell: str) -> str:
    return cell


def one_of(*choices: str) -> Parser:
    def parse(cell: str) -> str:
        if cell not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}; got {cell!r}")
        return cell

    return parse


def stars(cell: str) -> int | None:
    if not cell:
        return None
    if cell not in ("3", "4", "5"):
        raise ValueError(f"stars must be 3, 4, 5 or blank; got {cell!r}")
    return int(cell)


def url(cell: str) -> str:
    parsed = urlparse(cell)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError(f"must be an http(s) URL; got {cell!r}")
    return cell


def optional(parse: Parser) -> Parser:
    def parse_optional(cell: str) -> Any:
        return parse(cell) if cell else None

    return parse_optional


def ward_code(cell: str) -> str:
    if not (len(cell) == 5 and cell.isdigit()):
        raise ValueError(f"must be a 5-digit 2025 ward code; got {cell!r}")
    return cell


def coordinate(cell: str) -> float:
    try:
        return float(cell)
    except ValueError:
        raise ValueError(f"must be a decimal number; got {cell!r}") from None


def boolean(cell: str) -> bool:
    if cell.lower() not in ("true", "false"):
        raise ValueError(f"must be true or false; got {cell!r}")
    return cell.lower() == "true"


def iso_date(cell: str) -> date:
    try:
        return date.fromisoformat(cell)
    except ValueError:
        raise ValueError(f"must be a date YYYY-MM-DD; got {cell!r}") from None


PRODUCT_COLUMNS = (
    Column("name_vi", text, required=True),
    Column("name_en", text, required=True),
    Column("category", one_of(*CATEGORIES), required=True),
    Column("stars", stars),
    Column("producer", text),
    Column("origin_commune", text),
    Column("origin_province", text),
    Column("origin_ward", optional(text)),
    Column("origin_ward_code", optional(ward_code)),
    Column("source_url", url, required=True),
    Column("note", text),
)
POINT_COLUMNS = (
    Column("name", text, required=True),
    Column("kind", one_of(*POINT_KINDS), required=True),
    Column("address", text),
    Column("ward", optional(text)),
    Column("ward_code", optional(ward_code)),
    Column("lat", optional(coordinate)),
    Column("lon", optional(coordinate)),
    Column("location_exact", boolean, required=True),
    Column("opened", text),
    Column("products_note", text),
    Column("source_url", url, required=True),
    Column("note", text),
)
STOCK_COLUMNS = (
    Column("product", text, required=True),
    Column("point", text, required=True),
    Column("basis", one_of(*STOCK_BASES), required=True),
    Column("source_url", optional(url)),
    Column("note", text),
)
ALIAS_COLUMNS = (
    Column("kind", one_of(*ALIAS_KINDS), required=True),
    Column("term", text, required=True),
    Column("alias", text, required=True),
)
EVENT_COLUMNS = (
    Column("name_vi", text, required=True),
    Column("name_en", text, required=True),
    Column("starts_on", iso_date, required=True),
    Column("ends_on", iso_date, required=True),
    Column("venue", text, required=True),
    Column("ward", optional(text)),
    Column("ward_code", optional(ward_code)),
    Column("point", optional(text)),
    Column("source_url", url, required=True),
    Column("note", text),
)
