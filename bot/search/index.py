"""The search the bot calls: products and points of one catalog snapshot, held in memory."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from math import ceil

from bot.geo.resolve import PlaceKind, PlaceMatch
from bot.search.aliases import AliasTable
from bot.search.carries import ProductNames
from bot.search.intent import ABOUT_GOODS, Intent, IntentDetector
from bot.search.inverted import (
    MAX_WORDS,
    Field,
    InvertedIndex,
    Match,
    QueryWord,
    Ranked,
    code_parts,
)
from bot.search.lexicon import ADMIN_PHRASES
from bot.search.phrases import Phrase, PhraseSet, spelled_at
from bot.search.query import ParsedQuery, QueryParser
from bot.search.spelling import spelling_variants
from bot.search.verdict import (
    MATCH_COVERAGE,
    SENTENCE_WORDS,
    Verdict,
    coverage,
    keeps_head,
    name_heads,
    names_head,
    names_in_sentence,
    query_heads,
    query_weight,
    verdict,
)
from bot.store.catalog import Catalog
from bot.store.models import Point, Product
from bot.vietnamese import Token, capitalised, fold, tokenize

PlaceResolver = Callable[[str], PlaceMatch]

# Field ranks: a match in the name beats one in an alias, then producer, origin, category.
NAME, ALIAS, PRODUCER, ORIGIN, CATEGORY = range(5)
ADDRESS, WARD = 2, 3  # for points: name, alias, address, ward
SHORT_QUERY = 4  # named words; a longer query may be a sentence around the goods
WEAK_WEIGHT = 0.1  # share of its weight a chat word keeps
SUGGESTION_CUTOFF = 0.7  # similarity a "did you mean" word needs to replace a typed one
_ADMIN_WORDS = PhraseSet(
    ((tuple(tokenize(phrase)), None) for phrase in ADMIN_PHRASES), agreement=spelled_at
)


@dataclass(frozen=True)
class ProductHit:
    """A product found; its score and what it matched are worked out when first read (a
    free-text search ranks 50 hits and shows five)."""

    product: Product
    why: Ranked | str  # the index's ranking of the hit, or the one reason it was chosen
    coverage: float = 1.0  # share of the query's weight this product matches
    is_match: bool = True  # what was asked for, not merely related to it

    @cached_property
    def score(self) -> float:
        """0–1: share of the query's words matched, less for typos and weaker fields."""
        return 1.0 if isinstance(self.why, str) else _score(self.why)

    @cached_property
    def matched(self) -> tuple[str, ...]:
        """Per matched query word, "field:text", with "~N" after N typos."""
        return (self.why,) if isinstance(self.why, str) else _matched(self.why)


@dataclass(frozen=True)
class PointHit:
    point: Point
    why: Ranked

    @cached_property
    def score(self) -> float:
        return _score(self.why)

    @cached_property
    def matched(self) -> tuple[str, ...]:
        return _matched(self.why)


@dataclass(frozen=True)
class SearchResult:
    query: ParsedQuery
    products: list[ProductHit]
    points: list[PointHit]
    place: PlaceMatch | None  # what the place resolver made of `query.place_text`, if any
    verdict: Verdict = Verdict.FOUND  # whether `products` starts with what was asked for
    intent: Intent = Intent.PRODUCT  # what the message is
    asks: Intent | None = None  # a question about the goods found (price, hours, delivery)

    @property
    def matches(self) -> list["ProductHit"]:
        """The products that are what was asked for, best first (none unless `found`)."""
        return (
            [hit for hit in self.products if hit.is_match] if self.verdict is Verdict.FOUND else []
        )


