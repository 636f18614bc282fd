"""The broadcast sender: an asyncio task that delivers pending rows at a global rate.

Exactly once, as far as Telegram allows. A row goes pending → sending → sent (or failed,
blocked, or back to pending for a retry). `sending` is committed right before the HTTP call
(only the pacer's go comes in between, so calls leave at its pace) and the outcome right after
it; a row whose chat is no longer an active subscriber becomes `skipped` instead, checked with
the `sending` mark and again after a long wait for the pacer (at low rates). The `sending`
update is conditional (still pending, still leased to this sender), so a cancel, a second
sender or a second instance can never send the same row again: no chat gets an announcement
twice. Telegram has no idempotency key, so one window cannot be closed: the
process may die after the call left and before its outcome was committed, and then nobody can
know whether the message arrived. Rows left `sending` by a dead process (at our start-up, or
when its lease runs out) become `unconfirmed` and are NOT resent: at most once for them,
exactly once for every other row. A slot of `concurrency` is held from the `sending` commit
to the outcome commit, so one crash leaves at most `concurrency` rows unconfirmed (1 with
sequential sending). A read timeout is the same window seen by a live process (the request
left, no answer came back) and is treated the same way.

Interactive traffic keeps priority: every database step is a short transaction (outcomes are
group-committed), every send awaits the pacer, and the event loop is never blocked.
"""

import asyncio
import contextlib
import logging
import os
import socket
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.broadcast.announcements import (
    BroadcastReport,
    broadcast_report,
    due_scheduled,
    enqueue,
    stalled_enqueues,
)
from bot.broadcast.deliveries import (
    LEFT,
    Claimed,
    RowOutcome,
    claim,
    expire_abandoned,
    finish,
    next_due,
    release,
    subscribed_chats,
)
from bot.broadcast.journal import Journal
from bot.broadcast.outcomes import (
    Blocked,
    Delivered,
    FloodWait,
    MaybeDelivered,
    Outcome,
    Outgoing,
    Rejected,
    SendFunction,
    Transient,
)
from bot.broadcast.pacing import Pacer
from bot.broadcast.shared_rate import pacer_for
from bot.store.broadcast import Announcement, DeliveryStatus
from bot.store.db import session_factory
from bot.store.types import utc_now

logger = logging.getLogger(__name__)

RECHECK_AFTER = 1.0  # seconds waited for the pacer after which a chat's subscription is checked
FinishedCallback = Callable[[int, BroadcastReport], Awaitable[None]]


@dataclass(frozen=True)
class SenderOptions:
    rate: float = 25.0  # messages per second, all chats together
    # Rows between their `sending` commit and their outcome commit: the most that one crash can
    # leave unconfirmed. The send function may allow fewer HTTP calls in flight.
    concurrency: int = 8
    claim_batch: int = 200  # rows leased per claim
    lease: timedelta = timedelta(seconds=60)  # longer than any call (PTB's timeouts add up)
    max_attempts: int = 5  # calls that failed for a passing reason, then `failed`
    first_backoff: timedelta = timedelta(seconds=2)  # doubled after each failed call
    max_backoff: timedelta = timedelta(minutes=5)
    poll_seconds: float = 1.0  # look for scheduled and finished announcements this often
    stalled_enqueue: timedelta = timedelta(seconds=30)


