"""Staff insight end to end: visitors search (some for what the catalog lacks), staff read
/insight with its chart, and nothing in the recorded rows points back to a person."""

import re
from collections.abc import Callable

import pytest
import sqlalchemy as sa

from bot.config import Settings
from bot.lifecycle import AnyApplication
from bot.standin import SimUser, StandIn
from bot.store.insight import ask_event_table
from tests.e2e.conftest import ask

STAFF_ID = 4343


@pytest.fixture
def bot_settings(bot_settings: Settings) -> Settings:
    return bot_settings.model_copy(update={"staff_ids": frozenset({STAFF_ID})})


@pytest.fixture
def staff(standin: StandIn, app: AnyApplication) -> SimUser:
    return standin.user(id=STAFF_ID, first_name="Staff", language_code="en")


async def visitors_search(new_user: Callable[..., SimUser]) -> list[SimUser]:
    """Four searches, two of them for pizza (not in the catalog), and one card opened."""
    anna, binh, chris = new_user("en", "Anna"), new_user("vi", "Bình"), new_user("en", "Chris")
    assert (await ask(anna, "mint honey")).text.startswith("🔎 Results for «mint honey»")
    assert (await ask(binh, "pizza hawaii")).text.startswith("«pizza hawaii» chưa có trong")
    assert (await ask(chris, "pizza hawaii")).text.startswith("«pizza hawaii» is not in the")
    await ask(chris, "mint honey")
    await chris.press(1)
    await chris.next_reply(kinds={"message"})
    return [anna, binh, chris]


async def test_staff_see_what_visitors_asked_and_did_not_find(
    staff: SimUser, new_user: Callable[..., SimUser]
) -> None:
    await visitors_search(new_user)
    chart = await ask(staff, "/insight 7")
    assert "photo" in chart.data
    text = await staff.next_reply(kinds={"message"})
    assert "Searches: 4 · not found: 2 (50%) · visitor-days: 3" in text.text
    assert "Most asked\n1. mint honey — 2\n2. pizza hawaii — 2" in text.text
    unmet = text.text.split("Asked, not found")[1].split("\n\n")[0]
    assert "1. pizza hawaii (en) — 1" in unmet and "2. pizza hawaii (vi) — 1" in unmet
    assert "Most opened products\n1. " in text.text and " — 1" in text.text
    assert text.buttons[0][0].text == "📬 Weekly digest: off — turn on"
    await staff.press("📬 Weekly digest: off — turn on")
    answered = await staff.next_reply(kinds={"callback_answer"})
    assert answered.text.startswith("📬 You'll get this every Monday at 08:00")


async def test_a_visitor_asking_for_insight_sees_an_unknown_command(en_user: SimUser) -> None:
    unknown = (await ask(en_user, "/no_such_command")).text
    assert (await ask(en_user, "/insight")).text == unknown
    assert (await ask(en_user, "/insight 30")).text == unknown


async def test_recorded_rows_hold_nothing_that_identifies_a_visitor(
    app: AnyApplication, staff: SimUser, new_user: Callable[..., SimUser]
) -> None:
    people = await visitors_search(new_user)
    located = new_user("en", "Dana")
    await located.send_location(21.0245, 105.8412)  # Hoàn Kiếm
    await located.next_reply(kinds={"message"})
    await ask(staff, "/insight")  # writes what is buffered
    await staff.next_reply(kinds={"message"})
    engine = app.bot_data["services"].engine
    async with engine.connect() as connection:
        rows = [dict(row._mapping) for row in await connection.execute(sa.select(ask_event_table))]
    assert len(rows) == 6  # four searches, one card, one location
    assert not {"user_id", "chat_id", "name", "latitude", "longitude"} & set(rows[0])
    identifying = {str(p.id) for p in [*people, located]} | {"Anna", "Bình", "Chris", "Dana"}
    identifying |= {"21.0245", "105.8412"}
    # whole words only: a timestamp's microseconds or a hash may hold a user id's digits
    anything_identifying = re.compile(
        "|".join(rf"(?<!\w){re.escape(p)}(?!\w)" for p in identifying)
    )
    for row in rows:
        for value in row.values():
            assert not anything_identifying.search(str(value)), row
    [near] = [row for row in rows if row["kind"] == "near"]
    assert near["ward_code"] is not None and len(near["visitor"]) == 16
    # one visitor's two searches share a hash that day; different visitors do not
    hashes = [row["visitor"] for row in rows if row["kind"] == "search"]
    assert len(hashes) == 4 and len(set(hashes)) == 3
