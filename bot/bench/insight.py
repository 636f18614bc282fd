"""`python -m bot bench insight`: /insight 90 over a million recorded searches, on SQLite and on
PostgreSQL, and what recording costs an update on the bot's path.

The rows are synthetic (deterministic seed): 3,000 distinct queries with a Zipf-like spread, a
quarter of them unmet, 70 % Vietnamese, a ward on a third, 20,000 visitors a day, over 90 days;
plus card opens, directions and /near. They are bulk-loaded (COPY on PostgreSQL), then the
report is computed as /insight computes it, three times; the best and the median are printed.
"""

import argparse
import asyncio
import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy.engine import make_url

from bot.geo.hanoi import VIETNAM_TIME, hanoi_units
from bot.insight.events import SearchEvent
from bot.insight.recorder import Recorder
from bot.insight.report import insight_report
from bot.insight.rollup import last_closed_day, roll_up
from bot.store.db import open_engine
from bot.store.migrate import upgrade

HELP = "time /insight 90 over 1,000,000 recorded searches (SQLite, PostgreSQL) and recording"
POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
COLUMNS = (
    "at",
    "day",
    "kind",
    "text",
    "language",
    "intent",
    "verdict",
    "product_ids",
    "target_id",
    "ward_code",
    "visitor",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--searches", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument(
        "--postgres", default=os.environ.get("BENCH_POSTGRES_URL", POSTGRES), metavar="URL"
    )
    parser.add_argument("--skip-postgres", action="store_true")


