"""The stand-in refuses what Telegram refuses, with Telegram's error texts, via real PTB calls."""

from __future__ import annotations

import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.standin import SimUser, StandIn

Keyboard = InlineKeyboardMarkup


def last_description(standin: StandIn) -> str:
    return standin.calls[-1].description


async def test_text_limit_is_4096_characters_after_parsing(bot: Bot, ann: SimUser) -> None:
    emoji = "😀" * 4096  # 8,192 UTF-16 code units: Telegram counts characters here
    tags = "<b>" + "x" * 4096 + "</b>"

    assert (await bot.send_message(ann.id, emoji)).text == emoji
    assert (await bot.send_message(ann.id, tags, parse_mode=ParseMode.HTML)).text == "x" * 4096
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(ann.id, "x" * 4097)


async def test_empty_text_after_parsing_is_refused(bot: Bot, ann: SimUser) -> None:
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(ann.id, "<b> </b>\n", parse_mode=ParseMode.HTML)


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<x>hi</x>", 'Unsupported start tag "x" at byte offset 0'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>bold</i>", 'Unmatched end tag at byte offset 7, expected "</b>", found "</i>"'),
        ("bold</b>", "Unexpected end tag at byte offset 4"),
        ("Mơ & mận", 'Character "&" at byte offset 4 must be escaped as "&amp;"'),
        ("1 > 0", 'Character ">" at byte offset 2 must be escaped as "&gt;"'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("&nbsp;", 'Character "&" at byte offset 0 must be escaped as "&amp;"'),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ('<a href="https://x.vn/?a=1&b=2">x</a>', 'Character "&" at byte offset 26'),
        ("<b", "Unclosed start tag at byte offset 0"),
    ],
)
async def test_invalid_html_is_refused_with_telegrams_reason(
    bot: Bot, ann: SimUser, standin: StandIn, html: str, error: str
) -> None:
    with pytest.raises(BadRequest, match=r"^Can't parse entities: "):
        await bot.send_message(ann.id, html, parse_mode=ParseMode.HTML)

    assert last_description(standin).startswith(f"Bad Request: can't parse entities: {error}")


async def test_allowed_tags_become_entities(bot: Bot, ann: SimUser) -> None:
    html = (
        '🍯 <b>Mật</b> <a href="https://t.me/x?start=p&amp;1">ong</a> '
        '<pre><code class="language-python">x</code></pre> <tg-spoiler>s</tg-spoiler> '
        "<blockquote expandable>q</blockquote> &lt;&#38;&#x3E;&quot;"
    )

    message = await bot.send_message(ann.id, html, parse_mode=ParseMode.HTML)

    assert message.text == '🍯 Mật ong x s q <&>"'
    assert [(e.type, e.offset, e.length) for e in message.entities] == [
        ("bold", 3, 3),
        ("text_link", 7, 3),
        ("pre", 11, 1),
        ("spoiler", 13, 1),
        ("expandable_blockquote", 15, 1),
    ]
    assert message.entities[1].url == "https://t.me/x?start=p&1"
    assert message.entities[2].language == "python"


async def test_caption_limit_is_1024(bot: Bot, ann: SimUser) -> None:
    url = "https://example.com/honey.jpg"
    assert (await bot.send_photo(ann.id, url, caption="c" * 1024)).caption == "c" * 1024
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_photo(ann.id, url, caption="c" * 1025)


async def test_photo_by_upload_then_by_its_file_id(bot: Bot, ann: SimUser) -> None:
    uploaded = await bot.send_photo(
        ann.id, b"\x89PNG fake bytes", caption="<b>new</b>", parse_mode=ParseMode.HTML
    )
    again = await bot.send_photo(ann.id, uploaded.photo[-1].file_id)

    assert uploaded.caption == "new"
    assert uploaded.photo[-1].file_size == len(b"\x89PNG fake bytes")
    assert again.photo == uploaded.photo
    with pytest.raises(BadRequest, match="Wrong file identifier/http url specified"):
        await bot.send_photo(ann.id, "not-a-known-file-id")


async def test_callback_data_is_at_most_64_bytes(bot: Bot, ann: SimUser) -> None:
    fits = "ệ" * 21 + "x"  # 3 bytes per "ệ": 64 bytes
    too_long = "ệ" * 21 + "xy"

    fitting = Keyboard([[InlineKeyboardButton("ok", callback_data=fits)]])
    overflowing = Keyboard([[InlineKeyboardButton("no", callback_data=too_long)]])

    assert (await bot.send_message(ann.id, "fits", reply_markup=fitting)).reply_markup == fitting
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(ann.id, "too long", reply_markup=overflowing)


@pytest.mark.parametrize(
    ("button", "error"),
    [
        ({"text": "plain"}, "Text buttons are unallowed in the inline keyboard"),
        ({"text": "two", "callback_data": "a", "url": "https://x.vn"}, "exactly one action"),
        ({"callback_data": "a"}, 'Field "text" must be of type String'),
    ],
)
async def test_inline_buttons_need_text_and_exactly_one_action(
    bot: Bot, ann: SimUser, standin: StandIn, button: dict[str, str], error: str
) -> None:
    with pytest.raises(BadRequest):
        await bot.send_message(
            ann.id, "x", api_kwargs={"reply_markup": {"inline_keyboard": [[button]]}}
        )

    assert error in last_description(standin)


async def test_button_url_must_be_a_link(bot: Bot, ann: SimUser) -> None:
    button = InlineKeyboardButton("web", url="javascript:alert(1)")
    with pytest.raises(BadRequest, match="Button_url_invalid"):
        await bot.send_message(ann.id, "x", reply_markup=Keyboard([[button]]))


