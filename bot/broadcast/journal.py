"""Group commit: the row writes of many concurrent sends share one short transaction."""

import asyncio
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.broadcast.deliveries import RowOutcome, mark_sending, record
from bot.store.types import utc_now


class Journal:
    """Queues `sending` marks and outcomes; one task commits everything queued so far at once.

    Each caller resumes only after its write is committed. While one commit runs, the next
    writes gather, so the batch grows with the load: one commit per send at 25/s, dozens at
    1,000/s.
    """

    def __init__(self, *, engine: AsyncEngine, instance: str, lease: timedelta) -> None:
        self._engine = engine
        self._instance = instance
        self._lease = lease
        self._marks: dict[int, asyncio.Future[bool]] = {}
        self._outcomes: list[tuple[RowOutcome, int | None, asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def mark_sending(self, row_id: int) -> bool:
        """Commit the row as `sending`; False when it is no longer ours to send."""
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._marks[row_id] = future
        self._start_writer()
        return await future

    async def record(self, outcome: RowOutcome, *, blocked_chat: int | None = None) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._outcomes.append((outcome, blocked_chat, future))
        self._start_writer()
        await future

    def _start_writer(self) -> None:
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_all())

    async def _write_all(self) -> None:
        while self._marks or self._outcomes:
            marks, self._marks = self._marks, {}
            outcomes, self._outcomes = self._outcomes, []
            futures: list[asyncio.Future[Any]] = [*marks.values(), *(f for _, _, f in outcomes)]
            try:
                now = utc_now()
                async with self._engine.begin() as connection:
                    await record(
                        connection=connection,
                        outcomes=[outcome for outcome, _, _ in outcomes],
                        blocked_chats=[chat for _, chat, _ in outcomes if chat is not None],
                        instance=self._instance,
                        now=now,
                    )
                    marked = await mark_sending(
                        connection=connection,
                        ids=list(marks),
                        instance=self._instance,
                        now=now,
                        lease=self._lease,
                    )
            except Exception as error:
                for future in futures:
                    if not future.done():
                        future.set_exception(error)
                continue
            for row_id, mark in marks.items():
                if not mark.done():
                    mark.set_result(row_id in marked)
            for _, _, done in outcomes:
                if not done.done():
                    done.set_result(None)
