"""Catalog cells: the checks every cell passes, and the parser of each kind of cell.

A parser takes the stripped cell and returns its value, or raises ValueError with the message
shown after `FILE:LINE: COLUMN:`.
"""

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar
from urllib.parse import urlsplit

from pydantic import PlainValidator, ValidationInfo

Value = TypeVar("Value")
Kind = TypeVar("Kind", bound=StrEnum)

# One-line text: names, keys, addresses. PostgreSQL refuses an index entry over 2,704 bytes and
# the keys are indexed (an alias's kind, term and alias together): 250 characters are at most
# 1,000 bytes of UTF-8.
SHORT = 250
LONG = 2000  # notes and URLs

_LINE_BREAK = re.compile(r"[\n\r\x0b\x0c\x85\u2028\u2029]")
# C0 and C1 control characters; notes may keep tabs and line breaks.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_IN_NOTES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Characters that may not appear in a URL (RFC 3986) and would break out of an HTML attribute.
_NOT_IN_URL = re.compile(r"[\s\"'<>\\^`{|}]")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PARTIAL_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


@dataclass(frozen=True)
class Lenient:
    """Validation context: the cells named in `bad` (already reported) come out as None, so
    the rest of the row still parses for the checks across rows."""

    bad: frozenset[str]


def cell(
    parse: Callable[[str], Any], *, required: bool = False, limit: int = SHORT, lines: bool = False
) -> PlainValidator:
    """A row model's validator of one column: strip, check the text, then `parse` it."""

    def validate(value: object, info: ValidationInfo) -> Any:
        if isinstance(info.context, Lenient) and info.field_name in info.context.bad:
            return None
        if not isinstance(value, str):
            raise ValueError(f"must be text; got {value!r}")
        stripped = value.strip()
        problem = text_problem(stripped, limit=limit, lines=lines)
        if problem is None and required and not stripped:
            problem = "required"
        if problem is not None:
            raise ValueError(problem)
        return parse(stripped)

    return PlainValidator(validate)


def text_problem(text: str, *, limit: int, lines: bool) -> str | None:
    """What is wrong with `text` as the content of any cell, if anything."""
    if len(text) > limit:
        return f"too long ({len(text)} characters, at most {limit})"
    control = (_CONTROL_IN_NOTES if lines else _CONTROL).search(text)
    if control is not None:
        where = f"(U+{ord(control.group()):04X}) at character {control.start() + 1}"
        if _LINE_BREAK.match(control.group()) and not lines:
            return f"contains a line break {where}; only notes may have several lines"
        return f"contains a control character {where}"
    if not unicodedata.is_normalized("NFC", text):
        return "text is not in Unicode NFC form"
    return None


def text(cell: str) -> str:
    return cell


def optional(parse: Callable[[str], Value]) -> Callable[[str], Value | None]:
    def parse_optional(cell: str) -> Value | None:
        return parse(cell) if cell else None

    return parse_optional


def choice(enum: type[Kind]) -> Callable[[str], Kind]:
    def parse(cell: str) -> Kind:
        try:
            return enum(cell)
        except ValueError:
            raise ValueError(f"must be one of {', '.join(enum)}; got {cell!r}") from None

    return parse


def stars(cell: str) -> int | None:
    if not cell:
        return None
    if cell not in ("3", "4", "5"):
        raise ValueError(f"must be 3, 4, 5 or blank; got {cell!r}")
    return int(cell)


def url(cell: str) -> str:
    """An http(s) URL with a host, safe to write into an HTML attribute and to follow."""
    if not _is_web_url(cell):
        raise ValueError(f"must be an http(s) URL; got {cell!r}")
    unsafe = _NOT_IN_URL.search(cell)
    if unsafe is not None:
        raise ValueError(
            f"must be an http(s) URL without {unsafe.group()!r} (percent-encode it); got {cell!r}"
        )
    return cell


def _is_web_url(cell: str) -> bool:
    try:
        parts = urlsplit(cell)
        _ = parts.port  # raises ValueError when the port is not a number from 0 to 65535
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def ward_code(cell: str) -> str:
    if not (len(cell) == 5 and cell.isascii() and cell.isdigit()):
        raise ValueError(f"must be a 5-digit 2025 ward code; got {cell!r}")
    return cell


def coordinate(cell: str) -> float:
    try:
        value = float(cell)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValueError(f"must be a decimal number; got {cell!r}")
    return value


def boolean(cell: str) -> bool:
    if cell.lower() not in ("true", "false"):
        raise ValueError(f"must be true or false; got {cell!r}")
    return cell.lower() == "true"


def iso_date(cell: str) -> date:
    try:
        if not _ISO_DATE.fullmatch(cell):
            raise ValueError(cell)
        return date.fromisoformat(cell)
    except ValueError:
        raise ValueError(f"must be a date YYYY-MM-DD; got {cell!r}") from None


def partial_date(cell: str) -> str:
    """A year, a month or a day (YYYY, YYYY-MM, YYYY-MM-DD) that exists, or blank."""
    if not cell:
        return cell
    problem = f"must be YYYY, YYYY-MM or YYYY-MM-DD; got {cell!r}"
    if not _PARTIAL_DATE.fullmatch(cell):
        raise ValueError(problem)
    try:
        date.fromisoformat((cell + "-01-01")[:10])
    except ValueError:
        raise ValueError(problem) from None
    return cell
