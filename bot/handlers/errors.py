"""The one error handler: log everything, tell the user only that something went wrong."""

import logging

from telegram import CallbackQuery, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.handlers.common import language, reply
from bot.texts import Language, render

logger = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    logger.error("Update %r caused an error", update, exc_info=context.error)
    if not isinstance(update, Update) or isinstance(context.error, Forbidden):
        return
    lang = language(update, context)
    try:
        if not update.callback_query or not await _answered(update.callback_query, lang):
            await reply(update, render(lang, "error"))
    except Exception:
        logger.exception("Could not tell the user about the error")


async def _answered(query: CallbackQuery, lang: Language) -> bool:
    """Put the apology on the button; False when Telegram refuses, as it does when the handler
    had already answered this press (then the apology goes to the chat instead)."""
    try:
        await query.answer(render(lang, "error"))
    except TelegramError as error:
        logger.info("The apology could not go on the button: %s", error)
        return False
    return True
