"""A new person opens the bot: welcome, help, language, deep links, the command menu."""

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.app import COMMANDS, build_application
from bot.config import Settings
from bot.lifecycle import AnyApplication
from bot.services import Services
from bot.standin import SimUser, StandIn
from bot.standin.ptb import polling
from bot.store.catalog import Catalog
from bot.store.models import Event
from tests.e2e.conftest import ask


def catalog_of(app: AnyApplication) -> Catalog:
    services: Services = app.bot_data["services"]
    return services.live.catalog


async def test_vietnamese_user_is_welcomed_in_vietnamese_with_the_menu(vi_user: SimUser) -> None:
    reply = await ask(vi_user, "/start")
    assert "Xin chào Lan" in reply.text and "sản phẩm OCOP" in reply.text
    labels = [button.text for row in reply.buttons for button in row]
    assert labels == ["🔎 Tìm sản phẩm", "📚 Danh mục", "📍 Gần tôi", "📅 Sự kiện", "🔔 Nhận tin"]


async def test_english_and_unknown_language_users_are_welcomed_in_english(
    new_user: Callable[..., SimUser],
) -> None:
    for code in ("en", "de"):
        reply = await ask(new_user(code, "Emma"), "/start")
        assert "Hello Emma" in reply.text and "OCOP specialty products" in reply.text
        assert [b.text for b in reply.buttons[0]] == ["🔎 Search", "📚 Browse"]
    reply = await ask(new_user(None, "An"), "/start")
    assert "Xin chào An" in reply.text


async def test_help_in_both_languages(vi_user: SimUser, en_user: SimUser) -> None:
    assert "Cách dùng" in (await ask(vi_user, "/help")).text
    reply = await ask(en_user, "/help")
    assert "How to use" in reply.text and "@ocop_standin_bot honey" in reply.text


async def test_command_menu_is_published_in_both_languages(
    standin: StandIn, app: AnyApplication
) -> None:
    vietnamese = {c["command"]: c["description"] for c in standin.commands(language_code="vi")}
    english = {c["command"]: c["description"] for c in standin.commands(language_code="en")}
    assert vietnamese["near"] == "Điểm bán gần một nơi"
    assert english["near"] == "Shops near a place"
    assert set(vietnamese) == set(english) == set(COMMANDS)
    assert {"start", "help", "near", "events", "subscribe", "lang"} <= set(COMMANDS)


async def test_language_choice_is_kept_across_restarts(
    standin: StandIn, bot_settings: Settings
) -> None:
    user = standin.user(id=42, first_name="Emma", language_code="en")
    async with polling(build_application(bot_settings), poll_seconds=1):
        await ask(user, "/lang")
        await user.press("🇻🇳 Tiếng Việt")
        edit = await user.next_reply(kinds={"edit"})
        assert edit.text == "Đã chuyển sang Tiếng Việt."
        assert "Xin chào Emma" in (await ask(user, "/start")).text
    async with polling(build_application(bot_settings), poll_seconds=1):
        assert "Xin chào Emma" in (await ask(user, "/start")).text


async def test_deep_links_open_product_point_and_ward(
    en_user: SimUser, app: AnyApplication
) -> None:
    catalog = catalog_of(app)
    honey = next(p for p in catalog.products if p.name_vi == "Mật ong bạc hà Mèo Vạc")
    card = await ask(en_user, f"/start p_{honey.id}")
    assert card.text.startswith(honey.name_en)
    assert "Mật ong bạc hà Mèo Vạc" in card.text and "★★★★" in card.text
    assert "Where to buy" in card.text and "Hoàng Cầu" in card.text

    point = next(p for p in catalog.points if "Hoàng Cầu" in p.name)
    card = await ask(en_user, f"/start s_{point.id}")
    assert card.text.startswith(point.short_en)
    assert "Phường Ô Chợ Dừa" in card.text and "only the ward's centre" in card.text
    assert "Mật ong" in card.text or "honey" in card.text.lower()

    near = await ask(en_user, "/start w_00190")
    assert "OCOP shops near Phường Ô Chợ Dừa" in near.text
    assert near.text.splitlines()[1].startswith("• " + point.short_en)


async def test_deep_link_to_a_missing_product_says_it_expired(vi_user: SimUser) -> None:
    assert (await ask(vi_user, "/start p_999999")).text == "Nút này đã hết hạn."
    assert "Xin chào" in (await ask(vi_user, "/start junk_payload")).text
    assert "Xin chào" in (await ask(vi_user, "/start p_²")).text  # a digit int() refuses


def latest_event(app: AnyApplication) -> Event:
    """An event /events always shows: the next one to end that is not over, else the last."""
    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    events = sorted(catalog_of(app).events, key=lambda event: (event.ends_on, event.starts_on))
    return next((event for event in events if event.ends_on >= today), events[-1])


async def test_menu_buttons(vi_user: SimUser, app: AnyApplication) -> None:
    await ask(vi_user, "/start")
    await vi_user.press("📅 Sự kiện")
    events = await vi_user.next_reply(kinds={"message"})
    latest = latest_event(app)
    assert events.text.startswith("📅 Hội chợ và sự kiện OCOP")
    assert latest.name_vi in events.text
    assert latest.ends_on.strftime("%d/%m/%Y") in events.text
    await vi_user.press("🔎 Tìm sản phẩm")
    assert "Gõ tên sản phẩm" in (await vi_user.next_reply(kinds={"message"})).text
    await vi_user.press("📍 Gần tôi")
    prompt = await vi_user.next_reply(kinds={"message"})
    assert "Gửi vị trí" in prompt.text
    assert prompt.keyboard is not None
    assert prompt.keyboard["keyboard"][0][0]["request_location"] is True


async def test_events_in_english(en_user: SimUser, app: AnyApplication) -> None:
    reply = await ask(en_user, "/events")
    assert "OCOP fairs and events" in reply.text
    latest = latest_event(app)
    assert latest.name_en in reply.text
    assert latest.ends_on.strftime("%d %b %Y") in reply.text
