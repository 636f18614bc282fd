"""The send rate shared through PostgreSQL: one 429 slows every instance."""

import asyncio
from collections.abc import AsyncIterator

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.broadcast.pacing import FLOOD_SLOWDOWN, TokenBucket
from bot.broadcast.shared_rate import SharedBucket, pacer_for
from bot.store.db import open_engine
from tests.conftest import TEST_DATABASE

RATE = 50.0


@pytest.fixture
async def engines(database_url: str) -> AsyncIterator[tuple[AsyncEngine, AsyncEngine]]:
    """Two instances' engines on one database."""
    async with open_engine(database_url) as first, open_engine(database_url) as second:
        yield first, second


async def test_each_database_gets_the_pacer_its_deployment_needs(
    engines: tuple[AsyncEngine, AsyncEngine],
) -> None:
    pacer = pacer_for(engines[0], rate=RATE)
    expected = SharedBucket if TEST_DATABASE == "postgresql" else TokenBucket
    assert isinstance(pacer, expected)


@pytest.mark.skipif(TEST_DATABASE != "postgresql", reason="the shared bucket is for PostgreSQL")
async def test_a_429_at_one_instance_pauses_and_slows_the_other(
    engines: tuple[AsyncEngine, AsyncEngine],
) -> None:
    flooded, other = (SharedBucket(engine=engine, rate=RATE) for engine in engines)
    await flooded.take()
    flooded.slow_down(pause=1.0)
    async with engines[0].connect() as connection, asyncio.timeout(5):
        # Wait for the 429 to reach the database (slow_down only starts the update).
        while not (
            await connection.execute(sa.text("SELECT slowed_at > 0 FROM send_rate"))
        ).scalar():
            await connection.rollback()
    loop = asyncio.get_running_loop()
    began = loop.time()
    await other.take()
    paused = loop.time() - began
    for _ in range(20):
        await other.take()
    slowed = (loop.time() - began - paused) / 20
    print(f"\nthe other instance waited {paused:.2f} s, then sent every {slowed * 1000:.1f} ms")
    assert paused >= 0.9
    assert slowed >= 0.99 / (RATE * (FLOOD_SLOWDOWN + 0.05))  # not back to 1/RATE yet
