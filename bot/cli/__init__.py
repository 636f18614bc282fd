"""The `python -m bot` command line: each module here adds one command group."""

import argparse
import asyncio
import inspect
import logging
from collections.abc import Sequence
from importlib import import_module

from bot.config import get_settings

# Each module defines `register(subparsers)`, adding a parser whose default `handler`
# takes the parsed arguments (sync or async) and returns an exit code.
COMMAND_MODULES = ("db", "catalog", "run", "near", "search", "bench", "staff", "insight")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot", description="OCOP shopping assistant for Telegram."
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(f"bot.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=get_settings().log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # it logs every request, token included
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    result = args.handler(args)
    if inspect.iscoroutine(result):
        result = asyncio.run(result)
    return int(result or 0)
