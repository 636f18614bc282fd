"""Argument types that turn a wrong number into a usage error (exit 2) at once."""

import argparse

MAX_LIMIT = 1000


def result_limit(text: str) -> int:
    """`--limit`: how many results to list, 1 to MAX_LIMIT."""
    try:
        limit = int(text)
    except ValueError:
        limit = 0
    if not 0 < limit <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"give a number from 1 to {MAX_LIMIT}, not {text}")
    return limit
