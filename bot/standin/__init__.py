"""A local Telegram Bot API stand-in for tests, benchmarks and the console chat."""

from bot.standin.api import ApiCall
from bot.standin.faults import Fault, FaultPlan
from bot.standin.inbox import InlineButton, Reply
from bot.standin.standin import DEFAULT_TOKEN, StandIn
from bot.standin.user import SimUser

__all__ = [
    "DEFAULT_TOKEN",
    "ApiCall",
    "Fault",
    "FaultPlan",
    "InlineButton",
    "Reply",
    "SimUser",
    "StandIn",
]
