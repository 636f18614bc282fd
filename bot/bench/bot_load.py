"""`python -m bot bench bot`: a mixed workload through the whole stack, end to end.

Simulated users talk to the real `Application` through the Bot API stand-in over HTTP on
127.0.0.1 (both in this process, on one event loop, so the figures include the stand-in's
own work). Latency is from a user's update being queued to the bot's answer arriving.
"""

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from pydantic import SecretStr

from bot.app import build_application
from bot.catalog.load import load_catalog
from bot.config import DEFAULT_CATALOG_DIR, Settings
from bot.standin import SimUser, StandIn
from bot.standin.inbox import ReplyKind
from bot.standin.ptb import polling
from bot.store.db import open_session

HELP = "updates per second and reply latency through the full bot stack (stand-in over HTTP)"
Action = Callable[[SimUser], Awaitable[object]]

# One visit: what a shopper typically does, in order (fits the per-user flood allowance).
VISIT: tuple[tuple[str, Action], ...] = (
    ("/start", lambda user: user.send_command("/start")),
    ("product", lambda user: user.send_text("mat ong bac ha")),
    ("product near place", lambda user: user.send_text("gốm Bát Tràng gần Hoàn Kiếm")),
    ("/near old district", lambda user: user.send_command("/near quận Đống Đa")),
    ("location", lambda user: user.send_location(21.0285, 105.8542)),
    ("button", lambda user: user.press(1)),
    ("inline", lambda user: asyncio.sleep(0, user.ask_inline("tea"))),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--users", type=int, default=200, help="simulated users, all at once")
    parser.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG_DIR)


async def _visit(user: SimUser, latencies: dict[str, list[float]]) -> None:
    for name, action in VISIT:
        started = time.perf_counter()
        await action(user)
        kinds: set[ReplyKind] = {"inline_answer"} if name == "inline" else {"message"}
        await user.next_reply(kinds=kinds, within=60)
        latencies.setdefault(name, []).append((time.perf_counter() - started) * 1000)
        if name == "button":
            await user.next_reply(kinds={"callback_answer"}, within=60)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _run(users: int, catalog_dir: Path) -> None:
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite+aiosqlite:///{directory}/bench.sqlite3"
        async with open_session(url) as session:
            await load_catalog(session=session, directory=catalog_dir)
        async with StandIn() as standin:
            settings = Settings(
                telegram_bot_token=SecretStr(standin.token),
                telegram_api_base_url=standin.base_url,
                database_url=url,
            )
            async with polling(build_application(settings), poll_seconds=1):
                people = [
                    standin.user(id=10_000 + n, first_name="U", language_code=("vi", "en")[n % 2])
                    for n in range(users)
                ]
                latencies: dict[str, list[float]] = {}
                started = time.perf_counter()
                await asyncio.gather(*(_visit(person, latencies) for person in people))
                elapsed = time.perf_counter() - started
            refused = len(standin.refused())
    updates = users * len(VISIT) + users  # + one callback answer per button press
    every = [value for values in latencies.values() for value in values]
    print(f"{users} users x {len(VISIT)} actions = {updates} updates in {elapsed:.2f} s")
    print(f"throughput: {updates / elapsed:.0f} updates/s (bot and stand-in on one event loop)")
    print(f"{'action':<20} {'p50 ms':>8} {'p99 ms':>8}")
    for name, values in latencies.items():
        p50, p99 = statistics.median(values), _percentile(values, 0.99)
        print(f"{name:<20} {p50:>8.1f} {p99:>8.1f}")
    print(f"{'all':<20} {statistics.median(every):>8.1f} {_percentile(every, 0.99):>8.1f}")
    print(f"requests the stand-in refused as invalid: {refused}")


def run(args: argparse.Namespace) -> int:
    asyncio.run(_run(args.users, args.catalog))
    return 0
