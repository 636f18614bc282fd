"""The `python -m bot` command line: each module here adds one command group."""

import argparse
import asyncio
import inspect
import logging
import sys
from collections.abc import Sequence
from importlib import import_module

from pydantic import ValidationError

from bot.cli.errors import explain
from bot.config import get_settings, settings_problem
from bot.logs import RedactSecrets, configure_logging, secret_strings

# Each module defines `register(subparsers)`, adding a parser whose default `handler`
# takes the parsed arguments (sync or async) and returns an exit code.
COMMAND_MODULES = ("db", "catalog", "run", "near", "search", "bench", "staff", "insight")

logger = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot", description="OCOP shopping assistant for Telegram."
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(f"bot.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; its exit code. Errors are one line on stderr and exit 1 (2: usage)."""
    args = build_parser().parse_args(argv)
    try:
        settings = get_settings()
    except ValidationError as error:
        print(f"Settings error: {settings_problem(error)}", file=sys.stderr)
        return 1
    secrets = secret_strings(settings.telegram_bot_token, settings.webhook_secret)
    configure_logging(settings.log_level, secrets)
    try:
        result = args.handler(args)
        if inspect.iscoroutine(result):
            result = asyncio.run(result)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        logger.debug("python -m bot %s failed", args.command, exc_info=error)
        line = explain(error, database_url=settings.database_url)
        print(RedactSecrets(secrets).redact(line), file=sys.stderr)
        return 1
    return int(result or 0)
