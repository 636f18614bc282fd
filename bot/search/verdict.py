"""Whether a hit is what was asked for, and the verdict on a whole search.

A hit is a match when it covers most of what the query says (words the catalog does not know
count against it: "bánh mì pate" is not "Bánh sữa") and the head of a short query; or when the
query names the head of the product's name, two words or more in a row ("… ít bánh tôm mang
về …" → "Bánh tôm (Tây Hồ)"; the head is the first words of a Vietnamese name, the last ones
of an English one); or, in a sentence, when two words side by side, or two rare words, match
its name, aliases or producer.
"""

from collections.abc import Sequence
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

from bot.search.inverted import Match, QueryWord, Ranked, code_parts, match_worth
from bot.vietnamese import tokenize

MATCH_COVERAGE = 0.5  # share of the query's weight a match covers
SENTENCE_WORDS = 6  # from this many typed words on, a query is a sentence around a product
RARE = 0.75  # a rare word weighs this share of an unknown one, at least
STRONG_RANK = 2  # a match in the name, an alias or the producer (not origin, category)
RELATED_COVERAGE = 0.2  # below this, a hit is not even related
MIN_UNKNOWN = 2  # letters an unknown word needs to count against a match
HEAD_RUN = 2  # words in a row that name the head of a product's name
NAME_LABELS = ("name_vi", "name_en")


class Verdict(StrEnum):
    FOUND = "found"  # these products are what was asked for
    RELATED = "related"  # nothing is; these share some of its words
    NONE = "none"  # nothing comes close


@lru_cache(maxsize=4096)
def name_heads(name_vi: str, name_en: str) -> "NameHeads":
    """Per name label, the name's folded words (before any parenthesis) and its head's
    position: the first word in Vietnamese, the last in English."""
    vi = tuple(word.folded for word in tokenize(name_vi.split("(")[0]))
    en = tuple(word.folded for word in tokenize(name_en.split("(")[0]))
    return {"name_vi": (vi, 0), "name_en": (en, len(en) - 1)}


def query_weight(words: Sequence[QueryWord], weights: Sequence[float], unknown: float) -> float:
    """The weight of all the query's words: a word the catalog does not know weighs `unknown`
    (less for a chat word)."""
    return sum(
        weight or (0.0 if _no_word(word.token.folded) else unknown * word.weight)
        for word, weight in zip(words, weights, strict=True)
    )


def _no_word(folded: str) -> bool:
    """A size, a count or a stray letter ("200g", "2", the "b" of "<b>"): no unknown word."""
    return len(folded) < MIN_UNKNOWN or any(char.isdigit() for char in folded)


def coverage(hit: Ranked, total: float) -> float:
    """Share of `total` (the query's weight) that `hit` matches."""
    if not total:
        return 0.0
    got = sum(
        weight * match_worth(code)
        for weight, code in zip(hit.weights, hit.codes, strict=True)
        if code is not None
    )
    return got / total


def query_heads(words: Sequence[QueryWord]) -> frozenset[int]:
    """Positions of a short query's head: its first word (a Vietnamese noun phrase starts with
    it: "hoa quả sấy khô" asks for fruit, not for "Bò sấy khô") or, typed without diacritics
    (maybe English: "dried lotus seeds"), its first or last word. Chat words are no head."""
    named = [i for i, word in enumerate(words) if word.weight == 1]
    if not named:
        return frozenset()
    if any(word.token.has_marks for word in words):
        return frozenset({named[0]})
    return frozenset({named[0], named[-1]})


def keeps_head(hit: Ranked, heads: frozenset[int]) -> bool:
    """Whether `hit` matches the head of a short query (see `query_heads`)."""
    return any(hit.codes[i] is not None for i in heads)


def names_in_sentence(hit: Ranked, unknown: float) -> bool:
    """Whether, in a sentence, `hit` matches without typos in a strong field two query words
    side by side (words the catalog does not know left out: the words naming a product stand
    together), or two rare ones (a description: "honey … purple mint blossoms")."""
    strong = [
        code is not None and _strong(code)
        for code, weight in zip(hit.codes, hit.weights, strict=True)
        if weight
    ]
    rare = [
        weight >= RARE * unknown
        for code, weight in zip(hit.codes, hit.weights, strict=True)
        if code is not None and _strong(code)
    ]
    return any(a and b for a, b in pairwise(strong)) or sum(rare) >= 2


def _strong(code: int) -> bool:
    typos, rank, _ = code_parts(code)
    return not typos and rank <= STRONG_RANK


NameHeads = dict[str, tuple[tuple[str, ...], int]]  # label → (folded words, head position)


def names_head(hit: Ranked, heads: NameHeads) -> bool:
    """Whether HEAD_RUN query words in a row match words in a row of a name, its head included
    (initials count for the words they stand for: "tbn" is "tinh bột nghệ").

    A word the catalog does not know may stand in the run for the name's word at its place
    (a typo too far: "mật ongg bạc hà"), but does not count towards HEAD_RUN.
    """
    for label, (name, head) in heads.items():
        start: int | None = None  # name position of the current run's first word
        end = 0  # name position of its last word
        real = 0  # matched words in the run
        for match, weight, code in zip(hit.matches, hit.weights, hit.codes, strict=True):
            if not weight and start is not None:
                end += 1  # an unknown word stands for the next word of the name
                continue
            typo = code is not None and code_parts(code)[0] > 0  # "cuốn" is not "cuộn"
            after = None if start is None else end
            span = None if typo else _span(match, label, name, after=after)
            if span is None:
                start, real = None, 0
            elif start is not None and span[0] == end + 1:
                end, real = span[1], real + span[1] - span[0] + 1
            else:
                start, end, real = span[0], span[1], span[1] - span[0] + 1
            if start is not None and real >= HEAD_RUN and start <= head <= end:
                return True
    return False


def _span(
    match: Match | None, label: str, name: tuple[str, ...], *, after: int | None
) -> tuple[int, int] | None:
    """First and last position of `match`'s words in `name`; right after `after` if they
    continue a run there."""
    if match is None or match.label != label or match.typos:
        return None
    words = tuple(word.folded for word in tokenize(match.text))
    starts = [i for i in range(len(name)) if name[i : i + len(words)] == words]
    if not starts:
        return None
    start = after + 1 if after is not None and after + 1 in starts else starts[0]
    return start, start + len(words) - 1


def verdict(matching: Sequence[bool], coverages: Sequence[float]) -> Verdict:
    if matching and matching[0]:
        return Verdict.FOUND
    if any(share >= RELATED_COVERAGE for share in coverages):
        return Verdict.RELATED
    return Verdict.NONE
