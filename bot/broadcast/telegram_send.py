"""The broadcast engine's only Telegram-aware module: a PTB `Bot` as the sender's send function.

Give the bot a connection pool at least as large as the sender's concurrency, e.g.
`Bot(token, request=HTTPXRequest(connection_pool_size=16))`, or calls queue for a connection.
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta

import httpx
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest

from bot.broadcast.outcomes import (
    Blocked,
    Delivered,
    FloodWait,
    MaybeDelivered,
    Outcome,
    Outgoing,
    Rejected,
    SendFunction,
    Transient,
)

# The request never reached Telegram whole, so Telegram cannot have acted on it: resend.
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.WriteTimeout)
# 400 answers that mean the chat is gone for good, like a 403.
_GONE_CHAT = ("chat not found", "user is deactivated", "peer_id_invalid")


@dataclass(frozen=True)
class Footer:
    """What every announcement carries below the staff's text: a short line, and a button whose
    callback (answered by any instance, from the database) lets the subscriber change topics or
    stop. Telegram asks bots never to send what users cannot stop."""

    text: str
    button: str
    callback_data: str

    def markup(self) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup(
            [[InlineKeyboardButton(self.button, callback_data=self.callback_data)]]
        )

    def below(self, text: str, *, photo: bool) -> str:
        """`text` exactly as written, the footer line under it when it fits Telegram's limit."""
        limit = MessageLimit.CAPTION_LENGTH if photo else MessageLimit.MAX_TEXT_LENGTH
        joined = f"{text}\n\n{self.text}"
        return joined if len(joined) <= limit else text


def telegram_sender(
    bot: Bot,
    *,
    parse_mode: str | None = None,
    paid_broadcast: bool = False,
    max_calls: int | None = None,
    footer: Footer | None = None,
) -> SendFunction:
    """Send text (or a photo with the text as caption) through `bot`; every error becomes an
    outcome. `paid_broadcast` asks Telegram for the paid limit of 1,000 messages/s.

    `max_calls` caps the HTTP calls in flight below the sender's concurrency: the other rows
    do their database writes meanwhile, and httpx's pool (whose bookkeeping grows with the
    number of waiting requests) never queues.
    """
    calls = asyncio.Semaphore(max_calls) if max_calls else contextlib.nullcontext()

    async def send(message: Outgoing) -> Outcome:
        async with calls:
            return await _send(
                bot, message, parse_mode=parse_mode, paid=paid_broadcast, footer=footer
            )

    return send


async def _send(
    bot: Bot, message: Outgoing, *, parse_mode: str | None, paid: bool, footer: Footer | None
) -> Outcome:
    photo = message.photo is not None
    text = footer.below(message.text, photo=photo) if footer else message.text
    markup = footer.markup() if footer else None
    try:
        if message.photo:
            sent = await bot.send_photo(
                message.chat_id,
                message.photo,
                caption=text,
                parse_mode=parse_mode,
                allow_paid_broadcast=paid or None,
                reply_markup=markup,
            )
        else:
            sent = await bot.send_message(
                message.chat_id,
                text,
                parse_mode=parse_mode,
                link_preview_options=None,  # as written, whatever the bot's defaults say
                allow_paid_broadcast=paid or None,
                reply_markup=markup,
            )
    except TelegramError as error:
        return outcome_of(error)
    return Delivered(sent.message_id)


@asynccontextmanager
async def bot_sender(
    *, token: str, base_url: str, connections: int, read_timeout: float = 5.0
) -> AsyncIterator[SendFunction]:
    """A send function over a Bot of its own (for a sender running without the Application),
    with at most `connections` calls in flight."""
    request = HTTPXRequest(connection_pool_size=connections, read_timeout=read_timeout)
    async with Bot(token, base_url=base_url, request=request) as bot:
        yield telegram_sender(bot, max_calls=connections)


def outcome_of(error: TelegramError) -> Outcome:
    """What a PTB exception means for the delivery row."""
    reason = f"{type(error).__name__}: {error.message}"
    match error:
        case RetryAfter():
            wait = error.retry_after
            return FloodWait(wait.total_seconds() if isinstance(wait, timedelta) else float(wait))
        case Forbidden():
            return Blocked(reason)
        case BadRequest() if any(gone in error.message.lower() for gone in _GONE_CHAT):
            return Blocked(reason)
        case BadRequest() | ChatMigrated():
            return Rejected(reason)
        case TimedOut() | NetworkError() if isinstance(error.__cause__, _NEVER_SENT):
            return Transient(reason)
        case TimedOut() | NetworkError() if isinstance(error.__cause__, httpx.HTTPError):
            # Read timeout, dropped connection: the request left and may have taken effect.
            return MaybeDelivered(reason)
    # Telegram answered with an error status (5xx, …): nothing was delivered, retry later.
    return Transient(reason)
