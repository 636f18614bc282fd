"""Check every row of a catalog directory and report every problem at once."""

import csv
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.catalog.columns import (
    ALIAS_COLUMNS,
    EVENT_COLUMNS,
    POINT_COLUMNS,
    PRODUCT_COLUMNS,
    STOCK_COLUMNS,
    Column,
)
from bot.catalog.places import PLACE_COLUMNS, PLACE_KEY, place_problems
from bot.geo.hanoi import hanoi_units, inside_hanoi

FILES: dict[str, Sequence[Column]] = {
    "products.csv": PRODUCT_COLUMNS,
    "points.csv": POINT_COLUMNS,
    "stock.csv": STOCK_COLUMNS,
    "aliases.csv": ALIAS_COLUMNS,
    "events.csv": EVENT_COLUMNS,
    "places.csv": PLACE_COLUMNS,
}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, Any]  # a cell that failed to parse holds None and is named in `bad`
    bad: frozenset[str] = frozenset()


@dataclass
class CatalogRows:
    """Parsed rows of each file, keyed by file name; valid only when `problems` is empty."""

    tables: dict[str, list[Row]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)  # files whose rows could not be read

    def values(self, file: str) -> list[dict[str, Any]]:
        return [row.values for row in self.tables.get(file, [])]


def validate_catalog(directory: Path) -> CatalogRows:
    result = CatalogRows()
    for file, columns in FILES.items():
        rows = _read_table(directory / file, columns, result.problems)
        if rows is None:
            result.unreadable.add(file)
        result.tables[file] = rows or []
    _check_keys(result)
    _check_wards(result)
    _check_references(result)
    _check_places(result)
    result.problems.sort()
    return result


def _read_table(path: Path, columns: Sequence[Column], problems: list[Problem]) -> list[Row] | None:
    file = path.name
    if not path.is_file():
        problems.append(Problem(file, 0, "-", f"file is missing from {path.parent}"))
        return None
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(Problem(file, line, "-", "not valid UTF-8; save the file as UTF-8"))
        return None
    reader = csv.reader(io.StringIO(content, newline=""))
    header = next(reader, [])
    expected = [column.name for column in columns]
    missing = [name for name in expected if name not in header]
    unknown = [name for name in header if name not in expected]
    if missing or unknown:
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"unknown {', '.join(unknown)}" if unknown else "",
            )
            if part
        )
        problems.append(Problem(file, 1, "header", f"{detail}; expected {','.join(expected)}"))
        return None
    rows: list[Row] = []
    line = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            row = _parse_row(file, line, header, cells, columns, problems)
            if row is not None:
                rows.append(row)
        line = reader.line_num + 1
    return rows


def _parse_row(
    file: str,
    line: int,
    header: list[str],
    cells: list[str],
    columns: Sequence[Column],
    problems: list[Problem],
) -> Row | None:
    if len(cells) != len(header):
        problems.append(
            Problem(file, line, "-", f"has {len(cells)} cells, the header has {len(header)}")
        )
        return None
    by_name = dict(zip(header, cells, strict=True))
    values: dict[str, Any] = {}
    bad: set[str] = set()
    for column in columns:
        cell = by_name[column.name].strip()
        message = None
        if unicodedata.normalize("NFC", cell) != cell:
            message = "text is not in Unicode NFC form"
        elif column.required and not cell:
            message = "required"
        else:
            try:
                values[column.name] = column.parse(cell)
            except ValueError as error:
                message = str(error)
        if message:
            problems.append(Problem(file, line, column.name, message))
            values[column.name] = None
            bad.add(column.name)
    return Row(line, values, frozenset(bad))


def _key_columns(file: str) -> tuple[str, ...]:
    return {
        "products.csv": ("name_vi",),
        "points.csv": ("name",),
        "stock.csv": ("product", "point"),
        "aliases.csv": ("kind", "term", "alias"),
        "events.csv": ("name_vi",),
        "places.csv": PLACE_KEY,
    }[file]


