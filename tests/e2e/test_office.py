"""The office in the bot: staff add events with /event, users report problems on cards, staff
resolve them with /reports; to everyone else both commands look unknown."""

import logging
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import col, select

from bot.config import Settings
from bot.geo.hanoi import VIETNAM_TIME
from bot.handlers.gate import FloodGuard
from bot.handlers.reports import REPORTS_PER_DAY
from bot.lifecycle import AnyApplication
from bot.standin import SimUser, StandIn
from bot.store.models import Event, Point
from bot.store.reports import NewReport, Problem, ProblemReport, ReportedItem, file_report
from bot.texts import Language
from bot.texts.cards import point_name
from tests.e2e.conftest import ask

STAFF_ID = 4242

NAME_VI = "Hội chợ OCOP <Xuân> Hà Nội"
NAME_EN = "Hanoi OCOP Spring Fair"


@pytest.fixture
def bot_settings(bot_settings: Settings) -> Settings:
    return bot_settings.model_copy(update={"staff_ids": frozenset({STAFF_ID})})


@pytest.fixture
def app(app: AnyApplication) -> AnyApplication:
    """Staff here type faster than a person: the per-user flood limit is not under test."""
    app.bot_data["flood_guard"] = FloodGuard(burst=1000)
    return app


@pytest.fixture
def staff(standin: StandIn, app: AnyApplication) -> SimUser:
    return standin.user(id=STAFF_ID, first_name="Staff", language_code="en")


def _day(offset: int) -> date:
    return datetime.now(VIETNAM_TIME).date() + timedelta(days=offset)


async def _add_event(staff: SimUser, place: str = "Ô Chợ Dừa") -> None:
    await ask(staff, "/event")
    await staff.press("➕ New event")
    assert "Vietnamese" in (await staff.next_reply(kinds={"message"})).text
    assert "English" in (await ask(staff, NAME_VI)).text
    assert (await ask(staff, NAME_EN)).text.startswith("Dates:")
    dates = f"{_day(10):%d/%m/%Y} - {_day(12):%d/%m/%Y}"
    assert (await ask(staff, dates)).text.startswith("Where is it held?")
    assert (await ask(staff, "Cung Văn hóa Hữu nghị")).text.startswith("In which ward")
    summary = await ask(staff, place)
    assert summary.text.startswith("📅 New event\nVietnamese name: " + NAME_VI)
    assert f"Dates: {_day(10):%d %b %Y} – {_day(12):%d %b %Y}" in summary.text


async def test_staff_add_an_event_and_a_user_sees_it_in_events(
    staff: SimUser, vi_user: SimUser, en_user: SimUser
) -> None:
    before = (await ask(vi_user, "/events")).text
    assert NAME_VI not in before
    await _add_event(staff)
    await staff.press("✅ Save")
    saved = await staff.next_reply(kinds={"message"})
    assert saved.text.startswith(f"✅ Saved «{NAME_VI}». It shows in /events now")
    shown = (await ask(vi_user, "/events")).text
    assert "Sắp diễn ra" in shown
    dates = f"{_day(10):%d/%m/%Y} – {_day(12):%d/%m/%Y}"
    assert f"{NAME_VI}\n  {dates} · sắp diễn ra · Cung Văn hóa Hữu nghị" in shown
    assert "(Phường Ô Chợ Dừa)" in shown
    assert NAME_EN in (await ask(en_user, "/events")).text


async def test_staff_are_offered_an_announcement_draft_for_the_event(staff: SimUser) -> None:
    await _add_event(staff)
    await staff.press("✅ Save")
    await staff.next_reply(kinds={"message"})
    await staff.press("📣 Draft an announcement")
    draft = await staff.next_reply(kinds={"message"})
    assert draft.text.startswith(f"📅 {NAME_VI}\n🗓 {_day(10):%d/%m/%Y} – {_day(12):%d/%m/%Y}")
    assert f"📅 {NAME_EN}\n" in draft.text
    assert "📍 Cung Văn hóa Hữu nghị, Phường Ô Chợ Dừa" in draft.text
    question = await staff.next_reply(kinds={"message"})
    assert question.text.startswith("👆 A draft announcement for this event")
    await staff.press("Every subscriber")
    preview = await staff.next_reply(kinds={"message"})
    assert preview.text == draft.text  # the /announce dialogue goes on with this draft


async def test_staff_edit_then_delete_an_event(
    staff: SimUser, vi_user: SimUser, app: AnyApplication
) -> None:
    await _add_event(staff, place="-")
    await staff.press("✅ Save")
    await staff.next_reply(kinds={"message"})
    menu = await ask(staff, "/event")
    assert menu.text.startswith("📅 Events made in the bot")
    await staff.press(1)
    review = await staff.next_reply(kinds={"message"})
    assert review.text.startswith("📅 Event #")
    assert "Ward or point: not stated" in review.text
    await staff.press("✏️ Dates")
    assert (await staff.next_reply(kinds={"message"})).text.startswith("Dates:")
    assert (await ask(staff, "31/02/2027")).text.startswith("I can't read those dates.")
    changed = await ask(staff, f"{_day(20):%Y-%m-%d}")
    assert f"Dates: {_day(20):%d %b %Y}\n" in changed.text
    await staff.press("✅ Save")
    await staff.next_reply(kinds={"message"})
    assert f"{NAME_VI}\n  {_day(20):%d/%m/%Y} ·" in (await ask(vi_user, "/events")).text
    await ask(staff, "/event")
    await staff.press(1)
    await staff.next_reply(kinds={"message"})
    await staff.press("🗑 Delete")
    confirm = await staff.next_reply(kinds={"message"})
    assert confirm.text == f"Delete «{NAME_VI}»? It disappears from /events at once."
    await staff.press("🗑 Yes, delete it")
    assert (await staff.next_reply(kinds={"message"})).text == f"🗑 Deleted «{NAME_VI}»."
    assert NAME_VI not in (await ask(vi_user, "/events")).text
    async with app.bot_data["services"].sessions() as session:
        assert (await session.exec(select(Event).where(Event.made_in_bot))).all() == []


