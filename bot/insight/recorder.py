"""The recorder: handlers hand it records, it keeps them in memory and writes them in batches.

`record` only appends to a list (a few microseconds), so a reply never waits for the
database; `flush` (a background job every few seconds, and at shutdown) writes the batch in
one INSERT. A failed write is logged and the batch kept for the next flush, up to
`max_buffered` records; beyond that the oldest are dropped rather than the bot's memory grown.
"""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.geo.hanoi import VIETNAM_TIME, inside_hanoi, nearest_unit
from bot.insight.events import (
    TOP_PRODUCTS,
    AskRecord,
    CardEvent,
    NearEvent,
    SearchEvent,
    SubscriptionEvent,
)
from bot.insight.rollup import purge_rollup
from bot.store.insight import ask_event_table
from bot.vietnamese import normalize

logger = logging.getLogger(__name__)
TEXT_LIMIT = 200


class DailySalt:
    """A random salt per Vietnam day, kept only in memory and replaced when the day changes, so a
    visitor hash links one person's questions within a day and never across days."""

    def __init__(self) -> None:
        self._day: date | None = None
        self._salt = b""

    def visitor(self, user_id: int, at: datetime) -> str:
        day = at.astimezone(VIETNAM_TIME).date()
        if day != self._day:
            self._day, self._salt = day, secrets.token_bytes(16)
        digest = hashlib.blake2b(user_id.to_bytes(8, "big", signed=True), key=self._salt)
        return digest.hexdigest()[:16]


@dataclass(frozen=True)
class _Pending:
    record: AskRecord
    visitor: str | None


class Recorder:
    def __init__(self, *, max_buffered: int = 50_000) -> None:
        self.max_buffered = max_buffered
        self._salt = DailySalt()
        self._buffer: list[_Pending] = []
        self.dropped = 0  # records lost to a full buffer since start

    def record(self, record: AskRecord, *, user_id: int | None = None) -> None:
        """Keep `record` for the next flush; `user_id` is only hashed with today's salt."""
        visitor = self._salt.visitor(user_id, record.at) if user_id is not None else None
        self._buffer.append(_Pending(record, visitor))
        if len(self._buffer) > self.max_buffered:
            excess = len(self._buffer) - self.max_buffered
            del self._buffer[:excess]
            self.dropped += excess

    @property
    def buffered(self) -> int:
        return len(self._buffer)

    async def flush(self, engine: AsyncEngine) -> int:
        """Write what is buffered in one transaction; the number of rows written (0 on failure,
        when the records stay buffered for the next flush)."""
        batch, self._buffer = self._buffer, []
        if not batch:
            return 0
        try:
            async with engine.begin() as connection:
                await connection.execute(sa.insert(ask_event_table), [row(p) for p in batch])
        except Exception:
            logger.exception(
                "could not write %d insight records; kept for the next try", len(batch)
            )
            self._buffer[:0] = batch
            del self._buffer[: max(len(self._buffer) - self.max_buffered, 0)]
            return 0
        return len(batch)


def row(pending: _Pending) -> dict[str, Any]:
    """The askevent row of a record: normalised, the location reduced to its ward."""
    record = pending.record
    values: dict[str, Any] = {
        "at": record.at,
        "day": record.at.astimezone(VIETNAM_TIME).date(),
        "language": record.language,
        "visitor": pending.visitor,
        "text": None,
        "intent": None,
        "verdict": None,
        "product_ids": "",
        "target_id": None,
        "ward_code": None,
    }
    match record:
        case SearchEvent():
            values |= {
                "kind": "search",
                "text": normalize(record.text)[:TEXT_LIMIT] or record.text[:TEXT_LIMIT],
                "intent": record.intent,
                "verdict": record.verdict,
                "product_ids": ",".join(map(str, record.product_ids[:TOP_PRODUCTS])),
                "ward_code": record.ward_code,
            }
        case CardEvent():
            values |= {"kind": record.kind, "target_id": record.target_id}
        case NearEvent():
            values |= {"kind": "near", "ward_code": record.ward_code or _ward_of(record.location)}
        case SubscriptionEvent():
            values |= {"kind": "subscribe" if record.joined else "unsubscribe"}
    return values


def _ward_of(location: tuple[float, float] | None) -> str | None:
    if location is None or not inside_hanoi(location):
        return None
    return nearest_unit(location)[0].code


async def purge(engine: AsyncEngine, *, now: datetime, retention_days: int) -> int:
    """Delete records (and their rollup) older than `retention_days`; how many records went."""
    cutoff = now - timedelta(days=retention_days)
    async with engine.begin() as connection:
        deleted = await connection.execute(
            sa.delete(ask_event_table).where(ask_event_table.c.at < cutoff)
        )
        await purge_rollup(connection, before=cutoff.astimezone(VIETNAM_TIME).date())
    return deleted.rowcount
