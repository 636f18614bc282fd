"""Events staff make, edit and delete in the bot (/event). Each change bumps the catalog
version, so every running instance shows it; `catalog load` and `catalog import` keep them."""

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.catalog import bump_catalog_version
from bot.store.models import Event, Point
from bot.vietnamese import folded_phrase

MADE_IN_BOT_NOTE = "made in the bot with /event"
BOT_ONLY_COLUMNS = ("made_in_bot", "created_by")  # Event columns no catalog file sets
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
POINT_NAME_MIN = 5  # characters a partial point name needs before it is matched


@dataclass(frozen=True)
class EventFields:
    name_vi: str
    name_en: str
    starts_on: date
    ends_on: date
    venue: str
    ward: str | None = None
    ward_code: str | None = None
    point_name: str | None = None


class NameTakenError(Exception):
    """Another event already has this Vietnamese name (the events' public key)."""


async def bot_events(*, session: AsyncSession, limit: int) -> list[Event]:
    """Events made in the bot, latest first."""
    rows = await session.exec(
        select(Event)
        .where(col(Event.made_in_bot))
        .order_by(col(Event.starts_on).desc(), col(Event.id).desc())
        .limit(limit)
    )
    return list(rows.all())


async def bot_event(*, session: AsyncSession, event_id: int) -> Event | None:
    event = await session.get(Event, event_id)
    return event if event is not None and event.made_in_bot else None


async def save_bot_event(
    *, session: AsyncSession, fields: EventFields, event_id: int | None, staff_id: int
) -> Event | None:
    """Create (`event_id` None) or update an event made in the bot and bump the catalog
    version. None when the event to update is gone; NameTakenError when the name is taken."""
    same_name = await session.exec(select(Event.id).where(col(Event.name_vi) == fields.name_vi))
    if any(found != event_id for found in same_name.all()):
        raise NameTakenError(fields.name_vi)
    if event_id is None:
        event = Event(
            **asdict(fields),
            source_url="",
            note=MADE_IN_BOT_NOTE,
            made_in_bot=True,
            created_by=staff_id,
        )
    else:
        found = await bot_event(session=session, event_id=event_id)
        if found is None:
            return None
        event = found
        for name, value in asdict(fields).items():
            setattr(event, name, value)
    session.add(event)
    await bump_catalog_version(session=session)
    await session.commit()
    return event


async def delete_bot_event(*, session: AsyncSession, event_id: int) -> Event | None:
    """Delete an event made in the bot; the deleted event, or None when there was none."""
    event = await bot_event(session=session, event_id=event_id)
    if event is None:
        return None
    await session.delete(event)
    await bump_catalog_version(session=session)
    await session.commit()
    return event


def parse_event_dates(text: str) -> tuple[date, date] | None:
    """ "20/12/2026", "2026-12-20", or two of them (from, to); None when unreadable or when
    the end is before the start."""
    days: list[date] = []
    for match in _DAY.finditer(text):
        year, month, day = match.group(1, 2, 3) if match.group(1) else match.group(6, 5, 4)
        try:
            days.append(date(int(year), int(month), int(day)))
        except ValueError:
            return None
    if len(days) == 1:
        return days[0], days[0]
    if len(days) == 2 and days[0] <= days[1]:
        return days[0], days[1]
    return None


def point_named(points: Iterable[Point], text: str) -> Point | None:
    """The point `text` names: its whole name in any spelling, or a part only it contains."""
    wanted = folded_phrase(text)
    if not wanted:
        return None
    named = [point for point in points if folded_phrase(point.name) == wanted]
    if not named and len(wanted) >= POINT_NAME_MIN:
        named = [point for point in points if wanted in folded_phrase(point.name)]
    return named[0] if len(named) == 1 else None
