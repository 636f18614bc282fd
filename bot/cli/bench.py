"""`python -m bot bench NAME`: benchmarks that print figures. Add one by naming its module here."""

import argparse
from importlib import import_module

# Each module has HELP, add_arguments(parser) and run(args) -> exit code.
BENCHMARKS = {
    "search": "bot.bench.search_speed",
    "quality": "bot.bench.search_quality",
    "bot": "bot.bench.bot_load",
    "places": "bot.bench.places",
    "broadcast": "bot.bench.broadcast",
}


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    bench = subparsers.add_parser("bench", help="run a benchmark and print its figures")
    names = bench.add_subparsers(dest="benchmark", required=True, metavar="BENCHMARK")
    for name, module_name in BENCHMARKS.items():
        module = import_module(module_name)
        parser = names.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(parser)
        parser.set_defaults(handler=module.run)
