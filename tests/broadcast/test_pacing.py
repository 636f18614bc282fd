"""The token bucket after a 429: every send waits out the pause, then the rate is lower."""

import asyncio

import pytest

from bot.broadcast.pacing import FLOOD_SLOWDOWN, RECOVERY_SECONDS, TokenBucket


async def test_a_429_pauses_every_send_then_slows_the_bucket_until_it_recovers() -> None:
    now = [0.0]
    bucket = TokenBucket(rate=100, clock=lambda: now[0])
    await bucket.take()
    bucket.slow_down(pause=5)
    bucket.slow_down(pause=5)  # a second 429 at once: slower again, the pause is not longer
    assert bucket.rate == pytest.approx(100 * FLOOD_SLOWDOWN**2)

    now[0] = 4.9
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(bucket.take(), 0.05)
    now[0] = 5.0
    await asyncio.wait_for(bucket.take(), 0.05)
    now[0] = 5.0 + RECOVERY_SECONDS
    await asyncio.wait_for(bucket.take(), 0.05)
    assert bucket.rate == 100
