"""`python -m bot bench search`: latency, throughput, build time and memory at catalog scale.

Our index and the three baselines run on the same synthetic catalog and the same mixed
queries, in one process on one core; the dev-set hit@3 of each is printed beside them.
"""

import argparse
import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from bot.bench.baselines import BASELINES, Baseline, TrigramFts
from bot.bench.catalog_files import read_catalog_files
from bot.bench.dev_set import DEV_SET, measure, rankers, read_dev_queries
from bot.bench.synthetic import BenchQuery, bench_queries, synthetic_catalog
from bot.config import DEFAULT_CATALOG_DIR
from bot.search import SearchIndex
from bot.store.catalog import Catalog
from bot.store.models import Product

HELP = "search latency, throughput, build time and memory at 20,000 products, beside baselines"
RESULTS = 10  # results asked of every method
Built = TypeVar("Built")


@dataclass(frozen=True)
class Run:
    method: str
    build_s: float
    memory_mb: float
    latencies_ms: list[float]
    found_at_3: float  # share of queries whose source product is in the top 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--products", type=int, default=20_000, help="synthetic catalog size")
    parser.add_argument("--queries", type=int, default=1_000, help="queries for our index")
    parser.add_argument(
        "--baseline-queries",
        type=int,
        help="queries for each baseline: the first ones of the same list (default: all)",
    )
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--catalog", type=Path, default=DEFAULT_CATALOG_DIR, help="catalog CSV directory"
    )
    parser.add_argument("--dev", type=Path, default=DEV_SET, help="dev queries, for hit@3")


def run(args: argparse.Namespace) -> int:
    real = read_catalog_files(catalog_dir=args.catalog)
    catalog = synthetic_catalog(real, size=args.products, seed=args.seed)
    queries = bench_queries(catalog, count=args.queries, seed=args.seed)
    styles = ", ".join(sorted({q.style for q in queries}))
    print(f"synthetic catalog: {len(catalog.products)} products (seed {args.seed})")
    baseline_queries = queries[: args.baseline_queries or len(queries)]
    print(f"queries: {len(queries)} mixed ({styles}); baselines: {len(baseline_queries)}")
    runs = [_run_ours(catalog, queries)]
    for make_baseline in BASELINES:
        runs.append(_run_baseline(make_baseline, catalog, baseline_queries))
    dev_hit3: dict[str, float] = {}
    if args.dev.is_file():
        dev = read_dev_queries(args.dev)
        dev_hit3 = {label: measure(r, dev)["all"].hit3 for label, r in rankers(real).items()}
    _print_runs(runs, dev_hit3)
    return 0


def _run_ours(catalog: Catalog, queries: Sequence[BenchQuery]) -> Run:
    build_s, memory_mb, index = _build(lambda: SearchIndex.build(catalog))
    products = index.search  # bound once, as the bot holds the index

    def search(query: BenchQuery) -> list[str]:
        hits = products(query.text, limit=RESULTS, prefix=query.prefix).products
        return [hit.product.name_vi for hit in hits]

    return _timed("bot.search", build_s, memory_mb, search, queries)


def _run_baseline(
    make_baseline: Callable[[Sequence[Product]], Baseline],
    catalog: Catalog,
    queries: Sequence[BenchQuery],
) -> Run:
    build_s, memory_mb, baseline = _build(lambda: make_baseline(catalog.products))
    if isinstance(baseline, TrigramFts):
        memory_mb = baseline.size_bytes() / 2**20  # SQLite's pages, which tracemalloc cannot see
    names = partial(_names, baseline, catalog.products)
    return _timed(baseline.label, build_s, memory_mb, names, queries)


def _names(baseline: Baseline, products: Sequence[Product], query: BenchQuery) -> list[str]:
    return [products[i].name_vi for i in baseline.search(query.text, RESULTS)]


def _build(make: Callable[[], Built]) -> tuple[float, float, Built]:
    """Build time, and the memory a built object holds (traced on a second build, dropped:
    the one searched is built as the bot builds it, with no tracer in the allocator)."""
    gc.collect()
    start = time.perf_counter()
    built = make()
    build_s = time.perf_counter() - start
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    traced = make()
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    del traced
    gc.collect()
    return build_s, held / 2**20, built


def _timed(
    method: str,
    build_s: float,
    memory_mb: float,
    search: Callable[[BenchQuery], list[str]],
    queries: Sequence[BenchQuery],
) -> Run:
    for query in queries[:20]:
        search(query)  # warm-up: first-call caches
    gc.collect()
    latencies: list[float] = []
    found = 0
    for query in queries:
        start = time.perf_counter_ns()
        names = search(query)
        latencies.append((time.perf_counter_ns() - start) / 1e6)
        found += query.target in names[:3]
    return Run(method, build_s, memory_mb, latencies, found / max(1, len(queries)))


def _print_runs(runs: Sequence[Run], dev_hit3: dict[str, float]) -> None:
    wratio_qps = next((_qps(r) for r in runs if r.method == "rapidfuzz WRatio"), None)
    print(
        f"\n{'method':<22}{'queries':>8}{'p50 ms':>9}{'p99 ms':>9}{'QPS':>9}{'vs WRatio':>10}"
        f"{'build s':>9}{'mem MB':>8}{'found@3':>9}{'dev hit@3':>10}"
    )
    for r in runs:
        latencies = sorted(r.latencies_ms)
        p50 = statistics.median(latencies)
        p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
        speedup = f"{_qps(r) / wratio_qps:.1f}x" if wratio_qps else "-"
        dev = f"{dev_hit3[r.method]:.3f}" if r.method in dev_hit3 else "-"
        print(
            f"{r.method:<22}{len(latencies):>8}{p50:>9.2f}{p99:>9.2f}{_qps(r):>9.0f}{speedup:>10}"
            f"{r.build_s:>9.2f}{r.memory_mb:>8.1f}{r.found_at_3:>9.3f}{dev:>10}"
        )
    print("\nfound@3: the product a synthetic query was made from is in the top 3.")


def _qps(run: Run) -> float:
    return len(run.latencies_ms) / (sum(run.latencies_ms) / 1000)
