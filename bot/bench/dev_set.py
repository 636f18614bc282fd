"""The public development queries, and hit@1, hit@3 and MRR of a search over them."""

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bot.bench.baselines import BASELINES, Baseline
from bot.config import PROJECT_DIR
from bot.search import SearchIndex
from bot.store.catalog import Catalog
from bot.store.models import Product

EVAL_DIR = PROJECT_DIR / "eval"  # copies of the public development sets (../shared/eval)
DEV_SET = EVAL_DIR / "search_dev.jsonl"
DEV_SET_V2 = EVAL_DIR / "search_dev_v2.jsonl"  # the way people really type
RANKED = 10  # results looked at for the reciprocal rank

Ranker = Callable[[str], Sequence[str]]  # query → product names (name_vi), best first


@dataclass(frozen=True)
class DevQuery:
    id: str
    query: str
    expect_any: frozenset[str]
    style: str


@dataclass(frozen=True)
class Figures:
    queries: int
    hit1: float
    hit3: float
    mrr: float


def read_dev_queries(path: Path = DEV_SET) -> list[DevQuery]:
    with path.open(encoding="utf-8") as file:
        rows = [json.loads(line) for line in file if line.strip()]
    return [
        DevQuery(row["id"], row["query"], frozenset(row["expect_any"]), row["style"])
        for row in rows
    ]


def measure(ranker: Ranker, queries: Sequence[DevQuery]) -> dict[str, Figures]:
    """Figures over all queries ("all") and over each style."""
    ranks: list[tuple[str, int | None]] = []
    for query in queries:
        names = list(ranker(query.query))[:RANKED]
        rank = next((i for i, name in enumerate(names, 1) if name in query.expect_any), None)
        ranks.append((query.style, rank))
    styles = ["all", *sorted({style for style, _ in ranks})]
    return {style: _figures([rank for s, rank in ranks if style in ("all", s)]) for style in styles}


def _figures(ranks: list[int | None]) -> Figures:
    count = max(1, len(ranks))
    return Figures(
        queries=len(ranks),
        hit1=sum(rank == 1 for rank in ranks) / count,
        hit3=sum(rank is not None and rank <= 3 for rank in ranks) / count,
        mrr=sum(1 / rank for rank in ranks if rank) / count,
    )


def rankers(catalog: Catalog) -> dict[str, Ranker]:
    """Our search and each baseline over `catalog`, by label."""
    index = SearchIndex.build(catalog)

    def ours(text: str) -> list[str]:
        return [hit.product.name_vi for hit in index.search(text, limit=RANKED).products]

    found: dict[str, Ranker] = {"bot.search": ours}
    for make_baseline in BASELINES:
        baseline = make_baseline(catalog.products)
        found[baseline.label] = partial(_baseline_names, baseline, catalog.products)
    return found


def _baseline_names(baseline: Baseline, products: Sequence[Product], text: str) -> list[str]:
    return [products[i].name_vi for i in baseline.search(text, RANKED)]
