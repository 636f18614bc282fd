"""A real python-telegram-bot Application polls the stand-in over HTTP; users talk to it."""

from __future__ import annotations

import pytest
from telegram.error import Forbidden

from bot.lifecycle import AnyApplication
from bot.standin import Fault, SimUser, StandIn

pytestmark = pytest.mark.usefixtures("echo_app")


async def test_start_with_payload_gets_formatted_reply_with_buttons(ann: SimUser) -> None:
    await ann.send_command("/start p_12")

    reply = await ann.next_reply()

    assert reply.kind == "message"
    assert reply.text == "Hello, Ann & <Co>! payload=[p_12]"
    assert reply.data["entities"] == [{"type": "bold", "offset": 7, "length": 10}]
    assert [[button.text for button in row] for row in reply.buttons] == [["More"], ["Share"]]
    assert reply.data["from"]["is_bot"] is True


async def test_button_press_is_answered_and_edits_the_message(ann: SimUser) -> None:
    await ann.send_command("/start")
    menu = await ann.next_reply()

    query_id = await ann.press("More")

    answer = await ann.next_reply(kinds={"callback_answer"})
    edit = await ann.next_reply(kinds={"edit"})
    assert answer.data["callback_query_id"] == query_id
    assert answer.text == "Got it"
    assert edit.message_id == menu.message_id
    assert edit.text == "You pressed more"
    assert edit.buttons == []


async def test_deep_link_button_sends_start_with_its_payload(ann: SimUser) -> None:
    await ann.send_command("/start")
    await ann.next_reply()

    await ann.press("Share")

    assert "payload=[shared]" in (await ann.next_reply()).text


async def test_text_is_echoed_with_html_escaped(ann: SimUser) -> None:
    await ann.send_text("a < b && c > d")

    assert (await ann.next_reply()).text == "a < b && c > d"


async def test_location_button_on_reply_keyboard_shares_coordinates(ann: SimUser) -> None:
    await ann.send_command("/where")
    question = await ann.next_reply()
    assert question.keyboard is not None
    assert ann.keyboard == question.keyboard

    await ann.tap("Share my location", location=(21.0285, 105.8542))

    assert (await ann.next_reply()).text == "You are at 21.0285,105.8542"
    assert ann.keyboard is None


async def test_inline_query_pages_through_results(ann: SimUser) -> None:
    first = await ann.inline_query("honey")
    second = await ann.inline_query("honey", offset=first.data["next_offset"])

    assert [result["title"] for result in first.results] == ["honey #0", "honey #1", "honey #2"]
    assert [result["title"] for result in second.results] == ["honey #3", "honey #4", "honey #5"]
    assert ann.unread() == []


async def test_blocking_tells_the_bot_and_later_sends_are_forbidden(
    ann: SimUser, echo_app: AnyApplication, standin: StandIn
) -> None:
    await ann.block()
    await ann.unblock()
    await ann.block()

    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await echo_app.bot.send_message(ann.id, "news")
    refusal = standin.refused()[-1].description
    await ann.unblock()
    await ann.send_command("/start")
    await ann.next_reply()  # updates are handled in order: the membership changes came first

    assert echo_app.bot_data["membership"] == [
        (ann.id, "kicked"),
        (ann.id, "member"),
        (ann.id, "kicked"),
        (ann.id, "member"),
    ]
    assert refusal == "Forbidden: bot was blocked by the user"


async def test_a_blocked_user_cannot_write(ann: SimUser) -> None:
    await ann.block()

    with pytest.raises(RuntimeError, match="blocked the bot"):
        await ann.send_text("hi")


async def test_no_call_was_refused_in_a_normal_conversation(ann: SimUser, standin: StandIn) -> None:
    await ann.send_command("/start")
    await ann.next_reply()
    await ann.press(1)
    await ann.next_reply(kinds={"edit"})

    assert standin.refused() == []
    assert [call.method for call in standin.calls if call.method != "getUpdates"] == [
        "getMe",
        "deleteWebhook",
        "sendMessage",
        "answerCallbackQuery",
        "editMessageText",
    ]


async def test_a_flood_fault_without_method_hits_the_reply_not_the_polling(
    ann: SimUser, standin: StandIn
) -> None:
    standin.faults.inject(Fault.flood(retry_after=3))

    await ann.send_command("/start first")
    await ann.send_command("/start second")

    assert "payload=[second]" in (await ann.next_reply()).text
    assert [call.status for call in standin.calls_to("sendMessage")] == [429, 200]


async def test_longest_text_a_user_can_send_is_echoed_whole(ann: SimUser) -> None:
    with pytest.raises(ValueError, match="cannot send a text of 4097 characters"):
        await ann.send_text("ậ" * 4097)
    await ann.send_text("ậ" * 4096)

    assert (await ann.next_reply()).text == "ậ" * 4096
