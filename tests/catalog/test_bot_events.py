"""Events made in the bot: every instance sees them at its next look, and loading the catalog
files keeps them."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import col, select

from bot.catalog.bot_events import (
    EventFields,
    NameTakenError,
    delete_bot_event,
    parse_event_dates,
    save_bot_event,
)
from bot.catalog.load import InvalidCatalogError, load_catalog
from bot.services import read_live_catalog, refreshed
from bot.store.db import open_session
from bot.store.models import Event

from .conftest import Tables

FAIR = EventFields(
    name_vi="Hội chợ Xuân OCOP",
    name_en="OCOP Spring Fair",
    starts_on=date(2027, 1, 20),
    ends_on=date(2027, 1, 23),
    venue="Cung Văn hóa Hữu nghị",
    ward="Phường Ô Chợ Dừa",
    ward_code="00190",
)


async def test_another_instance_sees_a_new_event_at_its_next_look(
    make_catalog: Callable[..., Path], database_url: str
) -> None:
    async with open_session(database_url) as session:
        await load_catalog(session=session, directory=make_catalog())
        other_instance = await read_live_catalog(session=session)
    async with open_session(database_url) as session:
        await save_bot_event(session=session, fields=FAIR, event_id=None, staff_id=1)
    async with open_session(database_url) as session:
        live = await refreshed(other_instance, session=session)
    assert live.version == other_instance.version + 1
    assert FAIR.name_vi in {event.name_vi for event in live.catalog.events}
    assert FAIR.name_vi not in {event.name_vi for event in other_instance.catalog.events}


async def test_loading_the_files_keeps_events_made_in_the_bot(
    make_catalog: Callable[..., Path], database_url: str
) -> None:
    async with open_session(database_url) as session:
        await load_catalog(session=session, directory=make_catalog())
        made = await save_bot_event(session=session, fields=FAIR, event_id=None, staff_id=1)

    def without_events(tables: Tables) -> None:
        tables["events.csv"] = []

    async with open_session(database_url) as session:
        report = await load_catalog(session=session, directory=make_catalog("b", e=without_events))
        events = (await session.exec(select(Event))).all()
    assert report.changes["events"].removed == 1  # the file's own event only
    assert [(event.id, event.name_vi, event.made_in_bot) for event in events] == [
        (made and made.id, FAIR.name_vi, True)
    ]


async def test_a_file_event_may_not_take_the_name_of_one_made_in_the_bot(
    make_catalog: Callable[..., Path], database_url: str
) -> None:
    async with open_session(database_url) as session:
        await save_bot_event(session=session, fields=FAIR, event_id=None, staff_id=1)

    def same_name(tables: Tables) -> None:
        tables["events.csv"][0]["name_vi"] = FAIR.name_vi

    async with open_session(database_url) as session:
        with pytest.raises(InvalidCatalogError) as refused:
            await load_catalog(session=session, directory=make_catalog(e=same_name))
    assert [str(problem) for problem in refused.value.problems] == [
        "events.csv:2: name_vi: an event made in the bot has this name"
    ]
    async with open_session(database_url) as session:
        with pytest.raises(NameTakenError):
            await save_bot_event(session=session, fields=FAIR, event_id=None, staff_id=2)


async def test_only_events_made_in_the_bot_can_be_deleted_in_it(
    make_catalog: Callable[..., Path], database_url: str
) -> None:
    async with open_session(database_url) as session:
        await load_catalog(session=session, directory=make_catalog())
        from_file = (await session.exec(select(Event).where(~col(Event.made_in_bot)))).one()
        assert await delete_bot_event(session=session, event_id=from_file.id or 0) is None
        made = await save_bot_event(session=session, fields=FAIR, event_id=None, staff_id=1)
        assert made is not None
        assert await delete_bot_event(session=session, event_id=made.id or 0) is not None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("20/12/2026", (date(2026, 12, 20), date(2026, 12, 20))),
        ("2026-12-20", (date(2026, 12, 20), date(2026, 12, 20))),
        ("20/12/2026 - 23/12/2026", (date(2026, 12, 20), date(2026, 12, 23))),
        ("từ 2026-12-20 đến 2026-12-23", (date(2026, 12, 20), date(2026, 12, 23))),
        ("23/12/2026 - 20/12/2026", None),
        ("31/02/2026", None),
        ("next Tuesday", None),
    ],
)
def test_event_dates_as_staff_type_them(typed: str, expected: tuple[date, date] | None) -> None:
    assert parse_event_dates(typed) == expected
