"""Whatever the files hold, `catalog validate` and `catalog load` agree and never crash.

Either validate accepts the files, load then succeeds and every card is HTML Telegram accepts,
or both name FILE:LINE: COLUMN problems and the database stays exactly as it was.
"""

import asyncio
import copy
import csv
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bot.catalog.rows import FILES
from bot.catalog.validate import validate_catalog
from bot.cli import main
from bot.config import get_settings
from bot.standin.formatting import parse_html
from bot.store.catalog import Catalog, read_catalog
from bot.store.db import open_session
from bot.store.kinds import AliasKind, Category, PlaceKind, PointKind, StockBasis
from bot.store.models import Point, Product
from bot.texts.cards import point_card, product_card

from .conftest import HEADERS, SOURCE, Tables, database_dump, sample_tables, write_catalog

PROBLEM = re.compile(r"(products|points|stock|aliases|events|places)\.csv:\d+: [^:\n]+: [^\n]+")
SAMPLE = sample_tables(products=3)
NAMES = [row["name_vi"] for row in SAMPLE["products.csv"]] + [
    row["name"] for row in SAMPLE["points.csv"]
]
ENUMS = (Category, PointKind, StockBasis, AliasKind, PlaceKind)
# Cells valid in some column, so that a changed cell is often still valid.
VALID_CELLS = [
    *(str(member) for kind in ENUMS for member in kind),
    *NAMES,
    *("", "3", "5", "true", "false", "00190", "00577", "21.03", "105.85", "2025-12-20", SOURCE),
]
ENUM_COLUMNS = {
    ("products.csv", "category"): Category,
    ("points.csv", "kind"): PointKind,
    ("stock.csv", "basis"): StockBasis,
    ("aliases.csv", "kind"): AliasKind,
    ("places.csv", "kind"): PlaceKind,
}


def near_copies(name: str) -> list[str]:
    return [name.upper(), name.casefold(), name.replace(" ", "  "), f" {name}\t"]


names = st.one_of(
    st.text(min_size=1).map(lambda text: unicodedata.normalize("NFC", text)),
    st.sampled_from([copy for name in NAMES for copy in near_copies(name)]),
)
cells = st.one_of(
    st.text(),
    names,
    st.sampled_from(VALID_CELLS),
    st.builds(
        lambda text, count: text * count, st.text(min_size=1, max_size=3), st.integers(0, 70_000)
    ),
    st.builds(lambda text: f"https://example.org/{text}", st.text()),
)


# Keys and URLs are where most went wrong: they are drawn three times as often.
WEIGHTED_COLUMNS = {
    file: header + [name for name in header if name in (*FILES[file].KEY, "source_url")] * 2
    for file, header in HEADERS.items()
}
# What once broke a card, the load or the database: C0 and C1 controls, line breaks, HTML.
DANGEROUS = st.text(st.sampled_from("\x00\x01\x1b\x7f\x85\t\n\r\u2028\ufeff \"'<>&"), min_size=1)


def cells_for(file: str, column: str) -> st.SearchStrategy[str]:
    """A value the column holds in the sample or may hold; the same with dangerous characters
    put in; or any cell."""
    valid = st.sampled_from(
        sorted({row[column] for row in SAMPLE[file]} | set(ENUM_COLUMNS.get((file, column), ())))
    )
    spoiled = st.builds(
        lambda cell, extra, at: cell[:at] + extra + cell[at:], valid, DANGEROUS, st.integers(0, 30)
    )
    return st.one_of(valid, spoiled, cells)


@dataclass(frozen=True)
class CatalogFiles:
    headers: dict[str, list[str]]
    rows: dict[str, list[list[str]]]

    def write(self, directory: Path) -> None:
        directory.mkdir(exist_ok=True)
        for file, header in self.headers.items():
            with (directory / file).open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                writer.writerows(self.rows[file])


@st.composite
def catalog_files(draw: st.DrawFn) -> CatalogFiles:
    """The sample catalog with cells changed or spoiled, rows added or removed, and columns
    reordered, repeated, dropped or unknown."""
    tables: Tables = copy.deepcopy(SAMPLE)
    for _ in range(draw(st.integers(0, 5))):
        file = draw(st.sampled_from(sorted(tables)))
        rows = tables[file]
        action = draw(st.sampled_from(["change", "spoil", "spoil", "add", "remove"]))
        if action == "remove" and rows:
            rows.pop(draw(st.integers(0, len(rows) - 1)))
            continue
        if action == "add" or not rows:
            rows.append(dict(draw(st.sampled_from(SAMPLE[file]))))
            rows[-1][FILES[file].KEY[-1]] = draw(names)
        row = rows[draw(st.integers(0, len(rows) - 1))]
        column = draw(st.sampled_from(WEIGHTED_COLUMNS[file]))
        if action == "spoil":
            at = draw(st.integers(0, len(row[column])))
            row[column] = row[column][:at] + draw(DANGEROUS) + row[column][at:]
        else:
            row[column] = draw(cells_for(file, column))
    headers = {file: list(draw(st.permutations(header))) for file, header in HEADERS.items()}
    _change_a_header(draw, headers[draw(st.sampled_from(sorted(headers)))])
    cells_by_file = {
        file: [_cells(draw, header, row) for row in tables[file]]
        for file, header in headers.items()
    }
    return CatalogFiles(headers, cells_by_file)


