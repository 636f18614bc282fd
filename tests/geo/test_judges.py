"""The public judge sets (copied from shared/eval into tests/geo/eval): `near --json` against the
shipped catalog must place landmarks, markets and streets, and mark as carrying a product only
points that stock a product the judge accepts."""

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from bot.config import DEFAULT_CATALOG_DIR

from .test_cli import near  # noqa: F401  (the fixture)

EVAL = Path(__file__).parent / "eval"
PLACES_FLOOR = 0.90
ALL_POINTS = "100"  # --limit: every point, so no carrier hides below the fold


def read_set(name: str) -> list[dict[str, Any]]:
    lines = (EVAL / name).read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def stocked_by_point() -> dict[str, set[str]]:
    stocked: defaultdict[str, set[str]] = defaultdict(set)
    with (DEFAULT_CATALOG_DIR / "stock.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            stocked[row["point"]].add(row["product"])
    return stocked


def placed_within(place: dict[str, Any], codes: set[str]) -> bool:
    """One of the codes, or candidates all within them."""
    if place["ward_code"]:
        return bool(place["ward_code"] in codes)
    candidates = {candidate["ward_code"] for candidate in place["candidates"]}
    return bool(candidates) and candidates <= codes


def test_landmarks_markets_and_streets_are_placed_in_their_wards(near: Any) -> None:  # noqa: F811
    cases = read_set("judge_places_dev.jsonl")
    missed = [
        case["query"]
        for case in cases
        if not placed_within(near(case["query"])["place"], set(case["expect_any_codes"]))
    ]
    assert 1 - len(missed) / len(cases) >= PLACES_FLOOR, missed


def test_every_point_marked_as_carrying_stocks_an_accepted_product(near: Any) -> None:  # noqa: F811
    stocked = stocked_by_point()
    wrong: list[str] = []
    unmarked: list[str] = []
    for case in read_set("judge_carries_dev.jsonl"):
        answer = near(case["place"], "--product", case["product_query"], "--limit", ALL_POINTS)
        accepted = set(case["accept"])
        marked = [point for point in answer["points"] if point["carries_product"]]
        wrong += [
            f"{case['id']}: {point['name']}"
            for point in marked
            if not stocked[point["name"]] & accepted
            or not set(point["carried_products"]) <= accepted
        ]
        located = {point["name"] for point in answer["points"]}
        if not marked and any(stocked[name] & accepted for name in located):
            unmarked.append(case["id"])
    assert wrong == []
    assert unmarked == []
