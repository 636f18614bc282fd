"""Atomic, idempotent loading into a real SQLite file, and the shipped catalog."""

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.catalog.load import InvalidCatalogError, load_catalog
from bot.catalog.snapshot import read_catalog
from bot.cli import main
from bot.config import DEFAULT_CATALOG_DIR
from bot.store.db import open_session

from .conftest import Tables


def database_dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


@pytest.fixture
def database(tmp_path: Path) -> tuple[str, Path]:
    path = tmp_path / "ocop.sqlite3"
    return f"sqlite+aiosqlite:///{path}", path


async def load(url: str, directory: Path) -> dict[str, tuple[int, int, int]]:
    async with open_session(url) as session:
        report = await load_catalog(session=session, directory=directory)
    return {t: (c.added, c.updated, c.removed) for t, c in report.changes.items()}


async def test_invalid_row_100_of_150_leaves_the_database_unchanged(
    make_catalog: Callable[..., Path], database: tuple[str, Path]
) -> None:
    url, path = database
    await load(url, make_catalog("v1"))
    before = database_dump(path)

    def rename_and_break(tables: Tables) -> None:
        tables["products.csv"][0]["name_en"] = "Renamed, would be an update"
        tables["products.csv"].pop(1)  # would be a removal
        tables["products.csv"][98]["stars"] = "six"  # line 100

    with pytest.raises(InvalidCatalogError) as error:
        await load(url, make_catalog("v2", broken=rename_and_break))
    assert [str(p) for p in error.value.problems] == [
        "products.csv:100: stars: stars must be 3, 4, 5 or blank; got 'six'"
    ]
    assert database_dump(path) == before


async def test_loading_twice_gives_the_same_database(
    make_catalog: Callable[..., Path], database: tuple[str, Path]
) -> None:
    url, path = database
    directory = make_catalog()
    first = await load(url, directory)
    assert first["products"] == (150, 0, 0)
    dump = database_dump(path)
    second = await load(url, directory)
    assert set(second.values()) == {(0, 0, 0)}
    assert database_dump(path) == dump


async def test_reload_updates_in_place_and_removes_rows_gone_from_the_files(
    make_catalog: Callable[..., Path], database: tuple[str, Path]
) -> None:
    url, _ = database
    await load(url, make_catalog("v1"))
    async with open_session(url) as session:
        ids_before = {p.name_vi: p.id for p in (await read_catalog(session=session)).products}

    def edit(tables: Tables) -> None:
        tables["products.csv"][1]["stars"] = (
            "5" if tables["products.csv"][1]["stars"] != "5" else ""
        )
        del tables["products.csv"][0]
        tables["stock.csv"].clear()  # its only link goes with it
        tables["points.csv"].pop()

    changes = await load(url, make_catalog("v2", edit=edit))
    assert changes["products"] == (0, 1, 1)
    assert changes["points"] == (0, 0, 1)
    assert changes["stock"] == (0, 0, 1)
    async with open_session(url) as session:
        catalog = await read_catalog(session=session)
    assert len(catalog.products) == 149 and not catalog.stock
    assert all(ids_before[p.name_vi] == p.id for p in catalog.products)


def test_shipped_catalog_validates_and_loads(
    database: tuple[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, path = database
    monkeypatch.setenv("DATABASE_URL", url)
    from bot.config import get_settings

    get_settings.cache_clear()
    try:
        assert main(["catalog", "validate"]) == 0, capsys.readouterr().err
        assert main(["catalog", "load", str(DEFAULT_CATALOG_DIR)]) == 0
    finally:
        get_settings.cache_clear()
    with sqlite3.connect(path) as connection:
        products = connection.execute("SELECT count(*), count(nullif(source_url, '')) FROM product")
        assert products.fetchone()[0] >= 178
        points = connection.execute("SELECT count(*), count(nullif(source_url, '')) FROM point")
        count, with_source = points.fetchone()
        assert count >= 48 and with_source == count
        missing = connection.execute("SELECT count(*) FROM product WHERE source_url = ''")
        assert missing.fetchone()[0] == 0
        links = connection.execute("SELECT count(*) FROM stocklink").fetchone()[0]
        assert links > 0