class SearchIndex:
    """Immutable; build a new one when the catalog changes and swap the reference."""

    def __init__(self, catalog: Catalog) -> None:
        aliases = AliasTable(catalog.aliases)
        self._products = sorted(
            catalog.products, key=lambda p: (-(p.stars or 0), fold(p.name_vi), p.name_vi)
        )
        self._points = sorted(catalog.points, key=lambda p: (fold(p.name), p.name))
        self._product_index = InvertedIndex(_product_fields(p, aliases) for p in self._products)
        self._origin_index = InvertedIndex(_origin_fields(p, aliases) for p in self._products)
        self._point_index = InvertedIndex(_point_fields(p, aliases) for p in self._points)
        self._docs_by_stars = {
            stars: frozenset(i for i, p in enumerate(self._products) if p.stars == stars)
            for stars in range(1, 6)
        }
        wards = [p.ward for p in self._points] + [p.origin_ward for p in self._products]
        self._parser = QueryParser(aliases=aliases, place_names=_place_names(wards, aliases))
        self._names = ProductNames(catalog.products, aliases)
        self._intents = IntentDetector()

    @classmethod
    def build(cls, catalog: Catalog) -> "SearchIndex":
        return cls(catalog)

    def search(
        self,
        text: str,
        *,
        limit: int = 10,
        prefix: bool = False,
        resolve_place: PlaceResolver | None = None,
    ) -> SearchResult:
        """Products and points for `text`; `prefix` completes the last word (as-you-type).

        `resolve_place` places a place text on the map (a match of kind UNKNOWN: no known
        place). Without it the place stays text (`result.query.place_text`) and a bare place is
        recognised by the catalog's ward names and place nicknames only.
        """
        if not prefix and (talk := self._intents.detect(text)):
            # talk comes first, unless the rest of the message names goods
            if talk.may_name_goods:
                found = self._search(
                    talk.rest, limit=limit, prefix=False, resolve_place=resolve_place
                )
                if found.verdict is Verdict.FOUND:
                    asks = talk.intent if talk.intent in ABOUT_GOODS else None
                    return replace(found, query=replace(found.query, text=text), asks=asks)
            return SearchResult(
                query=self._parser.parse(text),
                products=[],
                points=[],
                place=None,
                verdict=Verdict.NONE,
                intent=talk.intent,
            )
        return self._search(text, limit=limit, prefix=prefix, resolve_place=resolve_place)

    def _search(
        self, text: str, *, limit: int, prefix: bool, resolve_place: PlaceResolver | None
    ) -> SearchResult:
        resolved: dict[str, PlaceMatch | None] = {}

        def resolve(place_text: str) -> PlaceMatch | None:
            if resolve_place is None:
                return None
            if place_text not in resolved:
                resolved[place_text] = resolve_place(place_text)
            return resolved[place_text]

        def is_place(place_text: str) -> bool:
            # fuzzy place resolvers take "trứng gà" for Trung Giã: goods win over a place.
            # The resolver goes first: it is the cheaper check, and most text is no place.
            return _is_place(resolve(place_text)) and not self._names_goods(place_text)

        query = self._parser.parse(text, is_place=None if resolve_place is None else is_place)
        products = self._find_products(query, limit=limit, prefix=prefix)
        points = self._find_points(query, limit=limit)
        place = resolve(query.place_text) if query.place_text else None
        judged = verdict([hit.is_match for hit in products], [hit.coverage for hit in products])
        return SearchResult(
            query=query,
            products=products,
            points=points,
            place=place,
            verdict=judged,
            intent=_search_intent(query, place, judged, bool(products or points)),
        )

    def strong_matches(self, query: ParsedQuery) -> frozenset[int]:
        """The products that truly are what the product part asks for (not a tea set for "lotus
        tea"): the only products whose points may be marked as carrying it."""
        return self._names.strong_matches(query.words)

    def _names_goods(self, text: str) -> bool:
        """Whether some product has every word of `text` in its name or aliases."""
        words = _words(tokenize(text)[:MAX_WORDS])
        hits = self._product_index.search(words, limit=1, min_matched=len(words))
        return bool(hits) and all(
            code is not None and code_parts(code)[1] <= ALIAS for code in hits[0].codes
        )

    def _find_products(self, query: ParsedQuery, *, limit: int, prefix: bool) -> list[ProductHit]:
        # a bare place asks for what comes from there: all its words, in the origin
        tokens = query.place_words if query.bare_place else query.words
        if not tokens and query.stars:  # "5 sao" alone: the products with that rating
            rated = sorted(self._docs_by_stars.get(query.stars, ()))[:limit]
            return [ProductHit(self._products[i], f"stars:{query.stars}") for i in rated]
        weak = frozenset() if query.bare_place else query.weak
        kept = _within_limit(len(tokens), weak)
        words = _words([tokens[i] for i in kept], prefix=prefix, weak=_renumbered(weak, kept))
        index = self._origin_index if query.bare_place else self._product_index
        hits = index.search(
            words,
            limit=limit,
            min_matched=len(words) if query.bare_place else _enough(words),
            preferred=self._docs_by_stars.get(query.stars) if query.stars else None,
            soft=query.soft,
            weighted=not query.bare_place,
        )
        if query.bare_place:
            return [ProductHit(self._products[hit.doc], hit) for hit in hits]
        total = query_weight(words, hits[0].weights, index.unknown_weight) if hits else 0
        sentence = len(tokenize(query.text)) >= SENTENCE_WORDS
        heads = query_heads(words)
        found: list[ProductHit] = []
        for hit in hits:
            product = self._products[hit.doc]
            share = coverage(hit, total)
            # a short query names goods by its head; a sentence says more than the goods
            is_match = (sentence or keeps_head(hit, heads)) and (
                share >= MATCH_COVERAGE
                or names_head(hit, name_heads(product.name_vi, product.name_en))
                or (sentence and names_in_sentence(hit, index.unknown_weight))
            )
            found.append(ProductHit(product, hit, coverage=share, is_match=is_match))
        return found

    def _find_points(self, query: ParsedQuery, *, limit: int) -> list[PointHit]:
        """Points named by the place part, or else by the product part: every word must match."""
        words = _words((query.place_words if query.place_text else query.words)[:MAX_WORDS])
        hits = self._point_index.search(words, limit=limit, min_matched=len(words))
        return [PointHit(self._points[hit.doc], hit) for hit in hits]

    def suggest(self, text: str, *, limit: int = 3) -> list[str]:
        """Product names to offer as "did you mean" when `text` matched nothing."""
        vocabulary = self._product_index.vocabulary
        corrected: list[QueryWord] = []
        for word in self._parser.parse(text).words:
            closest = (
                word.folded
                if word.folded in vocabulary
                else vocabulary.closest(word.folded, cutoff=SUGGESTION_CUTOFF)
            )
            if closest:
                corrected.append(QueryWord(Token(closest, closest)))
        hits = self._product_index.search(corrected, limit=limit, min_matched=1)
        return [self._products[hit.doc].name_vi for hit in hits]


