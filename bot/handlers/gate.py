"""Runs before every other handler: flood protection, then the user's language."""

import time
from collections import OrderedDict

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.handlers.common import language, reply, services
from bot.store.users import get_language
from bot.texts import render


class FloodGuard:
    """A token bucket per user: `burst` updates at once, refilled at `rate` per second."""

    def __init__(self, *, burst: float = 8, rate: float = 1.0, max_users: int = 100_000) -> None:
        self.burst, self.rate, self.max_users = burst, rate, max_users
        self._buckets: OrderedDict[int, tuple[float, float, bool]] = OrderedDict()

    def allow(self, user_id: int, now: float | None = None) -> tuple[bool, bool]:
        """(allowed, warn): `warn` is True only for the first refusal of a burst."""
        now = time.monotonic() if now is None else now
        tokens, last, warned = self._buckets.pop(user_id, (self.burst, now, False))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        allowed = tokens >= 1
        warn = not allowed and not warned
        self._buckets[user_id] = (tokens - 1 if allowed else tokens, now, not allowed)
        if len(self._buckets) > self.max_users:
            self._buckets.popitem(last=False)
        return allowed, warn


async def flood_gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    guard: FloodGuard = context.bot_data["flood_guard"]
    allowed, warn = guard.allow(user.id)
    if allowed:
        return
    if warn:
        lang = language(update, context)
        if update.callback_query:
            await update.callback_query.answer(render(lang, "slow_down"))
        elif update.effective_chat and update.effective_chat.type == "private":
            await reply(update, render(lang, "slow_down"))
    raise ApplicationHandlerStop


async def language_gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Read the user's chosen language for this update (one primary-key lookup).

    Read every time rather than cached: with several instances, /lang may have been answered
    by another one.
    """
    user = update.effective_user
    if user is None or context.user_data is None:
        return
    async with services(context).sessions() as session:
        stored = await get_language(session=session, user_id=user.id)
    context.user_data["language"] = stored  # None: follow the Telegram app's language
