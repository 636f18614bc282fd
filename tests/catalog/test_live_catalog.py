"""The live catalog is kept out of the garbage collector's passes (`freeze_long_lived`), so a
replaced one must be freed by reference counting alone: it may hold no reference cycles."""

import gc
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.catalog.load import load_catalog
from bot.services import freeze_long_lived, read_live_catalog
from bot.store.db import open_session

# each kind of search fills the caches it keeps: goods, a place, goods near a place, a typo
SEARCHES = ("sản phẩm thử 1", "Bát Tràng", "san pham thu gan Hoan Kiem", "Tset prodcut")


@pytest.fixture
def no_collections() -> Iterator[None]:
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.enable()


@pytest.mark.usefixtures("no_collections")
async def test_a_replaced_catalog_is_freed_without_the_garbage_collector(
    make_catalog: Callable[..., Path], database_url: str
) -> None:
    async with open_session(database_url) as session:
        await load_catalog(session=session, directory=make_catalog())
        live = await read_live_catalog(session=session)
    for text in SEARCHES:
        live.search(text, limit=50)
        live.resolve_place(text)
    freeze_long_lived()
    index, places = weakref.ref(live.index), weakref.ref(live.places)

    del live  # what a catalog swap does to the old one

    assert index() is None
    assert places() is None
