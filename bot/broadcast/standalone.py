"""`python -m bot.broadcast.standalone`: run the sender alone until no announcement is left
scheduled, queued or sending (the kill-and-restart and instance tests run it in processes)."""

import argparse
import asyncio
import logging
from collections.abc import Sequence
from datetime import timedelta

import sqlalchemy as sa

from bot.broadcast.sender import Sender, SenderOptions
from bot.broadcast.telegram_send import bot_sender
from bot.config import get_settings
from bot.store.broadcast import AnnouncementStatus, announcement_table
from bot.store.db import create_current_engine


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    settings = get_settings()
    token = settings.telegram_bot_token
    parser = argparse.ArgumentParser(prog="python -m bot.broadcast.standalone")
    parser.add_argument("--database-url", default=settings.database_url)
    parser.add_argument("--base-url", default=settings.telegram_api_base_url)
    parser.add_argument("--token", default=token.get_secret_value() if token else None)
    parser.add_argument("--instance-id", help="stable id: its own leftovers are settled at once")
    parser.add_argument("--rate", type=float, default=SenderOptions.rate)
    parser.add_argument("--concurrency", type=int, default=SenderOptions.concurrency)
    parser.add_argument("--connections", type=int, default=8, help="HTTP calls in flight")
    parser.add_argument("--claim-batch", type=int, default=SenderOptions.claim_batch)
    parser.add_argument(
        "--lease",
        type=float,
        default=SenderOptions.lease.total_seconds(),
        help="seconds a claimed row stays ours: how long a killed sender's rows wait",
    )
    return parser.parse_args(argv)


async def run(args: argparse.Namespace) -> None:
    engine = await create_current_engine(args.database_url)
    options = SenderOptions(
        rate=args.rate,
        concurrency=args.concurrency,
        claim_batch=args.claim_batch,
        lease=timedelta(seconds=args.lease),
        poll_seconds=0.2,
    )
    unfinished = sa.select(sa.func.count()).where(
        announcement_table.c.status.in_(
            [AnnouncementStatus.SCHEDULED, AnnouncementStatus.QUEUED, AnnouncementStatus.SENDING]
        )
    )
    async with bot_sender(
        token=args.token, base_url=args.base_url, connections=args.connections
    ) as send:
        sender = Sender(engine=engine, send=send, instance_id=args.instance_id, options=options)
        await sender.start()
        while True:
            async with engine.connect() as connection:
                if not (await connection.execute(unfinished)).scalar_one():
                    break
            await asyncio.sleep(options.poll_seconds)
        await sender.stop()
    await engine.dispose()


def main(argv: Sequence[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    asyncio.run(run(parse_arguments(argv)))


if __name__ == "__main__":
    main()
