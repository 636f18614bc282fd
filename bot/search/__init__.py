"""Vietnamese-aware fuzzy search over the catalog's products and points of sale."""

from bot.search.index import (
    PointHit,
    ProductHit,
    SearchIndex,
    SearchResult,
    wanted_product_ids,
)
from bot.search.query import ParsedQuery

__all__ = [
    "ParsedQuery",
    "PointHit",
    "ProductHit",
    "SearchIndex",
    "SearchResult",
    "wanted_product_ids",
]
