"""The Telegram Bot API stand-in: start it, point a bot at it, speak as users, inject faults."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from bot.standin.api import ApiCall, Dispatcher
from bot.standin.faults import FaultPlan
from bot.standin.server import HttpServer
from bot.standin.user import SimUser
from bot.standin.world import JsonObject, World, commands_key

DEFAULT_TOKEN = "7000000001:STAND-IN-token-for-local-use-only"


class StandIn:
    """A Bot API server on 127.0.0.1 that python-telegram-bot can poll.

    `auto_users=True` treats any positive chat id the bot writes to as a user who started the
    bot (for benchmarks with many recipients); otherwise only users made with `user()` exist.
    """

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "ocop_standin_bot",
        bot_name: str = "OCOP Hà Nội",
        seed: int = 0,
        auto_users: bool = False,
    ) -> None:
        bot_id = int(token.split(":", 1)[0])
        self.token = token
        self.world = World(
            bot_user={
                "id": bot_id,
                "is_bot": True,
                "first_name": bot_name,
                "username": bot_username,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": True,
                "can_connect_to_business": False,
                "has_main_web_app": False,
            },
            auto_users=auto_users,
        )
        self.faults = FaultPlan(seed=seed)
        self._dispatcher = Dispatcher(token=token, world=self.world, faults=self.faults)
        self._server = HttpServer(self._dispatcher)
        self._host = "127.0.0.1"

    async def start(self, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self._server.start(host=host, port=port)
        self._host = host

    async def stop(self) -> None:
        self.world.stopping.set()
        await self._server.stop()

    async def __aenter__(self) -> StandIn:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        return self._server.port

    @property
    def base_url(self) -> str:
        """python-telegram-bot's `base_url`: the root the token is appended to."""
        return f"http://{self._host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self._host}:{self.port}/file/bot"

    @property
    def bot_user(self) -> JsonObject:
        return self.world.bot_user

    @property
    def calls(self) -> list[ApiCall]:
        """Every call received, in arrival order."""
        return self._dispatcher.calls

    def calls_to(self, method: str) -> list[ApiCall]:
        return [call for call in self.calls if call.method == method]

    def refused(self) -> list[ApiCall]:
        """Calls the stand-in itself refused (invalid ones), not injected faults."""
        return [call for call in self.calls if call.status >= 400 and not call.injected]

    def user(
        self,
        *,
        id: int,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        started: bool = True,
    ) -> SimUser:
        """A new user with a private chat; `started=False` for one who never pressed Start."""
        fields: dict[str, Any] = {
            "last_name": last_name,
            "username": username,
            "language_code": language_code,
        }
        profile = {"id": id, "is_bot": False, "first_name": first_name}
        profile.update({key: value for key, value in fields.items() if value is not None})
        return SimUser(self.world, self.world.add_chat(profile, started=started))

    def commands(self, *, language_code: str = "", scope: JsonObject | None = None) -> list[Any]:
        """The command menu the bot published for `language_code` and `scope` (default scope)."""
        return list(self.world.commands.get(commands_key(scope, language_code), []))
