"""/start (with deep links), /help, /lang and the main menu."""

import re
from dataclasses import replace

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.handlers import callbacks
from bot.handlers.browse import browse_command
from bot.handlers.catalog import show_point, show_product
from bot.handlers.common import USER_STATE, current_user, language, pressed, reply, services
from bot.handlers.events import show_events
from bot.handlers.nearby import ask_for_location, show_near_ward
from bot.handlers.subscribe import subscribe_command
from bot.store.users import set_language
from bot.texts import Html, Language, plain, render

# /start payloads: p_<product id>, s_<point id>, w_<2025 ward code>
DEEP_LINK = re.compile(r"^([psw])_(\d{1,9})\Z", re.ASCII)


def main_menu(lang: Language) -> InlineKeyboardMarkup:
    def button(key: str, item: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(plain(lang, key), callback_data=callbacks.menu(item))

    return InlineKeyboardMarkup(
        [
            [button("btn_search", "search"), button("btn_browse", "browse")],
            [button("btn_near", "near"), button("btn_events", "events")],
            [button("btn_subscribe", "subscribe")],
        ]
    )


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    link = DEEP_LINK.match(context.args[0]) if context.args else None
    if link and link[1] == "p":
        await show_product(update, context, int(link[2]))
    elif link and link[1] == "s":
        await show_point(update, context, int(link[2]))
    elif link:
        await show_near_ward(update, context, link[2])
    else:
        lang = language(update, context)
        name = update.effective_user.first_name if update.effective_user else ""
        await reply(update, render(lang, "welcome", name=name), main_menu(lang))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every user command; staff also read theirs."""
    lang = language(update, context)
    text = render(lang, "help", bot_username=context.bot.username)
    if current_user(context).staff:
        text = Html(text + render(lang, "help_staff"))
    await reply(update, text)


async def choose_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("🇻🇳 Tiếng Việt", callback_data=callbacks.language("vi")),
                InlineKeyboardButton("🇬🇧 English", callback_data=callbacks.language("en")),
            ]
        ]
    )
    await reply(update, render(language(update, context), "lang_prompt"), keyboard)


async def language_chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    lang: Language = "vi" if pressed(context, 1) == "vi" else "en"
    async with services(context).sessions() as session:
        await set_language(session=session, user_id=user.id, language=lang)
    if context.user_data is not None:
        context.user_data[USER_STATE] = replace(current_user(context), chosen_language=lang)
    await query.answer()
    await query.edit_message_text(render(lang, "lang_set"))


async def menu_chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    match = context.match
    assert match is not None
    await query.answer()
    lang = language(update, context)
    item = match[1]
    if item == "search":
        await reply(update, render(lang, "search_prompt"))
    elif item == "near":
        await ask_for_location(update, context)
    elif item == "events":
        await show_events(update, context)
    elif item == "browse":
        await browse_command(update, context)
    else:
        await subscribe_command(update, context)