def _change_a_header(draw: st.DrawFn, header: list[str]) -> None:
    change = draw(st.sampled_from(["none", "none", "none", "repeat", "drop", "unknown"]))
    if change == "repeat":
        header.insert(draw(st.integers(0, len(header))), draw(st.sampled_from(header)))
    elif change == "drop":
        header.pop(draw(st.integers(0, len(header) - 1)))
    elif change == "unknown":
        header.insert(draw(st.integers(0, len(header))), draw(st.text()))


def _cells(draw: st.DrawFn, header: list[str], row: dict[str, str]) -> list[str]:
    return [row[name] if name in row else draw(cells) for name in header]


async def loaded(url: str) -> Catalog:
    async with open_session(url) as session:
        return await read_catalog(session=session)


def assert_telegram_accepts_every_card(catalog: Catalog) -> None:
    cards = [(product_card(p, "vi"), p.source_url) for p in catalog.products] + [
        (point_card(p, "en", carries=[]), p.source_url) for p in catalog.points
    ]
    for card, url in cards:
        links = [e["url"] for e in parse_html(card).entities if e["type"] == "text_link"]
        assert links == [url]


@pytest.fixture
def cli_database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The CLI's DATABASE_URL is this test's database."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield database_url
    get_settings.cache_clear()


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # one database for all examples, on purpose
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(files=catalog_files())
def test_validate_accepts_what_load_can_store_or_names_problems_and_load_changes_nothing(
    files: CatalogFiles,
    cli_database: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    directory = tmp_path / "catalog"
    files.write(directory)
    before = asyncio.run(database_dump(cli_database))
    capsys.readouterr()
    accepted = main(["catalog", "validate", str(directory)]) == 0
    event("accepted" if accepted else "refused")
    if accepted:
        assert main(["catalog", "load", str(directory)]) == 0, capsys.readouterr().err
        catalog = asyncio.run(loaded(cli_database))
        names = {values["name_vi"] for values in validate_catalog(directory).values("products.csv")}
        assert {product.name_vi for product in catalog.products} == names
        assert_telegram_accepts_every_card(catalog)
        return
    problems = capsys.readouterr().err
    *lines, summary, end = problems.split("\n")
    assert lines and all(PROBLEM.fullmatch(line) for line in lines), lines
    assert (summary, end) == (f"{len(lines)} problem(s); nothing was loaded.", "")
    assert main(["catalog", "load", str(directory)]) == 1
    assert capsys.readouterr().err == problems
    assert asyncio.run(database_dump(cli_database)) == before


@settings(max_examples=150, deadline=None)
@given(
    file=st.sampled_from(["products.csv", "points.csv"]),
    column=st.sampled_from(["source_url", "name_vi", "name", "note", "producer", "address"]),
    spoil=DANGEROUS,
    at=st.integers(0, 40),
    replace=st.booleans(),
    other=cells,
)
def test_a_row_that_validates_makes_cards_telegram_accepts(
    file: str, column: str, spoil: str, at: int, replace: bool, other: str
) -> None:
    tables = copy.deepcopy(SAMPLE)
    row = tables[file][1]
    if column not in row:
        column = "source_url"
    row[column] = other if replace else row[column][:at] + spoil + row[column][at:]
    with tempfile.TemporaryDirectory() as directory:
        rows = validate_catalog(write_catalog(Path(directory), tables))
    event("accepted" if not rows.problems else "refused")
    if rows.problems:
        assert any(p.line == 3 and p.file == file for p in rows.problems), rows.problems
        return
    values = rows.values(file)[1]
    model = Product if file == "products.csv" else Point
    made = model(**{name: value for name, value in values.items() if name in model.model_fields})
    assert_telegram_accepts_every_card(
        Catalog(
            products=(made,) if isinstance(made, Product) else (),
            points=(made,) if isinstance(made, Point) else (),
            stock=(),
            aliases=(),
            events=(),
        )
    )
