"""Atomic, idempotent loading into a real database, and the shipped catalog."""

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot.catalog.load import InvalidCatalogError, load_catalog
from bot.cli import main
from bot.config import DEFAULT_CATALOG_DIR
from bot.store.catalog import read_catalog
from bot.store.db import open_engine, open_session

from .conftest import Tables, database_dump


def first_row(url: str, query: str) -> tuple[Any, ...]:
    async def read() -> tuple[Any, ...]:
        async with open_engine(url) as engine, engine.connect() as connection:
            return tuple((await connection.execute(sa.text(query))).one())

    return asyncio.run(read())


async def load(url: str, directory: Path) -> dict[str, tuple[int, int, int]]:
    async with open_session(url) as session:
        report = await load_catalog(session=session, directory=directory)
    return {t: (c.added, c.updated, c.removed) for t, c in report.changes.items()}


async def test_invalid_row_100_of_150_leaves_the_database_unchanged(
    make_catalog: Callable[..., Path], database_url: str
) -> None:
    url = database_url
    await load(url, make_catalog("v1"))
    before = await database_dump(url)

    def rename_and_break(tables: Tables) -> None:
        tables["products.csv"][0]["name_en"] = "Renamed, would be an update"
        tables["products.csv"].pop(1)  # would be a removal
        tables["products.csv"][98]["stars"] = "six"  # line 100

    with pytest.raises(InvalidCatalogError) as error:
        await load(url, make_catalog("v2", broken=rename_and_break))
    assert [str(p) for p in error.value.problems] == [
        "products.csv:100: stars: must be 3, 4, 5 or blank; got 'six'"
    ]
    assert await database_dump(url) == before


async def test_loading_twice_gives_the_same_database(
    make_catalog: Callable[..., Path], database_url: str
) -> None:
    url = database_url
    directory = make_catalog()
    first = await load(url, directory)
    assert first["products"] == (150, 0, 0)
    dump = await database_dump(url)
    second = await load(url, directory)
    assert set(second.values()) == {(0, 0, 0)}
    assert await database_dump(url) == dump


async def test_reload_updates_in_place_and_removes_rows_gone_from_the_files(
    make_catalog: Callable[..., Path], database_url: str
) -> None:
    url = database_url
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
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = database_url
    monkeypatch.setenv("DATABASE_URL", url)
    from bot.config import get_settings

    get_settings.cache_clear()
    try:
        assert main(["catalog", "validate"]) == 0, capsys.readouterr().err
        assert main(["catalog", "load", str(DEFAULT_CATALOG_DIR)]) == 0
    finally:
        get_settings.cache_clear()
    assert first_row(url, "SELECT count(*) FROM product")[0] >= 178
    count, with_source = first_row(url, "SELECT count(*), count(nullif(source_url, '')) FROM point")
    assert count >= 48 and with_source == count
    assert first_row(url, "SELECT count(*) FROM product WHERE source_url = ''") == (0,)
    assert first_row(url, "SELECT count(*) FROM stocklink")[0] > 0
