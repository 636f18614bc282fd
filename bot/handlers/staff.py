"""Staff announcements: /announce (write, choose the audience, preview, send or schedule),
/announcements, cancelling, and the report when a broadcast ends.

Every staff command and button checks authorisation again; a refusal is logged and answered
exactly like an unknown command or a stale button, so nobody learns that the command exists.
The dialogue's step and draft live in the database, so any instance can take the next step;
each step is saved before the bot answers, so a quick reply never finds the previous one.
"""

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, ContextTypes

from bot.broadcast.announcements import (
    BroadcastReport,
    adopt,
    announcement_audience_count,
    audience_count,
    broadcast_report,
    cancel,
    confirm,
    create_announcement,
    list_announcements,
    schedule,
    take_catalog_drafts,
)
from bot.broadcast.staff import list_staff
from bot.broadcast.telegram_send import Footer
from bot.geo.hanoi import VIETNAM_TIME, hanoi_units
from bot.geo.resolve import PlaceKind
from bot.handlers import callbacks
from bot.handlers.common import (
    QUERY_LIMIT,
    answer,
    current_user,
    expired,
    language,
    reply,
    services,
)
from bot.handlers.dialogue import ANNOUNCE, Dialogue, read_dialogue, write_dialogue
from bot.store.broadcast import Announcement, AnnouncementStatus, Audience, DeliveryStatus, Topic
from bot.texts import LANGUAGES, Html, Language, clip, plain, render

logger = logging.getLogger(__name__)
TIME_FORMATS = ("%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M")
# Dialogue steps; END means no dialogue. TEXT, WARD and WHEN wait for typed text.
END, TEXT, AUDIENCE, WARD, CONFIRM, WHEN = range(-1, 5)
# An announcement goes out exactly as staff wrote it: plain text, link previews on, whatever
# the Application's defaults (HTML, no previews) say for the bot's own messages.
AS_WRITTEN: dict[str, Any] = {"parse_mode": None, "link_preview_options": None}
DRAFT = "announce_draft"  # user_data key holding this update's draft: {"text", "photo", "id"}
PREVIEW = 60  # characters of an announcement that name it in a message
MAX_WARD_CHOICES = 12


def news_footer() -> Footer:
    """The footer under every announcement, in both languages (one message for every reader)."""
    names = " · ".join(plain(lang, "news_footer") for lang in LANGUAGES)
    return Footer(
        text=f"— 🔔 {names}: /settings",
        button=" / ".join(plain(lang, "btn_news_settings") for lang in LANGUAGES),
        callback_data=callbacks.NEWS_SETTINGS_DATA,
    )


