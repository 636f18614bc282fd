"""The local chat: the real bot `Application` against the Bot API stand-in, in a terminal."""

import asyncio
import contextlib
import logging
import sys

from pydantic import SecretStr

from bot.app import build_application
from bot.config import Settings
from bot.standin import StandIn
from bot.standin.console import run_console, stdin_lines
from bot.standin.ptb import polling
from bot.texts import Language

LOCAL_USER_ID = 1


async def chat(settings: Settings, *, language: Language, name: str) -> None:
    async with StandIn(bot_name="OCOP Hà Nội") as standin:
        local = settings.model_copy(
            update={
                "telegram_bot_token": SecretStr(standin.token),
                "telegram_api_base_url": standin.base_url,
            }
        )
        application = build_application(local)
        async with polling(application):
            user = standin.user(id=LOCAL_USER_ID, first_name=name, language_code=language)
            print("Local chat with the bot (no Telegram token set).", flush=True)
            await user.send_command("/start")
            await run_console(standin, user, lines=stdin_lines(), out=sys.stdout)


def run_console_chat(settings: Settings, *, language: Language = "vi", name: str = "Bạn") -> int:
    logging.getLogger().setLevel(logging.WARNING)  # keep the chat readable; errors still show
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(chat(settings, language=language, name=name))
    return 0