def synthetic_rows(searches: int, days: int, seed: int) -> Iterator[tuple[Any, ...]]:
    """`searches` search rows, then a tenth as many card opens and /near rows, in random days."""
    rng = random.Random(seed)
    words = ["mật ong", "trà", "gốm", "lụa", "gạo", "bánh", "miến", "nón", "chè", "rượu"]
    places = ["bát tràng", "vạn phúc", "hoàn kiếm", "tây hồ", "đông anh", "ba vì", "sóc sơn"]
    queries = [f"{rng.choice(words)} {rng.choice(places)} {n}" for n in range(3000)]
    weights = [1 / (rank + 1) for rank in range(len(queries))]
    unmet = set(rng.sample(range(len(queries)), len(queries) // 4))
    wards = list(hanoi_units())
    today = datetime.now(UTC)
    picks = rng.choices(range(len(queries)), weights=weights, k=searches)
    for pick in picks:
        at = today - timedelta(seconds=rng.randrange(days * 86400))
        verdict = ("none" if rng.random() < 0.7 else "related") if pick in unmet else "found"
        yield (
            at.replace(tzinfo=None),
            at.astimezone(VIETNAM_TIME).date(),
            "search",
            queries[pick],
            "vi" if rng.random() < 0.7 else "en",
            "product",
            verdict,
            "" if verdict == "none" else "1,2,3",
            None,
            rng.choice(wards) if rng.random() < 0.33 else None,
            f"{rng.randrange(20_000):016x}",
        )
    for n in range(searches // 10):
        at = today - timedelta(seconds=rng.randrange(days * 86400))
        kind = ("product", "point", "directions", "near")[n % 4]
        yield (
            at.replace(tzinfo=None),
            at.astimezone(VIETNAM_TIME).date(),
            kind,
            None,
            "vi",
            None,
            None,
            "",
            rng.randrange(1, 60) if kind != "near" else None,
            rng.choice(wards) if kind == "near" else None,
            None,
        )


async def time_report(url: str, days: int) -> list[float]:
    """Roll up the closed days as the daily job does (timed, one day at a time), then time the
    report three times."""
    async with open_engine(url) as engine:
        now = datetime.now(UTC)
        first = last_closed_day(now) - timedelta(days=days)
        started = time.perf_counter()
        rolled = await roll_up(engine, first_day=first, now=now)
        seconds = time.perf_counter() - started
        print(
            f"    daily rollup: {rolled} days in {seconds:.1f} s ({seconds / rolled:.2f} s a day)"
        )
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            report = await insight_report(engine, days=days)
            timings.append(time.perf_counter() - started)
        print(f"    report: {report.searches:,} searches, {report.unmet:,} unmet in the window")
        return timings


async def on_sqlite(args: argparse.Namespace) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "insight.sqlite3"
        url = f"sqlite+aiosqlite:///{path}"
        async with open_engine(url) as engine:
            await upgrade(engine)
        started = time.perf_counter()
        with sqlite3.connect(path) as connection:
            rows = (
                (row[0].isoformat(" "), row[1].isoformat(), *row[2:])
                for row in synthetic_rows(args.searches, args.days, args.seed)
            )
            connection.executemany(
                f"INSERT INTO askevent ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * 11)})",
                rows,
            )
        print(f"  SQLite: loaded in {time.perf_counter() - started:.0f} s")
        return await time_report(url, args.days)


async def on_postgres(args: argparse.Namespace) -> list[float]:
    server = make_url(args.postgres)
    name = f"ocop_bench_insight_{os.getpid()}"
    admin_url = server.set(drivername="postgresql").render_as_string(hide_password=False)
    admin = await asyncpg.connect(admin_url, timeout=5)
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = server.set(database=name).render_as_string(hide_password=False)
    try:
        async with open_engine(url) as engine:
            await upgrade(engine)
        started = time.perf_counter()
        loader = await asyncpg.connect(
            server.set(drivername="postgresql", database=name).render_as_string(hide_password=False)
        )
        try:
            await loader.copy_records_to_table(
                "askevent",
                records=synthetic_rows(args.searches, args.days, args.seed),
                columns=COLUMNS,
            )
            await loader.execute("ANALYZE askevent")
        finally:
            await loader.close()
        print(f"  PostgreSQL: loaded in {time.perf_counter() - started:.0f} s")
        return await time_report(url, args.days)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def recording_cost(count: int = 200_000) -> float:
    """Microseconds the bot's path spends per update on recording: building the record and
    handing it to the recorder (hashing the visitor, appending to the buffer)."""
    recorder = Recorder(max_buffered=count + 1)
    started = time.perf_counter()
    for n in range(count):
        event = SearchEvent("mật ong bạc hà", "vi", "product", "found", (1, 2, 3), "00070")
        recorder.record(event, user_id=1000 + n % 5000)
    return (time.perf_counter() - started) / count * 1e6


def flush_cost(count: int = 20_000) -> float:
    """Microseconds per record of the background flush (normalising, one INSERT), on SQLite."""

    async def measure() -> float:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'flush.sqlite3'}"
            async with open_engine(url) as engine:
                await upgrade(engine)
                recorder = Recorder(max_buffered=count + 1)
                for n in range(count):
                    event = SearchEvent(f"mật ong {n % 300}", "vi", "product", "none")
                    recorder.record(event, user_id=n)
                started = time.perf_counter()
                await recorder.flush(engine)
                return (time.perf_counter() - started) / count * 1e6

    return asyncio.run(measure())


def _print_timings(name: str, timings: list[float]) -> None:
    print(
        f"  /insight {name}: best {min(timings):.2f} s, median {statistics.median(timings):.2f} s"
        f" (target ≤ 2 s)"
    )


def run(args: argparse.Namespace) -> int:
    print(f"bench insight: {args.searches:,} searches over {args.days} days")
    print(f"  recording on the bot's path: {recording_cost():.1f} µs per update (target ≤ 200 µs)")
    print(f"  background flush: {flush_cost():.1f} µs per record (off the bot's path)")
    _print_timings(f"{args.days} on SQLite", asyncio.run(on_sqlite(args)))
    if not args.skip_postgres:
        try:
            timings = asyncio.run(on_postgres(args))
        except (OSError, asyncpg.PostgresError) as error:
            print(f"  PostgreSQL unreachable at {args.postgres}: {error!r}")
            return 1
        _print_timings(f"{args.days} on PostgreSQL", timings)
    return 0
