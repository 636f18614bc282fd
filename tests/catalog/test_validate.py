"""Every validation rule, against broken copies of a small valid catalog."""

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.catalog.csvfile import NOT_UTF8
from bot.cli import main

from .conftest import problems_of, set_cell


def test_sample_catalog_is_clean(make_catalog: Callable[..., Path]) -> None:
    assert problems_of(make_catalog()) == []


# (file, row index, column, bad value, expected message part); row index 0 is on line 2.
BROKEN_CELLS = [
    ("products.csv", 0, "stars", "7", "must be 3, 4, 5 or blank"),
    ("products.csv", 0, "stars", "4.5", "must be 3, 4, 5 or blank"),
    ("products.csv", 1, "name_en", "", "required"),
    ("products.csv", 2, "category", "weapons", "must be one of"),
    ("products.csv", 3, "source_url", "hanoimoi.vn/article", "must be an http(s) URL"),
    ("products.csv", 4, "origin_ward_code", "99999", "is not a 2025 Hanoi unit"),
    ("products.csv", 5, "origin_ward", "Phường Ô Chợ Dừa", "00577 is Xã Bát Tràng"),
    ("products.csv", 6, "origin_ward_code", "577", "must be a 5-digit 2025 ward code"),
    ("products.csv", 7, "name_vi", unicodedata.normalize("NFD", "Mật ong"), "not in Unicode NFC"),
    ("points.csv", 0, "lat", "10.7769", "is outside Hanoi"),
    ("points.csv", 0, "kind", "bazaar", "must be one of"),
    ("points.csv", 0, "location_exact", "maybe", "must be true or false"),
    ("points.csv", 1, "ward_code", "00190", "required when a ward is given"),
    ("stock.csv", 0, "product", "Sản phẩm không có", "no such product"),
    ("stock.csv", 0, "point", "Điểm không có", "no such point"),
    ("stock.csv", 0, "basis", "rumour", "must be one of source, origin"),
    ("stock.csv", 0, "source_url", "", "required when basis is source"),
    ("aliases.csv", 0, "kind", "colour", "must be one of product, place"),
    ("events.csv", 0, "ends_on", "2025-12-19", "is before starts_on"),
    ("events.csv", 0, "starts_on", "20/12/2025", "must be a date YYYY-MM-DD"),
    ("events.csv", 0, "point", "Nowhere", "no such point"),
]


@pytest.mark.parametrize(("file", "index", "column", "value", "message"), BROKEN_CELLS)
def test_broken_cell_is_reported_with_file_line_and_column(
    make_catalog: Callable[..., Path], file: str, index: int, column: str, value: str, message: str
) -> None:
    problems = problems_of(make_catalog(broken=set_cell(file, index, column, value)))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{file}:{index + 2}: ")
    assert message in problems[0]


def test_every_problem_is_reported_at_once(make_catalog: Callable[..., Path]) -> None:
    changes = {
        f"c{n}": set_cell(file, index, column, value)
        for n, (file, index, column, value, _) in enumerate(BROKEN_CELLS[1:6])
    }
    problems = problems_of(make_catalog(**changes))
    assert len(problems) == 5
    assert problems[0].startswith("products.csv:2: stars:")


def test_duplicate_key_names_both_lines(make_catalog: Callable[..., Path]) -> None:
    problems = problems_of(
        make_catalog(dup=set_cell("products.csv", 9, "name_vi", "Sản phẩm thử 1"))
    )
    assert problems == ["products.csv:11: name_vi: duplicate key Sản phẩm thử 1 (first on line 2)"]


def test_invalid_utf8_names_the_line(make_catalog: Callable[..., Path]) -> None:
    directory = make_catalog()
    path = directory / "products.csv"
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3].replace("thử".encode(), b"th\xff")
    path.write_bytes(b"\n".join(lines))
    assert problems_of(directory) == [f"products.csv:4: -: {NOT_UTF8}"]


def test_wrong_header_and_short_row(make_catalog: Callable[..., Path]) -> None:
    directory = make_catalog()
    aliases = directory / "aliases.csv"
    aliases.write_text("kind,term,synonym\nproduct,gốm,pottery\n", encoding="utf-8")
    events = directory / "events.csv"
    events.write_text(events.read_text(encoding="utf-8") + "Only,three,cells\n", encoding="utf-8")
    problems = problems_of(directory)
    assert problems[0].startswith("aliases.csv:1: header: missing alias; unknown synonym")
    assert problems[1] == "events.csv:3: -: has 3 cells, the header has 10"


def test_missing_file(make_catalog: Callable[..., Path]) -> None:
    directory = make_catalog()
    (directory / "stock.csv").unlink()
    assert problems_of(directory)[0].startswith("stock.csv:0: -: file is missing")


def test_validate_command_exits_1_and_prints_problems(
    make_catalog: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    directory = make_catalog(bad=set_cell("products.csv", 98, "stars", "6"))
    assert main(["catalog", "validate", str(directory)]) == 1
    assert "products.csv:100: stars: must be 3, 4, 5 or blank; got '6'" in (capsys.readouterr().err)
    assert main(["catalog", "validate", str(make_catalog("clean"))]) == 0


def test_point_display_names_status_and_opening_are_checked(
    make_catalog: Callable[..., Path],
) -> None:
    directory = make_catalog(
        short=set_cell("points.csv", 1, "short_en", "TEST POINT 1"),
        long=set_cell("points.csv", 0, "short_vi", "x" * 41),
        status=set_cell("points.csv", 0, "status", "rumoured"),
        day=set_cell("points.csv", 1, "opened_on", "2022-13"),
        when=set_cell("points.csv", 0, "opened_when", ""),
    )
    problems = problems_of(directory)
    assert "points.csv:3: short_en: TEST POINT 1 is also the short_en of line 2" in problems
    assert "points.csv:2: short_vi: too long (41 characters, at most 40)" in problems
    assert any(p.startswith("points.csv:2: status: must be one of open") for p in problems)
    assert any(p.startswith("points.csv:3: opened_on: must be YYYY, YYYY-MM") for p in problems)
    assert "points.csv:2: opened_when: give opened_on and opened_when together, or neither" in (
        problems
    )
