"""Runs before every other handler: flood protection, then what we know of the user."""

import time
from collections import OrderedDict

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.handlers.common import USER_STATE, CurrentUser, language, reply, services
from bot.texts import LANGUAGES, render


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


async def user_gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Read the user's language and staff flag for this update: one statement, every time.

    Read every time rather than cached: with several instances, /lang or `staff remove` may
    have reached another one. Handlers read it with `current_user` and `language`.
    """
    user = update.effective_user
    if user is None or context.user_data is None:
        return
    shared = services(context)
    stored = await shared.user_states.read(user.id)
    chosen = stored.language if stored.language in LANGUAGES else None
    context.user_data[USER_STATE] = CurrentUser(
        chosen_language=chosen,
        staff=stored.in_staff_table or user.id in shared.settings.staff_ids,
        report_pending=stored.report_pending,
        report_asked_at=stored.report_asked_at,
    )
