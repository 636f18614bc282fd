"""Staff announcements: /announce (write, choose the audience, preview, send or schedule),
/announcements, cancelling, and the report when a broadcast ends.

Every staff command and button checks authorisation again; a refusal is logged and answered
exactly like an unknown command or a stale button, so nobody learns that the command exists.
The dialogue's step and draft live in the database, so any instance can take the next step;
each step is saved before the bot answers, so a quick reply never finds the previous one.
"""

import logging
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes

from bot.broadcast.announcements import (
    BroadcastReport,
    audience_count,
    broadcast_report,
    cancel,
    confirm,
    create_announcement,
    list_announcements,
    schedule,
)
from bot.broadcast.staff import is_staff
from bot.catalog.hanoi import hanoi_units
from bot.geo.resolve import resolve_place
from bot.handlers import callbacks
from bot.handlers.common import NO_PREVIEW, QUERY_LIMIT, answer, expired, language, reply, services
from bot.store.broadcast import Announcement, AnnouncementStatus, Audience, DeliveryStatus, Topic
from bot.store.users import ANNOUNCE_DIALOGUE, drop_value, load_value, put_value
from bot.texts import Html, Language, clip, plain, render

logger = logging.getLogger(__name__)
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
TIME_FORMATS = ("%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M")
# Dialogue steps; END means no dialogue. TEXT, WARD and WHEN wait for typed text.
END, TEXT, AUDIENCE, WARD, CONFIRM, WHEN = range(-1, 5)
DIALOGUE_TIMEOUT = timedelta(minutes=30)  # an unfinished /announce is forgotten after this
DRAFT = "announce_draft"  # user_data key holding this update's draft: {"text", "photo", "id"}


