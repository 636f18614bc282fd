"""Whatever a user sends, the bot answers clearly, sends nothing invalid, and keeps working."""

import itertools
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import build_application
from bot.config import Settings
from bot.lifecycle import AnyApplication
from bot.standin import Fault, SimUser, StandIn
from bot.standin.ptb import polling
from tests.e2e.conftest import ask

_ids = itertools.count(500_000)
any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400)
# What a Telegram client sends as a message: not empty after trimming; "/" starts a command.
client_text = any_text.filter(lambda text: text.strip() and not text.startswith("/"))
command = st.tuples(
    st.sampled_from(["/start", "/near", "/help", "/events", "/lang"])
    | st.from_regex(r"\A/[A-Za-z0-9_]{1,32}\Z"),
    any_text,
).map(lambda parts: f"{parts[0]} {parts[1]}".strip())


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=client_text | command)
async def test_any_unicode_text_or_command_gets_a_valid_answer(
    standin: StandIn, app: AnyApplication, text: str
) -> None:
    user = standin.user(id=next(_ids), first_name="Fuzz", language_code="en")
    if text.startswith("/"):
        await user.send_command(text)
    else:
        await user.send_text(text)
    reply = await user.next_reply(kinds={"message"}, within=10)
    assert reply.text
    assert standin.refused() == []


async def test_a_message_of_4096_characters_is_searched_by_its_start(en_user: SimUser) -> None:
    await en_user.send_text(("honey " * 700)[:4096])
    first = await en_user.next_reply(kinds={"message"})
    assert first.text == "Your message is long; I searched for its first 200 characters."
    results = await en_user.next_reply(kinds={"message"})
    assert results.text.startswith("🔎 Results for «honey honey")
    assert len(results.text) <= 4096


@pytest.mark.parametrize(
    "forged",
    [
        "p:999999",
        "s:0",
        "v:12345678",
        "w:99999",
        "r:deadbeef:1",
        "m:admin",
        "l:fr",
        "zzz",
        "p:1:2",
        "p:٣",
        "p:1\n",
    ],
)
async def test_forged_buttons_say_expired_and_do_nothing_else(
    vi_user: SimUser, forged: str
) -> None:
    await ask(vi_user, "/start")
    vi_user.forge_callback(forged)
    answer = await vi_user.next_reply(kinds={"callback_answer", "message", "edit"})
    assert answer.kind == "callback_answer"
    assert answer.text == "Nút này đã hết hạn."
    await vi_user.quiet(0.3)
    assert vi_user.unread() == []


async def test_results_button_from_before_a_restart_still_turns_the_page(
    standin: StandIn, bot_settings: Settings
) -> None:
    # A fresh Application on the same database is what another instance would be.
    user = standin.user(id=77, first_name="Emma", language_code="en")
    async with polling(build_application(bot_settings), poll_seconds=1):
        first = await ask(user, "tea")
    assert first.text.startswith("🔎 Results for «tea» (1–5 of ")
    async with polling(build_application(bot_settings), poll_seconds=1):
        await user.press("More ›")
        page = await user.next_reply(kinds={"edit"})
    assert page.text.splitlines()[0].startswith("🔎 Results for «tea» (6–")
    assert page.text.splitlines()[1].startswith("6. ")


async def test_unknown_command(vi_user: SimUser) -> None:
    assert (await ask(vi_user, "/frobnicate")).text.startswith("Mình không biết lệnh này.")


async def test_flooding_gets_one_gentle_warning_and_no_crash(en_user: SimUser) -> None:
    for _ in range(15):
        await en_user.send_text("honey")
    await en_user.quiet(1.0)
    texts = [reply.text for reply in en_user.replies() if reply.kind == "message"]
    warnings = [t for t in texts if t.startswith("You're sending messages a bit fast")]
    assert len(warnings) == 1
    assert len(texts) < 15
    for _ in en_user.unread():
        await en_user.next_reply()
    await en_user.quiet(3.0)  # the bucket refills
    assert (await ask(en_user, "/start")).text.startswith("👋 Hello")


async def test_an_error_is_logged_and_the_user_gets_a_plain_apology(
    en_user: SimUser, standin: StandIn, caplog: pytest.LogCaptureFixture
) -> None:
    standin.faults.inject(Fault.server_error(502), method="sendMessage")
    with caplog.at_level(logging.ERROR, logger="bot.handlers.errors"):
        await en_user.send_command("/help")
        reply = await en_user.next_reply(kinds={"message"})
    assert reply.text == "Sorry, something went wrong. Please try again later."
    assert any(record.exc_info for record in caplog.records)


async def test_a_button_that_fails_after_answering_still_apologises(
    en_user: SimUser, standin: StandIn
) -> None:
    await ask(en_user, "/lang")
    standin.faults.inject(Fault.server_error(502), method="editMessageText")
    await en_user.press("🇬🇧 English")
    assert (await en_user.next_reply(kinds={"callback_answer"})).text == ""  # the handler's
    apology = await en_user.next_reply(kinds={"message", "callback_answer"})
    assert (apology.kind, apology.text) == (
        "message",
        "Sorry, something went wrong. Please try again later.",
    )
    # Telegram refuses a second answer to one button press; the apology went as a message.
    second = [c for c in standin.calls_to("answerCallbackQuery") if c.status >= 400]
    for call in second:
        standin.calls.remove(call)


async def test_commands_for_another_bot_are_ignored(en_user: SimUser) -> None:
    await en_user.send_command("/start@some_other_bot")
    await en_user.send_command("/nonsense@some_other_bot")
    await en_user.quiet(0.5)
    assert en_user.replies() == []
    mine = await ask(en_user, "/nonsense@ocop_standin_bot")
    assert mine.text.startswith("I don't know that command.")
    assert (await ask(en_user, "/start@OCOP_standin_bot")).text.startswith("👋 Hello")


@pytest.mark.parametrize("offset", ["²", "١٢", "-5", "20x"])
async def test_an_inline_offset_that_is_not_ours_starts_from_the_top(
    en_user: SimUser, offset: str
) -> None:
    first = await en_user.inline_query("tea")
    answer = await en_user.inline_query("tea", offset=offset)
    ids = [result["id"] for result in answer.data["results"]]
    assert ids and ids == [result["id"] for result in first.data["results"]]