class Sender:
    """Start with `start()`, stop with `stop()`; `wake()` after confirming an announcement."""

    def __init__(
        self,
        *,
        engine: AsyncEngine,
        send: SendFunction,
        on_finished: FinishedCallback | None = None,
        instance_id: str | None = None,
        options: SenderOptions = SenderOptions(),
        pacer: Pacer | None = None,
    ) -> None:
        # Give each instance a stable id (e.g. its hostname): after a crash, its rows left
        # `sending` are settled at once at restart instead of when their lease runs out.
        self.instance_id = instance_id or f"{socket.gethostname()}:{os.getpid()}"
        self.options = options
        self._engine = engine
        self._sessions = session_factory(engine)
        self._send = send
        self._on_finished = on_finished
        self._pacer = pacer or pacer_for(engine, rate=options.rate)
        self._journal = Journal(engine=engine, instance=self.instance_id, lease=options.lease)
        self._slots = asyncio.Semaphore(options.concurrency)
        self._work_ready = asyncio.Event()
        self._maintenance_due = asyncio.Event()
        # A task cancelled inside a database call can leave its pooled connection half-closed:
        # stop() cancels only tasks waiting for a slot or for the pacer; otherwise the loops see
        # `_stopping` between their database calls.
        self._stopping = False
        self._dispatcher_waiting = False
        self._in_flight: set[asyncio.Task[None]] = set()
        self._waiting_for_pacer: set[asyncio.Task[Any]] = set()
        self._loops: list[asyncio.Task[None]] = []
        self._messages: dict[int, Announcement] = {}

    async def start(self) -> None:
        """Settle what a previous life of this instance left, then run in the background."""
        now = utc_now()
        async with self._engine.begin() as connection:
            unconfirmed = await expire_abandoned(
                connection=connection, now=now, previous_life_of=self.instance_id
            )
            await release(connection=connection, instance=self.instance_id)
        if unconfirmed:
            logger.warning(
                "%d deliveries were in flight at the last stop: unconfirmed", unconfirmed
            )
        async with self._sessions() as session:
            for announcement_id in await stalled_enqueues(session=session, idle_since=now):
                await enqueue(session=session, announcement_id=announcement_id)
        self._loops = [
            asyncio.create_task(self._dispatch_loop(), name="broadcast-dispatch"),
            asyncio.create_task(self._maintenance_loop(), name="broadcast-maintenance"),
        ]

    async def stop(self) -> None:
        """Stop taking rows, let the calls in flight finish and record, give back leased rows."""
        self._stopping = True
        self.wake()
        if self._loops and self._dispatcher_waiting:
            self._loops[0].cancel()
        for waiting in self._waiting_for_pacer:
            waiting.cancel()
        await asyncio.gather(*self._loops, return_exceptions=True)
        await asyncio.gather(*self._in_flight, return_exceptions=True)
        async with self._engine.begin() as connection:
            await release(connection=connection, instance=self.instance_id)

    def wake(self) -> None:
        """Look for work now rather than at the next poll (after a confirm, for instance)."""
        self._work_ready.set()
        self._maintenance_due.set()

    async def _dispatch_loop(self) -> None:
        while not self._stopping:
            try:
                claimed = await self._claim()
                if not claimed:
                    await self._idle()
            except Exception:
                logger.exception("could not claim deliveries")
                await _wait(self._work_ready, self.options.poll_seconds)
                continue
            for row in claimed:
                if self._stopping:
                    break
                self._dispatcher_waiting = True
                try:
                    await self._slots.acquire()
                finally:
                    self._dispatcher_waiting = False
                task = asyncio.create_task(self._deliver(row))
                self._in_flight.add(task)
                task.add_done_callback(self._in_flight.discard)

    async def _claim(self) -> list[Claimed]:
        async with self._engine.begin() as connection:
            return await claim(
                connection=connection,
                instance=self.instance_id,
                now=utc_now(),
                limit=self.options.claim_batch,
                lease=self.options.lease,
            )

    async def _idle(self) -> None:
        """Wait for a wake-up, the poll interval, or the next retry falling due."""
        self._maintenance_due.set()  # the last rows may just have become final
        timeout = self.options.poll_seconds
        async with self._engine.connect() as connection:
            due_at = await next_due(connection=connection)
        if due_at is not None:
            timeout = min(timeout, max((due_at - utc_now()).total_seconds(), 0.0))
        await _wait(self._work_ready, timeout)

    async def _deliver(self, row: Claimed) -> None:
        try:
            message = await self._message(row)
            if not await self._journal.mark_sending(row.id):
                return  # cancelled, or leased to another sender after our lease ran out
            waited_from = time.monotonic()
            if not await self._paced():
                # Stopping while waiting for the pacer: never sent, so pending again.
                await self._journal.record(
                    RowOutcome(row.id, DeliveryStatus.PENDING, False, utc_now())
                )
                return
            waited = time.monotonic() - waited_from
            # At a low rate the pacer's queue is long: ask again whether the chat left meanwhile.
            # Not at every send, which would put a database round trip between the pacer and
            # every call; one query of its own, since batched answers would release calls in
            # bunches.
            if waited > RECHECK_AFTER and not await self._still_subscribed(row.chat_id):
                skipped = RowOutcome(row.id, DeliveryStatus.SKIPPED, False, utc_now(), error=LEFT)
                await self._journal.record(skipped)
                return
            outcome = await self._call(message)
            if isinstance(outcome, FloodWait):
                self._pacer.slow_down(pause=outcome.retry_after)
            blocked = row.chat_id if isinstance(outcome, Blocked) else None
            await self._journal.record(self._row_outcome(row, outcome), blocked_chat=blocked)
        except Exception:
            # The row stays `sending`; it becomes `unconfirmed` when its lease runs out.
            logger.exception("delivery %d: could not record its state", row.id)
        finally:
            self._slots.release()
            if len(self._in_flight) <= 1:
                self._maintenance_due.set()

    async def _still_subscribed(self, chat_id: int) -> bool:
        async with self._engine.connect() as connection:
            return bool(await subscribed_chats(connection=connection, chat_ids=[chat_id]))

    async def _paced(self) -> bool:
        """Wait for the pacer right before the call, so that calls leave at its pace; False
        when stop() came first."""
        if self._stopping:
            return False
        waiting = asyncio.ensure_future(self._pacer.take())
        self._waiting_for_pacer.add(waiting)
        try:
            await waiting
        except asyncio.CancelledError:
            if not waiting.cancelled():
                raise
            return False
        finally:
            self._waiting_for_pacer.discard(waiting)
        return True

    async def _message(self, row: Claimed) -> Outgoing:
        announcement = self._messages.get(row.announcement_id)
        if announcement is None:
            async with self._sessions() as session:
                announcement = await session.get(Announcement, row.announcement_id)
            if announcement is None:
                raise LookupError(f"announcement {row.announcement_id} is gone")
            if len(self._messages) >= 64:
                self._messages.pop(next(iter(self._messages)))
            self._messages[row.announcement_id] = announcement
        return Outgoing(chat_id=row.chat_id, text=announcement.text, photo=announcement.photo)

    async def _call(self, message: Outgoing) -> Outcome:
        try:
            return await self._send(message)
        except Exception as error:
            logger.exception("sending to chat %d failed unexpectedly", message.chat_id)
            return MaybeDelivered(f"unexpected error: {error!r}")

    def _row_outcome(self, row: Claimed, outcome: Outcome) -> RowOutcome:
        now = utc_now()
        match outcome:
            case Delivered(message_id):
                return RowOutcome(row.id, DeliveryStatus.SENT, True, now, message_id, sent_at=now)
            case FloodWait(retry_after):
                due = now + timedelta(seconds=retry_after)
                error = f"429: retry after {retry_after:g} s"
                return RowOutcome(row.id, DeliveryStatus.PENDING, False, due, error=error)
            case Transient(reason) if row.attempts + 1 < self.options.max_attempts:
                due = now + self._backoff(row.attempts + 1)
                return RowOutcome(row.id, DeliveryStatus.PENDING, True, due, error=reason)
            case Transient(reason) | Rejected(reason):
                return RowOutcome(row.id, DeliveryStatus.FAILED, True, now, error=reason)
            case Blocked(reason):
                return RowOutcome(row.id, DeliveryStatus.BLOCKED, True, now, error=reason)
            case MaybeDelivered(reason):
                return RowOutcome(row.id, DeliveryStatus.UNCONFIRMED, True, now, error=reason)

    def _backoff(self, failed_calls: int) -> timedelta:
        doubled = self.options.first_backoff * (1 << (failed_calls - 1))
        return min(doubled, self.options.max_backoff)

    async def _maintenance_loop(self) -> None:
        while not self._stopping:
            try:
                await self._maintain()
            except Exception:
                logger.exception("broadcast maintenance failed")
            await _wait(self._maintenance_due, self.options.poll_seconds)

    async def _maintain(self) -> None:
        """Fire due scheduled announcements, resume stalled ones, settle dead senders' rows,
        and report the announcements whose last row became final."""
        now = utc_now()
        async with self._sessions() as session:
            if await due_scheduled(session=session, now=now):
                self._work_ready.set()
            for stalled in await stalled_enqueues(
                session=session, idle_since=now - self.options.stalled_enqueue
            ):
                await enqueue(session=session, announcement_id=stalled)
        async with self._engine.begin() as connection:
            await expire_abandoned(connection=connection, now=now)
            finished = await finish(connection=connection, now=now)
        for announcement_id in finished:
            await self._report(announcement_id)

    async def _report(self, announcement_id: int) -> None:
        if self._on_finished is None:
            return
        async with self._sessions() as session:
            report = await broadcast_report(session=session, announcement_id=announcement_id)
        if report is None:
            return
        try:
            await self._on_finished(announcement_id, report)
        except Exception:
            logger.exception("the finished-announcement callback failed for %d", announcement_id)


async def _wait(event: asyncio.Event, seconds: float) -> None:
    """Wait until `event` is set or `seconds` pass, then clear it."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(event.wait(), seconds)
    event.clear()
