"""Phrases looked up by their first folded word, the longest first."""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

from bot.vietnamese import Token

Phrase = tuple[Token, ...]
Value = TypeVar("Value")
Agreement = Callable[[Sequence[Token], int, Phrase], bool]


def written_at(words: Sequence[Token], start: int, phrase: Phrase) -> bool:
    """Whether `phrase` is written at `words[start:]` (accents compared where both have them)."""
    if start + len(phrase) > len(words):
        return False
    return all(words[start + i].agrees(part) for i, part in enumerate(phrase))


def spelled_at(words: Sequence[Token], start: int, phrase: Phrase) -> bool:
    """Whether `phrase` is written at `words[start:]` with the same accents: for the catalog's
    own text, where "Nam" (a name) is not "nấm" (mushroom)."""
    if start + len(phrase) > len(words):
        return False
    return all(words[start + i].accented == part.accented for i, part in enumerate(phrase))


class PhraseSet(Generic[Value]):
    """Phrases, each with a value; `agreement` says whether a phrase is written at a place."""

    def __init__(
        self, items: Iterable[tuple[Phrase, Value]], *, agreement: Agreement = written_at
    ) -> None:
        by_first: defaultdict[str, list[tuple[Phrase, Value]]] = defaultdict(list)
        for phrase, value in sorted(items, key=lambda item: -len(item[0])):
            if phrase:
                by_first[phrase[0].folded].append((phrase, value))
        self._by_first = dict(by_first)
        self._agreement = agreement

    def at(self, words: Sequence[Token], start: int) -> tuple[Phrase, Value] | None:
        """The longest phrase written at `start`, and its value."""
        for phrase, value in self._by_first.get(words[start].folded, ()):
            if self._agreement(words, start, phrase):
                return phrase, value
        return None

    def one_word_like(self, word: Token) -> Phrase | None:
        """A one-word phrase with the letters of `word`, whatever the accents."""
        candidates = self._by_first.get(word.folded, ())
        return next((phrase for phrase, _ in candidates if len(phrase) == 1), None)

    def found_in(self, words: Sequence[Token]) -> list[tuple[int, Phrase, Value]]:
        """Phrases written in `words`, scanning left to right; where they overlap, the
        longest at the leftmost place wins."""
        found: list[tuple[int, Phrase, Value]] = []
        start = 0
        while start < len(words):
            hit = self.at(words, start)
            if hit is None:
                start += 1
            else:
                found.append((start, *hit))
                start += len(hit[0])
        return found
