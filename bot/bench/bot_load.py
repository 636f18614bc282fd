"""`python -m bot bench bot`: the whole stack under load, beside a bare PTB bot on the same load.

Simulated users talk to the real `Application` through the Bot API stand-in over HTTP on
127.0.0.1 (both in this process, on one event loop, so the figures include the stand-in's
own work). Three loads:
- searches: every user sends SEARCHES one after another, all users at once. The same load
  goes to a bare PTB `Application` that answers every message with one `send_message`: the
  most any bot can do on this machine and stand-in. Ours is printed as a fraction of it.
- the same searches, run after run, to one bot that stays up: the replies per second of a bot
  that has been serving for a while, and the pauses of the garbage collector's full passes.
- a visit: what a shopper typically does, in order; reply latency per action.
Latency is from a user's update being queued to the bot's answer arriving.
"""

import argparse
import asyncio
import gc
import logging
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import SecretStr
from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.app import build_application
from bot.catalog.load import load_catalog
from bot.config import DEFAULT_CATALOG_DIR, Settings
from bot.lifecycle import AnyApplication
from bot.standin import SimUser, StandIn
from bot.standin.inbox import ReplyKind
from bot.standin.ptb import connect, polling
from bot.store.db import open_session

HELP = "replies per second and latency through the full bot stack, beside a bare PTB bot"
Action = Callable[[SimUser], Awaitable[object]]
SEARCHES = ("mat ong bac ha", "gốm Bát Tràng", "trà sen Tây Hồ")  # product queries, in order
SUSTAINED_RUNS = 20

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
    parser.add_argument(
        "--users", type=int, nargs="+", default=[50, 120, 200], help="simulated users, all at once"
    )
    parser.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG_DIR)
    parser.add_argument(
        "--rounds", type=int, default=5, help="runs of each bot per user count (the median counts)"
    )


def bare_application(standin: StandIn) -> AnyApplication:
    """The baseline: PTB with one handler that answers every message with one message."""

    async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_chat is not None:
            await update.effective_chat.send_message("ok")

    application = connect(ApplicationBuilder(), standin).concurrent_updates(True).build()
    application.add_handler(MessageHandler(filters.ALL, answer))
    return application


async def _searches(user: SimUser) -> None:
    for text in SEARCHES:
        await user.send_text(text)
        await user.next_reply(kinds={"message"}, within=60)


async def _all_at_once(standin: StandIn, users: int) -> float:
    """New users (no flood allowance used) send SEARCHES at once to the bot polling the
    stand-in; replies per second until the last one arrives."""
    first_id = 10_000 + len(standin.world.chats)
    people = [
        standin.user(id=first_id + n, first_name="U", language_code=("vi", "en")[n % 2])
        for n in range(users)
    ]
    started = time.perf_counter()
    await asyncio.gather(*(_searches(person) for person in people))
    return users * len(SEARCHES) / (time.perf_counter() - started)


async def replies_per_second(standin: StandIn, application: AnyApplication, users: int) -> float:
    """One run of `application`, just started: every user sends SEARCHES at once."""
    async with polling(application, poll_seconds=1):
        gc.collect()  # what earlier runs left is not this run's garbage to collect
        return await _all_at_once(standin, users)


@contextmanager
def full_collections() -> Iterator[list[float]]:
    """The pauses (ms) of the garbage collector's full passes while the block runs."""
    pauses: list[float] = []
    started = 0.0

    def watch(phase: str, info: dict[str, int]) -> None:
        nonlocal started
        if info["generation"] == 2 and phase == "start":
            started = time.perf_counter()
        elif info["generation"] == 2:
            pauses.append((time.perf_counter() - started) * 1000)

    gc.callbacks.append(watch)
    try:
        yield pauses
    finally:
        gc.callbacks.remove(watch)


async def _sustained(standin: StandIn, settings: Settings, users: int, runs: int) -> None:
    """One bot serving run after run, as a bot that has been up for a while does."""
    rates: list[float] = []
    async with polling(build_application(settings), poll_seconds=1):
        with full_collections() as pauses:
            for _ in range(runs):
                rates.append(await _all_at_once(standin, users))
    print(
        f"\nOne bot serving {runs} runs of {users} users back to back: "
        f"{statistics.median(rates):.0f} replies/s (median run); "
        f"{len(pauses)} full garbage collections, {sum(pauses):.0f} ms in all, "
        f"the longest {max(pauses, default=0):.0f} ms"
    )


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


async def _visits(standin: StandIn, settings: Settings, users: int) -> None:
    people = [
        standin.user(id=900_000 + n, first_name="V", language_code=("vi", "en")[n % 2])
        for n in range(users)
    ]
    latencies: dict[str, list[float]] = {}
    async with polling(build_application(settings), poll_seconds=1):
        await asyncio.gather(*(_visit(person, latencies) for person in people))
    every = [value for values in latencies.values() for value in values]
    print(f"\nA visit by {users} users at once ({len(VISIT)} actions each): reply latency")
    print(f"{'action':<20} {'p50 ms':>8} {'p99 ms':>8}")
    for name, values in latencies.items():
        p50, p99 = statistics.median(values), _percentile(values, 0.99)
        print(f"{name:<20} {p50:>8.1f} {p99:>8.1f}")
    print(f"{'all':<20} {statistics.median(every):>8.1f} {_percentile(every, 0.99):>8.1f}")


async def _run(user_counts: list[int], catalog_dir: Path, rounds: int) -> None:
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
            print(
                f"Each user sends {len(SEARCHES)} product searches, one after another; "
                f"ours and bare PTB take turns, {rounds} runs each (the median is shown)."
            )
            print(f"{'users':>6} {'ours/s':>8} {'bare PTB/s':>11} {'ours / bare':>12}  runs")
            for users in user_counts:
                ours: list[float] = []
                bare: list[float] = []
                for _ in range(rounds):
                    ours.append(
                        await replies_per_second(standin, build_application(settings), users)
                    )
                    bare.append(await replies_per_second(standin, bare_application(standin), users))
                mine, theirs = statistics.median(ours), statistics.median(bare)
                each = " ".join(f"{a:.0f}/{b:.0f}" for a, b in zip(ours, bare, strict=True))
                print(f"{users:>6} {mine:>8.0f} {theirs:>11.0f} {mine / theirs:>12.2f}  {each}")
            await _sustained(standin, settings, user_counts[0], SUSTAINED_RUNS)
            await _visits(standin, settings, max(user_counts))
            refused = len(standin.refused())
    print(f"requests the stand-in refused as invalid: {refused}")


def run(args: argparse.Namespace) -> int:
    logging.getLogger("telegram").setLevel(logging.WARNING)  # no start/stop lines between rows
    asyncio.run(_run(args.users, args.catalog, args.rounds))
    return 0
