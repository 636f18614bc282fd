"""Running a python-telegram-bot Application by hand, as `run_polling` would, in one place.

PTB runs post_init, post_stop and post_shutdown only inside `run_polling`/`run_webhook`; the
local chat, the tests and the webhook server start the Application themselves and use this.
"""

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import Application

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
Step = Callable[[], Awaitable[object]]


@asynccontextmanager
async def running(
    application: AnyApplication, *, start_updates: Step, stop_updates: Step
) -> AsyncIterator[None]:
    """Initialise, post_init, start, then `start_updates` (polling, a webhook server); on
    exit, even by an error or a cancellation, `stop_updates`, stop, post_stop (while the bot's
    HTTP client still works), shutdown and post_shutdown, as `run_polling` does."""
    try:
        async with application:
            if application.post_init is not None:
                await application.post_init(application)
            await application.start()
            try:
                await start_updates()
                yield
            finally:
                await stop_updates()
                await application.stop()
                if application.post_stop is not None:
                    await application.post_stop(application)
    finally:
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
