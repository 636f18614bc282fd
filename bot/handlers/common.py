"""What every handler needs: the shared services, the user's language, and a safe reply."""

from dataclasses import dataclass
from datetime import datetime

from telegram import InlineKeyboardMarkup, Message, ReplyKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.services import Services
from bot.texts import Html, Language, language_for, plain

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    found: Services = context.bot_data["services"]
    return found


USER_STATE = "user_state"  # user_data key of this update's CurrentUser


@dataclass(frozen=True)
class CurrentUser:
    """What the user gate read for this update, in one statement, before any handler ran."""

    chosen_language: Language | None  # from /lang; None: follow the Telegram app
    staff: bool
    report_pending: str | None = None  # "p:12" or "s:3": a card whose problem is to be told
    report_asked_at: datetime | None = None


def current_user(context: ContextTypes.DEFAULT_TYPE) -> CurrentUser:
    state = context.user_data.get(USER_STATE) if context.user_data is not None else None
    return state if isinstance(state, CurrentUser) else CurrentUser(None, staff=False)


def language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Language:
    """The user's chosen language, else the language of their Telegram app."""
    chosen = current_user(context).chosen_language
    if chosen is not None:
        return chosen
    user = update.effective_user
    return language_for(user.language_code if user else None)


QUERY_LIMIT = 200  # characters of a user's query or place name that are read


async def reply(update: Update, text: Html, markup: Markup | None = None) -> Message | None:
    """Send `text` (Telegram HTML) to the chat the update came from."""
    chat = update.effective_chat
    if chat is None:
        return None
    if isinstance(markup, InlineKeyboardMarkup) and not any(markup.inline_keyboard):
        markup = None
    return await chat.send_message(text, reply_markup=markup)


def pressed(context: ContextTypes.DEFAULT_TYPE, group: int = 1) -> str | None:
    """A group of the button's callback data, as its handler's pattern matched it."""
    assert context.match is not None, "button handlers are registered with a pattern"
    return context.match[group]


def pressed_id(context: ContextTypes.DEFAULT_TYPE) -> int:
    """The number in a button's callback data (the patterns allow ASCII digits only)."""
    return int(pressed(context) or "")


async def answer(update: Update, text: str | None = None) -> None:
    if update.callback_query:
        await update.callback_query.answer(text)


async def expired(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A stale or forged button: say so on the button, and do nothing else."""
    await answer(update, plain(language(update, context), "expired"))
