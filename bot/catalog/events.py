"""Which events are on now, coming up, or just past."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bot.store.models import Event

SHOWN_PER_GROUP = 4  # events listed per group, so the list always fits in one message


@dataclass(frozen=True)
class EventsByTime:
    current: list[Event]
    upcoming: list[Event]
    recent: list[Event]  # the latest finished ones, newest first


def events_by_time(events: Iterable[Event], *, today: date) -> EventsByTime:
    ordered = sorted(events, key=lambda event: (event.starts_on, event.name_vi))
    past = [event for event in ordered if event.ends_on < today]
    return EventsByTime(
        current=[e for e in ordered if e.starts_on <= today <= e.ends_on][:SHOWN_PER_GROUP],
        upcoming=[e for e in ordered if e.starts_on > today][:SHOWN_PER_GROUP],
        recent=sorted(past, key=lambda e: e.ends_on, reverse=True)[:SHOWN_PER_GROUP],
    )
