"""The global send rate of several instances on one PostgreSQL: a token bucket in one row.

Each instance reserves a block of consecutive send slots with one atomic UPDATE of the bucket's
row (GCRA: the row holds when the next free slot starts), then starts one send per slot. Slots
are spaced 1/rate apart across all instances together, on the database's clock, so the combined
rate holds whatever the number of instances or the skew of their clocks. A send starts at its
slot or at most STALE_SECONDS later (an older slot is dropped), so in any window of W seconds
at most rate × (W + STALE_SECONDS) + 1 sends start, all instances together. A block is about
BLOCK_SECONDS of sends: a few row updates per second per instance, even at 1,000 messages/s.
Slots an instance leaves unused (it stopped, ran out of rows, was killed, or was too busy to use
them) are lost: the rate can drop, never rise. A 429 seen by any instance pauses and slows every
instance.
"""

import asyncio
import logging
import math
from collections import deque

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.broadcast.pacing import FLOOD_SLOWDOWN, RECOVERY_SECONDS, Pacer, TokenBucket

logger = logging.getLogger(__name__)

BLOCK_SECONDS = 0.1  # slots reserved per row update, in seconds of sending
STALE_SECONDS = 0.05  # a reserved slot this far in the past is dropped, not used late
RETRY_SECONDS = 1.0  # after the database failed to answer a reservation
SLOWEST_SHARE = 0.1  # after repeated 429s the rate never drops below a tenth of the target

_CLOCK = "WITH clock AS (SELECT extract(epoch FROM clock_timestamp())::float8 AS now)"
_SHARE = "least(1.0, slowdown + (clock.now - slowed_at) / CAST(:recovery AS float8))"
_CREATE = sa.text(
    "INSERT INTO send_rate (name, next_slot, slowdown, slowed_at) VALUES (:name, 0, 1, 0) "
    "ON CONFLICT (name) DO NOTHING"
)
_RESERVE = sa.text(
    f"{_CLOCK} UPDATE send_rate SET next_slot = greatest(next_slot, clock.now)"
    f" + CAST(:count AS float8) / (CAST(:rate AS float8) * {_SHARE})"
    " FROM clock WHERE name = :name"
    f" RETURNING next_slot, clock.now, {_SHARE} AS share"
)
_SLOW_DOWN = sa.text(
    f"{_CLOCK} UPDATE send_rate"
    " SET next_slot = greatest(next_slot, clock.now + CAST(:pause AS float8)),"
    f" slowdown = greatest(CAST(:slowest AS float8), {_SHARE} * CAST(:factor AS float8)),"
    " slowed_at = clock.now"
    " FROM clock WHERE name = :name"
)


class SharedBucket:
    """A `Pacer` shared by every instance that uses the same database and `name`."""

    def __init__(self, *, engine: AsyncEngine, rate: float, name: str = "broadcast") -> None:
        if rate <= 0:
            raise ValueError("the rate must be positive")
        self.rate = rate
        self._engine = engine
        self._name = name
        self._block = max(1, math.ceil(rate * BLOCK_SECONDS))
        self._slots: deque[float] = deque()  # reserved start times, on the event loop's clock
        self._created = False
        self._slowing: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    async def take(self) -> None:
        async with self._lock:
            loop = asyncio.get_running_loop()
            while True:
                while self._slots and self._slots[0] < loop.time() - STALE_SECONDS:
                    self._slots.popleft()
                if self._slots:
                    break
                # Shielded: a take() cancelled mid-reservation must not cut a database call.
                if not await asyncio.shield(self._reserve()):
                    await asyncio.sleep(RETRY_SECONDS)
            slot = self._slots.popleft()
        await asyncio.sleep(max(0.0, slot - loop.time()))

    def slow_down(self, *, pause: float) -> None:
        self._slots.clear()
        self._slowing = asyncio.create_task(self._slow_down(pause))

    async def _reserve(self) -> bool:
        """Reserve the next block of slots; False (logged) when the database did not answer."""
        if self._slowing is not None:
            await self._slowing
        try:
            block_end, db_now, share = await self._reserve_block()
        except Exception:
            logger.exception("could not reserve send slots; retrying in %g s", RETRY_SECONDS)
            return False
        # The answer left the database no earlier than db_now: mapping db_now to "now" here
        # can only make our slots later than the database meant, never earlier.
        here = asyncio.get_running_loop().time()
        interval = 1.0 / (self.rate * share)
        first = block_end - self._block * interval
        self._slots.extend(here + first - db_now + i * interval for i in range(self._block))
        return True

    async def _reserve_block(self) -> tuple[float, float, float]:
        async with self._engine.begin() as connection:
            if not self._created:
                await connection.execute(_CREATE, {"name": self._name})
            block_end, db_now, share = (
                await connection.execute(
                    _RESERVE,
                    {
                        "name": self._name,
                        "count": self._block,
                        "rate": self.rate,
                        "recovery": RECOVERY_SECONDS,
                    },
                )
            ).one()
        self._created = True
        return block_end, db_now, share

    async def _slow_down(self, pause: float) -> None:
        try:
            async with self._engine.begin() as connection:
                await connection.execute(
                    _SLOW_DOWN,
                    {
                        "name": self._name,
                        "pause": pause,
                        "slowest": SLOWEST_SHARE,
                        "factor": FLOOD_SLOWDOWN,
                        "recovery": RECOVERY_SECONDS,
                    },
                )
        except Exception:
            logger.exception("could not share a 429 with the other instances")


def pacer_for(engine: AsyncEngine, *, rate: float) -> Pacer:
    """The bucket shared through the database on PostgreSQL, where several instances may run;
    the in-process one on SQLite, where one process is the whole deployment."""
    if engine.dialect.name == "postgresql":
        return SharedBucket(engine=engine, rate=rate)
    return TokenBucket(rate=rate)
