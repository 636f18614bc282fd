"""The public development sets (copied into eval/): hit@3 and hit@1 floors, `found` verdicts
where the catalog has the answer and where it has not, and intent accuracy."""

from pathlib import Path

import pytest

from bot.bench.dev_set import DEV_SET, DEV_SET_V2, measure, rankers, read_dev_queries
from bot.bench.judged_sets import (
    INTENT_SET,
    NONE_SET,
    found_shares,
    intent_accuracy,
    read_judged,
)
from bot.search import SearchIndex
from bot.store.catalog import Catalog

MIN_HIT_AT_3 = 0.95
MIN_HIT_AT_1 = 0.85
MIN_V2_HIT_AT_3 = 0.90  # chatty sentences, Telex/VNI, abbreviations, descriptions, gifts
MAX_FOUND_WITHOUT_ANSWER = 0.05
MIN_FOUND_WITH_ANSWER = 0.95
MIN_INTENT_ACCURACY = 0.90


def test_dev_set_hit_at_3_and_hit_at_1(shipped_catalog: Catalog) -> None:
    figures = measure(rankers(shipped_catalog)["bot.search"], read_dev_queries(DEV_SET))["all"]
    assert figures.queries == 73
    assert figures.hit3 >= MIN_HIT_AT_3
    assert figures.hit1 >= MIN_HIT_AT_1


def test_the_way_people_type_hit_at_3(shipped_catalog: Catalog) -> None:
    queries = read_dev_queries(DEV_SET_V2)
    figures = measure(rankers(shipped_catalog)["bot.search"], queries)
    assert figures["all"].queries == 90
    assert figures["all"].hit3 >= MIN_V2_HIT_AT_3


@pytest.mark.parametrize("path", [DEV_SET, DEV_SET_V2], ids=["v1", "v2"])
def test_answerable_queries_are_found(shipped_index: SearchIndex, path: Path) -> None:
    shares = found_shares(shipped_index, read_dev_queries(path))
    assert shares["all"] >= MIN_FOUND_WITH_ANSWER


def test_things_the_catalog_lacks_are_not_found(shipped_index: SearchIndex) -> None:
    requests = read_judged(NONE_SET)
    assert len(requests) == 15
    assert found_shares(shipped_index, requests)["all"] <= MAX_FOUND_WITHOUT_ANSWER


def test_messages_that_are_not_searches_get_their_intent(shipped_index: SearchIndex) -> None:
    messages = read_judged(INTENT_SET)
    assert len(messages) == 16
    assert intent_accuracy(shipped_index, messages)["all"] >= MIN_INTENT_ACCURACY