async def test_an_event_name_cannot_be_taken_twice(staff: SimUser) -> None:
    await _add_event(staff)
    await staff.press("✅ Save")
    await staff.next_reply(kinds={"message"})
    await _add_event(staff)
    await staff.press("✅ Save")
    refused = await staff.next_reply(kinds={"message"})
    assert refused.text == f"An event named «{NAME_VI}» exists already; change the Vietnamese name."


async def _first_point(app: AnyApplication) -> Point:
    async with app.bot_data["services"].sessions() as session:
        point: Point | None = (await session.exec(select(Point).order_by(col(Point.id)))).first()
    assert point is not None
    return point


async def _open_point_card(user: SimUser, point: Point, lang: Language = "en") -> None:
    await ask(user, "/start")
    user.forge_callback(f"s:{point.id}")  # as the point's button in any list sends
    card = await user.next_reply(kinds={"message"})
    assert card.text.startswith(point_name(point, lang))


async def test_a_user_reports_a_closed_shop_and_staff_resolve_it(
    staff: SimUser, en_user: SimUser, app: AnyApplication
) -> None:
    point = await _first_point(app)
    await _open_point_card(en_user, point)
    await en_user.press("⚠️ Report a problem")
    question = await en_user.next_reply(kinds={"message"})
    assert question.text == f"What is wrong with «{point_name(point, 'en')}»?"
    await en_user.press("Closed")
    thanks = await en_user.next_reply(kinds={"message"})
    assert thanks.text == f"🙏 Thank you! Staff will check «{point_name(point, 'en')}»."
    listing = await ask(staff, "/reports")
    assert listing.text.startswith("⚠️ Open problem reports: 1\n\n#1 · Point: " + point.name)
    assert "\nClosed · " in listing.text
    await staff.press("🔎 Open #1")
    card = await staff.next_reply(kinds={"message"})
    assert card.text.startswith(point_name(point, "en"))  # staff read English
    await ask(staff, "/reports")
    await staff.press("✅ Resolved #1")
    resolved = await staff.next_reply(kinds={"message"})
    assert resolved.text == "✅ Report #1 is marked resolved."
    after = await ask(staff, "/reports")
    assert after.text == "⚠️ Open problem reports: 0\n\nNo open problem reports."


async def test_something_else_takes_the_users_words_escaped(
    staff: SimUser, vi_user: SimUser, app: AnyApplication
) -> None:
    point = await _first_point(app)
    await _open_point_card(vi_user, point, "vi")
    await vi_user.press("⚠️ Báo thông tin sai")
    await vi_user.next_reply(kinds={"message"})
    await vi_user.press("Vấn đề khác…")
    describe = await vi_user.next_reply(kinds={"message"})
    assert describe.text.startswith("Mô tả vấn đề trong một tin ngắn")
    thanks = await ask(vi_user, "<b>Chuyển</b> sang 12 Hàng Bông")
    assert thanks.text == f"🙏 Cảm ơn bạn! Nhân viên sẽ kiểm tra «{point_name(point, 'vi')}»."
    listing = await ask(staff, "/reports")
    assert "Something else…: «<b>Chuyển</b> sang 12 Hàng Bông»" in listing.text
    # the next message is a search again
    assert "mật ong" in (await ask(vi_user, "mật ong")).text.lower()


async def test_one_user_cannot_flood_the_reports(en_user: SimUser, app: AnyApplication) -> None:
    point = await _first_point(app)
    async with app.bot_data["services"].sessions() as session:
        for _ in range(REPORTS_PER_DAY):
            item = (ReportedItem.POINT, point.id or 0, point.name)
            report = NewReport(*item, Problem.CLOSED, user_id=en_user.id)
            assert await file_report(session=session, report=report, limit=REPORTS_PER_DAY)
    await _open_point_card(en_user, point)
    await en_user.press("⚠️ Report a problem")
    await en_user.next_reply(kinds={"message"})
    await en_user.press("Wrong address")
    refused = await en_user.next_reply(kinds={"message"})
    assert refused.text.startswith(f"You have sent {REPORTS_PER_DAY} reports in the last day")
    async with app.bot_data["services"].sessions() as session:
        assert len((await session.exec(select(ProblemReport))).all()) == REPORTS_PER_DAY


@pytest.mark.parametrize("command", ["/event", "/reports"])
async def test_non_staff_get_nothing_from_event_or_reports(
    en_user: SimUser, command: str, caplog: pytest.LogCaptureFixture
) -> None:
    unknown = (await ask(en_user, "/no_such_command")).text
    with caplog.at_level(logging.WARNING, logger="bot.handlers.staff"):
        assert (await ask(en_user, command)).text == unknown
    assert "Refused a staff action" in caplog.text
    await en_user.quiet(0.3)
    assert en_user.unread() == []


@pytest.mark.parametrize("forged", ["ev:new", "eo:1", "ea:1", "ro:1", "rr:1"])
async def test_non_staff_event_and_report_buttons_do_nothing(en_user: SimUser, forged: str) -> None:
    await ask(en_user, "/start")
    en_user.forge_callback(forged)
    answer = await en_user.next_reply(kinds={"callback_answer", "message", "edit"})
    assert (answer.kind, answer.text) == ("callback_answer", "This button has expired.")
