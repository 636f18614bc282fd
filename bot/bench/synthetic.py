"""A large synthetic catalog made from the real one's words, and mixed queries against it."""

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.store.catalog import Catalog
from bot.store.models import Product
from bot.vietnamese import fold

QUERY_STYLES = ("exact", "folded", "typo", "english", "prefix")
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


@dataclass(frozen=True)
class BenchQuery:
    text: str
    style: str  # one of QUERY_STYLES
    prefix: bool  # typed as you go: the last word is unfinished
    target: str  # name_vi of the product it was made from


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _capitalised(texts: Sequence[str]) -> list[str]:
    return sorted({w for text in texts for w in _words(text) if w[0].isupper() and len(w) > 1})


def synthetic_catalog(real: Catalog, *, size: int, seed: int) -> Catalog:
    """`size` products: a real product's kind of goods ("Mật ong bạc hà"), then a made-up
    brand of two proper names found in the real catalog, a real producer form and origin."""
    rng = random.Random(seed)
    templates = list(real.products)
    proper_names = _capitalised([p.name_vi for p in templates] + [p.producer for p in templates])
    producer_forms = sorted({" ".join(_words(p.producer)[:2]) for p in templates if p.producer})
    products: list[Product] = []
    seen: set[str] = set()
    for number in range(1, size + 1):
        template = rng.choice(templates)
        kind = _words(template.name_vi)[: rng.randint(2, 4)]
        brand = rng.sample(proper_names, 2)
        name_vi = " ".join(kind + brand)
        if name_vi in seen:
            name_vi = f"{name_vi} {number}"
        seen.add(name_vi)
        kind_en = [w for w in _words(template.name_en) if not w[0].isupper()][-3:]
        origin = rng.choice(templates)
        products.append(
            Product(
                id=number,
                name_vi=name_vi,
                name_en=" ".join([fold(w).title() for w in brand] + kind_en),
                category=template.category,
                stars=rng.choice((None, 3, 4, 5)),
                producer=f"{rng.choice(producer_forms)} {' '.join(brand)}",
                origin_commune=origin.origin_commune,
                origin_province=origin.origin_province,
                origin_ward=origin.origin_ward,
                source_url="https://example.org/synthetic",
            )
        )
    return Catalog(
        products=tuple(products), points=real.points, stock=(), aliases=real.aliases, events=()
    )


def bench_queries(catalog: Catalog, *, count: int, seed: int) -> list[BenchQuery]:
    """`count` queries, the styles in turn, each made from a random product of `catalog`."""
    rng = random.Random(seed)
    queries: list[BenchQuery] = []
    for n in range(count):
        product = rng.choice(catalog.products)
        style = QUERY_STYLES[n % len(QUERY_STYLES)]
        words = _words(product.name_vi)
        short = words[:2] + words[-2:] if len(words) > 4 else words
        text = " ".join(short)
        if style == "folded":
            text = fold(text)
        elif style == "typo":
            text = _with_typo(fold(text), rng)
        elif style == "english":
            text = " ".join(_words(product.name_en)[:4])
        elif style == "prefix":
            folded = fold(text)
            text = folded[: max(len(folded) - rng.randint(1, 3), folded.rfind(" ") + 4)]
        queries.append(BenchQuery(text, style, style == "prefix", product.name_vi))
    return queries


def _with_typo(text: str, rng: random.Random) -> str:
    """One edit (not on the first letter) in the longest word."""
    words = text.split()
    i = max(range(len(words)), key=lambda k: len(words[k]))
    word = words[i]
    if len(word) < 3:
        return text
    at = rng.randrange(1, len(word))
    edit = rng.choice(("replace", "delete", "insert", "swap"))
    letter = rng.choice("abcdeghiklmnopqrstuvxy")
    if edit == "replace":
        word = word[:at] + letter + word[at + 1 :]
    elif edit == "delete":
        word = word[:at] + word[at + 1 :]
    elif edit == "insert":
        word = word[:at] + letter + word[at:]
    elif at < len(word) - 1:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    words[i] = word
    return " ".join(words)
