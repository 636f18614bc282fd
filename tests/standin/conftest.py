"""Fixtures: a running stand-in, the echo application polling it, a plain Bot, and a user."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from bot.lifecycle import AnyApplication
from bot.standin import SimUser, StandIn
from bot.standin.ptb import polling
from tests.standin.echo import build_echo_application


@pytest.fixture(autouse=True)
def timedelta_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    """PTB 22 warns unless time periods (RetryAfter.retry_after) are opted in as timedelta."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def standin() -> AsyncIterator[StandIn]:
    async with StandIn() as running:
        yield running


@pytest.fixture
async def echo_app(standin: StandIn) -> AsyncIterator[AnyApplication]:
    application = build_echo_application(standin)
    async with polling(application):
        yield application


@pytest.fixture
async def bot(standin: StandIn) -> AsyncIterator[Bot]:
    """A bare Bot for calling methods directly, with nothing polling."""
    async with Bot(standin.token, base_url=standin.base_url) as plain:
        yield plain


@pytest.fixture
def ann(standin: StandIn) -> SimUser:
    return standin.user(id=1001, first_name="Ann & <Co>", language_code="en")