def _search_intent(
    query: ParsedQuery, place: PlaceMatch | None, judged: Verdict, anything: bool
) -> Intent:
    """What a search asked for: a place (known to the catalog or the resolver), goods near it,
    goods, or nothing we can tell."""
    at_place = query.bare_place or _is_place(place)
    if at_place and query.product_text and not query.bare_place:
        return Intent.PRODUCT_NEAR_PLACE
    if at_place:
        return Intent.PLACE
    return Intent.PRODUCT if anything or judged is not Verdict.NONE else Intent.NONE


def _enough(words: Sequence[QueryWord]) -> int:
    """Words a product must match to be ranked: half of a short query's (it names the goods),
    one of a sentence's (most of its words name nothing)."""
    named = sum(word.weight == 1 for word in words)
    return 1 if named > SHORT_QUERY else ceil(named / 2)


def _within_limit(count: int, weak: frozenset[int]) -> list[int]:
    """Positions of the words to search with, in order: at most MAX_WORDS, chat words last."""
    strong = [i for i in range(count) if i not in weak]
    return sorted(strong[:MAX_WORDS] + sorted(weak)[: max(0, MAX_WORDS - len(strong))])


def _renumbered(weak: frozenset[int], kept: list[int]) -> frozenset[int]:
    return frozenset(n for n, i in enumerate(kept) if i in weak)


def _score(hit: Ranked) -> float:
    worth = 0.0
    for code in hit.codes:
        if code is not None:
            typos, rank, closeness = code_parts(code)
            worth += max(0.1, 1 - 0.25 * typos - 0.04 * rank - 0.02 * closeness)
    return round(worth / max(1, len(hit.codes)), 3)


def _matched(hit: Ranked) -> tuple[str, ...]:
    return tuple(_shown(match) for match in hit.matches if match is not None)


