"""Vietnamese-aware fuzzy search over the catalog's products and points of sale."""

from bot.search.index import (
    PointHit,
    ProductHit,
    SearchIndex,
    SearchResult,
    wanted_product_ids,
)
from bot.search.intent import Intent
from bot.search.query import ParsedQuery
from bot.search.verdict import Verdict

__all__ = [
    "Intent",
    "ParsedQuery",
    "PointHit",
    "ProductHit",
    "SearchIndex",
    "SearchResult",
    "Verdict",
    "wanted_product_ids",
]
