"""What the sender hands to Telegram and what can come back, free of any Telegram library."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Outgoing:
    chat_id: int
    text: str
    photo: str | None = None  # a file_id or URL: sent as a photo with `text` as its caption


@dataclass(frozen=True)
class Delivered:
    message_id: int


@dataclass(frozen=True)
class FloodWait:
    """429: nothing was sent; every send waits `retry_after` seconds, then this one is retried."""

    retry_after: float


@dataclass(frozen=True)
class Transient:
    """Telegram refused for now (5xx) or the request never left (connect timeout): retry later."""

    reason: str


@dataclass(frozen=True)
class Blocked:
    """403 or chat not found: the chat will never accept it; the subscriber is deactivated."""

    reason: str


@dataclass(frozen=True)
class Rejected:
    """Another 400: the message itself is wrong; retrying cannot help."""

    reason: str


@dataclass(frozen=True)
class MaybeDelivered:
    """The request left but no answer came (read timeout, dropped connection): Telegram may have
    delivered it. Resending could show it twice, so the row becomes `unconfirmed`."""

    reason: str


Outcome = Delivered | FloodWait | Transient | Blocked | Rejected | MaybeDelivered
SendFunction = Callable[[Outgoing], Awaitable[Outcome]]
