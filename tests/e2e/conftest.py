"""The real bot `Application`, polling the Bot API stand-in over HTTP, on a loaded catalog."""

import itertools
from collections.abc import AsyncIterator, Callable

import pytest
from pydantic import SecretStr

from bot.app import build_application
from bot.config import Settings
from bot.lifecycle import AnyApplication
from bot.standin import Reply, SimUser, StandIn
from bot.standin.ptb import polling

_user_ids = itertools.count(1000)


@pytest.fixture(autouse=True)
def timedelta_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    """PTB 22 warns unless time periods (RetryAfter.retry_after) are opted in as timedelta."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def standin() -> AsyncIterator[StandIn]:
    """The stand-in; after the test, checks the bot never sent what Telegram would refuse."""
    async with StandIn() as running:
        yield running
        refused = [f"{call.method}: {call.description}" for call in running.refused()]
        assert refused == [], refused


@pytest.fixture
def bot_settings(standin: StandIn, catalog_database_url: str) -> Settings:
    return Settings(
        telegram_bot_token=SecretStr(standin.token),
        telegram_api_base_url=standin.base_url,
        database_url=catalog_database_url,
        _env_file=None,
    )


@pytest.fixture
async def app(bot_settings: Settings) -> AsyncIterator[AnyApplication]:
    application = build_application(bot_settings)
    async with polling(application, poll_seconds=1):
        yield application


@pytest.fixture
def new_user(standin: StandIn, app: AnyApplication) -> Callable[..., SimUser]:
    """A new person opening the bot, with their Telegram app in `language_code`."""

    def make(language_code: str | None = "vi", first_name: str = "Lan") -> SimUser:
        return standin.user(id=next(_user_ids), first_name=first_name, language_code=language_code)

    return make


@pytest.fixture
def vi_user(new_user: Callable[..., SimUser]) -> SimUser:
    return new_user("vi")


@pytest.fixture
def en_user(new_user: Callable[..., SimUser]) -> SimUser:
    return new_user("en", "Emma")


async def ask(user: SimUser, text: str) -> Reply:
    """Send `text` (a command when it starts with "/") and return the bot's next message."""
    if text.startswith("/"):
        await user.send_command(text)
    else:
        await user.send_text(text)
    return await user.next_reply(kinds={"message"})
