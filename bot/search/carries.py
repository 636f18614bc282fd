"""Which products truly are what a product part asks for, so "✓ carries it" means it.

Search ranks a lotus-pattern tea set high for "lotus tea": every word is in its name. A point
carrying that set does not carry lotus tea. A product matches strongly only when the query names
the product's *head*: the kind of thing it is, not a word describing its pattern, filling or
flavour. Vietnamese names put the head first ("Trà sen Hiền Xiêm", "Bánh dẻo nhân cốm"), English
ones last ("Hien Xiem lotus-scented tea", "Lacquer box with mother-of-pearl inlay"); a material
right by the head counts as a head too ("bát đĩa gốm sứ", "porcelain bowl"). Every query word
must be in the same name (or in an alias of its head).

This is the "found" grade for marking carriers; `strong_matches` is the one entry point, to be
switched to the search's own verdict when it has one.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from bot.search.aliases import AliasTable, Synonyms
from bot.store.models import Product
from bot.vietnamese import Token, folded_words, typo_budget

Words = tuple[str, ...]

_CUT = re.compile(r"\(| – | — | - ")  # what follows is a remark or a workshop name
_VI_ITEMS = re.compile(r",|;|/|&| và ")
_EN_ITEMS = re.compile(r",|;| and ")  # "bowl & plate set" is one item
_EN_MODIFIER = re.compile(r" with | by | of | in | on | for ")  # the head comes before these
_VI_CLASSIFIERS: tuple[Words, ...] = (
    ("bo", "san", "pham"),
    ("san", "pham"),
    ("bo",),
    ("doi",),
    ("cac",),
)
_VI_MATERIALS: tuple[Words, ...] = (
    ("gom", "su"),
    ("gom",),
    ("su",),
    ("go",),
    ("lua",),
    ("to", "tam"),
    ("son", "mai"),
    ("may", "tre"),
)
_EN_MATERIALS = frozenset(
    {"ceramic", "porcelain", "pottery", "wooden", "wood", "bronze", "silk", "bamboo", "rattan"}
    | {"lacquer", "glaze", "clay", "stoneware"}
)
_MIN_TYPO_LENGTH = 5


# The query's words must sit by the head: within its length and this many words more
# ("lotus-scented tea" for "lotus tea", not "grilled-pork flavour jambon roll" for "pork roll").
_EN_SLACK = 1
_VI_SLACK = 2  # a material may follow the head: "bát đĩa gốm sứ"


@dataclass(frozen=True, slots=True)
class Reading:
    """One way a product is named: its words, and the heads one of which a query must name."""

    words: Words
    heads: tuple[Words, ...]
    head_first: bool  # Vietnamese: the head leads; English: it ends the name

    def near_head(self, length: int) -> Words:
        """The words a query of `length` words may match: those next to the head."""
        if self.head_first:
            return self.words[: length + _VI_SLACK]
        return self.words[-(length + _EN_SLACK) :]


def _same(typed: str, written: str) -> bool:
    if typed == written or typed.rstrip("s") == written.rstrip("s") != "":
        return True
    return len(typed) >= _MIN_TYPO_LENGTH and OSA.distance(typed, written) <= typo_budget(
        len(typed)
    )


def _contains(words: Words, wanted: Words) -> bool:
    return all(any(_same(word, written) for written in words) for word in wanted)


def _starts_with(words: Words, prefix: Words) -> bool:
    return len(words) >= len(prefix) and words[: len(prefix)] == prefix


def _is_english(phrase: Words, raw: str) -> bool:
    return raw.isascii() and bool(phrase)


class ProductNames:
    """The readings of every product's names, built once per catalog snapshot."""

    def __init__(self, products: Iterable[Product], aliases: AliasTable) -> None:
        self._terms = [entry for entry in aliases.entries if entry.kind == "product"]
        self._terms_by_first: dict[str, list[tuple[Words, Synonyms]]] = {}
        for entry in self._terms:
            term = _folded(entry)
            self._terms_by_first.setdefault(term[0], []).append((term, entry))
        self._words: dict[str, str] = {}  # one copy of each word, shared by all products
        products = [product for product in products if product.id is not None]
        self._readings = {
            product.id: self._product_readings(product)
            for product in products
            if product.id is not None
        }
        # a query may add where the product is from or who makes it: "gốm Bát Tràng"
        self._context = {
            product.id: self._shared(
                f"{product.producer} {product.origin_commune} {product.origin_ward}"
            )
            for product in products
        }

    def strong_matches(self, words: Sequence[Token]) -> frozenset[int]:
        """The products the product part `words` names by their head (see the module doc)."""
        variants = self._variants(words)
        if not variants:
            return frozenset()
        return frozenset(
            product_id
            for product_id, readings in self._readings.items()
            if any(
                _names(variant, reading, self._context[product_id])
                for variant in variants
                for reading in readings
            )
        )

    def _variants(self, words: Sequence[Token]) -> list[Words]:
        """The words as typed, and the catalog term and aliases they name as a whole."""
        typed = tuple(word.folded for word in words)
        if not typed:
            return []
        variants = [typed]
        for entry in self._terms:  # "tea" names both "chè" and "trà"
            phrases = [tuple(word.folded for word in phrase) for phrase in entry.aliases]
            if typed == _folded(entry) or typed in phrases:
                variants += [_folded(entry), *phrases]
        return list(dict.fromkeys(variants))

    def _shared(self, text: str) -> Words:
        """The folded words of `text`, each the one copy kept for all products."""
        return tuple(self._words.setdefault(word, word) for word in folded_words(text))

    def _product_readings(self, product: Product) -> list[Reading]:
        readings: list[Reading] = []
        for item in _items(product.name_vi, _VI_ITEMS):
            readings += self._vietnamese(self._shared(item))
        for item in _items(product.name_en, _EN_ITEMS):
            readings += _english(self._shared(_EN_MODIFIER.split(f" {item} ")[0]))
        return readings

    def _vietnamese(self, words: Words) -> list[Reading]:
        for classifier in _VI_CLASSIFIERS:
            if _starts_with(words, classifier) and len(words) > len(classifier):
                words = words[len(classifier) :]
                break
        if not words:
            return []
        at_start = [
            entry
            for term, entry in self._terms_by_first.get(words[0], ())
            if _starts_with(words, term)
        ]
        longest = max(at_start, key=lambda entry: len(entry.term_words), default=None)
        head = _folded(longest) if longest else words[:1]
        # "Đào cành" is a kind of "đào" (its alias "peach blossom branch" says "peach"); "Chè
        # kho" is no kind of "chè" (its aliases say "mung bean cake", not "tea")
        at_start = [entry for entry in at_start if longest and _kind_of(longest, entry)]
        heads = [head]
        after = words[len(head) :]
        heads += [material for material in _VI_MATERIALS if _starts_with(after, material)][:1]
        readings = [Reading(words, tuple(heads), head_first=True)]
        for entry in at_start:  # "Đào cành …" is also "hoa đào", "peach blossom"
            for alias in entry.aliases:
                phrase = tuple(word.folded for word in alias)
                raw = " ".join(word.accented for word in alias)
                if _is_english(phrase, raw):
                    readings += _english(self._shared(_EN_MODIFIER.split(f" {raw} ")[0]))
                elif phrase:
                    readings.append(Reading(phrase + words, (phrase,), head_first=True))
        return readings


