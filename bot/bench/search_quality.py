"""`python -m bot bench quality`: hit@1, hit@3 and MRR on the dev set, ours beside the baselines."""

import argparse
import sys
from pathlib import Path

from bot.bench.catalog_files import read_catalog_files
from bot.bench.dev_set import DEV_SET, Figures, measure, rankers, read_dev_queries
from bot.config import DEFAULT_CATALOG_DIR

HELP = "search quality on the dev set, beside three naive baselines"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dev", type=Path, default=DEV_SET, help=f"dev queries (default {DEV_SET})"
    )
    parser.add_argument(
        "--catalog", type=Path, default=DEFAULT_CATALOG_DIR, help="catalog CSV directory"
    )


def run(args: argparse.Namespace) -> int:
    if not args.dev.is_file():
        print(f"no dev set at {args.dev}", file=sys.stderr)
        return 1
    queries = read_dev_queries(args.dev)
    catalog = read_catalog_files(catalog_dir=args.catalog)
    print(
        f"dev set: {len(queries)} queries ({args.dev}); catalog: {len(catalog.products)} products"
    )
    by_method = {label: measure(rank, queries) for label, rank in rankers(catalog).items()}
    print_figures(by_method)
    return 0


def print_figures(by_method: dict[str, dict[str, Figures]]) -> None:
    styles = next(iter(by_method.values())).keys()
    print(f"\n{'style':<22}{'method':<22}{'hit@1':>7}{'hit@3':>7}{'MRR':>7}")
    for style in styles:
        for n, (method, figures) in enumerate(by_method.items()):
            row = figures[style]
            label = f"{style} ({row.queries})" if n == 0 else ""
            print(f"{label:<22}{method:<22}{row.hit1:>7.3f}{row.hit3:>7.3f}{row.mrr:>7.3f}")
