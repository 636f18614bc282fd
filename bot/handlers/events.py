"""/events: fairs and festivals on now, coming up, and just past, from the latest catalog."""

from datetime import datetime

from telegram import Update
from telegram.ext import ContextTypes

from bot.catalog.events import events_by_time
from bot.geo.hanoi import VIETNAM_TIME
from bot.handlers.common import language, reply, services
from bot.texts import Html, render
from bot.texts.cards import event_line


async def show_events(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = language(update, context)
    shared = services(context)
    # one read of the catalog version: an event staff just made on another instance shows now
    async with shared.sessions() as session:
        await shared.refresh(session=session)
    catalog = shared.live.catalog
    today = datetime.now(VIETNAM_TIME).date()
    events = events_by_time(catalog.events, today=today)
    sections = [render(lang, "events_header")]
    for key, group in (
        ("events_current", events.current),
        ("events_upcoming", events.upcoming),
    ):
        if group:
            sections.append(Html(f"\n<b>{render(lang, key)}</b>"))
            sections.extend(event_line(event, lang, today) for event in group)
    if not events.current and not events.upcoming:
        sections.append(render(lang, "events_none"))
    if events.recent:
        sections.append(Html(f"\n<b>{render(lang, 'events_past')}</b>"))
        sections.extend(event_line(event, lang, today) for event in events.recent)
    await reply(update, Html("\n".join(sections)))
