"""The one error handler: log everything, tell the user only that something went wrong."""

import logging

from telegram import Update
from telegram.error import Forbidden
from telegram.ext import ContextTypes

from bot.handlers.common import language, reply
from bot.texts import render

logger = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    logger.error("Update %r caused an error", update, exc_info=context.error)
    if not isinstance(update, Update) or isinstance(context.error, Forbidden):
        return
    lang = language(update, context)
    try:
        if update.callback_query:
            await update.callback_query.answer(render(lang, "error"))
        elif update.effective_chat:
            await reply(update, render(lang, "error"))
    except Exception:
        logger.exception("Could not tell the user about the error")