def _is_place(resolved: PlaceMatch | None) -> bool:
    return resolved is not None and resolved.kind is not PlaceKind.UNKNOWN


def _shown(match: Match) -> str:
    return f"{match.label}:{match.text}" + (f"~{match.typos}" if match.typos else "")


def _words(
    tokens: Sequence[Token], *, prefix: bool = False, weak: frozenset[int] = frozenset()
) -> list[QueryWord]:
    """Query words with their other spellings; with `prefix`, the last may be unfinished;
    the `weak` ones (chat words) weigh little.

    When some word is written with diacritics, the query's accents are meant: "mật ong" asks
    for honey, and "ống" (a straw) is a typo away from its "ong".
    """
    last = len(tokens) - 1
    accents_meant = any(token.has_marks for token in tokens)
    return [
        QueryWord(
            token,
            spelling_variants(token.folded),
            prefix and i == last,
            accents_meant,
            WEAK_WEIGHT if i in weak else 1.0,
        )
        for i, token in enumerate(tokens)
    ]


def _with_aliases(
    label: str, rank: int, text: str, aliases: AliasTable, *, address: bool = False
) -> list[Field]:
    """The field's own words, and each alias of a term in it as a field of the same rank.

    In an `address`, administrative words ("phường", "district") are left out.
    """
    words = tuple(tokenize(text))
    expansions = aliases.expansions(words, capitalised=capitalised(text))
    if address:
        words = _without_admin_words(words)
    return [Field(label, rank, words)] + [Field(label, rank, phrase) for phrase in expansions]


def _named(label: str, name: str, aliases: AliasTable) -> list[Field]:
    """A name, and the aliases of the terms in it as fields of rank ALIAS."""
    words = tuple(tokenize(name))
    expansions = aliases.expansions(words, capitalised=capitalised(name))
    return [Field(label, NAME, words)] + [Field("alias", ALIAS, phrase) for phrase in expansions]


def _without_admin_words(words: tuple[Token, ...]) -> tuple[Token, ...]:
    admin = {
        start + i for start, phrase, _ in _ADMIN_WORDS.found_in(words) for i in range(len(phrase))
    }
    return tuple(word for i, word in enumerate(words) if i not in admin)


def _product_fields(product: Product, aliases: AliasTable) -> list[Field]:
    return [
        *_named("name_vi", product.name_vi, aliases),
        *_named("name_en", product.name_en, aliases),
        *_with_aliases("producer", PRODUCER, product.producer, aliases),
        *_origin_fields(product, aliases),
        *_with_aliases("category", CATEGORY, product.category, aliases),
    ]


def _origin_fields(product: Product, aliases: AliasTable) -> list[Field]:
    parts = (product.origin_commune, product.origin_ward, product.origin_province)
    origin = ", ".join(part for part in parts if part)
    return _with_aliases("origin", ORIGIN, origin, aliases, address=True)


def _point_fields(point: Point, aliases: AliasTable) -> list[Field]:
    return [
        *_named("name", point.name, aliases),
        *_with_aliases("address", ADDRESS, point.address, aliases, address=True),
        *_with_aliases("ward", WARD, point.ward or "", aliases, address=True),
    ]


def _place_names(wards: Iterable[str | None], aliases: AliasTable) -> set[Phrase]:
    """Names of the places the catalog knows: its wards and the place nicknames."""
    names = {_without_admin_words(tuple(tokenize(ward))) for ward in filter(None, wards)}
    for entry in aliases.entries:
        if entry.kind == "place":
            names.update((entry.term_words, *entry.aliases))
    return names


TIED_WITH_BEST = 0.05  # score distance from the best hit that still counts as "what was asked"


def wanted_product_ids(result: SearchResult, *, limit: int = 20) -> frozenset[int]:
    """The products a query asks for: every hit (nearly) tied with the best one.

    "rice near X" asks for any rice, not the five that happen to sort first.
    """
    matches = result.matches
    if not matches:
        return frozenset()
    best = matches[0].score
    return frozenset(
        hit.product.id
        for hit in matches[:limit]
        if hit.product.id is not None and hit.score >= best - TIED_WITH_BEST
    )
