"""The naive searches ours is measured against: rapidfuzz scans and SQLite FTS5 trigram."""

import sqlite3
from collections.abc import Callable, Sequence
from typing import Protocol

from rapidfuzz import fuzz, process, utils

from bot.store.models import Product
from bot.vietnamese import fold

MIN_TRIGRAM_WORD = 3  # a trigram index cannot match a shorter word


class Baseline(Protocol):
    label: str

    def search(self, text: str, limit: int) -> list[int]:
        """Positions of the best `limit` products for `text`."""
        ...


class WRatioScan:
    """rapidfuzz WRatio of the query against every Vietnamese name, the default processor."""

    label = "rapidfuzz WRatio"

    def __init__(self, products: Sequence[Product]) -> None:
        self._names = [p.name_vi for p in products]

    def search(self, text: str, limit: int) -> list[int]:
        hits = process.extract(
            text, self._names, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit
        )
        return [index for _, _, index in hits]


class TokenSetScan:
    """rapidfuzz token_set_ratio of the folded query against the folded vi + en names."""

    label = "rapidfuzz token_set"

    def __init__(self, products: Sequence[Product]) -> None:
        self._names = [fold(f"{p.name_vi} {p.name_en}") for p in products]

    def search(self, text: str, limit: int) -> list[int]:
        hits = process.extract(fold(text), self._names, scorer=fuzz.token_set_ratio, limit=limit)
        return [index for _, _, index in hits]


class TrigramFts:
    """SQLite FTS5 with the trigram tokenizer over the folded names, the query's words OR-ed."""

    label = "SQLite FTS5 trigram"

    def __init__(self, products: Sequence[Product]) -> None:
        self._db = sqlite3.connect(":memory:")
        self._db.execute("CREATE VIRTUAL TABLE names USING fts5(name, tokenize='trigram')")
        self._db.executemany(
            "INSERT INTO names(rowid, name) VALUES (?, ?)",
            ((i, fold(f"{p.name_vi} {p.name_en}")) for i, p in enumerate(products)),
        )
        self._db.commit()

    def size_bytes(self) -> int:
        pages = self._db.execute("PRAGMA page_count").fetchone()[0]
        page_size = self._db.execute("PRAGMA page_size").fetchone()[0]
        return int(pages) * int(page_size)

    def search(self, text: str, limit: int) -> list[int]:
        words = [w for w in utils.default_process(fold(text)).split() if len(w) >= MIN_TRIGRAM_WORD]
        if not words:
            return []
        match = " OR ".join(f'"{word}"' for word in words)
        rows = self._db.execute(
            "SELECT rowid FROM names WHERE names MATCH ? ORDER BY rank LIMIT ?", (match, limit)
        )
        return [int(rowid) for (rowid,) in rows]


BASELINES: tuple[Callable[[Sequence[Product]], Baseline], ...] = (
    WRatioScan,
    TokenSetScan,
    TrigramFts,
)
