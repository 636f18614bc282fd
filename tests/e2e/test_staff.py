"""Staff announcements end to end; everyone else cannot even tell the commands exist."""

import logging
from collections.abc import Callable

import pytest

from bot.app import build_application
from bot.broadcast.staff import add_staff, remove_staff
from bot.config import Settings
from bot.lifecycle import AnyApplication
from bot.standin import SimUser, StandIn
from bot.standin.ptb import polling
from bot.store.broadcast import Announcement
from tests.e2e.conftest import ask

STAFF_ID = 4242
FOOTER = "\n\n— 🔔 Tin OCOP Hà Nội · OCOP Hanoi news: /settings"
FOOTER_BUTTON = "⚙️ Chủ đề · Dừng / Topics · Stop"


@pytest.fixture
def bot_settings(bot_settings: Settings) -> Settings:
    return bot_settings.model_copy(
        update={"staff_ids": frozenset({STAFF_ID}), "broadcast_rate": 200, "paid_broadcasts": True}
    )


@pytest.fixture
def staff(standin: StandIn, app: AnyApplication) -> SimUser:
    return standin.user(id=STAFF_ID, first_name="Staff", language_code="en")


async def subscribers(
    new_user: Callable[..., SimUser], count: int, command: str = "/subscribe"
) -> list[SimUser]:
    users = [new_user("vi", f"Sub{n}") for n in range(count)]
    for user in users:
        await ask(user, command)
    return users


async def announcements_in_db(app: AnyApplication) -> list[Announcement]:
    from sqlmodel import select

    async with app.bot_data["services"].sessions() as session:
        return list((await session.exec(select(Announcement))).all())


async def test_staff_announces_to_everyone_and_gets_a_report(
    staff: SimUser, new_user: Callable[..., SimUser]
) -> None:
    people = await subscribers(new_user, 3)
    prompt = await ask(staff, "/announce")
    assert prompt.text.startswith("📣 Send the announcement")
    audience = await ask(staff, "Festival OCOP 2025: 20–23/12 at the Imperial Citadel <b>!</b>")
    assert audience.text == "Who should get it?"
    await staff.press("Every subscriber")
    preview = await staff.next_reply(kinds={"message"})
    assert preview.text == "Festival OCOP 2025: 20–23/12 at the Imperial Citadel <b>!</b>" + FOOTER
    assert [[button.text for button in row] for row in preview.buttons] == [[FOOTER_BUTTON]]
    summary = await staff.next_reply(kinds={"message"})
    assert "Audience: Every subscriber — recipients now: 3." in summary.text
    await staff.press("✅ Send now")
    queued = await staff.next_reply(kinds={"edit"})
    assert queued.text.startswith("✅ Announcement #1 is queued; recipients: 3.")
    for person in people:
        got = await person.next_reply(kinds={"message"}, within=10)
        assert got.text == preview.text
        assert [[button.text for button in row] for row in got.buttons] == [[FOOTER_BUTTON]]
    report = await staff.next_reply(kinds={"message"}, within=10)
    assert report.text.startswith(
        "📣 Announcement #1 has finished.\nSent: 3 · Failed: 0 · Blocked: 0"
    )
    for person in people:
        await person.quiet(0.3)
        assert [r.text for r in person.replies()].count(preview.text) == 1
    # the footer's button opens the subscriber's settings, with the way to stop
    await people[0].press(FOOTER_BUTTON)
    settings = await people[0].next_reply(kinds={"message"})
    assert settings.text.startswith("🔔 Bạn đang nhận tin OCOP")
    assert "🔕" in str(settings.buttons[-1][0].text)


async def test_schedule_then_cancel_from_the_list(
    staff: SimUser, new_user: Callable[..., SimUser]
) -> None:
    await subscribers(new_user, 1)
    await ask(staff, "/announce")
    await ask(staff, "Tết fair at Minh Châu")
    await staff.press("Subscribers to «Fairs and events»")
    await staff.next_reply(kinds={"message"})  # the preview itself
    summary = await staff.next_reply(kinds={"message"})
    assert "Subscribers to «Fairs and events» — recipients now: 1" in summary.text
    await staff.press("🕒 Schedule")
    when = await staff.next_reply(kinds={"edit"})
    assert when.text.startswith("Type the date and time (Vietnam time)")
    assert (await ask(staff, "next friday")).text.startswith("I can't read that time.")
    past = await ask(staff, "2001-01-01 08:00")
    assert past.text.startswith("That time has passed (01/01/2001 08:00).")
    scheduled = await ask(staff, "2099-12-20 08:00")
    assert scheduled.text == "🕒 Announcement #1 will go out at 20/12/2099 08:00 (Vietnam time)."
    await staff.quiet(2.0)  # a person's pace: stay within the flood allowance
    listing = await ask(staff, "/announcements")
    assert "#1 · scheduled · goes out 20/12/2099 08:00 ·" in listing.text
    assert "Tết fair at Minh Châu" in listing.text
    await staff.press("✖ Cancel #1")
    cancelled = await staff.next_reply(kinds={"edit"})
    assert cancelled.text == "Announcement #1 cancelled: «Tết fair at Minh Châu»."
    await staff.quiet(2.0)  # a person's pace: stay within the flood allowance
    assert "#1 · cancelled" in (await ask(staff, "/announcements")).text


