"""python-telegram-bot wired to a running stand-in: builder settings and a polling context."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import Application, ApplicationBuilder

from bot.standin.standin import StandIn

AnyBuilder = ApplicationBuilder[Any, Any, Any, Any, Any, Any]
AnyApplication = Application[Any, Any, Any, Any, Any, Any]


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
    async with application:
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        await updater.start_polling(poll_interval=0.0, timeout=poll_seconds)
        try:
            yield
        finally:
            await updater.stop()
            await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)
    if application.post_shutdown is not None:
        await application.post_shutdown(application)
