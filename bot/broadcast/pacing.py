"""The global send rate: a token bucket that spaces sends and backs off after a 429."""

import asyncio
import time
from collections.abc import Callable
from typing import Protocol

# After a 429 the rate drops by this factor, then climbs back to the target over RECOVERY_SECONDS.
FLOOD_SLOWDOWN = 0.8
RECOVERY_SECONDS = 60.0


class Pacer(Protocol):
    """Paces all sends of one sender; a shared implementation can pace several instances."""

    async def take(self) -> None:
        """Return when the next send may start."""

    def slow_down(self, *, pause: float) -> None:
        """Telegram said 429: start no send for `pause` seconds, then go slower for a while."""


class TokenBucket:
    """At most `rate` sends per second, spaced evenly (the GCRA form of a token bucket).

    A send may start up to `tolerance` seconds before its slot: the bucket wakes that early, so
    the event loop's late wake-ups do not make the long-run rate drift. In any window of W
    seconds at most rate × (W + tolerance) + 1 sends start.
    """

    def __init__(
        self,
        *,
        rate: float,
        tolerance: float = 0.01,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate <= 0:
            raise ValueError("the rate must be positive")
        self.target_rate = rate
        self.rate = rate
        self._tolerance = tolerance
        self._clock = clock
        self._slot = clock()  # when the next send is due
        self._paused_until = 0.0
        self._last_seen = self._slot
        self._queue = asyncio.Lock()  # first come, first served; one sleeper at a time

    async def take(self) -> None:
        async with self._queue:
            while True:
                now = self._clock()
                self._recover(now)
                start = max(self._slot - self._tolerance, self._paused_until)
                if now >= start:
                    self._slot = max(self._slot, now) + 1.0 / self.rate
                    return
                await asyncio.sleep(start - now)

    def slow_down(self, *, pause: float) -> None:
        now = self._clock()
        self._paused_until = max(self._paused_until, now + pause)
        self._slot = max(self._slot, self._paused_until)
        self.rate = max(self.rate * FLOOD_SLOWDOWN, self.target_rate / 10)

    def _recover(self, now: float) -> None:
        if self.rate < self.target_rate:
            climbed = self.target_rate * (now - self._last_seen) / RECOVERY_SECONDS
            self.rate = min(self.target_rate, self.rate + climbed)
        self._last_seen = now