async def test_ward_audience_counts_only_that_ward(
    staff: SimUser, new_user: Callable[..., SimUser]
) -> None:
    await subscribers(new_user, 2, "/subscribe O Cho Dua")
    await subscribers(new_user, 1, "/subscribe Hoan Kiem")
    await ask(staff, "/announce")
    await ask(staff, "New OCOP shop on ngõ 59 Hoàng Cầu")
    await staff.press("One ward…")
    assert (await staff.next_reply(kinds={"message"})).text.startswith("Type the ward")
    await ask(staff, "o cho dua")  # the preview
    summary = await staff.next_reply(kinds={"message"})
    assert "Subscribers in Phường Ô Chợ Dừa — recipients now: 2" in summary.text


@pytest.mark.parametrize("command", ["/announce", "/announcements"])
async def test_non_staff_commands_look_unknown(
    en_user: SimUser, app: AnyApplication, command: str, caplog: pytest.LogCaptureFixture
) -> None:
    unknown = (await ask(en_user, "/no_such_command")).text
    with caplog.at_level(logging.WARNING, logger="bot.handlers.staff"):
        assert (await ask(en_user, command)).text == unknown
    assert "Refused a staff action" in caplog.text
    assert await announcements_in_db(app) == []


@pytest.mark.parametrize("forged", ["an:send:1", "an:cancel:1", "an:when:1", "a:everyone"])
async def test_non_staff_buttons_do_nothing(
    staff: SimUser, en_user: SimUser, app: AnyApplication, forged: str
) -> None:
    await ask(staff, "/announce")
    await ask(staff, "Draft by staff")
    await staff.press("Every subscriber")
    await staff.next_reply(kinds={"message"})
    await staff.next_reply(kinds={"message"})
    await ask(en_user, "/start")
    en_user.forge_callback(forged)
    answer = await en_user.next_reply(kinds={"callback_answer", "message", "edit"})
    assert (answer.kind, answer.text) == ("callback_answer", "This button has expired.")
    [draft] = await announcements_in_db(app)
    assert draft.status == "draft"


async def test_staff_removed_mid_dialogue_is_refused_at_the_next_step(
    standin: StandIn, app: AnyApplication
) -> None:
    sessions = app.bot_data["services"].sessions
    helper = standin.user(id=777, first_name="Helper", language_code="en")
    async with sessions() as session:
        await add_staff(session=session, user_id=777, added_by=STAFF_ID)
    await ask(helper, "/announce")
    await ask(helper, "Draft")
    async with sessions() as session:
        await remove_staff(session=session, user_id=777)
    await helper.press("Every subscriber")
    answer = await helper.next_reply(kinds={"callback_answer", "message"})
    assert (answer.kind, answer.text) == ("callback_answer", "This button has expired.")
    assert await announcements_in_db(app) == []


async def test_the_dialogue_goes_on_after_a_restart(
    standin: StandIn, bot_settings: Settings
) -> None:
    # A fresh Application on the same database is what another instance would be.
    author = standin.user(id=STAFF_ID, first_name="Staff", language_code="en")
    async with polling(build_application(bot_settings), poll_seconds=1):
        await ask(author, "/announce")
        assert (await ask(author, "Held over a restart")).text == "Who should get it?"
    async with polling(build_application(bot_settings), poll_seconds=1):
        await author.press("Every subscriber")
        preview = await author.next_reply(kinds={"message"})
        assert preview.text == "Held over a restart" + FOOTER
        assert "Audience: Every subscriber" in (await author.next_reply(kinds={"message"})).text
        stopped = await ask(author, "/cancel")
        assert stopped.text == "Stopped: the announcement you were writing was not sent."
        assert (await ask(author, "/cancel")).text == (await ask(author, "/nothing")).text


