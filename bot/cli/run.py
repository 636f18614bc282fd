"""`python -m bot run [--webhook]`: serve Telegram (polling or webhooks), or open the local chat."""

import argparse
import asyncio
import sys
from collections.abc import Callable

from bot.config import get_settings
from bot.store.migrate import SchemaOutdatedError
from bot.texts import Language


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "run",
        help="run the bot: polls Telegram with TELEGRAM_BOT_TOKEN, else opens the local chat",
    )
    parser.add_argument(
        "--webhook",
        action="store_true",
        help="serve Telegram webhooks on PORT instead of polling "
        "(needs WEBHOOK_URL and WEBHOOK_SECRET); GET /healthz reports the instance's health",
    )
    parser.set_defaults(handler=run)
    console = subparsers.add_parser(
        "console", help="chat with the bot in this terminal (local Bot API stand-in)"
    )
    console.add_argument(
        "--lang", choices=("vi", "en"), default="vi", help="your Telegram app's language"
    )
    console.add_argument("--name", default="Bạn", help="your first name in the chat")
    console.set_defaults(handler=run_console)


def run(args: argparse.Namespace) -> int:
    settings = get_settings()
    if args.webhook:
        from bot.webhook import PortBusyError, serve_webhooks, webhook_of

        try:
            webhook_of(settings)
            return _unless_outdated(lambda: asyncio.run(serve_webhooks(settings)))
        except (ValueError, PortBusyError) as error:
            return _not_starting(error)
    if settings.telegram_bot_token is None:
        return run_console(args)
    from bot.app import build_application

    return _unless_outdated(lambda: build_application(settings).run_polling())


def run_console(args: argparse.Namespace) -> int:
    from bot.console import run_console_chat

    language: Language = "en" if getattr(args, "lang", "vi") == "en" else "vi"
    name = getattr(args, "name", "Bạn")
    return _unless_outdated(lambda: run_console_chat(get_settings(), language=language, name=name))


def _unless_outdated(serve: Callable[[], object]) -> int:
    """Run `serve`; on a database behind the code, say what to run instead of a traceback.

    The database is checked first, before anything is asked of Telegram (setWebhook included).
    """
    try:
        asyncio.run(_check_database(get_settings().database_url))
        serve()
    except SchemaOutdatedError as error:
        return _not_starting(error)
    return 0


async def _check_database(database_url: str) -> None:
    from bot.store.db import create_current_engine

    engine = await create_current_engine(database_url)
    await engine.dispose()


def _not_starting(error: Exception) -> int:
    print(f"Not starting: {error}", file=sys.stderr)
    return 1
