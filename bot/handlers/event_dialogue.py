"""/event (staff): add an event in a short dialogue (names in both languages, dates, venue,
ward or point), change or delete one made in the bot, and offer an announcement draft for it.

Like /announce, the dialogue's step and draft live in the database (bot.handlers.dialogue), so
any instance takes the next step. A saved change bumps the catalog version: this instance
shows it at once, and every other one at its next /events (which checks the version).
"""

import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.catalog.bot_events import (
    EventFields,
    NameTakenError,
    bot_event,
    bot_events,
    delete_bot_event,
    parse_event_dates,
    point_named,
    save_bot_event,
)
from bot.geo.hanoi import VIETNAM_TIME, hanoi_units
from bot.handlers import callbacks
from bot.handlers.common import answer, expired, language, pressed, reply, services
from bot.handlers.dialogue import EVENT, Dialogue, read_dialogue, write_dialogue
from bot.handlers.staff import authorised, start_with_draft
from bot.store.models import Event
from bot.texts import Html, Language, clip, plain, render
from bot.texts.cards import event_dates

# Steps: the typed ones in dialogue order, then REVIEW (the summary with its buttons) and
# DELETING (waiting for "Yes, delete it").
NAME_VI, NAME_EN, DATES, VENUE, PLACE, REVIEW, DELETING = range(7)
TYPED_STEPS = (NAME_VI, NAME_EN, DATES, VENUE, PLACE)
FIELD_STEPS = {
    "name_vi": NAME_VI,
    "name_en": NAME_EN,
    "dates": DATES,
    "venue": VENUE,
    "place": PLACE,
}
QUESTIONS = {
    NAME_VI: "event_ask_name_vi",
    NAME_EN: "event_ask_name_en",
    DATES: "event_ask_dates",
    VENUE: "event_ask_venue",
    PLACE: "event_ask_place",
}
TEXT_LIMIT = 200  # characters of a name or venue
LISTED = 10  # events made in the bot offered by /event
NO_PLACE = ("-", "–", "—")


async def event_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await authorised(update, context):
        return
    lang = language(update, context)
    async with services(context).sessions() as session:
        events = await bot_events(session=session, limit=LISTED)
    keyboard = [
        [
            InlineKeyboardButton(
                clip(f"{event.name_vi} · {event_dates(event, lang)}", 60),
                callback_data=callbacks.event_open(event.id or 0),
            )
        ]
        for event in events
    ]
    keyboard.append([InlineKeyboardButton(plain(lang, "btn_event_new"), callback_data="ev:new")])
    text = render(lang, "event_menu" if events else "event_menu_none")
    await reply(update, text, InlineKeyboardMarkup(keyboard))


def _date_examples() -> dict[str, str]:
    """A day and a range of days as staff may type them, starting tomorrow."""
    tomorrow = datetime.now(VIETNAM_TIME).date() + timedelta(days=1)
    example = tomorrow.strftime("%d/%m/%Y")
    until = (tomorrow + timedelta(days=3)).strftime("%d/%m/%Y")
    return {"example": example, "example_range": f"{example} - {until}"}


async def _ask(update: Update, context: ContextTypes.DEFAULT_TYPE, step: int) -> None:
    lang = language(update, context)
    await reply(update, render(lang, QUESTIONS[step], **_date_examples()))


async def _event_dialogue(
    update: Update, context: ContextTypes.DEFAULT_TYPE, *steps: int
) -> Dialogue | None:
    """This staff member's /event dialogue when it is at one of `steps`; else the button has
    expired (and None)."""
    dialogue = await read_dialogue(update, context)
    if dialogue is None or dialogue.name != EVENT or dialogue.step not in steps:
        await expired(update, context)
        return None
    return dialogue


async def event_action_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await authorised(update, context):
        return
    action = pressed(context)
    if action == "new":
        await answer(update)
        await write_dialogue(update, context, Dialogue(EVENT, NAME_VI, {"id": None}))
        await _ask(update, context, NAME_VI)
        return
    dialogue = await _event_dialogue(
        update, context, *((DELETING,) if action == "yes" else (REVIEW, DELETING))
    )
    if dialogue is None:
        return
    await answer(update)
    lang = language(update, context)
    if action == "save":
        await _save(update, context, dialogue)
    elif action == "delete" and dialogue.draft.get("id"):
        await write_dialogue(update, context, Dialogue(EVENT, DELETING, dialogue.draft))
        keyboard = [
            [InlineKeyboardButton(plain(lang, "btn_event_delete_yes"), callback_data="ev:yes")],
            [InlineKeyboardButton(plain(lang, "btn_cancel"), callback_data="ev:cancel")],
        ]
        name = dialogue.draft["name_vi"]
        await reply(update, render(lang, "event_delete_confirm", name=name), _markup(keyboard))
    elif action == "yes":
        await _delete(update, context, dialogue)
    else:
        await write_dialogue(update, context, None)
        await reply(update, render(lang, "event_cancelled"))


