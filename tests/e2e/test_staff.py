"""Staff announcements end to end; everyone else cannot even tell the commands exist."""

import logging
from collections.abc import Callable

import pytest

from bot.app import build_application
from bot.broadcast.staff import add_staff, remove_staff
from bot.config import Settings
from bot.standin import SimUser, StandIn
from bot.standin.ptb import AnyApplication, polling
from bot.store.broadcast import Announcement
from tests.e2e.conftest import ask

STAFF_ID = 4242


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
    assert preview.text == "Festival OCOP 2025: 20–23/12 at the Imperial Citadel <b>!</b>"
    summary = await staff.next_reply(kinds={"message"})
    assert "Audience: Every subscriber — recipients now: 3." in summary.text
    await staff.press("✅ Send now")
    queued = await staff.next_reply(kinds={"edit"})
    assert queued.text.startswith("✅ Announcement #1 is queued; recipients: 3.")
    for person in people:
        got = await person.next_reply(kinds={"message"}, within=10)
        assert got.text == preview.text
    report = await staff.next_reply(kinds={"message"}, within=10)
    assert report.text.startswith(
        "📣 Announcement #1 has finished.\nSent: 3 · Failed: 0 · Blocked: 0"
    )
    for person in people:
        await person.quiet(0.3)
        assert [r.text for r in person.replies()].count(preview.text) == 1


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
    assert (await ask(staff, "2001-01-01 08:00")).text.startswith("I can't read that time.")
    scheduled = await ask(staff, "2099-12-20 08:00")
    assert scheduled.text == "🕒 Announcement #1 will go out at 20/12/2099 08:00 (Vietnam time)."
    listing = await ask(staff, "/announcements")
    assert "#1 · scheduled" in listing.text and "Tết fair at Minh Châu" in listing.text
    await staff.press("✖ Cancel #1")
    assert (await staff.next_reply(kinds={"edit"})).text == "Announcement cancelled."
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
        assert preview.text == "Held over a restart"
        assert "Audience: Every subscriber" in (await author.next_reply(kinds={"message"})).text
        assert (await ask(author, "/cancel")).text == "Announcement cancelled."
        assert (await ask(author, "/cancel")).text == (await ask(author, "/nothing")).text


async def test_who_unsubscribes_during_a_broadcast_does_not_get_it(
    standin: StandIn, bot_settings: Settings
) -> None:
    slow = bot_settings.model_copy(update={"broadcast_rate": 2.0, "paid_broadcasts": False})
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
        leaving = people[-1]  # the last turn, about 2.5 s away at 2/s
        assert (await ask(leaving, "/unsubscribe")).text.startswith("Đã hủy nhận tin.")
        report = await staff.next_reply(kinds={"message"}, within=15)
        assert "Sent: 5 · Failed: 0 · Blocked: 0" in report.text
        assert "Unsubscribed before their turn: 1" in report.text
        await leaving.quiet(0.5)
        assert "Lantern fair on Sunday" not in [reply.text for reply in leaving.replies()]
        for person in people[:-1]:
            assert "Lantern fair on Sunday" in [reply.text for reply in person.replies()]
