"""Per-user state in the database: saved button state, the last shared location, and what the
user gate reads for every update."""

from datetime import timedelta

from bot.broadcast.staff import add_staff
from bot.store.db import open_engine, open_session
from bot.store.reports import set_pending_report
from bot.store.types import utc_now
from bot.store.users import (
    SAVED_PER_USER,
    STAFF_DIALOGUE,
    SavedValues,
    UserState,
    UserStateReader,
    get_location,
    load_value,
    put_value,
    read_user_state,
    set_language,
    set_location,
)


async def test_only_the_newest_saved_values_of_a_user_are_kept(database_url: str) -> None:
    async with open_session(database_url) as session, open_engine(database_url) as engine:
        one, another = SavedValues(engine), SavedValues(engine)  # two instances
        try:
            await put_value(session=session, user_id=1, token=STAFF_DIALOGUE, value=["draft"])
            other = await one.save(2, ["other", [1]])
            tokens = [await one.save(1, ["tea", [n, n + 1]]) for n in range(SAVED_PER_USER + 3)]
            loaded = [await another.load(1, token) for token in tokens]
            assert loaded[:3] == [None, None, None]
            assert loaded[3:] == [["tea", [n, n + 1]] for n in range(3, SAVED_PER_USER + 3)]
            assert await another.load(2, other) == ["other", [1]]
            # A token is only good for the user it was saved for.
            assert await another.load(1, other) is None
            # the staff dialogue is never trimmed; a session reads what the held connection wrote
            assert await load_value(session=session, user_id=1, token=STAFF_DIALOGUE) == ["draft"]
            assert await load_value(session=session, user_id=1, token=tokens[-1]) == [
                "tea",
                [SAVED_PER_USER + 2, SAVED_PER_USER + 3],
            ]
        finally:
            await one.close()
            await another.close()


async def test_a_location_needs_no_language_and_keeps_a_chosen_one(database_url: str) -> None:
    async with open_session(database_url) as session:
        await set_location(session=session, user_id=5, location=(21.0285, 105.8542))
        assert (await read_user_state(session=session, user_id=5)).language is None
        await set_language(session=session, user_id=5, language="en")
        await set_location(session=session, user_id=5, location=(21.03, 105.85))
    async with open_session(database_url) as session:
        assert await get_location(session=session, user_id=5) == (21.03, 105.85)
        assert (await read_user_state(session=session, user_id=5)).language == "en"
        assert await get_location(session=session, user_id=6) is None


async def test_the_gates_reader_sees_what_any_instance_committed(database_url: str) -> None:
    async with open_session(database_url) as session, open_engine(database_url) as engine:
        reader = UserStateReader(engine)
        try:
            assert await reader.read(7) == UserState(language=None, in_staff_table=False)
            # written elsewhere (another instance's /lang, `staff add`, a report button)
            await set_language(session=session, user_id=7, language="en")
            await add_staff(session=session, user_id=7, added_by=None)
            await set_pending_report(session=session, user_id=7, target="p:12")
            state = await reader.read(7)
            assert (state.language, state.in_staff_table, state.report_pending) == (
                "en",
                True,
                "p:12",
            )
            assert state.report_asked_at is not None
            assert abs(state.report_asked_at - utc_now()) < timedelta(minutes=1)  # aware UTC
            assert state == await read_user_state(session=session, user_id=7)  # as a session reads
        finally:
            await reader.close()


async def test_held_connections_replace_one_the_server_closed(database_url: str) -> None:
    async with open_session(database_url) as session, open_engine(database_url) as engine:
        await set_language(session=session, user_id=8, language="vi")
        reader, saved = UserStateReader(engine), SavedValues(engine)
        try:
            assert (await reader.read(8)).language == "vi"
            token = await saved.save(8, ["tea", [1]])
            for connection in (reader.connection, saved.connection):
                await (await connection.driver()).close()  # as a server restart would
            assert (await reader.read(8)).language == "vi"
            assert await saved.load(8, token) == ["tea", [1]]
            assert await saved.load(8, await saved.save(8, ["honey", [2]])) == ["honey", [2]]
        finally:
            await reader.close()
            await saved.close()
