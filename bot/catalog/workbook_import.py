"""`catalog import FILE.xlsx`: a workbook becomes a catalog directory, which is then validated
and loaded exactly like one of CSV files; problems are told back by sheet and cell.

Each sheet is written as its catalog file in a temporary directory; the line of every row in
that file is mapped back to the row of the sheet, so `products.csv:12: stars: …` is reported as
`products!D12: stars: …`. Rows marked `made_in` = bot on the events sheet are left out: the
events made in the bot are kept as they are in the database.
"""

import csv
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.catalog.load import InvalidCatalogError, LoadReport, load_catalog
from bot.catalog.sheets import FILE_SHEETS, MADE_IN, MADE_IN_BOT, SHEET_FILES
from bot.catalog.validate import Problem, validate_catalog

PROGRESS_EVERY = 5000  # rows between two progress lines
Progress = Callable[[str], None]


@dataclass
class SheetPlaces:
    """Where each catalog file's rows came from in the workbook."""

    headers: dict[str, list[str]] = field(default_factory=dict)  # by file name
    rows: dict[str, dict[int, int]] = field(default_factory=dict)  # file → {line: sheet row}
    problems: list[Problem] = field(default_factory=list)  # found while reading

    def locate(self, problem: Problem) -> str:
        """`products!D12: stars: must be 3, 4, 5 or blank` for `products.csv:12: stars: …`."""
        sheet = FILE_SHEETS.get(problem.file, problem.file)
        if problem.line == 0:
            return f"{sheet}: {problem.message}"
        row = self.rows.get(problem.file, {}).get(problem.line, problem.line)
        header = self.headers.get(problem.file, [])
        first_column = problem.column.split(",")[0]
        letter = get_column_letter(header.index(first_column) + 1 if first_column in header else 1)
        return f"{sheet}!{letter}{row}: {problem.column}: {problem.message}"


def cell_text(value: object) -> str:
    """A cell as the catalog files would hold it: numbers and dates a spreadsheet made of
    typed text are written back the way they were typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


class UnreadableWorkbookError(Exception):
    pass


class InvalidWorkbookError(Exception):
    """Every problem of the workbook, by sheet and cell: nothing was loaded."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the workbook")
        self.problems = problems


async def import_workbook(
    *, session: AsyncSession, path: Path, dry_run: bool, progress: Progress
) -> LoadReport:
    """Validate the workbook at `path` like a catalog directory and load it atomically like
    one (a dry run rolls back). InvalidWorkbookError or UnreadableWorkbookError when it cannot
    be loaded; the database is then exactly as it was."""
    with tempfile.TemporaryDirectory(prefix="ocop-import-") as temporary:
        directory = Path(temporary)
        progress(f"Reading {path}")
        places = workbook_to_directory(path, directory, progress)
        if places.problems:  # the rest of the problems too, all at once
            found = [*places.problems, *validate_catalog(directory).problems]
            raise InvalidWorkbookError([places.locate(p) for p in sorted(found)])
        progress("Validating (dry run)" if dry_run else "Validating and loading")
        try:
            return await load_catalog(
                session=session, directory=directory, dry_run=dry_run, progress=progress
            )
        except InvalidCatalogError as error:
            located = [places.locate(p) for p in sorted(error.problems)]
            raise InvalidWorkbookError(located) from error


def workbook_to_directory(path: Path, directory: Path, progress: Progress) -> SheetPlaces:
    """Write each sheet of the workbook at `path` as its catalog file in `directory`."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as error:
        raise UnreadableWorkbookError(f"{path}: not an .xlsx workbook ({error})") from error
    places = SheetPlaces()
    try:
        for sheet, file in SHEET_FILES.items():
            if sheet not in workbook.sheetnames:
                places.problems.append(Problem(file, 0, "-", f"the sheet {sheet} is missing"))
                continue
            rows = workbook[sheet].iter_rows(values_only=True)
            _write_sheet(sheet, rows, directory / file, places, progress)
    finally:
        workbook.close()
    return places


def _write_sheet(
    sheet: str,
    rows: Iterable[tuple[object, ...]],
    target: Path,
    places: SheetPlaces,
    progress: Progress,
) -> None:
    file = SHEET_FILES[sheet]
    cells_of = iter(rows)
    header = [cell_text(value) for value in next(cells_of, ())]
    while header and not header[-1]:
        header.pop()
    made_in = header.index(MADE_IN) if sheet == "events" and MADE_IN in header else None
    places.headers[file] = header
    lines = places.rows[file] = {}
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(_without(header, made_in))
        line, written = 2, 0
        for sheet_row, values in enumerate(cells_of, start=2):
            cells = [cell_text(value) for value in values]
            while len(cells) > len(header) and not cells[-1]:
                cells.pop()
            if not any(cell.strip() for cell in cells):
                continue
            if made_in is not None and made_in < len(cells):
                mark = cells[made_in].strip()
                if mark == MADE_IN_BOT:
                    continue  # an event made in the bot: the database keeps it as it is
                if mark:
                    message = f"must be {MADE_IN_BOT} or blank; got {mark!r}"
                    places.problems.append(Problem(file, line, MADE_IN, message))
            cells = _without(cells, made_in)
            writer.writerow(cells)
            lines[line] = sheet_row
            line += 1 + sum(cell.count("\n") for cell in cells)
            written += 1
            if written % PROGRESS_EVERY == 0:
                progress(f"  {sheet}: {written:,} rows read")
    progress(f"  {sheet}: {written:,} rows")


def _without(cells: list[str], index: int | None) -> list[str]:
    return cells if index is None else cells[:index] + cells[index + 1 :]
