"""The terminal chat: what a person typing into it sees, with the echo bot on the other side."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator

import pytest

from bot.standin import Reply, SimUser, StandIn
from bot.standin.console import render, run_console

pytestmark = pytest.mark.usefixtures("echo_app")


async def typed(*lines: str) -> AsyncIterator[str]:
    for line in lines:
        yield line + "\n"


async def test_a_typed_conversation(standin: StandIn, ann: SimUser) -> None:
    screen = io.StringIO()

    await run_console(
        standin,
        ann,
        lines=typed("/start", "#9", "#1", "#1", "@21.03,105.85", "?honey", "??", "!quit", "after"),
        out=screen,
        settle=0.2,
    )

    shown = screen.getvalue()
    assert "OCOP Hà Nội ▸ Hello, Ann & <Co>! payload=[]\n    [1] More\n    [2] Share" in shown
    assert "OCOP Hà Nội ⓘ Got it" in shown
    assert "OCOP Hà Nội ✎ You pressed more" in shown
    assert "(no button 9; buttons: ['More', 'Share'])" in shown
    assert "(no message with an inline keyboard in this chat)" in shown
    assert "You are at 21.03,105.85" in shown
    assert 'inline "honey": 3 result(s)\n    1. honey #0' in shown
    assert "4. honey #3" not in shown and "    1. honey #3" in shown
    assert "after" not in shown


def test_rendering_venues_keyboards_and_links() -> None:
    where = {"latitude": 21.0245, "longitude": 105.8575}
    venue = {"title": "Showroom", "address": "1 Tràng Tiền", "location": where}
    keyboard = {"keyboard": [[{"text": "Share", "request_location": True}, {"text": "Cancel"}]]}
    link = {"type": "text_link", "offset": 3, "length": 3, "url": "https://t.me/b?start=p_1"}

    shown = [
        render(Reply("message", "sendVenue", {"venue": venue}), bot_name="Bot"),
        render(Reply("message", "sendMessage", {"text": "Hi"}, keyboard), bot_name="Bot"),
        render(
            Reply("message", "sendMessage", {"text": "😀 ong", "entities": [link]}), bot_name="Bot"
        ),
        render(Reply("callback_answer", "answerCallbackQuery", {"text": ""}), bot_name="Bot"),
    ]

    assert shown == [
        "Bot ▸ 📍 Showroom — 1 Tràng Tiền (21.02450, 105.85750)",
        "Bot ▸ Hi\n    ⌨ [Share] (type @lat,lon)  [Cancel]",
        "Bot ▸ 😀 ong\n    ↗ ong: https://t.me/b?start=p_1",
        "",
    ]
