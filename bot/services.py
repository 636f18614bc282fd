"""The composition root: the services of a running bot, opened in post_init and handed to the
handlers. The live catalog bundles one catalog snapshot with everything built from it (the
search index and the place resolver), so a reload swaps them together.
"""

import gc
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.broadcast.sender import Sender
from bot.config import Settings
from bot.geo.gazetteer import place_nicknames
from bot.geo.resolve import PlaceMatch, PlaceResolver
from bot.insight.recorder import Recorder
from bot.search import SearchIndex, SearchResult
from bot.store.catalog import Catalog, read_catalog
from bot.store.models import CatalogState
from bot.store.users import SavedValues, UserStateReader


@dataclass(frozen=True)
class LiveCatalog:
    version: int
    catalog: Catalog
    index: SearchIndex
    places: PlaceResolver  # knows the catalog's place nicknames ("Old Quarter", its points)

    def resolve_place(self, text: str) -> PlaceMatch:
        """Place `text` on Hanoi's map, the catalog's place nicknames included."""
        return self.places(text)

    def search(self, text: str, *, limit: int, prefix: bool = False) -> SearchResult:
        """Products and points for `text`; a place part comes back resolved (`result.place`)."""
        return self.index.search(text, limit=limit, prefix=prefix, resolve_place=self.places)


@dataclass
class Services:
    """Long-lived resources of a running bot, kept in `application.bot_data`."""

    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    live: LiveCatalog  # replaced as a whole when the catalog is reloaded
    sender: Sender  # delivers announcements in the background
    # keeps what visitors ask (never who) in memory; a job writes it in batches
    recorder: Recorder = field(default_factory=Recorder)
    # what most updates read or write, each on a connection held for it
    user_states: UserStateReader = field(init=False)
    saved_values: SavedValues = field(init=False)

    def __post_init__(self) -> None:
        self.user_states = UserStateReader(self.engine)
        self.saved_values = SavedValues(self.engine)

    async def refresh(self, *, session: AsyncSession) -> bool:
        """Swap in the database's catalog if it changed since `live` was built; whether it did."""
        live = await refreshed(self.live, session=session)
        if live is self.live:
            return False
        self.live = live
        freeze_long_lived()
        return True

    async def close(self) -> None:
        await self.user_states.close()
        await self.saved_values.close()
        await self.engine.dispose()
        gc.unfreeze()  # see freeze_long_lived


def freeze_long_lived() -> None:
    """Keep the objects alive now (the live catalog and its index: about 200,000) out of the
    garbage collector's passes. Under load a full pass runs every few seconds and walks all of
    them, over 100 ms each time, to find nothing: they live until the next catalog swap. A
    replaced catalog is still freed (it holds no reference cycles); `gc.unfreeze()` at shutdown
    hands everything back for a process that goes on without the bot (tests, benchmarks)."""
    gc.freeze()


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
        places=PlaceResolver(place_nicknames(catalog.aliases, catalog.points)),
    )


async def refreshed(live: LiveCatalog, *, session: AsyncSession) -> LiveCatalog:
    """`live` itself if the database still holds its version, else a freshly built one."""
    if await catalog_version(session=session) == live.version:
        return live
    return await read_live_catalog(session=session)
