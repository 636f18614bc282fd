"""Short tokens for state a button needs but 64 bytes of callback data cannot hold."""

import secrets
from collections import OrderedDict
from typing import Any

from telegram.ext import ContextTypes

SAVED_PER_USER = 20


def save(context: ContextTypes.DEFAULT_TYPE, value: Any) -> str:
    """Keep `value` for this user under a new 8-hex-digit token (the oldest ones are dropped)."""
    store: OrderedDict[str, Any] = context.user_data.setdefault("saved", OrderedDict())  # type: ignore[union-attr]
    token = secrets.token_hex(4)
    store[token] = value
    while len(store) > SAVED_PER_USER:
        store.popitem(last=False)
    return token


def load(context: ContextTypes.DEFAULT_TYPE, token: str | None) -> Any:
    """The value saved under `token`, or None when it is unknown or was dropped."""
    if token is None or context.user_data is None:
        return None
    return context.user_data.get("saved", {}).get(token)
