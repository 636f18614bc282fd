"""The office's spreadsheets: `catalog export FILE.xlsx`, `catalog import FILE.xlsx
[--dry-run]`, and CSV files as Excel saves them."""

import asyncio
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.catalog.bot_events import EventFields, save_bot_event
from bot.catalog.csvfile import NOT_UTF8
from bot.catalog.load import load_catalog
from bot.cli import main
from bot.config import get_settings
from bot.store.db import open_session

from .conftest import Tables, database_dump, problems_of

Run = Callable[..., tuple[int, str, str]]
FORMULA_LIKE = {
    "note": '=HYPERLINK("http://example.org","click")',
    "producer": "+84 24 3825 0000",
    "origin_commune": "-thôn Đông",
    "origin_province": "@Hà Nội",
}


@pytest.fixture
def run(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Run]:
    """`python -m bot ARGS…` on this test's database: (exit code, stdout, stderr)."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    get_settings.cache_clear()

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    yield run
    get_settings.cache_clear()


def formula_like(tables: Tables) -> None:
    tables["products.csv"][2].update(FORMULA_LIKE)


@pytest.fixture
def exported(
    make_catalog: Callable[..., Path], database_url: str, run: Run, tmp_path: Path
) -> Path:
    """The sample catalog (with formula-like cells) and one event made in the bot, loaded,
    then exported."""

    async def fill() -> None:
        async with open_session(database_url) as session:
            await load_catalog(session=session, directory=make_catalog(f=formula_like))
            fair = EventFields(
                "Hội chợ Xuân", "Spring Fair", date(2027, 1, 2), date(2027, 1, 3), "X"
            )
            await save_bot_event(session=session, fields=fair, event_id=None, staff_id=1)

    asyncio.run(fill())
    path = tmp_path / "catalog.xlsx"
    code, out, err = run("catalog", "export", str(path))
    assert code == 0, err
    assert out.startswith(
        f"Wrote {path}: 150 products, 2 points, 1 stock, 3 aliases, 2 events, 0 places"
    )
    return path


def dump(url: str) -> dict[str, list[tuple[object, ...]]]:
    return asyncio.run(database_dump(url))


def test_export_then_import_changes_nothing(exported: Path, run: Run, database_url: str) -> None:
    before = dump(database_url)
    code, out, err = run("catalog", "import", str(exported), "--dry-run")
    assert code == 0, err
    changes = out.split("An import would make these changes:\n")[1].splitlines()[:-1]
    assert changes == [f"{table}: no change" for table in TABLES]
    code, out, err = run("catalog", "import", str(exported))
    assert code == 0, err
    assert dump(database_url) == before  # the catalog version too: nothing changed


TABLES = ("products", "points", "stock", "aliases", "events")


def test_the_workbook_has_notes_then_a_sheet_per_table_and_marks_bot_events(
    exported: Path,
) -> None:
    workbook = load_workbook(exported, read_only=True)
    assert workbook.sheetnames == ["notes", *TABLES, "places"]
    events = list(workbook["events"].iter_rows(values_only=True))
    assert events[0][-1] == "made_in"
    assert [(row[0], row[-1]) for row in events[1:]] == [
        ("Festival OCOP Việt Nam 2025", None),
        ("Hội chợ Xuân", "bot"),
    ]


def test_formula_like_cells_are_text_and_come_back_as_text(
    exported: Path, run: Run, database_url: str
) -> None:
    sheet = load_workbook(exported)["products"]
    header = [cell.value for cell in sheet[1]]
    for column, value in FORMULA_LIKE.items():
        cell = sheet.cell(row=4, column=header.index(column) + 1)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True)
    with zipfile.ZipFile(exported) as archive:
        assert all(b"<f>" not in archive.read(name) for name in archive.namelist())
    run("catalog", "import", str(exported))
    rows = dict(zip(header, dump(database_url)["product"][2][1:], strict=False))
    assert {column: rows[column] for column in FORMULA_LIKE} == FORMULA_LIKE


def test_an_error_in_row_12_names_the_cell_and_leaves_the_database_as_it_was(
    exported: Path, run: Run, database_url: str, tmp_path: Path
) -> None:
    workbook = load_workbook(exported)
    workbook["products"]["D12"] = "6"
    workbook["products"]["A20"] = "Sản phẩm mới hợp lệ"  # a valid edit elsewhere: not loaded
    broken = tmp_path / "broken.xlsx"
    workbook.save(broken)
    before = dump(database_url)
    code, _, err = run("catalog", "import", str(broken))
    assert code == 1
    assert err.splitlines() == [
        "products!D12: stars: must be 3, 4, 5 or blank; got '6'",
        "1 problem(s); nothing was loaded.",
    ]
    assert dump(database_url) == before


def test_a_dry_run_lists_exactly_the_edits(
    exported: Path, run: Run, database_url: str, tmp_path: Path
) -> None:
    workbook = load_workbook(exported)
    products, points = workbook["products"], workbook["points"]
    products["D5"] = "5" if products["D5"].value != "5" else "4"  # Sản phẩm thử 4: stars
    products["K5"] = "checked by the office"  # and its note
    products.delete_rows(8)  # Sản phẩm thử 7
    products.append(
        ["Mật ong mới", "New honey", "food", "", "", "", "", "", "", "https://a.b/c", ""]
    )
    points["C3"] = "12 Hàng Bông"  # Điểm thử 2: address
    workbook["events"].delete_rows(3)  # the event made in the bot: kept all the same
    edited = tmp_path / "edited.xlsx"
    workbook.save(edited)
    before = dump(database_url)
    code, out, err = run("catalog", "import", str(edited), "--dry-run")
    assert code == 0, err
    assert out.split("An import would make these changes:\n")[1].splitlines()[:-1] == [
        "products: 1 added, 1 removed, 1 changed",
        "  + Mật ong mới",
        "  - Sản phẩm thử 7",
        "  ~ Sản phẩm thử 4: stars, note",
        "points: 0 added, 0 removed, 1 changed",
        "  ~ Điểm thử 2: address",
        "stock: no change",
        "aliases: no change",
        "events: no change",
    ]
    assert dump(database_url) == before


def test_a_csv_saved_by_excel_as_csv_utf8_loads(make_catalog: Callable[..., Path]) -> None:
    directory = make_catalog()
    path = directory / "products.csv"
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # byte-order mark, CRLF
    assert problems_of(directory) == []


def test_a_windows_1258_csv_is_refused_with_how_to_save_it(
    make_catalog: Callable[..., Path],
) -> None:
    directory = make_catalog()
    path = directory / "products.csv"
    text = unicodedata.normalize("NFD", path.read_text(encoding="utf-8"))
    path.write_bytes(text.encode("cp1258", errors="replace"))
    problems = problems_of(directory)
    assert problems == [f"products.csv:2: -: {NOT_UTF8}"]
    assert 'Save As > "CSV UTF-8 (Comma delimited) (*.csv)"' in problems[0]


def test_a_workbook_without_a_sheet_says_which(exported: Path, run: Run, tmp_path: Path) -> None:
    workbook = load_workbook(exported)
    del workbook["aliases"]
    workbook["products"]["C2"] = "sweets"
    broken = tmp_path / "no_aliases.xlsx"
    workbook.save(broken)
    code, _, err = run("catalog", "import", str(broken))
    assert code == 1
    assert "aliases: the sheet aliases is missing" in err
    assert "products!C2: category: " in err  # every problem at once


def test_a_file_that_is_no_workbook_is_refused(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "products.xlsx"
    path.write_text("name_vi,name_en\n", encoding="utf-8")
    code, _, err = run("catalog", "import", str(path))
    assert code == 1
    assert "not an .xlsx workbook" in err
