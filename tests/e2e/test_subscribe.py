"""Subscribing to news: topics, home ward, unsubscribing, blocking and coming back."""

from bot.broadcast.subscribers import get_subscriber
from bot.lifecycle import AnyApplication
from bot.standin import SimUser
from bot.store.broadcast import Subscriber, Topic
from tests.e2e.conftest import ask


async def stored(app: AnyApplication, user: SimUser) -> Subscriber | None:
    async with app.bot_data["services"].sessions() as session:
        return await get_subscriber(session=session, chat_id=user.id)


async def test_subscribe_to_everything_then_turn_a_topic_off(
    vi_user: SimUser, app: AnyApplication
) -> None:
    card = await ask(vi_user, "/subscribe")
    assert card.text.startswith("🔔 Bạn đang nhận tin OCOP")
    assert "Hội chợ và sự kiện · Điểm bán mới" in card.text
    subscriber = await stored(app, vi_user)
    assert subscriber is not None and subscriber.topic_set == {Topic.EVENTS, Topic.SHOWROOMS}
    await vi_user.press("✅ Điểm bán mới")
    assert (await vi_user.next_reply(kinds={"callback_answer"})).text == ""
    edited = await vi_user.next_reply(kinds={"edit"})
    assert "Chủ đề: Hội chợ và sự kiện\n" in edited.text
    assert [b.text for b in edited.buttons[0]] == ["✅ Hội chợ và sự kiện", "⬜ Điểm bán mới"]
    await vi_user.press("✅ Hội chợ và sự kiện")
    refusal = await vi_user.next_reply(kinds={"callback_answer"})
    assert refusal.text.startswith("Cần giữ ít nhất một chủ đề")
    subscriber = await stored(app, vi_user)
    assert subscriber is not None and subscriber.topic_set == {Topic.EVENTS}


async def test_home_ward_from_an_old_name_and_settings_in_english(
    en_user: SimUser, app: AnyApplication
) -> None:
    card = await ask(en_user, "/subscribe phuong Vinh Phuc, quan Ba Dinh")
    assert "Ward:</b>" not in card.text and "Ward: Phường Ngọc Hà" in card.text
    subscriber = await stored(app, en_user)
    assert subscriber is not None and subscriber.home_ward_code == "00008"
    settings = await ask(en_user, "/settings")
    assert "Ward: Phường Ngọc Hà" in settings.text
    await en_user.press("🏠 Clear ward")
    cleared = await en_user.next_reply(kinds={"edit"})
    assert "Ward: none (general news only)" in cleared.text


async def test_unknown_home_ward_offers_the_closest_names(en_user: SimUser) -> None:
    question = await ask(en_user, "/subscribe Zzyzx")
    assert (
        question.text
        == "I couldn't find the ward or commune «Zzyzx».\nChoose your ward or commune:"
    )
    choices = [row[0].text for row in question.buttons]
    assert len(choices) == 3
    card = await en_user.next_reply(kinds={"message"})
    assert "Ward: none (general news only)" in card.text
    await en_user.press(choices[0], message_id=question.message_id)
    chosen = await en_user.next_reply(kinds={"message"})
    assert f"Ward: {choices[0]}" in chosen.text


async def test_unsubscribe_and_settings_afterwards(vi_user: SimUser, app: AnyApplication) -> None:
    await ask(vi_user, "/subscribe")
    assert (await ask(vi_user, "/unsubscribe")).text.startswith("Đã hủy nhận tin.")
    assert await stored(app, vi_user) is None
    assert (await ask(vi_user, "/settings")).text.startswith("Bạn chưa đăng ký nhận tin.")


async def test_blocking_deactivates_and_start_reactivates(
    en_user: SimUser, app: AnyApplication
) -> None:
    await ask(en_user, "/subscribe")
    await en_user.block()
    await en_user.quiet(0.5)
    subscriber = await stored(app, en_user)
    assert subscriber is not None and not subscriber.active
    await en_user.unblock()
    await ask(en_user, "/start")
    await en_user.quiet(0.3)
    subscriber = await stored(app, en_user)
    assert subscriber is not None and subscriber.active
