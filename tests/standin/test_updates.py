"""getUpdates as Telegram serves it: offsets confirm, allowed_updates filter, long polls wake."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import Conflict, InvalidToken

from bot.standin import SimUser, StandIn


async def test_offset_confirms_and_negative_offset_keeps_the_tail(bot: Bot, ann: SimUser) -> None:
    for text in ("a", "b", "c"):
        await ann.send_text(text)

    updates = await bot.get_updates()
    after_first = await bot.get_updates(offset=updates[1].update_id)
    tail = await bot.get_updates(offset=-1)
    after_all = await bot.get_updates(offset=updates[2].update_id + 1)

    assert [u.message.text for u in updates if u.message] == ["a", "b", "c"]
    assert [u.message.text for u in after_first if u.message] == ["b", "c"]
    assert [u.message.text for u in tail if u.message] == ["c"]
    assert after_all == ()


async def test_allowed_updates_drop_other_kinds(bot: Bot, ann: SimUser) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
    await bot.send_message(ann.id, "menu", reply_markup=keyboard)
    await ann.send_text("kept out")
    await ann.press("A")

    only_presses = await bot.get_updates(allowed_updates=["callback_query"])
    await ann.send_text("also kept out")
    still_only_presses = await bot.get_updates()

    assert [u.callback_query.data for u in only_presses if u.callback_query] == ["a"]
    assert [u.to_dict().keys() - {"update_id"} for u in only_presses] == [{"callback_query"}]
    assert [u.update_id for u in still_only_presses] == [u.update_id for u in only_presses]


async def test_long_poll_returns_as_soon_as_an_update_arrives(bot: Bot, ann: SimUser) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await asyncio.sleep(0.05)
    await ann.send_text("wake up")

    async with asyncio.timeout(5):
        updates = await poll

    assert [u.message.text for u in updates if u.message] == ["wake up"]


async def test_a_second_poller_ends_the_first_with_conflict(bot: Bot, standin: StandIn) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=30))
    await asyncio.sleep(0.05)
    async with Bot(standin.token, base_url=standin.base_url) as second:
        assert await second.get_updates() == ()

    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first


async def test_webhook_blocks_polling_until_deleted(bot: Bot, ann: SimUser) -> None:
    await ann.send_text("pending")
    await bot.set_webhook("https://bot.example.com/hook")

    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count) == ("https://bot.example.com/hook", 1)
    await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()


async def test_raw_http_json_get_404_and_wrong_token(standin: StandIn, ann: SimUser) -> None:
    root = f"{standin.base_url}{standin.token}"
    async with httpx.AsyncClient() as client:
        by_json = await client.post(f"{root}/sendmessage", json={"chat_id": ann.id, "text": "J"})
        by_query = await client.get(f"{root}/getMe")
        unknown = await client.post(f"{root}/sendTelepathy")
        wrong_token = await client.post(f"{standin.base_url}1:wrong/getMe")

    assert by_json.json()["result"]["text"] == "J"
    assert by_query.json()["result"]["username"] == "ocop_standin_bot"
    assert (unknown.status_code, unknown.json()) == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found"},
    )
    assert wrong_token.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}


async def test_wrong_token_is_invalid_token_for_ptb(standin: StandIn) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("1:wrong", base_url=standin.base_url):
            pass