async def load_dialogue(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """This user's dialogue step (END when none or too old); its draft goes to user_data."""
    user = update.effective_user
    if user is None or context.user_data is None:
        return END
    async with services(context).sessions() as session:
        saved = await load_value(session=session, user_id=user.id, token=ANNOUNCE_DIALOGUE)
    if not saved or datetime.fromisoformat(saved["since"]) < datetime.now(UTC) - DIALOGUE_TIMEOUT:
        return END
    context.user_data[DRAFT] = saved["draft"]
    return int(saved["step"])


async def save_dialogue(update: Update, context: ContextTypes.DEFAULT_TYPE, step: int) -> None:
    """Save the next step with this update's draft (END ends the dialogue)."""
    user = update.effective_user
    if user is None or context.user_data is None:
        return
    async with services(context).sessions() as session:
        if step == END:
            await drop_value(session=session, user_id=user.id, token=ANNOUNCE_DIALOGUE)
            return
        dialogue = {
            "step": step,
            "draft": context.user_data.get(DRAFT) or {},
            "since": datetime.now(UTC).isoformat(),
        }
        await put_value(session=session, user_id=user.id, token=ANNOUNCE_DIALOGUE, value=dialogue)


async def authorised(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the sender is staff; a refusal is logged and answered neutrally."""
    user = update.effective_user
    if user is not None:
        shared = services(context)
        async with shared.sessions() as session:
            if await is_staff(
                session=session, user_id=user.id, settings_staff_ids=shared.settings.staff_ids
            ):
                return True
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


async def staff_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before free-text search: a message a staff dialogue is waiting for goes there."""
    typed_step = {TEXT: draft_written, WARD: ward_typed, WHEN: time_typed}.get(
        await load_dialogue(update, context)
    )
    if typed_step is None:
        return
    if await authorised(update, context):
        await typed_step(update, context)
    raise ApplicationHandlerStop


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
    await reply(update, render(lang, "announce_audience"), InlineKeyboardMarkup(keyboard))


async def audience_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    match = callbacks.AUDIENCE.match(query.data or "") if query else None
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
    match = resolve_place(place, nicknames=services(context).live.place_nicknames)
    if match.unit is not None:
        await _preview(update, context, Audience.WARD, match.unit.code)
        return
    units = match.choices
    keyboard = [
        [InlineKeyboardButton(unit.name, callback_data=callbacks.audience(f"w{unit.code}"))]
        for unit in units
    ]
    await reply(update, render(lang, "place_unknown", place=place), InlineKeyboardMarkup(keyboard))


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
    """Exactly what subscribers receive (the sender sends plain text too)."""
    if announcement.photo:
        await context.bot.send_photo(chat_id, announcement.photo, caption=announcement.text)
    else:
        await context.bot.send_message(chat_id, announcement.text)


async def decision_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send now, schedule or cancel a previewed announcement (also from /announcements)."""
    query = update.callback_query
    match = callbacks.DECISION.match(query.data or "") if query else None
    if not await authorised(update, context) or query is None or match is None:
        return
    action, announcement_id = match[1], int(match[2])
    lang = language(update, context)
    shared = services(context)
    async with shared.sessions() as session:
        recipients = 0
        if action == "send":
            done = await confirm(session=session, announcement_id=announcement_id)
            report = await broadcast_report(session=session, announcement_id=announcement_id)
            recipients = report.recipients if report else 0
        elif action == "cancel":
            done = await cancel(session=session, announcement_id=announcement_id)
        else:
            done = await _is_open(session, announcement_id)
    if not done:
        await expired(update, context)
        return
    await answer(update)
    if action == "send":
        shared.sender.wake()
        text = render(lang, "announce_queued", id=announcement_id, count=recipients)
    elif action == "cancel":
        text = render(lang, "announce_cancelled")
    else:
        if context.user_data is not None:
            context.user_data[DRAFT] = {"id": announcement_id}
        text = render(lang, "announce_schedule_prompt", example=_example_time())
    await save_dialogue(update, context, WHEN if action == "when" else END)
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW)


async def _is_open(session: AsyncSession, announcement_id: int) -> bool:
    found = await session.get(Announcement, announcement_id)
    return found is not None and found.status in (
        AnnouncementStatus.DRAFT,
        AnnouncementStatus.SCHEDULED,
    )


def _example_time() -> str:
    soon = datetime.now(HANOI) + timedelta(days=1)
    return soon.replace(hour=8, minute=0).strftime(TIME_FORMATS[0])


def parse_local_time(text: str) -> datetime | None:
    """A Vietnam-time moment typed by staff, as an aware datetime; None if unreadable."""
    for time_format in TIME_FORMATS:
        try:
            return datetime.strptime(text.strip(), time_format).replace(tzinfo=HANOI)
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
    if at is None or at <= datetime.now(HANOI):
        await reply(update, render(lang, "announce_bad_time", example=_example_time()))
        return
    await save_dialogue(update, context, END)
    async with services(context).sessions() as session:
        scheduled = await schedule(session=session, announcement_id=draft.get("id", 0), at=at)
    if not scheduled:
        await reply(update, render(lang, "expired"))
        return
    shown = at.strftime(TIME_FORMATS[1])
    await reply(update, render(lang, "announce_scheduled", id=draft["id"], at=shown))


async def cancel_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/cancel ends a staff dialogue; without one it is as unknown as any other command."""
    if await load_dialogue(update, context) == END:
        await reply(update, render(language(update, context), "unknown_command"))
        return
    await save_dialogue(update, context, END)
    await reply(update, render(language(update, context), "announce_cancelled"))


def announcement_line(report: BroadcastReport, lang: Language) -> Html:
    announcement = report.announcement
    counts = report.counts
    return render(
        lang,
        "announcement_line",
        id=announcement.id,
        status=plain(lang, f"status_{announcement.status.value}"),
        created=announcement.created_at.astimezone(HANOI).strftime(TIME_FORMATS[1]),
        sent=counts.get(DeliveryStatus.SENT, 0),
        queued=counts.get(DeliveryStatus.PENDING, 0) + counts.get(DeliveryStatus.SENDING, 0),
        failed=counts.get(DeliveryStatus.FAILED, 0) + counts.get(DeliveryStatus.UNCONFIRMED, 0),
        blocked=counts.get(DeliveryStatus.BLOCKED, 0),
        preview=clip(announcement.text, 80),
    )


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
    await application.bot.send_message(
        report.announcement.created_by, text, parse_mode=ParseMode.HTML
    )