async def test_unknown_chat_and_never_started_user(bot: Bot, standin: StandIn) -> None:
    shy = standin.user(id=77, first_name="Shy", started=False)

    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(123456, "hello")
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await bot.send_message(shy.id, "hello")


async def test_auto_users_accept_any_private_chat_id() -> None:
    async with (
        StandIn(auto_users=True) as standin,
        Bot(standin.token, base_url=standin.base_url) as bot,
    ):
        message = await bot.send_message(555_000_111, "hi")
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(-100, "a group the bot is not in")

    assert message.chat.id == 555_000_111


async def test_edits_follow_telegrams_rules(bot: Bot, ann: SimUser) -> None:
    menu = Keyboard([[InlineKeyboardButton("A", callback_data="a")]])
    sent = await bot.send_message(ann.id, "menu", reply_markup=menu)

    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("menu", ann.id, sent.message_id, reply_markup=menu)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", ann.id, sent.message_id + 100)
    edited = await bot.edit_message_text("menu", ann.id, sent.message_id)
    assert not isinstance(edited, bool) and edited.reply_markup is None
    assert "reply_markup" not in ann.messages()[-1]
    await bot.edit_message_reply_markup(ann.id, sent.message_id, reply_markup=menu)
    assert ann.messages()[-1]["reply_markup"]["inline_keyboard"][0][0]["text"] == "A"


async def test_user_messages_cannot_be_edited_but_can_be_deleted(bot: Bot, ann: SimUser) -> None:
    said = await ann.send_text("hi")

    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("changed", ann.id, said["message_id"])
    assert await bot.delete_message(ann.id, said["message_id"])
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(ann.id, said["message_id"])


async def test_callback_query_is_answered_once(bot: Bot, ann: SimUser) -> None:
    menu = Keyboard([[InlineKeyboardButton("A", callback_data="a")]])
    await bot.send_message(ann.id, "menu", reply_markup=menu)
    query_id = await ann.press("a")
    assert query_id is not None

    assert await bot.answer_callback_query(query_id, text="ok")
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query("999")


def article(text: str, *, parse_mode: str | None = None) -> InlineQueryResultArticle:
    return InlineQueryResultArticle("1", "title", InputTextMessageContent(text, parse_mode))


def articles(count: int, *, prefix: str = "r") -> list[InlineQueryResultArticle]:
    return [
        InlineQueryResultArticle(f"{prefix}{n}", f"title {n}", InputTextMessageContent("text"))
        for n in range(count)
    ]


async def test_inline_answers_hold_at_most_50_results(bot: Bot, ann: SimUser) -> None:
    first = ann.ask_inline("a")
    second = ann.ask_inline("b")

    with pytest.raises(BadRequest, match="Results_too_much"):
        await bot.answer_inline_query(second, articles(51))
    assert await bot.answer_inline_query(first, articles(50), next_offset="x" * 64)
    assert len((await ann.next_reply(kinds={"inline_answer"})).results) == 50


@pytest.mark.parametrize(
    ("results", "next_offset", "error"),
    [
        (articles(1) + articles(1), "", "RESULT_ID_DUPLICATE"),
        (articles(1, prefix="i" * 64), "", "RESULT_ID_INVALID"),
        (articles(1), "o" * 65, "NEXT_OFFSET_INVALID"),
        ([article("a & b", parse_mode=ParseMode.HTML)], "", "can't parse entities"),
        ([article("x" * 4097)], "", "MESSAGE_TOO_LONG"),
        ([article("")], "", "MESSAGE_EMPTY"),
    ],
)
async def test_inline_results_are_validated(
    bot: Bot,
    ann: SimUser,
    standin: StandIn,
    results: list[InlineQueryResultArticle],
    next_offset: str,
    error: str,
) -> None:
    query_id = ann.ask_inline("q")

    with pytest.raises(BadRequest):
        await bot.answer_inline_query(query_id, results, next_offset=next_offset)
    assert error in last_description(standin)


async def test_command_menus_are_kept_per_language(bot: Bot, standin: StandIn) -> None:
    await bot.set_my_commands([BotCommand("start", "Bắt đầu")], language_code="vi")
    await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("help", "Help")])

    assert standin.commands(language_code="vi") == [{"command": "start", "description": "Bắt đầu"}]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert [c.description for c in await bot.get_my_commands(language_code="vi")] == ["Bắt đầu"]
    assert await bot.get_my_commands(language_code="fr") == ()
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Start-Now", "bad")])


async def test_venue_and_location_messages_are_real_shaped(bot: Bot, ann: SimUser) -> None:
    venue = await bot.send_venue(ann.id, 21.03, 105.85, "Showroom", "1 Tràng Tiền")
    location = await bot.send_location(ann.id, 21.0, 105.8)

    assert venue.venue is not None and venue.venue.title == "Showroom"
    assert venue.location is not None and venue.location.latitude == 21.03
    assert location.location is not None and location.location.longitude == 105.8
    with pytest.raises(BadRequest, match="Wrong location"):
        await bot.send_location(ann.id, 91.0, 0.0)


async def test_chat_action_must_be_known(bot: Bot, ann: SimUser) -> None:
    assert await bot.send_chat_action(ann.id, "typing")
    with pytest.raises(BadRequest, match="Wrong parameter action"):
        await bot.send_chat_action(ann.id, "dancing")


async def test_replies_quote_the_message_they_answer(bot: Bot, ann: SimUser) -> None:
    said = await ann.send_text("where is the honey?")

    answer = await bot.send_message(ann.id, "here", reply_to_message_id=said["message_id"])

    assert answer.reply_to_message is not None
    assert answer.reply_to_message.text == "where is the honey?"
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(ann.id, "lost", reply_to_message_id=999)
