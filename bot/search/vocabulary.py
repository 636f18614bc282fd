"""The index's folded words, bucketed for typo lookups (rapidfuzz) and sorted for prefixes."""

import heapq
from bisect import bisect_left
from collections import Counter, defaultdict

from rapidfuzz import process
from rapidfuzz.distance import OSA

MAX_EXPANSIONS = 48  # vocabulary words tried per query word, for typos and for prefixes


class Vocabulary:
    """Folded words with their document frequency."""

    def __init__(self, frequency: Counter[str]) -> None:
        buckets: defaultdict[tuple[str, int], list[str]] = defaultdict(list)
        for word in frequency:
            buckets[(word[0], len(word))].append(word)
        self._buckets = {key: tuple(sorted(words)) for key, words in buckets.items()}
        self._sorted = tuple(sorted(frequency))
        self._frequency = frequency

    def __len__(self) -> int:
        return len(self._sorted)

    def __contains__(self, word: object) -> bool:
        return word in self._frequency

    def near(self, word: str, budget: int) -> list[tuple[str, int]]:
        """Words within `budget` edits of `word` (not itself) that share its first letter.

        The first letter is trusted, as in engines that count a typo there as two: it keeps
        the candidates few and plausible. Only the buckets of possible lengths are scanned.
        """
        if budget == 0:
            return []
        found: list[tuple[str, int]] = []
        for length in range(max(1, len(word) - budget), len(word) + budget + 1):
            bucket = self._buckets.get((word[0], length))
            if bucket:
                hits = process.extract(
                    word, bucket, scorer=OSA.distance, score_cutoff=budget, limit=None
                )
                found.extend((term, int(typos)) for term, typos, _ in hits if typos)
        found.sort(key=lambda hit: (hit[1], -self._frequency[hit[0]]))
        return found[:MAX_EXPANSIONS]

    def completions(self, prefix: str) -> list[str]:
        """The most frequent longer words that start with `prefix`."""
        start = bisect_left(self._sorted, prefix)
        end = bisect_left(self._sorted, prefix + "\U0010ffff", start)
        longer = [word for word in self._sorted[start:end] if word != prefix]
        return heapq.nlargest(MAX_EXPANSIONS, longer, key=self._frequency.__getitem__)

    def closest(self, word: str, *, cutoff: float) -> str | None:
        """The most similar word anywhere in the vocabulary, for "did you mean"."""
        hit = process.extractOne(word, self._sorted, scorer=OSA.normalized_similarity)
        return str(hit[0]) if hit and hit[1] >= cutoff else None
