"""What the handlers tell the recorder: one record per thing a visitor asked or opened.

The records carry no user, chat or name. A shared location is turned into its ward when the
record is written (in the background), and the coordinates are dropped there.
"""

from dataclasses import dataclass, field
from datetime import datetime

from bot.store.types import utc_now

INTENTS = (
    "product",
    "place",
    "product_near_place",
    "events",
    "greeting",
    "thanks",
    "help",
    "about_ocop",
    "price",
    "hours",
    "delivery",
    "none",
)
VERDICTS = ("found", "related", "none")
UNMET = ("none", "related")  # verdicts that mean the visitor did not find what they asked for
TOP_PRODUCTS = 5  # product ids kept per search


@dataclass(frozen=True)
class SearchEvent:
    """A free-text question and how the bot answered it."""

    text: str
    language: str
    intent: str  # one of INTENTS
    verdict: str  # one of VERDICTS
    product_ids: tuple[int, ...] = ()  # best first; only the first TOP_PRODUCTS are kept
    ward_code: str | None = None  # the 2025 ward the question named, if any
    at: datetime = field(default_factory=utc_now)


@dataclass(frozen=True)
class CardEvent:
    """A product or point card opened, or "show on map" (directions) pressed for a point."""

    kind: str  # "product", "point" or "directions"
    target_id: int
    language: str
    at: datetime = field(default_factory=utc_now)


@dataclass(frozen=True)
class NearEvent:
    """/near with a place, a ward button, or a shared location (reduced to its ward on write)."""

    language: str
    ward_code: str | None = None
    location: tuple[float, float] | None = None  # never stored: only its ward is
    at: datetime = field(default_factory=utc_now)


@dataclass(frozen=True)
class SubscriptionEvent:
    """Someone subscribed to the news (`joined`), or left it: unsubscribed or blocked the bot."""

    language: str
    joined: bool
    at: datetime = field(default_factory=utc_now)


AskRecord = SearchEvent | CardEvent | NearEvent | SubscriptionEvent
