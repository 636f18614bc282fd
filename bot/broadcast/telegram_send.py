"""The broadcast engine's only Telegram-aware module: a PTB `Bot` as the sender's send function.

Give the bot a connection pool at least as large as the sender's concurrency, e.g.
`Bot(token, request=HTTPXRequest(connection_pool_size=16))`, or calls queue for a connection.
"""

from datetime import timedelta

import httpx
from telegram import Bot
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

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


def telegram_sender(
    bot: Bot, *, parse_mode: str | None = None, paid_broadcast: bool = False
) -> SendFunction:
    """Send text (or a photo with the text as caption) through `bot`; every error becomes an
    outcome. `paid_broadcast` asks Telegram for the paid limit of 1,000 messages/s."""

    async def send(message: Outgoing) -> Outcome:
        try:
            if message.photo:
                sent = await bot.send_photo(
                    message.chat_id,
                    message.photo,
                    caption=message.text,
                    parse_mode=parse_mode,
                    allow_paid_broadcast=paid_broadcast or None,
                )
            else:
                sent = await bot.send_message(
                    message.chat_id,
                    message.text,
                    parse_mode=parse_mode,
                    allow_paid_broadcast=paid_broadcast or None,
                )
        except TelegramError as error:
            return outcome_of(error)
        return Delivered(sent.message_id)

    return send


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
