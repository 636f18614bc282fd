"""The catalog the bot serves right now: a snapshot, its search index and its version."""

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.catalog.snapshot import Catalog, read_catalog
from bot.geo.resolve import place_nicknames
from bot.search import SearchIndex
from bot.store.models import CatalogState


@dataclass(frozen=True)
class LiveCatalog:
    version: int
    catalog: Catalog
    index: SearchIndex
    place_nicknames: dict[str, str]  # "Old Quarter" -> "Hoàn Kiếm", from aliases.csv


async def catalog_version(*, session: AsyncSession) -> int:
    state = await session.get(CatalogState, 1)
    return state.version if state else 0


async def read_live_catalog(*, session: AsyncSession) -> LiveCatalog:
    version = await catalog_version(session=session)
    catalog = await read_catalog(session=session)
    return LiveCatalog(
        version=version,
        catalog=catalog,
        index=SearchIndex.build(catalog),
        place_nicknames=place_nicknames(catalog.aliases),
    )


async def refreshed(live: LiveCatalog, *, session: AsyncSession) -> LiveCatalog:
    """`live` itself if the database still holds its version, else a freshly built one."""
    if await catalog_version(session=session) == live.version:
        return live
    return await read_live_catalog(session=session)