async def test_sending_to_nobody_warns_first(staff: SimUser, app: AnyApplication) -> None:
    await ask(staff, "/announce")
    await ask(staff, "Nobody is subscribed yet")
    await staff.press("Every subscriber")
    await staff.next_reply(kinds={"message"})  # the preview itself
    summary = await staff.next_reply(kinds={"message"})
    assert "recipients now: 0" in summary.text
    await staff.press("✅ Send now")
    warning = await staff.next_reply(kinds={"edit"})
    assert warning.text.startswith("⚠️ Announcement #1 would reach nobody")
    [draft] = await announcements_in_db(app)
    assert draft.status == "draft"
    await staff.press("Send anyway")
    queued = await staff.next_reply(kinds={"edit"})
    assert queued.text.startswith("✅ Announcement #1 is queued; recipients: 0.")


async def test_the_ward_step_takes_an_old_district_with_ward_buttons(
    staff: SimUser, new_user: Callable[..., SimUser]
) -> None:
    await subscribers(new_user, 1, "/subscribe O Cho Dua")
    await ask(staff, "/announce")
    await ask(staff, "Hàng Bột news")
    await staff.press("One ward…")
    await staff.next_reply(kinds={"message"})
    choose = await ask(staff, "Dong Da district")
    labels = [row[0].text for row in choose.buttons]
    assert "Phường Ô Chợ Dừa" in labels and len(labels) > 1
    await staff.press("Phường Ô Chợ Dừa")
    await staff.next_reply(kinds={"message"})  # the preview itself
    summary = await staff.next_reply(kinds={"message"})
    assert "Subscribers in Phường Ô Chợ Dừa — recipients now: 1" in summary.text


async def test_a_catalog_draft_is_offered_to_staff_and_sent_only_when_they_say(
    staff: SimUser, app: AnyApplication, new_user: Callable[..., SimUser]
) -> None:
    from bot.broadcast.announcements import create_announcement
    from bot.cli.catalog import new_shops_text
    from bot.store.broadcast import Audience
    from bot.store.kinds import PointKind
    from bot.store.models import Point

    await subscribers(new_user, 1)
    shop = Point(
        name="OCOP Cầu Giấy", kind=PointKind.SHOWROOM, address="1 Xuân Thủy", source_url="x"
    )
    async with app.bot_data["services"].sessions() as session:
        await create_announcement(
            session=session,
            text=new_shops_text([shop]),
            audience=Audience.TOPIC,
            audience_value="showrooms",
            created_by=0,
            source="catalog",
        )
    draft = await staff.next_reply(kinds={"message"}, within=15)
    assert draft.text.startswith("🏪 Điểm bán OCOP mới ở Hà Nội:\n• OCOP Cầu Giấy — 1 Xuân Thủy")
    offer = await staff.next_reply(kinds={"message"})
    assert "vừa thêm 1 điểm bán" in offer.text and "Không có gì tự gửi đi." in offer.text
    [waiting] = await announcements_in_db(app)
    assert waiting.status == "draft" and waiting.offered_at is not None
    await staff.press("✅ Gửi ngay")
    assert (await staff.next_reply(kinds={"edit"})).text.startswith("✅ Announcement #1 is queued")


async def test_who_unsubscribes_during_a_broadcast_does_not_get_it(
    standin: StandIn, bot_settings: Settings
) -> None:
    slow = bot_settings.model_copy(update={"broadcast_rate": 1.0, "paid_broadcasts": False})
    ids = iter(range(7100, 7200))
    async with polling(build_application(slow), poll_seconds=1):
        staff = standin.user(id=STAFF_ID, first_name="Staff", language_code="en")
        people = await subscribers(
            lambda lang, name: standin.user(id=next(ids), first_name=name, language_code=lang), 6
        )
        await ask(staff, "/announce")
        await ask(staff, "Lantern fair on Sunday")
        await staff.press("Every subscriber")
        await staff.next_reply(kinds={"message"})
        await staff.next_reply(kinds={"message"})
        await staff.press("✅ Send now")
        await staff.next_reply(kinds={"edit"})
        leaving = people[-1]  # the last turn, about 5 s away at 1/s: time to leave, even under load
        assert (await ask(leaving, "/unsubscribe")).text.startswith("Đã hủy nhận tin.")
        report = await staff.next_reply(kinds={"message"}, within=15)
        assert "Sent: 5 · Failed: 0 · Blocked: 0" in report.text
        assert "Unsubscribed before their turn: 1" in report.text
        await leaving.quiet(0.5)
        assert not any(r.text.startswith("Lantern fair") for r in leaving.replies())
        for person in people[:-1]:
            assert any(r.text.startswith("Lantern fair") for r in person.replies())