def _check_keys(result: CatalogRows) -> None:
    for file, rows in result.tables.items():
        key_columns = _key_columns(file)
        first_line: dict[tuple[Any, ...], int] = {}
        for row in rows:
            if row.bad & set(key_columns):
                continue
            key = tuple(row.values[name] for name in key_columns)
            if key in first_line:
                shown = " / ".join(map(str, key))
                message = f"duplicate key {shown} (first on line {first_line[key]})"
                result.problems.append(Problem(file, row.line, ",".join(key_columns), message))
            else:
                first_line[key] = row.line


def _check_wards(result: CatalogRows) -> None:
    units = hanoi_units()
    ward_columns = {
        "products.csv": ("origin_ward", "origin_ward_code"),
        "points.csv": ("ward", "ward_code"),
        "events.csv": ("ward", "ward_code"),
    }
    for file, (name_column, code_column) in ward_columns.items():
        for row in result.tables[file]:
            if row.bad & {name_column, code_column}:
                continue
            name, code = row.values[name_column], row.values[code_column]
            problem = None
            if code is None and name is not None:
                problem = Problem(file, row.line, code_column, "required when a ward is named")
            elif code is not None and code not in units:
                problem = Problem(file, row.line, code_column, f"{code} is not a 2025 Hanoi unit")
            elif code is not None and name is not None and units[code].name != name:
                problem = Problem(
                    file, row.line, name_column, f"{code} is {units[code].name}, not {name}"
                )
            if problem:
                result.problems.append(problem)
    for row in result.tables["points.csv"]:
        _check_point_location(row, result.problems)


def _check_point_location(row: Row, problems: list[Problem]) -> None:
    if row.bad & {"lat", "lon", "ward_code", "location_exact"}:
        return
    lat, lon, code = row.values["lat"], row.values["lon"], row.values["ward_code"]
    if (lat is None) != (lon is None):
        problems.append(Problem("points.csv", row.line, "lat,lon", "give both or neither"))
    elif lat is not None and not inside_hanoi((lat, lon)):
        problems.append(Problem("points.csv", row.line, "lat,lon", f"{lat},{lon} is outside Hanoi"))
    elif lat is None and code is not None:
        problems.append(Problem("points.csv", row.line, "lat,lon", "required when a ward is given"))
    elif lat is None and row.values["location_exact"]:
        problems.append(Problem("points.csv", row.line, "location_exact", "true needs lat,lon"))


def _check_places(result: CatalogRows) -> None:
    rows = [(row.line, row.values) for row in result.tables["places.csv"]]
    result.problems += [Problem("places.csv", *problem) for problem in place_problems(rows)]


def _check_references(result: CatalogRows) -> None:
    products = {values["name_vi"] for values in result.values("products.csv")}
    points = {values["name"] for values in result.values("points.csv")}
    for row in result.tables["stock.csv"]:
        if "products.csv" not in result.unreadable and row.values["product"] not in products:
            result.problems.append(
                Problem("stock.csv", row.line, "product", "no such product in products.csv")
            )
        if "points.csv" not in result.unreadable and row.values["point"] not in points:
            result.problems.append(
                Problem("stock.csv", row.line, "point", "no such point in points.csv")
            )
        if (
            row.values["basis"] == "source"
            and "source_url" not in row.bad
            and not row.values["source_url"]
        ):
            result.problems.append(
                Problem("stock.csv", row.line, "source_url", "required when basis is source")
            )
    for row in result.tables["events.csv"]:
        point = row.values["point"]
        if "points.csv" not in result.unreadable and point is not None and point not in points:
            result.problems.append(
                Problem("events.csv", row.line, "point", "no such point in points.csv")
            )
        starts_on, ends_on = row.values["starts_on"], row.values["ends_on"]
        if starts_on is not None and ends_on is not None and ends_on < starts_on:
            result.problems.append(
                Problem("events.csv", row.line, "ends_on", "is before starts_on")
            )
