"""Short tokens for state a button needs but 64 bytes of callback data cannot hold.

The state is kept in the database, so a button works on whichever instance receives it.
"""

from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.common import services


async def save(update: Update, context: ContextTypes.DEFAULT_TYPE, value: Any) -> str:
    """Keep the JSON-serialisable `value` for this user under a new 8-hex-digit token."""
    user = update.effective_user
    assert user is not None, "only handlers for a user's update save state"
    return await services(context).saved_values.save(user.id, value)


async def load(update: Update, context: ContextTypes.DEFAULT_TYPE, token: str | None) -> Any:
    """The value saved under `token` (JSON types: lists, not tuples), or None when it is
    unknown or was dropped."""
    user = update.effective_user
    if token is None or user is None:
        return None
    return await services(context).saved_values.load(user.id, token)
