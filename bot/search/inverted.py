"""An inverted index over folded words, with typo-tolerant lookup and Meilisearch-like ranking.

A query word becomes a map {document: code}, the code of its best match in the document:
typos first, then the field's rank, then how closely it matched (accents agree, folded only,
prefix), then how early in the field it stands. Documents are ranked by words matched, a
preferred set (the star filter), typos, query words standing side by side (Meilisearch's
proximity), the rest of the summed codes, secondary evidence, and their number (the
caller's tie order). Each word's map is built with the index, so a query only merges
a few maps and ranks the documents of the best word counts with C-level operations.
"""

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from heapq import nsmallest
from itertools import chain, combinations, compress, pairwise, repeat
from math import comb, log
from operator import add, floordiv, mod, mul, sub, truediv

from bot.search.vocabulary import Vocabulary
from bot.vietnamese import Token, typo_budget

# A code packs (typos, field rank, closeness, position) so that the codes of up to MAX_WORDS
# query words can be summed without one part spilling into the next.
MAX_WORDS = 16
LAST_POSITION = 7  # words further into a field count as this far
CLOSENESS_STEP = 128
FIELD_STEP = CLOSENESS_STEP * 64
TYPO_STEP = FIELD_STEP * 128
TYPO_SPAN = 2 * MAX_WORDS + 1  # above any sum of typos
EXACT, FOLDED, PREFIX = 0, 1, 2  # closeness of a match, best first
MIN_PREFIX = 3  # a last word shorter than this is never completed ("ga" is not "gạo")
MAX_COMBINATIONS = 16  # word subsets intersected before counting matches per document

INITIALS_RANK = 1  # names and aliases are also indexed by their words' initials ("tbn")
MAX_INITIALS = 4
_VOWEL = re.compile("[aeiouy]")
SHORT_QUERY_WORDS = 6
MIN_WEIGHT = 0.1  # a word in every document still says a little
PAIR_SHARE = 0.25  # of their weights, two query words side by side in a document add
WEIGHT_STEP = 0.25  # weights closer than this rank as equal (then typos, proximity, fields)
TYPO_WORTH = 0.6  # share of a word's weight a match with typos keeps
FIELD_WORTH = (1.0, 0.9, 0.8, 0.5, 0.5)  # by field rank: name, alias, producer, origin, …

Codes = dict[int, int]  # document → code of its best match
Level = tuple[int, tuple[int, ...]]  # (code, documents)
TermCodes = dict[str, tuple[int, int]]  # folded vocabulary word → (typos, closeness)


def match_code(*, typos: int, rank: int, closeness: int, position: int) -> int:
    return typos * TYPO_STEP + rank * FIELD_STEP + closeness * CLOSENESS_STEP + position


def code_parts(code: int) -> tuple[int, int, int]:
    """(typos, field rank, closeness) of a match code."""
    return code // TYPO_STEP, code % TYPO_STEP // FIELD_STEP, code % FIELD_STEP // CLOSENESS_STEP


# codes of a match on the folded letters, by field rank and position
_FOLDED_CODES = [
    [match_code(typos=0, rank=rank, closeness=FOLDED, position=p) for p in range(LAST_POSITION + 1)]
    for rank in range(8)
]


@dataclass(frozen=True, slots=True)
class Field:
    """Words of one field of a document; `rank` orders fields (0 = most important)."""

    label: str
    rank: int
    words: tuple[Token, ...]


@dataclass(frozen=True)
class QueryWord:
    token: Token
    variants: tuple[str, ...] = ()  # other folded spellings, matched exactly
    prefix: bool = False  # may be the beginning of a longer word
    # the query is written with diacritics, so this word's are meant: "ong" is not "ống"
    accents_meant: bool = False
    weight: float = 1.0  # share of its informativeness the word keeps (less for chat words)


@dataclass(frozen=True)
class Match:
    """Where a query word matched in a document, for display."""

    label: str
    text: str
    typos: int


Explainer = Callable[[int], tuple[Match | None, ...]]  # document → per query word, its match


@dataclass(frozen=True)
class Ranked:
    doc: int
    codes: tuple[int | None, ...]  # per query word; None when it did not match
    weights: tuple[float, ...]  # per query word, how informative it is (0: matches nothing)
    explain: Explainer = dataclasses.field(repr=False, compare=False)

    @cached_property
    def matches(self) -> tuple[Match | None, ...]:
        """Per query word, where it matched: worked out when asked (most hits are not shown)."""
        return self.explain(self.doc)