def _kind_of(longest: Synonyms, shorter: Synonyms) -> bool:
    """Whether the longer term is a kind of the shorter one its name starts with: some alias
    of the longer contains the shorter term or one of its aliases."""
    if shorter is longest:
        return True
    names = [tuple(word.folded for word in phrase) for phrase in (*longest.aliases,)]
    kinds = [tuple(word.folded for word in phrase) for phrase in shorter.aliases]
    return any(
        _contains(name, kind) for name in names for kind in kinds if kind and len(kind) < len(name)
    )


def _folded(entry: Synonyms) -> Words:
    return tuple(word.folded for word in entry.term_words)


def _items(name: str, separators: re.Pattern[str]) -> list[str]:
    """The parts of a name that each name a product: "Giò lụa, chả mỡ, nem chua …"."""
    return [item for item in separators.split(_CUT.split(name)[0]) if item.strip()]


def _english(words: Words) -> list[Reading]:
    """The head is the last word (numbers such as "38°N" dropped); a material before it too."""
    while words and any(char.isdigit() for char in words[-1]):
        words = words[:-1]
    if not words:
        return []
    heads: list[Words] = [words[-1:]]
    if len(words) > 1 and words[-2] in _EN_MATERIALS:
        heads.append(words[-2:-1])
    return [Reading(words, tuple(heads), head_first=False)]


def _names(variant: Words, reading: Reading, context: Words) -> bool:
    """The query covers one of the reading's heads, and each of its words is next to the head
    or says where the product comes from."""
    if not any(_contains(variant, head) for head in reading.heads):
        return False
    near = reading.near_head(len(variant))
    return all(_contains(near, (word,)) or word in context for word in variant)
