"""What every handler needs: the shared services, the user's language, and a safe reply."""

import re

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.services import Services
from bot.texts import Html, Language, language_for, plain

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    found: Services = context.bot_data["services"]
    return found


def language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Language:
    """The user's chosen language, cached by the language gate; else from their Telegram app."""
    chosen = context.user_data.get("language") if context.user_data is not None else None
    if chosen in ("vi", "en"):
        return chosen  # type: ignore[no-any-return]
    user = update.effective_user
    return language_for(user.language_code if user else None)


NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
QUERY_LIMIT = 200  # characters of a user's query or place name that are read


async def reply(update: Update, text: Html, markup: Markup | None = None) -> Message | None:
    """Send `text` (Telegram HTML) to the chat the update came from."""
    chat = update.effective_chat
    if chat is None:
        return None
    if isinstance(markup, InlineKeyboardMarkup) and not any(markup.inline_keyboard):
        markup = None
    return await chat.send_message(
        text, parse_mode=ParseMode.HTML, reply_markup=markup, link_preview_options=NO_PREVIEW
    )


def pressed_id(update: Update, pattern: re.Pattern[str]) -> int:
    """The number in a button's callback data; the handler was registered with `pattern`."""
    query = update.callback_query
    match = pattern.match(query.data or "") if query else None
    assert match is not None, "handler registered with this pattern"
    return int(match[1])


async def answer(update: Update, text: str | None = None) -> None:
    if update.callback_query:
        await update.callback_query.answer(text)


async def expired(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A stale or forged button: say so on the button, and do nothing else."""
    await answer(update, plain(language(update, context), "expired"))
