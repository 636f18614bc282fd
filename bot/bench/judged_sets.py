"""The verdict and intent sets: how often a search says `found`, and intent accuracy."""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.bench.dev_set import EVAL_DIR, DevQuery
from bot.search import SearchIndex, Verdict

NONE_SET = EVAL_DIR / "judge_none_dev.jsonl"  # things the catalog does not have
INTENT_SET = EVAL_DIR / "judge_intent_dev.jsonl"  # messages that are not product searches


@dataclass(frozen=True)
class Judged:
    id: str
    query: str
    style: str
    intent: str | None = None  # the expected intent, in the intent set


def read_judged(path: Path) -> list[Judged]:
    with path.open(encoding="utf-8") as file:
        rows = [json.loads(line) for line in file if line.strip()]
    return [Judged(row["id"], row["query"], row["style"], row.get("intent")) for row in rows]


def found_shares(
    index: SearchIndex, queries: Sequence[DevQuery] | Sequence[Judged]
) -> dict[str, float]:
    """Share of queries whose verdict is `found`, over all ("all") and per style."""
    found = [(q.style, index.search(q.query).verdict is Verdict.FOUND) for q in queries]
    styles = ["all", *sorted({style for style, _ in found})]
    return {style: _share([hit for s, hit in found if style in ("all", s)]) for style in styles}


def intent_accuracy(index: SearchIndex, queries: Sequence[Judged]) -> dict[str, float]:
    """Share of messages whose intent is the expected one, over all and per expected intent."""
    right = [(q.intent or "", index.search(q.query).intent == q.intent) for q in queries]
    intents = ["all", *sorted({intent for intent, _ in right})]
    return {i: _share([ok for intent, ok in right if i in ("all", intent)]) for i in intents}


def _share(flags: list[bool]) -> float:
    return sum(flags) / max(1, len(flags))