def _markup(rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(rows)


async def _save(update: Update, context: ContextTypes.DEFAULT_TYPE, dialogue: Dialogue) -> None:
    user = update.effective_user
    if user is None:
        return
    lang = language(update, context)
    draft = dialogue.draft
    shared = services(context)
    try:
        async with shared.sessions() as session:
            event = await save_bot_event(
                session=session, fields=_fields(draft), event_id=draft.get("id"), staff_id=user.id
            )
            await shared.refresh(session=session)
    except NameTakenError:
        await reply(update, render(lang, "event_name_taken", name=draft["name_vi"]))
        return
    await write_dialogue(update, context, None)
    if event is None:
        await reply(update, render(lang, "expired"))
        return
    keyboard = [
        [
            InlineKeyboardButton(
                plain(lang, "btn_event_announce"),
                callback_data=callbacks.event_announce(event.id or 0),
            )
        ]
    ]
    await reply(update, render(lang, "event_saved", name=event.name_vi), _markup(keyboard))


async def _delete(update: Update, context: ContextTypes.DEFAULT_TYPE, dialogue: Dialogue) -> None:
    shared = services(context)
    async with shared.sessions() as session:
        deleted = await delete_bot_event(session=session, event_id=dialogue.draft.get("id") or 0)
        await shared.refresh(session=session)
    await write_dialogue(update, context, None)
    lang = language(update, context)
    if deleted is None:
        await reply(update, render(lang, "expired"))
        return
    await reply(update, render(lang, "event_deleted", name=deleted.name_vi))


def _fields(draft: dict[str, Any]) -> EventFields:
    return EventFields(
        name_vi=draft["name_vi"],
        name_en=draft["name_en"],
        starts_on=date.fromisoformat(draft["starts_on"]),
        ends_on=date.fromisoformat(draft["ends_on"]),
        venue=draft["venue"],
        ward=draft.get("ward"),
        ward_code=draft.get("ward_code"),
        point_name=draft.get("point_name"),
    )


def _draft_of(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "name_vi": event.name_vi,
        "name_en": event.name_en,
        "starts_on": event.starts_on.isoformat(),
        "ends_on": event.ends_on.isoformat(),
        "venue": event.venue,
        "ward": event.ward,
        "ward_code": event.ward_code,
        "point_name": event.point_name,
    }


async def event_open_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await authorised(update, context):
        return
    async with services(context).sessions() as session:
        event = await bot_event(session=session, event_id=int(pressed(context) or 0))
    if event is None:
        await expired(update, context)
        return
    await answer(update)
    await _review(update, context, _draft_of(event))


async def _review(
    update: Update, context: ContextTypes.DEFAULT_TYPE, draft: dict[str, Any]
) -> None:
    """The event as it would be saved, with Save, a button per field, (Delete) and Cancel."""
    draft.pop("back", None)
    await write_dialogue(update, context, Dialogue(EVENT, REVIEW, draft))
    lang = language(update, context)

    def button(key: str, data: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(plain(lang, key), callback_data=data)

    keyboard = [
        [button("btn_event_save", "ev:save")],
        [
            button(f"btn_event_{name}", callbacks.event_field(name))
            for name in ("name_vi", "name_en")
        ],
        [button(f"btn_event_{name}", callbacks.event_field(name)) for name in ("dates", "venue")],
        [button("btn_event_place", callbacks.event_field("place"))],
        [button("btn_cancel", "ev:cancel")],
    ]
    if draft.get("id"):
        keyboard[-1].insert(0, button("btn_event_delete", "ev:delete"))
    await reply(update, summary(draft, lang), _markup(keyboard))


def summary(draft: dict[str, Any], lang: Language) -> Html:
    title = (
        render(lang, "event_title_edit", id=draft["id"])
        if draft.get("id")
        else render(lang, "event_title_new")
    )
    event = Event(**_fields(draft).__dict__, source_url="")
    place = ", ".join(part for part in (draft.get("point_name"), draft.get("ward")) if part)
    return render(
        lang,
        "event_summary",
        title=title,
        name_vi=event.name_vi,
        name_en=event.name_en,
        dates=event_dates(event, lang),
        venue=event.venue,
        place=place or plain(lang, "event_place_none"),
    )


async def event_field_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await authorised(update, context):
        return
    dialogue = await _event_dialogue(update, context, REVIEW)
    if dialogue is None:
        return
    await answer(update)
    step = FIELD_STEPS[pressed(context) or ""]
    await write_dialogue(update, context, Dialogue(EVENT, step, {**dialogue.draft, "back": True}))
    await _ask(update, context, step)


async def event_ward_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await authorised(update, context):
        return
    dialogue = await _event_dialogue(update, context, PLACE)
    unit = hanoi_units().get(pressed(context) or "")
    if dialogue is None or unit is None:
        return
    await answer(update)
    place = {"ward": unit.name, "ward_code": unit.code, "point_name": None}
    await _review(update, context, {**dialogue.draft, **place})


async def event_typed(
    update: Update, context: ContextTypes.DEFAULT_TYPE, dialogue: Dialogue
) -> None:
    """A typed answer to the dialogue's current question."""
    message = update.effective_message
    if message is None:
        return
    lang = language(update, context)
    text = unicodedata.normalize("NFC", (message.text or "").strip())
    draft = dict(dialogue.draft)
    step = dialogue.step
    if step == DATES:
        days = parse_event_dates(text)
        if days is None:
            await reply(update, render(lang, "event_bad_dates", **_date_examples()))
            return
        draft["starts_on"], draft["ends_on"] = (day.isoformat() for day in days)
    elif step == PLACE:
        place = _place(context, text)
        if place is None:
            await _choose_place(update, context, text)
            return
        draft.update(place)
    elif not text or len(text) > TEXT_LIMIT:
        await reply(update, render(lang, "event_bad_text", limit=TEXT_LIMIT))
        return
    else:
        draft[{NAME_VI: "name_vi", NAME_EN: "name_en", VENUE: "venue"}[step]] = text
    if draft.get("back") or step == PLACE:
        await _review(update, context, draft)
        return
    await write_dialogue(update, context, Dialogue(EVENT, step + 1, draft))
    await _ask(update, context, step + 1)


def _place(context: ContextTypes.DEFAULT_TYPE, text: str) -> dict[str, str | None] | None:
    """Ward and point for the typed place: "-" for none, an OCOP point's name, or a ward."""
    if text in NO_PLACE:
        return {"ward": None, "ward_code": None, "point_name": None}
    live = services(context).live
    point = point_named(live.catalog.points, text)
    if point is not None:
        return {"ward": point.ward, "ward_code": point.ward_code, "point_name": point.name}
    unit = live.resolve_place(clip(text, TEXT_LIMIT)).unit
    if unit is not None:
        return {"ward": unit.name, "ward_code": unit.code, "point_name": None}
    return None


async def _choose_place(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    lang = language(update, context)
    place = clip(text, TEXT_LIMIT)
    units = services(context).live.resolve_place(place).choices
    keyboard = [
        [InlineKeyboardButton(unit.name, callback_data=callbacks.event_ward(unit.code))]
        for unit in units
    ]
    key = "event_place_choose" if units else "event_place_unknown"
    await reply(update, render(lang, key, place=place), _markup(keyboard))


async def event_announce_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Start /announce with a draft made from the event, in both languages."""
    if not await authorised(update, context):
        return
    event_id = int(pressed(context) or 0)
    event = next((e for e in services(context).live.catalog.events if e.id == event_id), None)
    if event is None:
        await expired(update, context)
        return
    await answer(update)
    await start_with_draft(update, context, announcement_text(event))


def announcement_text(event: Event) -> str:
    """Plain text (announcements go out as written): Vietnamese first, then English."""

    def one(lang: Language) -> str:
        venue = ", ".join(part for part in (event.venue, event.ward) if part)
        name = event.name_vi if lang == "vi" else event.name_en
        template = plain(lang, "event_announcement")
        return template.format(name=name, dates=event_dates(event, lang), venue=venue)

    return f"{one('vi')}\n\n{one('en')}"
