"""What each python-telegram-bot error means for a delivery row."""

import warnings
from datetime import timedelta

import httpx
import pytest
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
    FloodWait,
    MaybeDelivered,
    Outcome,
    Rejected,
    Transient,
)
from bot.broadcast.telegram_send import outcome_of


def caused_by(error: TelegramError, cause: Exception) -> TelegramError:
    error.__cause__ = cause
    return error


@pytest.mark.parametrize("as_timedelta", [True, False])
def test_a_429_waits_what_telegram_says_whether_ptb_gives_seconds_or_a_timedelta(
    as_timedelta: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true" if as_timedelta else "false")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PTB 22 warns that the int form is going away
        flood = RetryAfter(7)
        assert isinstance(flood.retry_after, timedelta if as_timedelta else int)
        assert outcome_of(flood) == FloodWait(7.0)


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (Forbidden("Forbidden: bot was blocked by the user"), Blocked),
        (BadRequest("Chat not found"), Blocked),
        (BadRequest("Bad Request: user is deactivated"), Blocked),
        (BadRequest("Bad Request: message is too long"), Rejected),
        (ChatMigrated(-100123), Rejected),
        (NetworkError("Bad Gateway"), Transient),  # a 502 answer: nothing was delivered
        (caused_by(TimedOut(), httpx.ConnectTimeout("connect")), Transient),
        (caused_by(TimedOut("Pool timeout"), httpx.PoolTimeout("pool")), Transient),
        (caused_by(NetworkError("httpx.ConnectError"), httpx.ConnectError("refused")), Transient),
        (caused_by(TimedOut(), httpx.ReadTimeout("read")), MaybeDelivered),
        (caused_by(NetworkError("httpx.ReadError"), httpx.ReadError("reset")), MaybeDelivered),
        (
            caused_by(NetworkError("dropped"), httpx.RemoteProtocolError("no answer")),
            MaybeDelivered,
        ),
    ],
)
def test_errors_become_outcomes(error: TelegramError, kind: type[Outcome]) -> None:
    outcome = outcome_of(error)
    assert isinstance(outcome, kind)
    assert type(error).__name__ in str(outcome)
