"""Programmable faults: the next N calls, a seeded share of calls, or a global send-rate limit."""

from __future__ import annotations

import math
import random
from collections import deque
from dataclasses import dataclass
from http import HTTPStatus

from bot.standin.errors import ApiError, forbidden, too_many_requests

SEND_METHODS = frozenset({"sendMessage", "sendPhoto", "sendVenue", "sendLocation"})


@dataclass(frozen=True)
class Fault:
    """How to answer a call instead of (or before) carrying it out.

    `status` None means the call is carried out normally once `delay` has passed (a slow server
    whose answer may arrive after the client gave up: the message is delivered all the same).
    """

    status: int | None
    description: str = ""
    retry_after: int | None = None
    delay: float = 0.0

    @classmethod
    def flood(cls, *, retry_after: int = 1) -> Fault:
        """429 Too Many Requests with `parameters.retry_after`."""
        error = too_many_requests(retry_after)
        return cls(error.status, error.description, retry_after)

    @classmethod
    def blocked(cls) -> Fault:
        """403 as for a user who blocked the bot (the chat's state is left unchanged)."""
        error = forbidden("bot was blocked by the user")
        return cls(error.status, error.description)

    @classmethod
    def bad_request(cls, reason: str = "chat not found") -> Fault:
        return cls(400, f"Bad Request: {reason}")

    @classmethod
    def server_error(cls, status: int = 500) -> Fault:
        """500, 502, 503...: PTB turns these into NetworkError."""
        return cls(status, HTTPStatus(status).phrase)

    @classmethod
    def slow(cls, seconds: float) -> Fault:
        """Carry the call out after `seconds`; a client with a shorter timeout sees TimedOut
        although the call took effect."""
        return cls(None, delay=seconds)

    @classmethod
    def timeout(cls, seconds: float) -> Fault:
        """Hold the call `seconds`, then answer 504 without carrying it out (a lost request)."""
        return cls(504, HTTPStatus.GATEWAY_TIMEOUT.phrase, delay=seconds)

    def error(self) -> ApiError | None:
        if self.status is None:
            return None
        return ApiError(self.status, self.description, retry_after=self.retry_after)


@dataclass
class _Rule:
    fault: Fault
    method: str | None
    chat_id: int | None
    remaining: int = 0
    rate: float = 1.0

    def matches(self, method: str, chat_id: int | None) -> bool:
        # Without a method a rule spares getUpdates: a polling bot would otherwise swallow it.
        if self.method is None:
            method_matches = method != "getUpdates"
        else:
            method_matches = self.method.lower() == method.lower()
        return method_matches and self.chat_id in (None, chat_id)


class FaultPlan:
    """The faults to apply; counted rules first (in the order given), then rates, then pacing."""

    def __init__(self, *, seed: int = 0) -> None:
        self._random = random.Random(seed)
        self._counted: list[_Rule] = []
        self._rates: list[_Rule] = []
        self._sends_per_second: float | None = None
        self._recent_sends: deque[float] = deque()

    def inject(
        self,
        fault: Fault,
        *,
        times: int = 1,
        method: str | None = None,
        chat_id: int | None = None,
    ) -> None:
        """Answer the next `times` matching calls with `fault`.

        A rule without `method` matches every method but getUpdates; name getUpdates to fail
        polling itself.
        """
        self._counted.append(_Rule(fault, method, chat_id, remaining=times))

    def inject_rate(
        self,
        fault: Fault,
        *,
        rate: float,
        method: str | None = None,
        chat_id: int | None = None,
    ) -> None:
        """Answer a share `rate` (0..1) of matching calls with `fault`, using the seeded RNG."""
        self._rates.append(_Rule(fault, method, chat_id, rate=rate))

    def limit_sends(self, *, per_second: float | None) -> None:
        """Answer 429 to sends beyond `per_second` over any one-second window (None: no limit).

        Sends are sendMessage, sendPhoto, sendVenue and sendLocation, across all chats.
        """
        self._sends_per_second = per_second
        self._recent_sends.clear()

    def clear(self) -> None:
        self._counted.clear()
        self._rates.clear()
        self.limit_sends(per_second=None)

    def pick(self, method: str, chat_id: int | None) -> Fault | None:
        for rule in self._counted:
            if rule.matches(method, chat_id):
                rule.remaining -= 1
                if rule.remaining <= 0:
                    self._counted.remove(rule)
                return rule.fault
        for rule in self._rates:
            if rule.matches(method, chat_id) and self._random.random() < rule.rate:
                return rule.fault
        return None

    def pace(self, method: str, now: float) -> Fault | None:
        """A 429 when this send would exceed the send-rate limit, else None (and it is counted)."""
        if self._sends_per_second is None or method not in SEND_METHODS:
            return None
        recent = self._recent_sends
        while recent and recent[0] <= now - 1.0:
            recent.popleft()
        if len(recent) >= self._sends_per_second:
            return Fault.flood(retry_after=max(1, math.ceil(recent[0] + 1.0 - now)))
        recent.append(now)
        return None
