"""One Bot API call as the method implementations receive it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.standin.params import Params
from bot.standin.world import World


@dataclass(frozen=True)
class Call:
    world: World
    params: Params
    disconnected: asyncio.Event


Method = Callable[[Call], Awaitable[Any]]
