"""`python -m bot bench quality`: per set and per style, hit@1, hit@3 and MRR of our search
beside three naive baselines, with the share of `found` verdicts; the share of `found` on
requests for things the catalog does not have; and intent accuracy."""

import argparse
import sys
from pathlib import Path

from bot.bench.catalog_files import read_catalog_files
from bot.bench.dev_set import DEV_SET, DEV_SET_V2, Figures, measure, rankers, read_dev_queries
from bot.bench.judged_sets import (
    INTENT_SET,
    NONE_SET,
    found_shares,
    intent_accuracy,
    read_judged,
)
from bot.config import DEFAULT_CATALOG_DIR
from bot.search import SearchIndex

HELP = "search quality on the dev sets beside three naive baselines; verdicts; intents"
OURS = "bot.search"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dev",
        type=Path,
        nargs="+",
        default=[DEV_SET, DEV_SET_V2],
        help="search dev sets (default: the two in eval/)",
    )
    parser.add_argument("--none-set", type=Path, default=NONE_SET, help="no-answer requests")
    parser.add_argument("--intent-set", type=Path, default=INTENT_SET, help="intent messages")
    parser.add_argument(
        "--catalog", type=Path, default=DEFAULT_CATALOG_DIR, help="catalog CSV directory"
    )


def run(args: argparse.Namespace) -> int:
    missing = [p for p in (*args.dev, args.none_set, args.intent_set) if not p.is_file()]
    if missing:
        print(f"no dev set at {missing[0]}", file=sys.stderr)
        return 1
    catalog = read_catalog_files(catalog_dir=args.catalog)
    index = SearchIndex.build(catalog)
    methods = rankers(catalog)
    print(f"catalog: {len(catalog.products)} products")
    found_count = asked = 0  # over the answerable sets together
    for path in args.dev:
        queries = read_dev_queries(path)
        print(f"\n{path.name}: {len(queries)} queries")
        by_method = {label: measure(rank, queries) for label, rank in methods.items()}
        found = found_shares(index, queries)
        found_count, asked = found_count + round(found["all"] * len(queries)), asked + len(queries)
        print_figures(by_method, found)
    none = read_judged(args.none_set)
    none_found = found_shares(index, none)
    print(f"\n{args.none_set.name}: {len(none)} requests the catalog cannot answer")
    for style, share in none_found.items():
        print(f"  found {share:6.3f}  {style}")
    print(f"\nanswerable sets together: found {found_count / max(1, asked):.3f}")
    intents = read_judged(args.intent_set)
    print(f"\n{args.intent_set.name}: {len(intents)} messages")
    for intent, accuracy in intent_accuracy(index, intents).items():
        print(f"  accuracy {accuracy:6.3f}  {intent}")
    return 0


def print_figures(by_method: dict[str, dict[str, Figures]], found: dict[str, float]) -> None:
    """One row per style and method; `found` (the share of found verdicts) is ours alone."""
    styles = next(iter(by_method.values())).keys()
    print(f"{'style':<22}{'method':<22}{'hit@1':>7}{'hit@3':>7}{'MRR':>7}{'found':>7}")
    for style in styles:
        for n, (method, figures) in enumerate(by_method.items()):
            row = figures[style]
            label = f"{style} ({row.queries})" if n == 0 else ""
            share = f"{found[style]:>7.3f}" if method == OURS else ""
            print(f"{label:<22}{method:<22}{row.hit1:>7.3f}{row.hit3:>7.3f}{row.mrr:>7.3f}{share}")
