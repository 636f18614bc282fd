"""python-telegram-bot wired to a running stand-in: builder settings and a polling context."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from telegram.ext import ApplicationBuilder

from bot.lifecycle import AnyApplication, running
from bot.standin.standin import StandIn

AnyBuilder = ApplicationBuilder[Any, Any, Any, Any, Any, Any]


def connect(builder: AnyBuilder, standin: StandIn) -> AnyBuilder:
    """Point a builder at the stand-in: its token, Bot API root and file root."""
    return (
        builder.token(standin.token).base_url(standin.base_url).base_file_url(standin.base_file_url)
    )


@asynccontextmanager
async def polling(application: AnyApplication, *, poll_seconds: int = 10) -> AsyncIterator[None]:
    """Run `application` (post_init included) polling its Bot API until the block ends.

    The long poll is cancelled on exit, so long `poll_seconds` do not slow shutdown.
    """
    updater = application.updater
    if updater is None:
        raise ValueError("the application was built without an updater")
    start = partial(updater.start_polling, poll_interval=0.0, timeout=poll_seconds)
    async with running(application, start_updates=start, stop_updates=updater.stop):
        yield
