"""What a message is: a search (product, place, or both), or talk that is not one (a greeting,
thanks, help, about OCOP, events, price, opening hours, delivery). Plain Python: the handlers
decide what to answer."""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.search import intent_words
from bot.search.phrases import PhraseSet
from bot.search.query import lexicon_phrases, typed_words
from bot.vietnamese import Token


class Intent(StrEnum):
    PRODUCT = "product"
    PLACE = "place"
    PRODUCT_NEAR_PLACE = "product_near_place"
    EVENTS = "events"
    GREETING = "greeting"
    THANKS = "thanks"
    HELP = "help"
    ABOUT_OCOP = "about_ocop"
    PRICE = "price"
    HOURS = "hours"
    DELIVERY = "delivery"
    NONE = "none"


# Questions about goods: when the message also names a product, it is a search for it, and
# the answer adds what the catalog can say about the question.
ABOUT_GOODS = frozenset({Intent.PRICE, Intent.HOURS, Intent.DELIVERY})

# The most specific first: "hi, what is OCOP?" asks about OCOP.
_PRECEDENCE = (
    (Intent.ABOUT_OCOP, intent_words.ABOUT_OCOP),
    (Intent.EVENTS, intent_words.EVENTS),
    (Intent.PRICE, intent_words.PRICE),
    (Intent.HOURS, intent_words.HOURS),
    (Intent.DELIVERY, intent_words.DELIVERY),
    (Intent.HELP, intent_words.HELP),
    (Intent.THANKS, intent_words.THANKS),
    (Intent.GREETING, intent_words.GREETING),
)


@dataclass(frozen=True)
class Talk:
    intent: Intent
    rest: str  # the message without the words that said it: it may still name goods
    leads: bool = False  # the message starts with the talk ("lễ hội sen": a lotus festival)

    @property
    def may_name_goods(self) -> bool:
        """Whether the rest may be a search: not when a message starts by asking for events."""
        return bool(self.rest.strip()) and not (self.intent is Intent.EVENTS and self.leads)


class IntentDetector:
    def __init__(self) -> None:
        self._phrases = [(intent, _phrase_set(texts)) for intent, texts in _PRECEDENCE]
        self._ocop = _phrase_set(intent_words.OCOP)
        self._ocop_cues = _phrase_set(intent_words.ABOUT_OCOP_CUES)
        # the folded first words of every phrase: most searches hold none, and stop there
        self._openers = frozenset(
            word.folded
            for texts in (*(texts for _, texts in _PRECEDENCE), intent_words.OCOP)
            for text in texts
            for word in typed_words(text)[:1]
        )

    def detect(self, text: str) -> Talk | None:
        """The talk in `text`, if any: its intent and the rest of the message."""
        typed = typed_words(text)
        if self._openers.isdisjoint(word.folded for word in typed):
            return None
        said: set[int] = set()
        first: Intent | None = None
        for intent, phrases in self._phrases:
            positions = _positions(phrases, typed)
            if intent is Intent.ABOUT_OCOP and not positions:
                ocop = _positions(self._ocop, typed)
                cues = _positions(self._ocop_cues, typed)
                positions = ocop | cues if ocop and cues else set()
            if positions:
                said |= positions
                first = first or intent
        if first is None:
            return None
        rest = " ".join(word.accented for i, word in enumerate(typed) if i not in said)
        return Talk(first, rest, leads=0 in said)


def _phrase_set(texts: Sequence[str]) -> PhraseSet[None]:
    return lexicon_phrases((text, None) for text in texts)


def _positions(phrases: PhraseSet[None], typed: Sequence[Token]) -> set[int]:
    found: set[int] = set()
    for start in range(len(typed)):
        hit = phrases.at(typed, start)
        if hit:
            found.update(range(start, start + len(hit[0])))
    return found