async def load_dialogue(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """This user's /announce step (END when none, too old, or another dialogue); its draft
    goes to user_data."""
    dialogue = await read_dialogue(update, context)
    if dialogue is None or dialogue.name != ANNOUNCE or context.user_data is None:
        return END
    context.user_data[DRAFT] = dialogue.draft
    return dialogue.step


async def save_dialogue(update: Update, context: ContextTypes.DEFAULT_TYPE, step: int) -> None:
    """Save the next step with this update's draft (END ends the dialogue)."""
    if context.user_data is None:
        return
    draft = context.user_data.get(DRAFT) or {}
    await write_dialogue(update, context, None if step == END else Dialogue(ANNOUNCE, step, draft))


async def authorised(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the sender is staff (as the user gate read it for this update); a refusal is
    logged and answered neutrally."""
    if current_user(context).staff:
        return True
    user = update.effective_user
    logger.warning("Refused a staff action from user %s", user.id if user else None)
    if update.callback_query:
        await expired(update, context)
    else:
        await reply(update, render(language(update, context), "unknown_command"))
    return False


async def announce(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await authorised(update, context) or context.user_data is None:
        return
    context.user_data[DRAFT] = {}
    await save_dialogue(update, context, TEXT)
    await reply(update, render(language(update, context), "announce_prompt"))


async def draft_written(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or context.user_data is None:
        return
    photo = message.photo[-1].file_id if message.photo else None
    text = message.caption if photo else message.text
    if not text:
        await reply(update, render(language(update, context), "announce_need_text", limit=1024))
        return
    context.user_data[DRAFT] = {"text": text, "photo": photo}
    await save_dialogue(update, context, AUDIENCE)
    await ask_audience(update, context, render(language(update, context), "announce_audience"))


async def start_with_draft(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """/announce with `text` already written (a draft made from an event): show it exactly as
    subscribers would see it, then ask for the audience."""
    chat = update.effective_chat
    if context.user_data is None or chat is None:
        return
    context.user_data[DRAFT] = {"text": text, "photo": None}
    await save_dialogue(update, context, AUDIENCE)
    await send_as_subscribers_see(context, chat.id, text, photo=None)
    await ask_audience(update, context, render(language(update, context), "event_announce_intro"))


async def ask_audience(update: Update, context: ContextTypes.DEFAULT_TYPE, question: Html) -> None:
    lang = language(update, context)

    def choice(label: str, data: str) -> list[InlineKeyboardButton]:
        return [InlineKeyboardButton(label, callback_data=data)]

    keyboard = [
        choice(plain(lang, "audience_everyone"), callbacks.audience("everyone")),
        *(
            choice(
                render(lang, "audience_topic", topic=plain(lang, f"topic_{topic.value}")),
                callbacks.audience(topic.value),
            )
            for topic in Topic
        ),
        choice(plain(lang, "btn_audience_ward"), callbacks.audience("ward")),
    ]
    await reply(update, question, InlineKeyboardMarkup(keyboard))


async def audience_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    match = context.match
    if not await authorised(update, context) or match is None:
        return
    if await load_dialogue(update, context) not in (AUDIENCE, WARD):
        await expired(update, context)
        return
    await answer(update)
    choice = match[1]
    if choice == "ward":
        await save_dialogue(update, context, WARD)
        await reply(update, render(language(update, context), "announce_ward_prompt"))
    elif choice.startswith("w"):
        if choice[1:] in hanoi_units():
            await _preview(update, context, Audience.WARD, choice[1:])
    elif choice == "everyone":
        await _preview(update, context, Audience.EVERYONE, None)
    else:
        await _preview(update, context, Audience.TOPIC, choice)


async def ward_typed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or not message.text:
        return
    lang = language(update, context)
    place = clip(message.text, QUERY_LIMIT)
    match = services(context).live.resolve_place(place)
    if match.unit is not None:
        await _preview(update, context, Audience.WARD, match.unit.code)
        return
    if match.kind is PlaceKind.ELSEWHERE:
        await reply(update, render(lang, "place_elsewhere", place=match.label or place))
        return
    if match.kind is PlaceKind.UNKNOWN:
        text = render(lang, "place_unknown", place=place)
        units = match.suggestions
        if units:
            text = Html(f"{text}\n{render(lang, 'place_suggestions')}")
    else:  # an old district or an ambiguous name: its wards, as /near offers them
        text = render(lang, "place_ambiguous", place=match.label or place)
        units = match.units
    keyboard = [
        [InlineKeyboardButton(unit.name, callback_data=callbacks.audience(f"w{unit.code}"))]
        for unit in units[:MAX_WARD_CHOICES]
    ]
    await reply(update, text, InlineKeyboardMarkup(keyboard))


def audience_label(lang: Language, audience: Audience, value: str | None) -> str:
    if audience is Audience.TOPIC and value:
        return render(lang, "audience_topic", topic=plain(lang, f"topic_{value}"))
    if audience is Audience.WARD and value:
        unit = hanoi_units().get(value)
        return render(lang, "audience_ward", ward=unit.name if unit else value)
    return plain(lang, "audience_everyone")


async def _preview(
    update: Update, context: ContextTypes.DEFAULT_TYPE, audience: Audience, value: str | None
) -> None:
    draft = context.user_data.get(DRAFT) if context.user_data is not None else None
    user, chat = update.effective_user, update.effective_chat
    if not draft or user is None or chat is None:
        return
    lang = language(update, context)
    async with services(context).sessions() as session:
        announcement = await create_announcement(
            session=session,
            text=draft["text"],
            photo=draft["photo"],
            audience=audience,
            audience_value=value,
            created_by=user.id,
            language=lang,
        )
        count = await audience_count(session=session, audience=audience, audience_value=value)
    assert announcement.id is not None
    await save_dialogue(update, context, CONFIRM)
    await send_announcement(context, chat.id, announcement)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    plain(lang, "btn_send_now"),
                    callback_data=callbacks.decision("send", announcement.id),
                ),
                InlineKeyboardButton(
                    plain(lang, "btn_schedule"),
                    callback_data=callbacks.decision("when", announcement.id),
                ),
            ],
            [
                InlineKeyboardButton(
                    plain(lang, "btn_cancel"),
                    callback_data=callbacks.decision("cancel", announcement.id),
                )
            ],
        ]
    )
    label = audience_label(lang, audience, value)
    await reply(update, render(lang, "announce_preview", audience=label, count=count), keyboard)


async def send_announcement(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, announcement: Announcement
) -> None:
    """Exactly what subscribers receive, footer and button included (plain text, as written)."""
    await send_as_subscribers_see(context, chat_id, announcement.text, photo=announcement.photo)


async def send_as_subscribers_see(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, written: str, *, photo: str | None
) -> None:
    footer = news_footer()
    text = footer.below(written, photo=photo is not None)
    if photo:
        await context.bot.send_photo(
            chat_id, photo, caption=text, reply_markup=footer.markup(), **AS_WRITTEN
        )
    else:
        await context.bot.send_message(chat_id, text, reply_markup=footer.markup(), **AS_WRITTEN)


async def decision_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send now, schedule or cancel a previewed announcement (also from /announcements)."""
    query = update.callback_query
    match = context.match
    if not await authorised(update, context) or query is None or match is None:
        return
    action, announcement_id = match[1], int(match[2])
    lang = language(update, context)
    shared = services(context)
    user_id = update.effective_user.id if update.effective_user else 0
    async with shared.sessions() as session:
        recipients = 0
        if action == "send" and not await announcement_audience_count(
            session=session, announcement_id=announcement_id
        ):
            done = await _is_open(session, announcement_id)
            if done:
                await answer(update)
                await query.edit_message_text(
                    render(lang, "announce_nobody", id=announcement_id),
                    reply_markup=_nobody_keyboard(lang, announcement_id),
                )
                return
        elif action in ("send", "force"):
            await adopt(session=session, announcement_id=announcement_id, user_id=user_id)
            done = await confirm(session=session, announcement_id=announcement_id)
            report = await broadcast_report(session=session, announcement_id=announcement_id)
            recipients = report.recipients if report else 0
        elif action == "cancel":
            found = await session.get(Announcement, announcement_id)
            preview = clip(found.text, PREVIEW) if found else ""
            done = await cancel(session=session, announcement_id=announcement_id)
        else:
            done = await _is_open(session, announcement_id)
    if not done:
        await expired(update, context)
        return
    await answer(update)
    if action in ("send", "force"):
        shared.sender.wake()
        text = render(lang, "announce_queued", id=announcement_id, count=recipients)
    elif action == "cancel":
        text = render(lang, "announce_cancelled", id=announcement_id, preview=preview)
    else:
        if context.user_data is not None:
            context.user_data[DRAFT] = {"id": announcement_id}
        text = render(lang, "announce_schedule_prompt", example=_example_time())
    await save_dialogue(update, context, WHEN if action == "when" else END)
    await query.edit_message_text(text)


def _nobody_keyboard(lang: Language, announcement_id: int) -> InlineKeyboardMarkup:
    def button(key: str, action: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            plain(lang, key), callback_data=callbacks.decision(action, announcement_id)
        )

    return InlineKeyboardMarkup(
        [
            [button("btn_send_anyway", "force"), button("btn_schedule", "when")],
            [button("btn_cancel", "cancel")],
        ]
    )


async def _is_open(session: AsyncSession, announcement_id: int) -> bool:
    found = await session.get(Announcement, announcement_id)
    return found is not None and found.status in (
        AnnouncementStatus.DRAFT,
        AnnouncementStatus.SCHEDULED,
    )


def _example_time() -> str:
    soon = datetime.now(VIETNAM_TIME) + timedelta(days=1)
    return soon.replace(hour=8, minute=0).strftime(TIME_FORMATS[0])


def parse_local_time(text: str) -> datetime | None:
    """A Vietnam-time moment typed by staff, as an aware datetime; None if unreadable."""
    for time_format in TIME_FORMATS:
        try:
            return datetime.strptime(text.strip(), time_format).replace(tzinfo=VIETNAM_TIME)
        except ValueError:
            continue
    return None


async def time_typed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or context.user_data is None:
        return
    lang = language(update, context)
    draft = context.user_data.get(DRAFT) or {}
    at = parse_local_time(message.text or "")
    if at is None:
        await reply(update, render(lang, "announce_bad_time", example=_example_time()))
        return
    if at <= datetime.now(VIETNAM_TIME):
        shown = at.strftime(TIME_FORMATS[1])
        await reply(update, render(lang, "announce_past_time", at=shown, example=_example_time()))
        return
    await save_dialogue(update, context, END)
    async with services(context).sessions() as session:
        scheduled = await schedule(session=session, announcement_id=draft.get("id", 0), at=at)
    if not scheduled:
        await reply(update, render(lang, "expired"))
        return
    shown = at.strftime(TIME_FORMATS[1])
    await reply(update, render(lang, "announce_scheduled", id=draft["id"], at=shown))


def announcement_line(report: BroadcastReport, lang: Language) -> Html:
    announcement = report.announcement
    counts = report.counts
    scheduled = announcement.scheduled_at
    if announcement.status is AnnouncementStatus.SCHEDULED and scheduled is not None:
        when = render(lang, "announcement_goes_out", at=_local(scheduled))
    else:
        when = render(lang, "announcement_created", at=_local(announcement.created_at))
    return render(
        lang,
        "announcement_line",
        id=announcement.id,
        status=plain(lang, f"status_{announcement.status.value}"),
        when=when,
        sent=counts.get(DeliveryStatus.SENT, 0),
        queued=counts.get(DeliveryStatus.PENDING, 0) + counts.get(DeliveryStatus.SENDING, 0),
        failed=counts.get(DeliveryStatus.FAILED, 0) + counts.get(DeliveryStatus.UNCONFIRMED, 0),
        blocked=counts.get(DeliveryStatus.BLOCKED, 0),
        preview=clip(announcement.text, 80),
    )


def _local(moment: datetime) -> str:
    return moment.astimezone(VIETNAM_TIME).strftime(TIME_FORMATS[1])


async def announcements(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await authorised(update, context):
        return
    lang = language(update, context)
    async with services(context).sessions() as session:
        reports = await list_announcements(session=session, limit=10)
    lines = [render(lang, "announcements_header")]
    lines += [announcement_line(report, lang) for report in reports]
    if not reports:
        lines.append(render(lang, "announcements_none"))
    keyboard = [
        [
            InlineKeyboardButton(
                plain(lang, "btn_cancel_announcement").format(id=report.announcement.id),
                callback_data=callbacks.decision("cancel", report.announcement.id or 0),
            )
        ]
        for report in reports
        if report.announcement.status not in (AnnouncementStatus.DONE, AnnouncementStatus.CANCELLED)
    ]
    await reply(update, Html("\n\n".join(lines)), InlineKeyboardMarkup(keyboard))


async def report_to_staff(
    application: Application,  # type: ignore[type-arg]
    announcement_id: int,
    report: BroadcastReport,
) -> None:
    """When a broadcast ends: counts and duration, to the staff member who wrote it."""
    lang: Language = "en" if report.announcement.language == "en" else "vi"
    duration = report.duration
    counts = report.counts
    text = render(
        lang,
        "broadcast_report",
        id=announcement_id,
        sent=counts.get(DeliveryStatus.SENT, 0),
        failed=counts.get(DeliveryStatus.FAILED, 0),
        blocked=counts.get(DeliveryStatus.BLOCKED, 0),
        unconfirmed=counts.get(DeliveryStatus.UNCONFIRMED, 0),
        skipped=counts.get(DeliveryStatus.SKIPPED, 0),
        duration=f"{duration.total_seconds():.1f} s" if duration else "–",
    )
    await application.bot.send_message(report.announcement.created_by, text)


async def offer_catalog_drafts(context: ContextTypes.DEFAULT_TYPE) -> None:
    """A job: drafts that `catalog load` made for new points of sale go to every staff member
    for review, once across instances (taking a draft is a conditional UPDATE). Nothing is
    sent to subscribers until a staff member presses Send."""
    shared = services(context)
    async with shared.sessions() as session:
        drafts = await take_catalog_drafts(session=session)
        if not drafts:
            return
        staff = set(shared.settings.staff_ids) | {
            row.user_id for row in await list_staff(session=session)
        }
    for announcement in drafts:
        assert announcement.id is not None
        for user_id in sorted(staff):
            try:
                await _offer(context, user_id, announcement, announcement.id)
            except Exception:
                logger.exception("could not offer draft %d to a staff member", announcement.id)


async def _offer(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, announcement: Announcement, draft_id: int
) -> None:
    lang: Language = "vi"
    await send_announcement(context, chat_id, announcement)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    plain(lang, "btn_send_now"), callback_data=callbacks.decision("send", draft_id)
                ),
                InlineKeyboardButton(
                    plain(lang, "btn_schedule"), callback_data=callbacks.decision("when", draft_id)
                ),
            ],
            [
                InlineKeyboardButton(
                    plain(lang, "btn_cancel"), callback_data=callbacks.decision("cancel", draft_id)
                )
            ],
        ]
    )
    count = announcement.text.split("\n\n")[0].count("\n• ")  # the shops, in one language
    await context.bot.send_message(
        chat_id, render(lang, "new_shops_offer", count=count), reply_markup=keyboard
    )
