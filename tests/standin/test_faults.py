"""Injected faults reach python-telegram-bot as the exceptions real Telegram failures raise."""

from __future__ import annotations

import datetime as dtm

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.standin import Fault, FaultPlan, SimUser, StandIn


async def test_flood_fault_raises_retry_after_once(
    bot: Bot, ann: SimUser, standin: StandIn
) -> None:
    standin.faults.inject(Fault.flood(retry_after=7), method="sendMessage")

    with pytest.raises(RetryAfter) as flood:
        await bot.send_message(ann.id, "first")
    await bot.send_message(ann.id, "second")

    assert flood.value.retry_after == dtm.timedelta(seconds=7)
    assert [reply.text for reply in ann.replies()] == ["second"]
    assert [(c.status, c.injected) for c in standin.calls_to("sendMessage")] == [
        (429, True),
        (200, False),
    ]
    assert standin.calls_to("sendMessage")[0].description == "Too Many Requests: retry after 7"


async def test_fault_counts_and_method_filter(bot: Bot, ann: SimUser, standin: StandIn) -> None:
    standin.faults.inject(Fault.blocked(), times=2, method="sendMessage")

    assert await bot.send_venue(ann.id, 21.0, 105.8, "Venue", "Address")
    for _ in range(2):
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(ann.id, "blocked")
    assert await bot.send_message(ann.id, "through")


async def test_fault_for_one_chat_spares_the_others(
    bot: Bot, ann: SimUser, standin: StandIn
) -> None:
    bob = standin.user(id=2002, first_name="Bob")
    standin.faults.inject(Fault.bad_request(), times=5, chat_id=bob.id)

    assert await bot.send_message(ann.id, "hi Ann")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(bob.id, "hi Bob")


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_server_errors_are_network_errors(
    bot: Bot, ann: SimUser, standin: StandIn, status: int
) -> None:
    standin.faults.inject(Fault.server_error(status))

    with pytest.raises(NetworkError):
        await bot.send_message(ann.id, "hi")
    assert ann.replies() == []


async def test_timeout_loses_the_request(bot: Bot, ann: SimUser, standin: StandIn) -> None:
    standin.faults.inject(Fault.timeout(0.5))

    with pytest.raises(TimedOut):
        await bot.send_message(ann.id, "lost", read_timeout=0.1)
    await standin.stop()

    assert ann.replies() == []


async def test_slow_answer_times_out_but_the_message_arrives(
    bot: Bot, ann: SimUser, standin: StandIn
) -> None:
    standin.faults.inject(Fault.slow(0.3))

    with pytest.raises(TimedOut):
        await bot.send_message(ann.id, "late", read_timeout=0.1)

    assert (await ann.next_reply(within=2)).text == "late"


async def test_rate_faults_hit_a_seeded_share_of_calls(
    bot: Bot, ann: SimUser, standin: StandIn
) -> None:
    standin.faults.inject_rate(Fault.server_error(502), rate=0.3, method="sendMessage")
    failures = 0

    for number in range(100):
        try:
            await bot.send_message(ann.id, str(number))
        except NetworkError:
            failures += 1

    assert 10 < failures < 50
    assert len(ann.replies()) == 100 - failures


def test_rates_repeat_with_the_same_seed() -> None:
    def pattern(seed: int) -> list[bool]:
        plan = FaultPlan(seed=seed)
        plan.inject_rate(Fault.flood(), rate=0.5)
        return [plan.pick("sendMessage", 1) is not None for _ in range(64)]

    assert pattern(1) == pattern(1)
    assert pattern(1) != pattern(2)


async def test_send_rate_limit_answers_429_beyond_the_pace(
    bot: Bot, ann: SimUser, standin: StandIn
) -> None:
    standin.faults.limit_sends(per_second=5)
    outcomes = []

    for number in range(8):
        try:
            await bot.send_message(ann.id, str(number))
            outcomes.append("sent")
        except RetryAfter:
            outcomes.append("429")
    await bot.send_chat_action(ann.id, "typing")

    assert outcomes == ["sent"] * 5 + ["429"] * 3
    assert standin.calls_to("sendMessage")[-1].description == "Too Many Requests: retry after 1"
    assert standin.refused() == []
