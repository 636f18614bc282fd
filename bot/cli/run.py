"""`python -m bot run`: serve Telegram (with TELEGRAM_BOT_TOKEN) or open the local chat."""

import argparse

from bot.config import get_settings
from bot.texts import Language


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "run",
        help="run the bot: polls Telegram with TELEGRAM_BOT_TOKEN, else opens the local chat",
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
    if settings.telegram_bot_token is None:
        return run_console(args)
    from bot.app import build_application

    build_application(settings).run_polling()
    return 0


def run_console(args: argparse.Namespace) -> int:
    from bot.console import run_console_chat

    language: Language = "en" if getattr(args, "lang", "vi") == "en" else "vi"
    return run_console_chat(get_settings(), language=language, name=getattr(args, "name", "Bạn"))
