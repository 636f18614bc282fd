"""Check every row of a catalog directory and report every problem at once."""

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.catalog.csvfile import Problem, Row, read_rows
from bot.catalog.places import place_problems
from bot.catalog.rows import FILES
from bot.geo.hanoi import hanoi_units, inside_hanoi
from bot.store.kinds import StockBasis

__all__ = ["CatalogRows", "Problem", "Row", "validate_catalog"]


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
    for file, model in FILES.items():
        rows = read_rows(path=directory / file, model=model, problems=result.problems)
        if rows is None:
            result.unreadable.add(file)
        result.tables[file] = rows or []
    _check_keys(result)
    _check_wards(result)
    _check_references(result)
    _check_point_cards(result)
    _check_places(result)
    result.problems.sort()
    return result


def _folded(values: tuple[object, ...]) -> tuple[str, ...]:
    """A key as people read it: case and runs of whitespace do not make two rows different."""
    return tuple(
        unicodedata.normalize("NFC", " ".join(str(value).casefold().split())) for value in values
    )


def _check_keys(result: CatalogRows) -> None:
    for file, rows in result.tables.items():
        key_columns = FILES[file].KEY
        first: dict[tuple[str, ...], tuple[int, str]] = {}
        for row in rows:
            if row.bad & set(key_columns):
                continue
            shown = " / ".join(str(row.values[name]) for name in key_columns)
            key = _folded(tuple(row.values[name] for name in key_columns))
            if key not in first:
                first[key] = (row.line, shown)
                continue
            line, first_shown = first[key]
            message = f"duplicate key {shown} (first on line {line})"
            if first_shown != shown:
                message = (
                    f"duplicate key {shown} (first on line {line} as {first_shown}); "
                    "keys ignore case and spacing"
                )
            result.problems.append(Problem(file, row.line, ",".join(key_columns), message))


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
            row.values["basis"] is StockBasis.SOURCE
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


def _check_point_cards(result: CatalogRows) -> None:
    """Short names tell points apart on buttons; a dated opening says how it is meant."""
    for column in ("short_vi", "short_en"):
        first: dict[tuple[str, ...], int] = {}
        for row in result.tables["points.csv"]:
            if column in row.bad:
                continue
            key = _folded((row.values[column],))
            if key in first:
                message = f"{row.values[column]} is also the {column} of line {first[key]}"
                result.problems.append(Problem("points.csv", row.line, column, message))
            first.setdefault(key, row.line)
    for row in result.tables["points.csv"]:
        if row.bad & {"opened_on", "opened_when"}:
            continue
        if bool(row.values["opened_on"]) != (row.values["opened_when"] is not None):
            message = "give opened_on and opened_when together, or neither"
            result.problems.append(Problem("points.csv", row.line, "opened_when", message))
