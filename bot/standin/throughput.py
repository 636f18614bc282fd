"""Prints how many sendMessage calls per second PTB gets through the stand-in, by concurrency.

Run: `python -m bot.standin.throughput`. Client and stand-in share one event loop and one core,
as in the test suite and the console, so this is the ceiling a benchmark built that way sees.
"""

from __future__ import annotations

import asyncio
import time

from telegram import Bot
from telegram.constants import ParseMode
from telegram.request import HTTPXRequest

from bot.standin.standin import StandIn

CALLS = 3000


async def sends_per_second(*, calls: int, concurrency: int) -> float:
    async with StandIn(auto_users=True) as standin:
        request = HTTPXRequest(connection_pool_size=concurrency)
        async with Bot(standin.token, base_url=standin.base_url, request=request) as bot:
            gate = asyncio.Semaphore(concurrency)

            async def send(number: int) -> None:
                async with gate:
                    await bot.send_message(
                        10_000 + number, f"Tin <b>{number}</b>", parse_mode=ParseMode.HTML
                    )

            started = time.perf_counter()
            await asyncio.gather(*(send(number) for number in range(calls)))
            return calls / (time.perf_counter() - started)


async def report() -> None:
    for concurrency in (1, 4, 16, 64):
        rate = await sends_per_second(calls=CALLS, concurrency=concurrency)
        print(f"{CALLS} sendMessage, {concurrency:>2} concurrent: {rate:,.0f} calls/s")


if __name__ == "__main__":
    asyncio.run(report())
