"""Cells and headers that once passed validation and then broke the load or the bot (issue 16)."""

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.catalog.cells import SHORT
from bot.catalog.load import load_catalog
from bot.cli import main
from bot.config import get_settings
from bot.store.db import open_session

from .conftest import Tables, problems_of, set_cell

# item 2: each of these passed validation, and Telegram then refused every card showing it
BAD_URLS = [
    'https://example.org/a"b',
    "https://example.org/a b",
    "https://example.org/<b>",
    "https://example.org/a>b",
    "https://example.org/a\\b",
    "https:///no-host",
    "https://[::1/broken-ipv6",
    "https://example.org:99999/bad-port",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_url_that_would_break_a_card_is_refused(
    make_catalog: Callable[..., Path], url: str
) -> None:
    directory = make_catalog(
        product=set_cell("products.csv", 3, "source_url", url),
        stock=set_cell("stock.csv", 0, "source_url", url),
    )
    problems = problems_of(directory)
    assert [p.split(": ")[0:2] for p in problems] == [
        ["products.csv:5", "source_url"],
        ["stock.csv:2", "source_url"],
    ]
    assert all("must be an http(s) URL" in p for p in problems), problems


# item 7: a cell over 128 KiB made the csv module raise out of `catalog validate` and `load`
def test_a_huge_cell_is_a_problem_not_a_traceback(
    make_catalog: Callable[..., Path],
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    directory = make_catalog(huge=set_cell("products.csv", 4, "note", "x" * 200_000))
    expected = "products.csv:6: note: too long (200000 characters, at most 2000)"
    assert problems_of(directory) == [expected]
    monkeypatch.setenv("DATABASE_URL", database_url)
    get_settings.cache_clear()
    try:
        for command in ("validate", "load"):
            assert main(["catalog", command, str(directory)]) == 1
            assert capsys.readouterr().err.split("\n")[0] == expected
    finally:
        get_settings.cache_clear()


@pytest.mark.parametrize("column", ["name_vi", "producer", "source_url"])
def test_a_cell_longer_than_its_column_allows_is_refused(
    make_catalog: Callable[..., Path], column: str
) -> None:
    # 3,000 characters of a name once loaded on SQLite and made PostgreSQL refuse the index entry
    value = "https://example.org/" + "𝕏" * 3000 if column == "source_url" else "𝕏" * 3000
    problems = problems_of(make_catalog(long=set_cell("products.csv", 1, column, value)))
    assert len(problems) == 1 and problems[0].startswith(f"products.csv:3: {column}: too long ")


# item 8: NUL and other control characters passed; PostgreSQL then refused the load
@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("name_vi", "Mật ong\x00 rừng"),
        ("producer", "HTX\x1b[31m"),
        ("note", "ghi chú\x00"),
        ("name_vi", "Mật ong\nrừng"),
        ("source_url", "https://example.org/\x7f"),
        ("name_en", "Forest\u2028honey"),
    ],
)
def test_control_characters_are_refused(
    make_catalog: Callable[..., Path], column: str, value: str
) -> None:
    problems = problems_of(make_catalog(bad=set_cell("products.csv", 2, column, value)))
    assert len(problems) == 1 and problems[0].startswith(f"products.csv:4: {column}: contains ")


def test_notes_may_have_several_lines_and_tabs(make_catalog: Callable[..., Path]) -> None:
    directory = make_catalog(
        note=set_cell("products.csv", 2, "note", "first line\nsecond\tline\r\nthird"),
        products_note=set_cell("points.csv", 0, "products_note", "honey\ntea"),
    )
    assert problems_of(directory) == []


# item 9: a repeated column was accepted, and its last copy silently won
def test_a_repeated_header_column_is_refused(make_catalog: Callable[..., Path]) -> None:
    directory = make_catalog()
    (directory / "aliases.csv").write_text(
        "kind,term,alias,alias\nproduct,gốm,pottery,ceramics\n", encoding="utf-8"
    )
    points = directory / "points.csv"
    header, *rows = points.read_text(encoding="utf-8").split("\n")
    points.write_text("\n".join([header + ",note,note", *rows]), encoding="utf-8")
    assert problems_of(directory) == [
        "aliases.csv:1: alias: column appears twice",
        "points.csv:1: note: column appears 3 times",
    ]


def test_a_repeated_column_is_named_beside_missing_and_unknown_ones(
    make_catalog: Callable[..., Path],
) -> None:
    directory = make_catalog()
    (directory / "aliases.csv").write_text("kind,kind,synonym,\n", encoding="utf-8")
    assert problems_of(directory) == [
        "aliases.csv:1: header: missing term, alias; unknown synonym, ''; expected kind,term,alias",
        "aliases.csv:1: kind: column appears twice",
    ]


# item 10: keys differing in case or spacing loaded as different products
def test_keys_differing_only_in_case_or_spacing_are_duplicates(
    make_catalog: Callable[..., Path],
) -> None:
    def near_duplicates(tables: Tables) -> None:
        products = tables["products.csv"]
        for index, name in ((3, "MẬT ONG X"), (5, "mật ong X"), (7, "Mật  ong\u00a0X")):
            products[index]["name_vi"] = name
        tables["aliases.csv"].append({"kind": "product", "term": "Gốm", "alias": "POTTERY"})

    assert problems_of(make_catalog(dup=near_duplicates)) == [
        "aliases.csv:3: kind,term,alias: duplicate key product / Gốm / POTTERY"
        " (first on line 2 as product / gốm / pottery); keys ignore case and spacing",
        "products.csv:7: name_vi: duplicate key mật ong X"
        " (first on line 5 as MẬT ONG X); keys ignore case and spacing",
        "products.csv:9: name_vi: duplicate key Mật  ong\u00a0X"
        " (first on line 5 as MẬT ONG X); keys ignore case and spacing",
    ]


async def test_the_longest_keys_allowed_fit_the_database_indexes(
    make_catalog: Callable[..., Path], database_url: str
) -> None:
    # 4 bytes each in UTF-8, in an order PostgreSQL cannot compress: the most an index entry holds
    longest = "".join(map(chr, random.Random(16).sample(range(0x20000, 0x2A6D0), SHORT)))

    def longest_keys(tables: Tables) -> None:
        tables["products.csv"][1]["name_vi"] = longest
        tables["points.csv"][1]["name"] = longest
        tables["aliases.csv"][0].update(term=longest, alias=longest)
        tables["events.csv"][0]["name_vi"] = longest

    directory = make_catalog(longest=longest_keys)
    assert problems_of(directory) == []
    async with open_session(database_url) as session:
        report = await load_catalog(session=session, directory=directory)
    assert report.totals["products"] == 150
