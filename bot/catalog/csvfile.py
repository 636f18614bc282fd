"""Read one catalog CSV file into rows of its row model, naming each problem by file, line and
column."""

import csv
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from bot.catalog.cells import Lenient
from bot.catalog.rows import CatalogRow

NOT_UTF8 = (
    "not UTF-8 (Windows-1258 or another legacy encoding?); in Excel save it with File > "
    'Save As > "CSV UTF-8 (Comma delimited) (*.csv)", or save it as UTF-8 in your editor'
)
SHOWN_NAME = 40  # characters of an unknown column's name quoted in a problem


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


def read_rows(*, path: Path, model: type[CatalogRow], problems: list[Problem]) -> list[Row] | None:
    """The non-blank rows of `path`, or None when its rows cannot be read at all. Every problem
    found is added to `problems`."""
    content = _decoded(path, problems)
    if content is None:
        return None
    # The whole file is in memory already, so the csv module's guard against huge fields (128 KiB
    # by default, a traceback when exceeded) protects nothing: a cell's own limit is checked
    # with the other cell rules, and reported like them.
    csv.field_size_limit(max(csv.field_size_limit(), len(content) + 1))
    file, line = path.name, 1
    reader = csv.reader(io.StringIO(content, newline=""))
    rows: list[Row] = []
    try:
        header = next(reader, [])
        if not _header_ok(file, header, list(model.model_fields), problems):
            return None
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                row = _parse_row(file, line, header, cells, model, problems)
                if row is not None:
                    rows.append(row)
            line = reader.line_num + 1
    except csv.Error as error:
        problems.append(Problem(file, line, "-", f"not readable as CSV: {error}"))
        return None
    return rows


def _decoded(path: Path, problems: list[Problem]) -> str | None:
    if not path.is_file():
        problems.append(Problem(path.name, 0, "-", f"file is missing from {path.parent}"))
        return None
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(Problem(path.name, line, "-", NOT_UTF8))
        return None


def _header_ok(file: str, header: list[str], expected: list[str], problems: list[Problem]) -> bool:
    """Whether `header` names each expected column once and nothing else; if not, says why."""
    counts = Counter(header)
    missing = [name for name in expected if name not in counts]
    unknown = [_shown(name) for name in counts if name not in expected]
    found: list[Problem] = []
    if missing or unknown:
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"unknown {', '.join(unknown)}" if unknown else "",
            )
            if part
        )
        found.append(Problem(file, 1, "header", f"{detail}; expected {','.join(expected)}"))
    for name in expected:
        if counts[name] > 1:
            times = "twice" if counts[name] == 2 else f"{counts[name]} times"
            found.append(Problem(file, 1, name, f"column appears {times}"))
    problems.extend(found)
    return not found


def _shown(name: str) -> str:
    """A column name as a problem quotes it: on one line, and not too long."""
    if len(name) > SHOWN_NAME:
        name = name[: SHOWN_NAME - 1] + "…"
    return name if name.isprintable() and name.strip() == name and name else repr(name)


def _parse_row(
    file: str,
    line: int,
    header: list[str],
    cells: list[str],
    model: type[CatalogRow],
    problems: list[Problem],
) -> Row | None:
    if len(cells) != len(header):
        problems.append(
            Problem(file, line, "-", f"has {len(cells)} cells, the header has {len(header)}")
        )
        return None
    by_name = dict(zip(header, cells, strict=True))
    try:
        return Row(line, dict(model.model_validate(by_name)))
    except ValidationError as error:
        messages = {str(detail["loc"][0]): _message(detail) for detail in error.errors()}
    problems.extend(Problem(file, line, column, message) for column, message in messages.items())
    partial = model.model_validate(by_name, context=Lenient(frozenset(messages)))
    return Row(line, dict(partial), frozenset(messages))


def _message(detail: ErrorDetails) -> str:
    cause = detail.get("ctx", {}).get("error")
    return str(cause) if isinstance(cause, ValueError) else detail["msg"]
