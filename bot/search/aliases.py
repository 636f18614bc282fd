"""Synonyms from aliases.csv: what users type for the phrases the catalog writes."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.search.phrases import Phrase, PhraseSet, spelled_at, written_at
from bot.store.models import Alias
from bot.vietnamese import Token, tokenize


@dataclass(frozen=True)
class Synonyms:
    """One catalog phrase (`term`) and the phrases users type for it."""

    kind: str
    term: str
    term_words: Phrase
    aliases: tuple[Phrase, ...]


class AliasTable:
    """Finds catalog terms in a text, longest first, and gives the aliases to index with them."""

    def __init__(self, rows: Iterable[Alias]) -> None:
        grouped: defaultdict[tuple[str, str], list[Phrase]] = defaultdict(list)
        for row in rows:
            grouped[(row.kind, row.term)].append(tuple(tokenize(row.alias)))
        entries = [
            Synonyms(kind, term, tuple(tokenize(term)), tuple(aliases))
            for (kind, term), aliases in grouped.items()
            if tokenize(term)
        ]
        by_phrase: defaultdict[str, list[tuple[Phrase, Synonyms]]] = defaultdict(list)
        for entry in entries:
            for phrase in (entry.term_words, *entry.aliases):
                by_phrase[_folded(phrase)].append((phrase, entry))
        self.entries: tuple[Synonyms, ...] = tuple(entries)
        self._terms = PhraseSet(
            ((entry.term_words, entry) for entry in entries), agreement=spelled_at
        )
        self._by_phrase = dict(by_phrase)

    def expansions(
        self, words: Sequence[Token], *, capitalised: Sequence[bool] = ()
    ) -> list[Phrase]:
        """The aliases of every catalog term in `words`, to be indexed beside them.

        Catalog text must agree on accents ("Nam" is not "nấm"); where terms overlap, the
        longest wins. A product term does not start at a `capitalised` word other than the
        first: there the catalog writes a name ("Trà Vinh", "Thanh Bình"), not goods.
        """
        return [
            alias
            for start, _, entry in self._terms.found_in(words)
            if entry.kind != "product" or not (0 < start < len(capitalised) and capitalised[start])
            for alias in entry.aliases
        ]

    def naming(self, words: Sequence[Token], *, kind: str | None = None) -> Synonyms | None:
        """The first entry whose term or one of whose aliases is exactly `words`."""
        for phrase, entry in self._by_phrase.get(_folded(words), ()):
            if (kind is None or entry.kind == kind) and written_at(words, 0, phrase):
                return entry
        return None


def _folded(words: Sequence[Token]) -> str:
    return " ".join(word.folded for word in words)
