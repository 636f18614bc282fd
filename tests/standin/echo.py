"""A tiny python-telegram-bot application used to drive the stand-in from the bot's side."""

from __future__ import annotations

import html

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.lifecycle import AnyApplication
from bot.standin import StandIn
from bot.standin.ptb import connect

INLINE_PAGE = 3


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_user is not None
    name = html.escape(update.effective_user.first_name)
    payload = html.escape(" ".join(context.args or []))
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("More", callback_data="more")],
            [InlineKeyboardButton("Share", url="https://t.me/ocop_standin_bot?start=shared")],
        ]
    )
    await update.effective_message.reply_text(
        f"Hello, <b>{name}</b>! payload=[{payload}]",
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard,
    )


async def where(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    button = KeyboardButton("Share my location", request_location=True)
    await update.effective_message.reply_text(
        "Where are you?",
        reply_markup=ReplyKeyboardMarkup([[button]], one_time_keyboard=True),
    )


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("Got it")
    await query.edit_message_text(f"You pressed {html.escape(query.data or '')}")


async def located(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_message.location
    location = update.effective_message.location
    await update.effective_message.reply_text(
        f"You are at {location.latitude},{location.longitude}"
    )


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_message.text
    text = html.escape(update.effective_message.text)
    await update.effective_message.reply_text(f"<i>{text}</i>", parse_mode=ParseMode.HTML)


async def inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    assert query is not None
    start_at = int(query.offset or 0)
    results = [
        InlineQueryResultArticle(
            id=f"{query.query}-{number}",
            title=f"{query.query} #{number}",
            input_message_content=InputTextMessageContent(f"{html.escape(query.query)} {number}"),
        )
        for number in range(start_at, start_at + INLINE_PAGE)
    ]
    await query.answer(results, next_offset=str(start_at + INLINE_PAGE), cache_time=0)


async def membership(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    change = update.my_chat_member
    assert change is not None
    context.bot_data.setdefault("membership", []).append(
        (change.chat.id, change.new_chat_member.status)
    )


def build_echo_application(standin: StandIn) -> AnyApplication:
    application = connect(ApplicationBuilder(), standin).build()
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("where", where))
    application.add_handler(CallbackQueryHandler(pressed))
    application.add_handler(InlineQueryHandler(inline))
    application.add_handler(ChatMemberHandler(membership, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_handler(MessageHandler(filters.LOCATION, located))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return application
