"""Subscriptions and staff as stored: what /settings shows and who may announce."""

import asyncio

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.broadcast.staff import add_staff, list_staff, remove_staff
from bot.broadcast.subscribers import (
    deactivate,
    get_subscriber,
    reactivate,
    set_home_ward,
    set_topics,
    subscribe,
    unsubscribe,
)
from bot.cli import main
from bot.store.broadcast import Topic
from bot.store.users import read_user_state

Sessions = async_sessionmaker[AsyncSession]


async def test_subscribing_again_changes_topics_and_language_without_a_second_row(
    sessions: Sessions,
) -> None:
    async with sessions() as session:
        await subscribe(session=session, chat_id=501, language="vi", topics=[Topic.EVENTS])
        again = await subscribe(
            session=session, chat_id=501, language="en", topics=[Topic.SHOWROOMS, Topic.EVENTS]
        )
        assert again.topic_set == {Topic.EVENTS, Topic.SHOWROOMS}
    async with sessions() as session:
        stored = await get_subscriber(session=session, chat_id=501)
    assert stored is not None
    assert (stored.id, stored.language, stored.topics) == (again.id, "en", "events,showrooms")


async def test_settings_change_topics_and_home_ward(sessions: Sessions) -> None:
    async with sessions() as session:
        await subscribe(session=session, chat_id=502, language="vi", topics=list(Topic))
        await set_topics(session=session, chat_id=502, topics=[Topic.SHOWROOMS])
        await set_home_ward(session=session, chat_id=502, ward_code="00190")
    async with sessions() as session:
        stored = await get_subscriber(session=session, chat_id=502)
        assert stored is not None
        assert (stored.topic_set, stored.home_ward_code) == (frozenset({Topic.SHOWROOMS}), "00190")
        await set_home_ward(session=session, chat_id=502, ward_code=None)
        with pytest.raises(ValueError, match="at least one topic"):
            await set_topics(session=session, chat_id=502, topics=[])
    async with sessions() as session:
        stored = await get_subscriber(session=session, chat_id=502)
    assert stored is not None
    assert (stored.topic_set, stored.home_ward_code) == (frozenset({Topic.SHOWROOMS}), None)


async def test_changing_settings_of_a_stranger_changes_nothing(sessions: Sessions) -> None:
    async with sessions() as session:
        assert await set_topics(session=session, chat_id=9, topics=[Topic.EVENTS]) is None
        assert await set_home_ward(session=session, chat_id=9, ward_code="00190") is None
        assert not await reactivate(session=session, chat_id=9)
        assert not await unsubscribe(session=session, chat_id=9)
        assert await get_subscriber(session=session, chat_id=9) is None


async def test_blocked_then_back_then_unsubscribed(sessions: Sessions) -> None:
    async with sessions() as session:
        await subscribe(session=session, chat_id=503, language="vi", topics=[Topic.EVENTS])
        assert await deactivate(session=session, chat_ids=[503, 504]) == 1
        assert await deactivate(session=session, chat_ids=[503]) == 0
    async with sessions() as session:
        stored = await get_subscriber(session=session, chat_id=503)
        assert stored is not None and not stored.active
        assert await reactivate(session=session, chat_id=503)
    async with sessions() as session:
        stored = await get_subscriber(session=session, chat_id=503)
        assert stored is not None and stored.active
        assert await unsubscribe(session=session, chat_id=503)
        # After /unsubscribe, /start does not subscribe the user again.
        assert not await reactivate(session=session, chat_id=503)
        assert await get_subscriber(session=session, chat_id=503) is None


async def test_the_staff_table_is_read_with_the_user_state(sessions: Sessions) -> None:
    async def in_table(user_id: int) -> bool:
        return (await read_user_state(session=session, user_id=user_id)).in_staff_table

    async with sessions() as session:
        assert not await in_table(12)
        assert await add_staff(session=session, user_id=12, added_by=11)
        assert not await add_staff(session=session, user_id=12, added_by=11)
        assert await in_table(12)
        assert [(s.user_id, s.added_by) for s in await list_staff(session=session)] == [(12, 11)]
        assert await remove_staff(session=session, user_id=12)
        assert not await remove_staff(session=session, user_id=12)
        assert not await in_table(12)


def test_staff_command_line(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.config import get_settings

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("STAFF_IDS", "7")
    get_settings.cache_clear()
    try:
        assert main(["staff", "add", "4242"]) == 0
        assert main(["staff", "add", "4242"]) == 0
        assert main(["staff", "list"]) == 0
        assert main(["staff", "remove", "4242"]) == 0
        assert main(["staff", "remove", "4242"]) == 1
        assert main(["staff", "list"]) == 0
    finally:
        get_settings.cache_clear()
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["4242 added", "4242 was already staff"]
    assert lines[2].split() == ["7", "from", "STAFF_IDS"]
    assert lines[3].split()[:2] == ["4242", "added"]
    assert lines[4:6] == ["4242 removed", "4242 was not in the staff table"]
    assert [line.split() for line in lines[6:]] == [["7", "from", "STAFF_IDS"]]


async def test_the_same_staff_member_added_twice_at_once_is_added_once(sessions: Sessions) -> None:
    async def add() -> bool:
        async with sessions() as session:
            return await add_staff(session=session, user_id=777, added_by=1)

    assert sorted(await asyncio.gather(add(), add(), add())) == [False, False, True]
    async with sessions() as session:
        assert [row.user_id for row in await list_staff(session=session)] == [777]
