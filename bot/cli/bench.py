"""`python -m bot bench NAME`: benchmarks that print figures. Add one by naming its module here.

A benchmark's module (and the Bot API stand-in it may use) is imported only when it runs.
"""

import argparse
from importlib import import_module

# Each module has HELP, add_arguments(parser) and run(args) -> exit code.
BENCHMARKS = {
    "search": "bot.bench.search_speed",
    "quality": "bot.bench.search_quality",
    "bot": "bot.bench.bot_load",
    "places": "bot.bench.places",
    "broadcast": "bot.bench.broadcast",
    "import": "bot.bench.catalog_import",
    "insight": "bot.bench.insight",
}


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    bench = subparsers.add_parser(
        "bench",
        help="run a benchmark and print its figures",
        description="Run a benchmark; `bench NAME --help` shows its options.",
    )
    bench.add_argument("benchmark", choices=BENCHMARKS, metavar="NAME", help=", ".join(BENCHMARKS))
    bench.add_argument("options", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    bench.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    module = import_module(BENCHMARKS[args.benchmark])
    parser = argparse.ArgumentParser(
        prog=f"python -m bot bench {args.benchmark}", description=module.HELP
    )
    module.add_arguments(parser)
    exit_code: int = module.run(parser.parse_args(args.options))
    return exit_code
