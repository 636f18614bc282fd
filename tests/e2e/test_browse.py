"""Browsing: categories with counts, filters for stars and for shops in Hanoi, pages; /help
names every command; staff alone see the staff commands in their menu (issue 13)."""

import pytest

from bot.app import build_application
from bot.catalog.browse import Filters, matching, sold_in_hanoi
from bot.config import Settings
from bot.handlers.menus import COMMANDS, STAFF_COMMANDS
from bot.lifecycle import AnyApplication
from bot.services import Services
from bot.standin import Reply, SimUser, StandIn
from bot.standin.ptb import polling
from bot.store.catalog import Catalog
from tests.e2e.conftest import ask


def catalog_of(app: AnyApplication) -> Catalog:
    services: Services = app.bot_data["services"]
    return services.live.catalog


def labels(reply: Reply) -> list[str]:
    return [button.text for row in reply.buttons for button in row]


def check_keyboard(reply: Reply) -> None:
    assert len(labels(reply)) == len(set(labels(reply))), labels(reply)
    for row in reply.buttons:
        for button in row:
            if button.action == "callback_data":
                assert len(button.value.encode()) <= 64


async def press(user: SimUser, label: str) -> Reply:
    await user.press(label)
    reply = await user.next_reply(kinds={"edit", "message"})
    check_keyboard(reply)
    return reply


async def test_browse_categories_filters_and_pages_in_english(
    app: AnyApplication, en_user: SimUser
) -> None:
    catalog = catalog_of(app)
    start = await ask(en_user, "/start")
    await en_user.press("📚 Browse")
    categories = await en_user.next_reply(kinds={"message"})
    check_keyboard(categories)
    assert categories.text == f"📚 OCOP products: {len(catalog.products)}. Choose a category:"
    assert f"Food ({sum(p.category == 'food' for p in catalog.products)})" in labels(categories)
    assert start.message_id != categories.message_id
    best = await press(en_user, "5★+")
    assert best.text.startswith("📚 OCOP products · 5★ and up: 26.")
    in_hanoi = await press(en_user, "Sold in Hanoi")
    wanted = matching(catalog, Filters(min_stars=5, in_hanoi=True))
    assert f": {len(wanted)}." in in_hanoi.text and "sold at a shop in Hanoi" in in_hanoi.text
    assert "✓ 5★+" in labels(in_hanoi) and "✓ Sold in Hanoi" in labels(in_hanoi)
    listed = await press(en_user, f"All categories ({len(wanted)})")
    names = {p.name_en for p in wanted}
    assert {b for b in labels(listed)} & names == {p.name_en for p in wanted[:5]}
    hanoi = sold_in_hanoi(catalog)
    assert all(p.id in hanoi and p.stars == 5 for p in wanted)
    back = await press(en_user, "‹ Categories")
    assert back.text == in_hanoi.text


async def test_browse_pages_through_a_category_in_vietnamese(
    app: AnyApplication, vi_user: SimUser
) -> None:
    catalog = catalog_of(app)
    food = matching(catalog, Filters(), None)
    food = [p for p in food if p.category == "food"]
    await ask(vi_user, "/browse")
    page = await press(vi_user, f"Thực phẩm ({len(food)})")
    assert page.text.startswith(f"📚 Thực phẩm: 1–5 / {len(food)}")
    seen = [b for b in labels(page) if b in {p.name_vi for p in food}]
    page = await press(vi_user, "Xem thêm ›")
    assert page.text.startswith(f"📚 Thực phẩm: 6–10 / {len(food)}")
    seen += [b for b in labels(page) if b in {p.name_vi for p in food}]
    assert seen == [p.name_vi for p in food[:10]]
    await vi_user.press(food[5].name_vi)
    card = await vi_user.next_reply(kinds={"message"})
    assert card.text.startswith(food[5].name_vi)


@pytest.mark.parametrize(
    "forged", ["bl:food:99:0", "bl:food:00:999", "bl:spices:00:0", "b:21", "sp:1:x", "sp:1:99"]
)
async def test_forged_browse_buttons_are_answered_expired(vi_user: SimUser, forged: str) -> None:
    await ask(vi_user, "/browse")
    vi_user.forge_callback(forged)
    answer = await vi_user.next_reply(kinds={"callback_answer", "message", "edit"})
    assert (answer.kind, answer.text) == ("callback_answer", "Nút này đã hết hạn.")


async def test_help_names_every_user_command_in_both_languages(
    vi_user: SimUser, en_user: SimUser
) -> None:
    for user in (vi_user, en_user):
        text = (await ask(user, "/help")).text
        for command in COMMANDS:
            assert f"/{command}" in text, command
        assert "/announce" not in text


STAFF_ID = 5151


@pytest.fixture
def bot_settings(bot_settings: Settings) -> Settings:
    return bot_settings.model_copy(update={"staff_ids": frozenset({STAFF_ID})})


async def test_staff_alone_get_the_staff_commands_in_their_menu(
    standin: StandIn, bot_settings: Settings
) -> None:
    async with polling(build_application(bot_settings), poll_seconds=1):
        staff = standin.user(id=STAFF_ID, first_name="Staff", language_code="en")
        scope = {"type": "chat", "chat_id": STAFF_ID}
        for lang in ("vi", "en", ""):
            menu = [c["command"] for c in standin.commands(language_code=lang, scope=scope)]
            assert menu == [*COMMANDS, *STAFF_COMMANDS]
            everyone = [c["command"] for c in standin.commands(language_code=lang)]
            assert everyone == list(COMMANDS)
        other = {"type": "chat", "chat_id": STAFF_ID + 1}
        assert standin.commands(language_code="en", scope=other) == []
        text = (await ask(staff, "/help")).text
        assert "/announce" in text and "/announcements" in text
