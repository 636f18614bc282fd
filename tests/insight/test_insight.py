"""Recording, the rollup, the report, retention and the weekly digest, on both databases."""

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from bot.config import Settings
from bot.insight.digest import claim_week, week_due
from bot.insight.events import CardEvent, NearEvent, SearchEvent, SubscriptionEvent
from bot.insight.recorder import DailySalt, Recorder, purge
from bot.insight.report import insight_report
from bot.insight.rollup import roll_up
from bot.store.db import open_engine, session_factory
from bot.store.insight import ask_daily_table, ask_event_table

NOW = datetime(2026, 11, 25, 5, 0, tzinfo=UTC)  # Wednesday 12:00 in Vietnam


def asked(text: str, verdict: str, days_ago: int, lang: str = "vi") -> SearchEvent:
    return SearchEvent(
        text,
        lang,
        "product",
        verdict,
        (3, 1) if verdict == "found" else (),
        ward_code="00070" if text.startswith("gốm") else None,
        at=NOW - timedelta(days=days_ago),
    )


async def recorded(url: str) -> Recorder:
    recorder = Recorder()
    for days_ago in (0, 1, 2, 10, 40):
        at = NOW - timedelta(days=days_ago)
        recorder.record(asked("Mật ong  BẠC HÀ", "found", days_ago), user_id=1)
        recorder.record(asked("pizza", "none", days_ago, "en"), user_id=2)
        recorder.record(asked("pizza", "related", days_ago, "vi"), user_id=3)
        recorder.record(asked("gốm bát tràng", "found", days_ago), user_id=1)
        recorder.record(CardEvent("product", 3, "vi", at=at))
        recorder.record(CardEvent("directions", 9, "en", at=at))
        recorder.record(NearEvent("en", location=(21.0245, 105.8412), at=at))
        recorder.record(SubscriptionEvent("vi", joined=True, at=at))
    recorder.record(SubscriptionEvent("vi", joined=False, at=NOW))
    async with open_engine(url) as engine:
        assert await recorder.flush(engine) == 41
    assert recorder.buffered == 0
    return recorder


async def test_the_report_counts_the_window_from_rollup_and_records_alike(
    database_url: str,
) -> None:
    await recorded(database_url)
    async with open_engine(database_url) as engine:
        week = await insight_report(engine, days=7, now=NOW)
        again = await insight_report(engine, days=7, now=NOW)  # now read from the rollup
        month = await insight_report(engine, days=30, now=NOW)
        async with engine.connect() as connection:
            rolled = await connection.scalar(
                sa.select(sa.func.count()).select_from(ask_daily_table)
            )
    assert week == again and rolled
    assert (week.searches, week.unmet, week.visitors) == (12, 6, 9)
    assert [(q.text, q.count) for q in week.top_queries] == [
        ("pizza", 6),
        ("gốm bát tràng", 3),
        ("mật ong bạc hà", 3),  # normalised: lowercase, single spaces
    ]
    assert {(u.text, u.language, u.count) for u in week.top_unmet} == {
        ("pizza", "en", 3),
        ("pizza", "vi", 3),
    }
    assert [(o.target_id, o.count) for o in week.top_products] == [(3, 3)]
    assert [(o.target_id, o.count) for o in week.directions] == [(9, 3)]
    wards = {w.ward_code: w.count for w in week.wards}
    assert wards["00070"] == 3 and sum(wards.values()) == 6  # gốm searches, and /near
    assert (week.new_subscribers, week.lost_subscribers) == (3, 1)
    assert month.searches == 16 and [d.day for d in month.per_day][-1] == date(2026, 11, 25)


async def test_a_failed_write_keeps_the_records_for_the_next_flush(database_url: str) -> None:
    recorder = Recorder()
    recorder.record(asked("trà sen", "found", 0), user_id=5)
    broken = create_async_engine("sqlite+aiosqlite:////nonexistent/folder/x.sqlite3")
    assert await recorder.flush(broken) == 0
    await broken.dispose()
    assert recorder.buffered == 1
    async with open_engine(database_url) as engine:
        assert await recorder.flush(engine) == 1


def test_a_full_buffer_drops_the_oldest_records() -> None:
    recorder = Recorder(max_buffered=3)
    for n in range(5):
        recorder.record(asked(f"q{n}", "none", 0))
    assert (recorder.buffered, recorder.dropped) == (3, 2)


def test_the_visitor_hash_changes_with_the_day_and_never_shows_the_id() -> None:
    salt = DailySalt()
    today = salt.visitor(123456789, NOW)
    assert today == salt.visitor(123456789, NOW + timedelta(hours=1))
    assert today != salt.visitor(987654321, NOW)
    assert today != salt.visitor(123456789, NOW + timedelta(days=1))
    assert "123456789" not in today and len(today) == 16


async def test_records_and_rollup_past_the_retention_are_purged(database_url: str) -> None:
    await recorded(database_url)
    async with open_engine(database_url) as engine:
        await roll_up(engine, first_day=date(2026, 10, 1), now=NOW)
        assert await purge(engine, now=NOW, retention_days=30) == 8
        async with engine.connect() as connection:
            oldest = await connection.scalar(sa.select(sa.func.min(ask_event_table.c.day)))
            oldest_rolled = await connection.scalar(sa.select(sa.func.min(ask_daily_table.c.day)))
    assert oldest == date(2026, 11, 15) and oldest_rolled == date(2026, 11, 15)


def test_retention_has_a_sane_range() -> None:
    assert Settings(_env_file=None).insight_retention_days == 365
    for wrong in (0, 5000):
        with pytest.raises(ValueError, match="insight_retention_days"):
            Settings(insight_retention_days=wrong, _env_file=None)


def test_the_digest_is_due_from_monday_eight_in_vietnam() -> None:
    monday_seven = datetime(2026, 11, 23, 0, 59, tzinfo=UTC)  # 07:59 in Vietnam
    assert week_due(monday_seven) is None
    assert week_due(monday_seven + timedelta(minutes=1)) == date(2026, 11, 23)
    assert week_due(NOW) == date(2026, 11, 23)
    sunday_night = datetime(2026, 11, 29, 16, 59, tzinfo=UTC)  # Sunday 23:59 in Vietnam
    assert week_due(sunday_night) == date(2026, 11, 23)


async def test_the_digest_week_is_claimed_once_across_instances(database_url: str) -> None:
    async with open_engine(database_url) as engine:
        sessions = session_factory(engine)
        async with sessions() as first, sessions() as second:
            week = date(2026, 11, 23)
            assert await claim_week(session=first, week_start=week, instance="a", readers=1)
            assert not await claim_week(session=second, week_start=week, instance="b", readers=1)
