"""`catalog export FILE.xlsx`: the catalog in the database as one workbook, every cell text."""

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from bot.catalog.rows import FILES
from bot.catalog.sheets import (
    FORMULA_STARTS,
    MADE_IN,
    MADE_IN_BOT,
    NOTES,
    NOTES_HEADER,
    NOTES_SHEET,
    SHEET_FILES,
)
from bot.store.catalog import Catalog

Table = tuple[list[str], list[list[str]]]  # header, rows of text cells


def cell_text(value: object) -> str:
    """A value as the catalog files write it: blank for None, true/false, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def catalog_tables(catalog: Catalog) -> dict[str, Table]:
    """Each sheet's header and rows, exactly the columns of the catalog files."""
    headers = {sheet: list(FILES[file].model_fields) for sheet, file in SHEET_FILES.items()}

    def rows(sheet: str, items: Sequence[object], **renamed: str) -> list[list[str]]:
        columns = [renamed.get(name, name) for name in headers[sheet]]
        return [[cell_text(getattr(item, name, None)) for name in columns] for item in items]

    stock = [
        [
            catalog.product_by_id[link.product_id].name_vi,
            catalog.point_by_id[link.point_id].name,
            link.basis,
            link.source_url,
            "",  # stock notes live in the build inputs, not in the database
        ]
        for link in catalog.stock
    ]
    events = rows("events", catalog.events, point="point_name")
    made_in = [MADE_IN_BOT if event.made_in_bot else "" for event in catalog.events]
    return {
        "products": (headers["products"], rows("products", catalog.products)),
        "points": (headers["points"], rows("points", catalog.points)),
        "stock": (headers["stock"], stock),
        "aliases": (headers["aliases"], rows("aliases", catalog.aliases)),
        "events": (
            [*headers["events"], MADE_IN],
            [[*row, mark] for row, mark in zip(events, made_in, strict=True)],
        ),
        # the database keeps named places only as the aliases they load as (exported above)
        "places": (headers["places"], []),
    }


def write_workbook(tables: dict[str, Table], path: Path) -> None:
    """A notes sheet, then one sheet per table; cells that a spreadsheet would run as a
    formula are stored as text with a quote prefix."""
    workbook = Workbook(write_only=True)
    notes = workbook.create_sheet(NOTES_SHEET)
    _append(notes, list(NOTES_HEADER), bold=True)
    for note in NOTES:
        _append(notes, list(note))
    for sheet, (header, rows) in tables.items():
        worksheet = workbook.create_sheet(sheet)
        worksheet.freeze_panes = "A2"
        _append(worksheet, header, bold=True)
        for row in rows:
            _append(worksheet, row)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def _append(worksheet: WriteOnlyWorksheet, cells: list[str], *, bold: bool = False) -> None:
    if not bold and not any(cell.startswith(FORMULA_STARTS) for cell in cells):
        worksheet.append(cells)  # plain strings: written as text
        return
    written = []
    for value in cells:
        cell = WriteOnlyCell(worksheet, value)
        cell.data_type = "s"  # text, even when it begins with "="
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True  # and it stays text when someone edits it
        if bold:
            cell.font = Font(bold=True)
        written.append(cell)
    worksheet.append(written)
