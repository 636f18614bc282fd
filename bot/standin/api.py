"""The Bot API front desk: token check, method lookup, faults, pacing, a record of every call."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.standin import api_interactions, api_messages, api_updates
from bot.standin.call import Call, Method
from bot.standin.errors import ApiError
from bot.standin.faults import FaultPlan
from bot.standin.params import Params
from bot.standin.world import World, first_of

_METHODS: dict[str, tuple[str, Method]] = {
    name.lower(): (name, method)
    for table in (api_updates.METHODS, api_messages.METHODS, api_interactions.METHODS)
    for name, method in table.items()
}


@dataclass
class ApiCall:
    """One recorded call: `at` is Unix time when it arrived; `status` is 0 while in flight.

    `injected` marks answers that came from the fault plan (injected faults and the send-rate
    limit), so that `status >= 400 and not injected` means the stand-in refused the call itself.
    """

    method: str
    params: dict[str, Any]
    at: float
    status: int = 0
    description: str = ""
    result: Any = None
    injected: bool = False


class Dispatcher:
    def __init__(self, *, token: str, world: World, faults: FaultPlan) -> None:
        self.token = token
        self.world = world
        self.faults = faults
        self.calls: list[ApiCall] = []

    async def handle(
        self,
        *,
        token: str,
        method: str,
        read_params: Callable[[], Params],
        disconnected: asyncio.Event,
    ) -> tuple[int, dict[str, Any]]:
        """Answer one call: the HTTP status and the JSON body Telegram would send."""
        name, implementation = _METHODS.get(method.lower(), (method, None))
        record = ApiCall(method=name, params={}, at=time.time())
        self.calls.append(record)
        try:
            params = read_params()
            record.params = params.values
            if token != self.token:
                raise ApiError(401, "Unauthorized")
            if implementation is None:
                raise ApiError(404, "Not Found")
            await self._apply_faults(record, params)
            result = await implementation(Call(self.world, params, disconnected))
        except ApiError as error:
            record.status, record.description = error.status, error.description
            return error.status, error.payload()
        record.status, record.result = 200, result
        return 200, {"ok": True, "result": result}

    async def _apply_faults(self, record: ApiCall, params: Params) -> None:
        chat_id = params.values.get("chat_id")
        fault = self.faults.pick(record.method, chat_id if isinstance(chat_id, int) else None)
        fault = fault or self.faults.pace(record.method, time.monotonic())
        if fault is None:
            return
        record.injected = True
        if fault.delay:
            await first_of(self.world.stopping, seconds=fault.delay)
        error = fault.error()
        if error is not None:
            raise error