class InvertedIndex:
    """Documents are sequences of fields; a document's number is its position (tie order)."""

    def __init__(self, documents: Iterable[Sequence[Field]]) -> None:
        self.documents = tuple(tuple(fields) for fields in documents)
        words: defaultdict[str, defaultdict[tuple[str, int], list[int]]] = defaultdict(
            lambda: defaultdict(list)
        )
        pairs: defaultdict[str, defaultdict[int, list[int]]] = defaultdict(
            lambda: defaultdict(list)
        )
        initials: defaultdict[str, defaultdict[int, list[int]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for doc, fields in enumerate(self.documents):
            seen_words: set[tuple[str, str]] = set()
            seen_pairs: set[str] = set()
            for field in sorted(fields, key=lambda field: field.rank):
                field_codes = _FOLDED_CODES[field.rank]
                for position, word in enumerate(field.words):
                    key = (word.folded, word.accented)
                    if key not in seen_words:
                        seen_words.add(key)
                        code = field_codes[min(position, LAST_POSITION)]
                        words[word.folded][(word.accented, code)].append(doc)
                if field.rank <= INITIALS_RANK:
                    for position, letters in _initials(field.words):
                        initials[letters][field_codes[min(position, LAST_POSITION)]].append(doc)
                for position, (a, b) in enumerate(pairwise(field.words)):
                    pair = a.folded + b.folded
                    if pair not in seen_pairs:
                        seen_pairs.add(pair)
                        pairs[pair][field_codes[min(position, LAST_POSITION)]].append(doc)
        # Per word: its levels and best codes. Where one folded word has several accented
        # forms (mận, mẫn), also the documents whose code improves when the accents agree
        # with one of them; for a word with one form, agreement would lower every code alike.
        self._levels = {
            folded: tuple((code, tuple(docs)) for (_, code), docs in by_place.items())
            for folded, by_place in words.items()
        }
        self._level_forms = {
            folded: tuple(accented for accented, _ in by_place)
            for folded, by_place in words.items()
            if any(accented != folded for accented, _ in by_place)
        }
        self._folded_codes = {
            folded: _best_codes(levels) for folded, levels in self._levels.items()
        }
        self._agreeing_codes: dict[tuple[str, str], Codes] = {}
        agreeing = (FOLDED - EXACT) * CLOSENESS_STEP
        for folded, by_place in words.items():
            forms = {accented for accented, _ in by_place}
            folded_codes = self._folded_codes[folded]
            for form in forms if len(forms) > 1 else ():
                codes = _best_codes(
                    [
                        (code - agreeing, tuple(docs))
                        for (written, code), docs in by_place.items()
                        if written == form
                    ]
                )
                self._agreeing_codes[(folded, form)] = {
                    doc: code for doc, code in codes.items() if code < folded_codes[doc]
                }
        # Neighbouring words, for proximity: "gia lâm" together beats "quốc gia … triển lãm".
        self._adjacent = {
            pair: tuple(chain.from_iterable(by_code.values())) for pair, by_code in pairs.items()
        }
        # Two catalog words typed as one ("nuocmam"); pairs that are words already are skipped.
        self._pair_levels = {
            pair: tuple((code, tuple(docs)) for code, docs in by_code.items())
            for pair, by_code in pairs.items()
            if pair not in words
        }
        self._initial_levels = {
            letters: tuple((code, tuple(dict.fromkeys(docs))) for code, docs in by_code.items())
            for letters, by_code in initials.items()
            if letters not in words
        }
        self.vocabulary = Vocabulary(
            Counter({folded: len(codes) for folded, codes in self._folded_codes.items()})
        )

    def search(
        self,
        words: Sequence[QueryWord],
        *,
        limit: int,
        min_matched: int,
        preferred: frozenset[int] | None = None,
        soft: Sequence[Sequence[Token]] = (),
        weighted: bool = False,
    ) -> list[Ranked]:
        """The best `limit` documents matching at least `min_matched` of `words`.

        `preferred` documents rank first among those matching as many words; `soft` phrases
        (weak evidence) only break ties. `weighted` ranks first by how informative the matched
        words are (rare words weigh more, words side by side as in the document add theirs),
        so that in a long sentence the words that name a product outweigh the chat around it.
        """
        words = words[:MAX_WORDS]
        joins = _joins(words)
        matched = [self._word_codes(word, joins[i]) for i, word in enumerate(words)]
        best = [codes for codes, _ in matched]
        # chat words only rank; they choose no documents
        # In a sentence, chat words only rank: they choose no documents. In a short query they
        # may be part of a name ("Chè an toàn" for "che an"), and choose as much as any word.
        named = [codes for codes, word in zip(best, words, strict=True) if word.weight == 1]
        choosing = best if named and len(words) <= SHORT_QUERY_WORDS else named
        docs = _best_matching(choosing, min_matched=max(1, min_matched), limit=limit)
        if not docs:
            return []
        for i, word in enumerate(words):
            if word.accents_meant and word.token.folded in self._level_forms:
                best[i] = self._with_accent_typos(word.token, best[i], docs)
        weights = tuple(
            self._weight(codes) * word.weight for codes, word in zip(best, words, strict=True)
        )
        soft_docs = [self._documents_with(phrase) for phrase in soft]
        doc_span = len(self.documents)
        adjacent = [self._adjacent_docs(a, b) for a, b in pairwise(words)]
        first = (
            _weighted_missing(docs, best, weights, adjacent)
            if weighted and len(words) > 1
            else _absent(docs, best)
        )
        docs, first = _leading(docs, first, limit)
        order = _order_keys(
            docs,
            first=first,
            best=best,
            preferred=preferred,
            adjacent=adjacent,
            soft=soft_docs,
            doc_span=doc_span,
        )
        top = [key % doc_span for key in sorted(order)[:limit]]
        explain = self._explainer(words, [terms for _, terms in matched])
        return [
            Ranked(
                doc=doc,
                codes=tuple(codes.get(doc) for codes in best),
                weights=weights,
                explain=explain,
            )
            for doc in top
        ]

    @property
    def unknown_weight(self) -> float:
        """The weight of a word no document has: as informative as a word in one document."""
        return log((len(self.documents) + 1) / 1.5)

    def _weight(self, codes: Codes) -> float:
        """How informative a word is, by the documents it matches (BM25's IDF); 0 for none."""
        if not codes:
            return 0.0
        return max(MIN_WEIGHT, log((len(self.documents) + 1) / (len(codes) + 0.5)))

    def _adjacent_docs(self, first: QueryWord, second: QueryWord) -> set[int]:
        """Documents where the two words stand side by side (or as one word: "bon sai"),
        in any of their spellings."""
        docs: set[int] = set()
        for a in (first.token.folded, *first.variants):
            for b in (second.token.folded, *second.variants):
                docs.update(self._adjacent.get(a + b, ()))
                docs.update(self._folded_codes.get(a + b, ()))
        return docs

    def _word_codes(self, word: QueryWord, joined: Sequence[str]) -> tuple[Codes, TermCodes]:
        """{document: best code} for one query word, and the vocabulary words it matched."""
        folded = word.token.folded
        terms: TermCodes = {}
        main = self._folded_codes.get(folded, {})
        agreeing = self._agreeing_codes.get((folded, word.token.accented), {})
        if main:
            terms[folded] = (0, EXACT)
        others: list[Level] = []
        for spelling in (*word.variants, *joined):
            others += self._levels_of(spelling, terms, typos=0, closeness=FOLDED)
        others += self._pair_levels.get(folded, ())
        if not _VOWEL.search(folded):  # no Vietnamese syllable: initials ("BV" for Ba Vì)
            if folded in self._initial_levels:
                terms.setdefault(folded, (0, FOLDED))
            others += self._initial_levels.get(folded, ())
        for term, typos in self.vocabulary.near(folded, typo_budget(len(folded))):
            others += self._levels_of(term, terms, typos=typos, closeness=FOLDED)
        # a short word that is complete already means itself: "com" is not "combo"
        complete = len(folded) <= 4 and folded in self.vocabulary
        if word.prefix and len(folded) >= MIN_PREFIX and not complete:
            for term in self.vocabulary.completions(folded):
                others += self._levels_of(term, terms, typos=0, closeness=PREFIX)
        if folded in self._pair_levels:
            terms.setdefault(folded, (0, FOLDED))
        if not others and not agreeing:
            return main, terms
        # The word as typed outranks its other readings wherever it matched.
        merged = _best_codes(others)
        merged.update(main)
        merged.update(agreeing)
        return merged, terms

    def _with_accent_typos(self, token: Token, codes: Codes, docs: list[int]) -> Codes:
        """`codes`, one typo added for those of `docs` that write the word as typed only with
        other accents (or none)."""
        folded = token.folded
        main = self._folded_codes[folded]
        forms = self._level_forms[folded]
        agreeing = set().union(
            *(
                docs
                for form, (_, docs) in zip(forms, self._levels[folded], strict=True)
                if form == token.accented
            )
        )
        differing = [doc for doc in docs if doc in main and doc not in agreeing]
        if not differing:
            return codes
        typoed = dict(codes)
        for doc in differing:
            typoed[doc] += TYPO_STEP
        return typoed

    def _levels_of(self, term: str, terms: TermCodes, *, typos: int, closeness: int) -> list[Level]:
        levels = self._levels.get(term, ())
        if not levels:
            return []
        terms.setdefault(term, (typos, closeness))
        extra = typos * TYPO_STEP + (closeness - FOLDED) * CLOSENESS_STEP
        return [(code + extra, docs) for code, docs in levels]

    def _documents_with(self, phrase: Sequence[Token]) -> set[int]:
        """Documents holding every word of `phrase` (a word may be written as two: "ha noi")."""
        found: set[int] | None = None
        for word in phrase:
            docs = set(self._folded_codes.get(word.folded, ()))
            docs.update(*(d for _, d in self._pair_levels.get(word.folded, ())))
            found = docs if found is None else found & docs
        return found or set()

    def _explainer(self, words: Sequence[QueryWord], terms: Sequence[TermCodes]) -> Explainer:
        """For a document, per query word, the field and text of its best match there."""

        @cache
        def prepared() -> tuple[dict[str, list[tuple[int, int, int]]], bool, bool]:
            lookup = _term_lookup(terms)
            # word pairs ("nước mắm" for "nuocmam") only when some matched term is no single
            # word; runs of words by their initials only when some matched term is initials
            with_pairs = any(term not in self._levels for term in lookup)
            with_initials = any(term in self._initial_levels for term in lookup)
            return lookup, with_pairs, with_initials

        def explain(doc: int) -> tuple[Match | None, ...]:
            lookup, with_pairs, with_initials = prepared()  # once, if ever a hit is explained
            found: list[tuple[int, Match] | None] = [None] * len(words)
            for field in self.documents[doc]:
                spans: list[tuple[str, tuple[Token, ...]]] = [
                    (word.folded, (word,)) for word in field.words if word.folded in lookup
                ]
                if with_pairs:
                    spans += [(_joined(pair), pair) for pair in pairwise(field.words)]
                if with_initials and field.rank <= INITIALS_RANK:
                    spans += [
                        (letters, field.words[start : start + len(letters)])
                        for start, letters in _initials(field.words)
                    ]
                for key, span in spans:
                    for i, typos, closeness in lookup.get(key, ()):
                        if closeness == EXACT and span[0].accented != words[i].token.accented:
                            closeness = FOLDED
                        code = match_code(
                            typos=typos, rank=field.rank, closeness=closeness, position=0
                        )
                        current = found[i]
                        if current is None or code < current[0]:
                            text = " ".join(word.accented for word in span)
                            found[i] = (code, Match(field.label, text, typos))
            return tuple(None if hit is None else hit[1] for hit in found)

        return explain


def _initials(words: Sequence[Token]) -> Iterable[tuple[int, str]]:
    """Per run of 2 to MAX_INITIALS words, its start and the first letters of its words."""
    for start in range(len(words)):
        for end in range(start + 2, min(start + MAX_INITIALS, len(words)) + 1):
            yield start, "".join(word.folded[0] for word in words[start:end])


def _joined(span: tuple[Token, ...]) -> str:
    return "".join(word.folded for word in span)


def _joins(words: Sequence[QueryWord]) -> list[list[str]]:
    """Per query word, the spellings it makes with a neighbour: "bon sai" may be "bonsai"."""
    joins: list[list[str]] = [[] for _ in words]
    for i in range(len(words) - 1):
        joined = words[i].token.folded + words[i + 1].token.folded
        joins[i].append(joined)
        joins[i + 1].append(joined)
    return joins


def _best_codes(levels: Sequence[Level]) -> Codes:
    """{document: lowest code}: levels applied from worst to best, so the best one stays."""
    best: Codes = {}
    for code, docs in sorted(levels, key=lambda level: -level[0]):
        best.update(dict.fromkeys(docs, code))
    return best


def _best_matching(best: Sequence[Codes], *, min_matched: int, limit: int) -> list[int]:
    """Documents matching the most query words, enough of them to rank `limit`.

    For a few words, the subsets of words are intersected (set operations run in C);
    otherwise matches are counted per document.
    """
    sets = [set(codes) for codes in best if codes]
    if len(sets) < min_matched:
        return []
    chosen: set[int] = set()
    for need in range(len(sets), min_matched - 1, -1):
        if comb(len(sets), need) > MAX_COMBINATIONS:
            counted = Counter(chain.from_iterable(sets))
            chosen = {doc for doc, count in counted.items() if count >= need}
        else:
            subsets = combinations(sets, need)
            chosen = set().union(*(set.intersection(*subset) for subset in subsets))
        if len(chosen) >= limit:
            break
    return list(chosen)


def _leading(docs: list[int], first: list[int], limit: int) -> tuple[list[int], list[int]]:
    """The documents (and their first keys) that may still rank in the top `limit`: the
    others have `limit` documents with a lower first key ahead of them whatever follows."""
    if len(docs) <= limit:
        return docs, first
    cut = nsmallest(limit, first)[-1]
    kept = list(map(cut.__ge__, first))
    return list(compress(docs, kept)), list(compress(first, kept))


def _order_keys(
    docs: list[int],
    *,
    first: list[int],
    best: Sequence[Codes],
    preferred: frozenset[int] | None,
    adjacent: Sequence[set[int]],
    soft: Sequence[set[int]],
    doc_span: int,
) -> list[int]:
    """One integer per document that sorts as: the `first` keys (query weight or words
    missing), preferred, fewer typos, more neighbouring query words side by side, lower
    rest of the codes (field, closeness, position), more soft phrases, lower number. Built
    with map(), so the work per document stays in C."""
    codes = [0] * len(docs)
    for found in best:
        codes = list(map(add, codes, map(found.get, docs, repeat(0))))
    key = _scaled(first, 2, _absent(docs, [preferred]) if preferred is not None else repeat(0))
    key = _scaled(key, TYPO_SPAN, map(floordiv, codes, repeat(TYPO_STEP)))
    key = _scaled(key, len(adjacent) + 1, _absent(docs, adjacent))
    key = _scaled(key, TYPO_STEP, map(mod, codes, repeat(TYPO_STEP)))
    key = _scaled(key, len(soft) + 1, _absent(docs, soft))
    return _scaled(key, doc_span, docs)


def _weighted_missing(
    docs: list[int], best: Sequence[Codes], weights: Sequence[float], adjacent: Sequence[set[int]]
) -> list[int]:
    """Per document, the weight of the query it leaves unmatched, in steps of WEIGHT_STEP:
    a word counts less for typos and weaker fields; two query words side by side in the
    document add a share of their weights."""
    pair_weights = [PAIR_SHARE * (a + b) for a, b in pairwise(weights)]
    total = sum(weights) + sum(pair_weights)
    got: list[float] = [0.0] * len(docs)
    for codes, weight in zip(best, weights, strict=True):
        if weight:
            worth = _Worth(weight)
            got = list(map(add, got, map(worth.__getitem__, map(codes.get, docs, repeat(None)))))
    for pair, pair_weight in zip(adjacent, pair_weights, strict=True):
        if pair:
            got = list(map(add, got, map(mul, map(pair.__contains__, docs), repeat(pair_weight))))
    return list(map(round, map(truediv, map(sub, repeat(total), got), repeat(WEIGHT_STEP))))


class _Worth(dict[int | None, float]):
    """Match code → the share of `weight` it keeps, worked out once per code."""

    def __init__(self, weight: float) -> None:
        super().__init__()
        self.weight = weight

    def __missing__(self, code: int | None) -> float:
        self[code] = worth = 0.0 if code is None else self.weight * match_worth(code)
        return worth


@cache
def match_worth(code: int) -> float:
    """How much of a word's weight a match keeps, by its typos and its field."""
    typos, rank, _ = code_parts(code)
    return (TYPO_WORTH if typos else 1.0) * FIELD_WORTH[min(rank, len(FIELD_WORTH) - 1)]


def _absent(docs: list[int], groups: Sequence[Container[int]]) -> list[int]:
    """Per document, in how many of `groups` it is not."""
    absent = [len(groups)] * len(docs)
    for group in groups:
        absent = list(map(sub, absent, map(group.__contains__, docs)))
    return absent


def _scaled(values: Iterable[int], scale: int, plus: Iterable[int]) -> list[int]:
    """values * scale + plus, element by element."""
    return list(map(add, map(mul, values, repeat(scale)), plus))


def _term_lookup(terms: Sequence[TermCodes]) -> dict[str, list[tuple[int, int, int]]]:
    lookup: defaultdict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for i, word_terms in enumerate(terms):
        for folded, (typos, closeness) in word_terms.items():
            lookup[folded].append((i, typos, closeness))
    return dict(lookup)
