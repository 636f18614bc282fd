"""The public development queries: the search must find an expected product in the top 3."""

from pathlib import Path

import pytest

from bot.bench.dev_set import measure, rankers, read_dev_queries
from bot.store.catalog import Catalog

DEV_SET = Path(__file__).resolve().parents[2] / "../shared/eval/search_dev.jsonl"
MIN_HIT_AT_3 = 0.95
MIN_HIT_AT_1 = 0.85


@pytest.fixture(scope="module")
def dev_figures(shipped_catalog: Catalog) -> dict[str, float]:
    if not DEV_SET.is_file():
        pytest.skip(f"no dev set at {DEV_SET.resolve()} (shared/ is not beside the project)")
    figures = measure(rankers(shipped_catalog)["bot.search"], read_dev_queries(DEV_SET))["all"]
    return {"hit@1": figures.hit1, "hit@3": figures.hit3, "queries": figures.queries}


def test_dev_set_hit_at_3(dev_figures: dict[str, float]) -> None:
    assert dev_figures["queries"] > 0
    assert dev_figures["hit@3"] >= MIN_HIT_AT_3


def test_dev_set_hit_at_1(dev_figures: dict[str, float]) -> None:
    assert dev_figures["hit@1"] >= MIN_HIT_AT_1
