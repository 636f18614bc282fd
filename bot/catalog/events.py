"""Which events are on now, coming up, or just past."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bot.store.models import Event

RECENT_COUNT = 5


@dataclass(frozen=True)
class EventsByTime:
    current: list[Event]
    upcoming: list[Event]
    recent: list[Event]  # the latest finished ones, newest first


def events_by_time(events: Iterable[Event], *, today: date) -> EventsByTime:
    ordered = sorted(events, key=lambda event: (event.starts_on, event.name_vi))
    past = [event for event in ordered if event.ends_on < today]
    return EventsByTime(
        current=[event for event in ordered if event.starts_on <= today <= event.ends_on],
        upcoming=[event for event in ordered if event.starts_on > today],
        recent=sorted(past, key=lambda event: event.ends_on, reverse=True)[:RECENT_COUNT],
    )
