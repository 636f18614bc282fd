"""Per-user state in the database: saved button state and the last shared location."""

from bot.store.db import open_session
from bot.store.users import (
    SAVED_PER_USER,
    get_location,
    load_value,
    read_user_state,
    save_value,
    set_language,
    set_location,
)


async def test_only_the_newest_saved_values_of_a_user_are_kept(database_url: str) -> None:
    async with open_session(database_url) as session:
        other = await save_value(session=session, user_id=2, value=["other", [1]])
        tokens = [
            await save_value(session=session, user_id=1, value=["tea", [n, n + 1]])
            for n in range(SAVED_PER_USER + 3)
        ]
    async with open_session(database_url) as session:
        loaded = [await load_value(session=session, user_id=1, token=t) for t in tokens]
        assert loaded[:3] == [None, None, None]
        assert loaded[3:] == [["tea", [n, n + 1]] for n in range(3, SAVED_PER_USER + 3)]
        assert await load_value(session=session, user_id=2, token=other) == ["other", [1]]
        # A token is only good for the user it was saved for.
        assert await load_value(session=session, user_id=1, token=other) is None


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
